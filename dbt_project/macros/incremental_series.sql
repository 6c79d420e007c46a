{#- Incremental models of the series rules (outlier, missing_period, unit_magnitude_jump): a
    flag depends only on the figures of its series within a bounded span of months around it,
    its rule's REACH, so a new figure changes only the flags of its series within that reach.

    A series group is one region x indicator (every period type and measure of it, the widest
    series these rules read). For each group in which a figure got a new vintage since the
    model's last build (a new month, or an old month that a late or revised file republished;
    the watermark is the one of the month-scoped models, incremental_reach.sql), the build
    takes the earliest such month (changed_month) and
    - deletes (pre-hook) and recomputes the group's rows from first_recomputed on:
      changed_month less the months a figure reaches back (`back`);
    - reads the group's figures from first_read on: first_recomputed less the months a
      recomputed row looks back (`lookback`).
    Rows before first_recomputed and the rows of every other group stay. A new month recomputes
    the tail of its series; a late revision of an old month recomputes from there on.

    A model describes its reach once, as a dict passed to every macro here:
      rule: its rule_code in the catalogue (seeds/dq_rules.csv);
      thresholds: the catalogue thresholds its reach reads;
      back, lookback: SQL expressions in months, over those thresholds and changed_month
        (a month index, year * 12 + month, as dq_figures.month_index). -#}

{#- Per changed series group: region_code, indicator_code, first_recomputed, first_read. -#}
{% macro series_reach(reach) -%}
    select
        changed.region_code,
        changed.indicator_code,
        changed.changed_month - ({{ reach.back }}) as first_recomputed,
        changed.changed_month - ({{ reach.back }}) - ({{ reach.lookback }}) as first_read
    from (
        select
            figures.region_code,
            figures.indicator_code,
            min(figures.month_index) as changed_month
        from {{ ref('dq_figures') }} as figures
        where figures.vintage_at >= ({{ model_watermark() }})
        group by figures.region_code, figures.indicator_code
    ) as changed
    cross join (
        with rules as (select * from {{ ref('dq_rules') }})
        {{ dq_rule(reach.rule, reach.thresholds) }}
    ) as this_rule
{%- endmacro %}

{#- A condition (for the pre-hook's delete): the row `row` (its region_code and indicator_code,
    and its month index `month`) lies in a changed group at or after the reach's column `since`
    (first_recomputed or first_read). -#}
{% macro in_series_reach(reach, row, month, since) -%}
    exists (
        select 1
        from ({{ series_reach(reach) }}) as reach
        where
            reach.region_code = {{ row }}.region_code
            and reach.indicator_code = {{ row }}.indicator_code
            and {{ month }} >= reach.{{ since }}
    )
{%- endmacro %}

{#- A query: the rows of `relation` (as `alias`) that a build of a model with a reach reads
    or writes: all of them in a full build; in an incremental build those of each changed
    series group (the CTE changed_reach) whose month index `month` is at or after the reach's
    column `since` (first_read or first_recomputed). A join, not a correlated EXISTS: changed_reach
    holds one row per group, and DuckDB plans the join far cheaper (a national slice's outlier
    build: 44 s of CPU with the EXISTS, 36 s with the join). -#}
{% macro rows_in_reach(relation, alias, month, since) -%}
    select {{ alias }}.* from {{ relation }} as {{ alias }}
    {%- if is_incremental() %}
    inner join changed_reach
        on
            {{ alias }}.region_code = changed_reach.region_code
            and {{ alias }}.indicator_code = changed_reach.indicator_code
            and {{ month }} >= changed_reach.{{ since }}
    {%- endif %}
{%- endmacro %}

{#- pre-hook of an incremental build: delete the rows it recomputes. -#}
{% macro delete_series_reach(reach) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ in_series_reach(reach, this, month_index(this ~ '.period_end'), 'first_recomputed') }}
    {%- endif -%}
{%- endmacro %}

{#- The config of a model built incrementally by reach: delete the rows it recomputes
    (pre-hook), append them recomputed, record the watermark (post-hook). The reach travels
    into the hook as its literal (its SQL holds no quotes). -#}
{% macro incremental_by_reach(reach) -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_series_reach(" ~ reach ~ ") }}",
        post_hook="{{ record_incremental_watermark() }}"
    ) }}
{%- endmacro %}

{#- The CTEs `changed_reach` (in an incremental build: the series' earliest changed months) and
    `figures` (the dq_figures a build of a model with this reach reads: all of them in a full
    build, else each changed series group from its lookback on) that open each of these
    models. -#}
{% macro figures_in_reach(reach) -%}
{% if is_incremental() %}
    changed_reach as (
        {{ series_reach(reach) }}
    ),
{% endif %}

figures as (
    {{ rows_in_reach(ref('dq_figures'), 'dq_figures', 'dq_figures.month_index', 'first_read') }}
)
{%- endmacro %}
