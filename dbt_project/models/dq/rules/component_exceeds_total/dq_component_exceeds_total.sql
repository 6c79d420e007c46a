-- component_exceeds_total: a part cannot exceed its total. Parts are an indicator and its
-- parent indicator in the code list (工业投资 within 固定资产投资), and a region and its
-- parent region (a district within its city), for the same period. Flagged when the part
-- is larger beyond the rounding of both figures,
--   part - h(part) > total + h(total).
-- An error: this must hold in any correct data set. A ratio of about 10^4 is a unit slip.
-- Incremental (see incremental_reach): parts and totals of the same period, so a build
-- recomputes the months new files reach ('same_month').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('same_month') }}

with figures as (
    select * from {{ ref('dq_figures') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('same_month') }})
    {% endif %}
),

regions as (
    select * from {{ ref('dim_region') }}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('component_exceeds_total') }}
),

unit_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance']) }}
),

parts as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity
    from figures
    cross join this_rule
    where
        figures.value is not null
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

totals as (
    select *
    from figures
    where value is not null
),

indicator_pairs as (
    select
        parts.*,
        totals.indicator_code as total_key,
        totals.indicator_name as total_name,
        totals.value as total_value,
        totals.value_half_width as total_half_width,
        totals.vintage_at as total_vintage_at
    from parts
    inner join totals
        on
            parts.region_code = totals.region_code
            and parts.parent_indicator_code = totals.indicator_code
            and parts.period_type = totals.period_type
            and parts.period_end = totals.period_end
),

region_pairs as (
    select
        parts.*,
        totals.region_code as total_key,
        totals.region_name as total_name,
        totals.value as total_value,
        totals.value_half_width as total_half_width,
        totals.vintage_at as total_vintage_at
    from parts
    inner join regions
        on parts.region_code = regions.region_code
    inner join totals
        on
            regions.parent_region_code = totals.region_code
            and parts.indicator_code = totals.indicator_code
            and parts.period_type = totals.period_type
            and parts.period_end = totals.period_end
),

pairs as (
    select * from indicator_pairs
    union all
    select * from region_pairs
),

flagged as (
    select
        pairs.*,
        pairs.total_value + pairs.total_half_width + pairs.value_half_width as expected_high,
        coalesce(
            case
                when pairs.total_value > 0
                    then {{ unit_slip_diagnosis('pairs.value / pairs.total_value', directional=false) }}
            end,
            'part_exceeds_total'
        ) as diagnosis
    from pairs
    cross join unit_rule
    where
        (pairs.value - pairs.value_half_width)
        - (pairs.total_value + pairs.total_half_width) > {{ dq_epsilon() }}
),

final as (
    select
        {{ anomaly_id('flagged', 'flagged.total_key') }} as anomaly_id,
        flagged.rule_code,
        flagged.severity,
        flagged.region_code,
        flagged.region_name,
        flagged.indicator_code,
        flagged.indicator_name,
        flagged.period_type,
        flagged.period_end,
        'value' as observed_measure,
        flagged.value as observed,
        cast(null as double precision) as expected_low,
        flagged.expected_high,
        flagged.diagnosis,
        flagged.total_key,
        flagged.total_value,
        {{ fact_label_zh('flagged') }}
        || ':' || {{ format_figure('flagged.value') }} || flagged.unit
        || '大于其总量' || flagged.total_name || '的' || {{ format_figure('flagged.total_value') }}
        || flagged.unit || '(舍入误差内至多' || {{ format_number('flagged.expected_high', 4) }} || ')'
        || {{ diagnosis_zh('flagged.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': ' || {{ format_figure('flagged.value') }} || ' ' || flagged.unit
        || ' exceeds its total (' || flagged.total_name || ') of '
        || {{ format_figure('flagged.total_value') }} || ' (at most '
        || {{ format_number('flagged.expected_high', 4) }} || ' allowing for rounding)'
        || {{ diagnosis_en('flagged.diagnosis') }} || '.' as message,
        flagged.source_file_id,
        greatest(flagged.vintage_at, flagged.total_vintage_at) as detected_at
    from flagged
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'same_month') }}
{% endif %}
