{#- dq_unit_magnitude_jump, built incrementally: the figures whose flag a build recomputes.

    A figure's neighbours are the `neighbours` nearest figures on each side by position in its
    series (region x indicator, ordered by period end and type). A changed month c changes the
    figures in c, and the neighbourhood of a figure only if its window of positions reaches into
    c: figures more than `neighbours` positions before the last figure preceding c, or after the
    first figure following c, keep the same neighbours with the same values (positions after c
    may all shift, but together). So a build recomputes, per series and changed month, the
    positions from (last before c) - neighbours to (first after c) + neighbours. Numbering the
    series reads every figure once; the neighbourhood medians, most of the cost, are computed
    for those figures only. -#}
{% macro unit_jump_recomputed_figures() -%}
    with rules as (
        select * from {{ ref('dq_rules') }}
    ),

    this_rule as (
        {{ dq_rule('unit_magnitude_jump', ['neighbours']) }}
    ),

    positions as (
        select
            figures.region_code,
            figures.indicator_code,
            figures.period_type,
            figures.period_end,
            figures.month_index,
            this_rule.neighbours,
            row_number() over (
                partition by figures.region_code, figures.indicator_code
                order by figures.period_end, figures.period_type
            ) as position_in_series
        from {{ ref('int_dq_figures') }} as figures
        cross join this_rule
        where
            figures.value > 0
            and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
    ),

    changed as (
        {{ changed_months() }}
    ),

    spans as (
        select
            positions.region_code,
            positions.indicator_code,
            coalesce(
                max(case when positions.month_index < changed.month_index then positions.position_in_series end),
                0
            ) - max(positions.neighbours) as first_position,
            coalesce(
                min(case when positions.month_index > changed.month_index then positions.position_in_series end),
                max(positions.position_in_series) + 1
            ) + max(positions.neighbours) as last_position
        from positions
        cross join changed
        group by positions.region_code, positions.indicator_code, changed.month_index
    )

    select distinct
        positions.region_code,
        positions.indicator_code,
        positions.period_type,
        positions.period_end
    from positions
    inner join spans
        on
            positions.region_code = spans.region_code
            and positions.indicator_code = spans.indicator_code
            and positions.position_in_series between spans.first_position and spans.last_position
{%- endmacro %}

{#- pre-hook: delete the flags a build recomputes, and every flag in a changed month (a figure
    that is no longer positive has no position, and its flag goes). -#}
{% macro delete_unit_jump_reach() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            {{ in_incremental_reach('period_end', 'same_month') }}
            or (region_code, indicator_code, period_type, period_end) in ({{ unit_jump_recomputed_figures() }})
    {%- endif -%}
{%- endmacro %}
