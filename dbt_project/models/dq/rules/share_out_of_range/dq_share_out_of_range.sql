-- share_out_of_range: a rate or share must lie in its valid range, [low, high] from the
-- catalogue ([0, 100] %, or an indicator's own <code>.low / <code>.high), beyond rounding:
--   x + h < low  or  x - h > high.
-- An error: a share of 105.9 % or -3 % cannot be right.
-- Incremental (see incremental_reach): each figure is judged alone, so a build recomputes the
-- months new files reach ('same_month').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('same_month') }}

with figures as (
    select * from {{ ref('dq_figures') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('same_month') }})
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('share_out_of_range') }}
),

rates as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity,
        coalesce(
            {{ dq_threshold_by('this_rule.thresholds', "figures.indicator_code || '.low'") }},
            {{ dq_threshold('this_rule.thresholds', 'low') }}
        ) as valid_low,
        coalesce(
            {{ dq_threshold_by('this_rule.thresholds', "figures.indicator_code || '.high'") }},
            {{ dq_threshold('this_rule.thresholds', 'high') }}
        ) as valid_high
    from figures
    cross join this_rule
    where
        figures.value is not null
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

flagged as (
    select *
    from rates
    where
        valid_low - (value + value_half_width) > {{ dq_epsilon() }}
        or (value - value_half_width) - valid_high > {{ dq_epsilon() }}
),

final as (
    select
        {{ anomaly_id('flagged') }} as anomaly_id,
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
        flagged.valid_low as expected_low,
        flagged.valid_high as expected_high,
        'out_of_range' as diagnosis,
        {{ fact_label_zh('flagged') }}
        || ':' || {{ format_figure('flagged.value') }} || flagged.unit
        || '超出有效区间' || {{ format_figure('flagged.valid_low') }} || '~'
        || {{ format_figure('flagged.valid_high') }} || flagged.unit || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': ' || {{ format_figure('flagged.value') }} || ' ' || flagged.unit
        || ' lies outside its valid range ' || {{ format_figure('flagged.valid_low') }} || ' to '
        || {{ format_figure('flagged.valid_high') }} || ' ' || flagged.unit || '.' as message,
        flagged.source_file_id,
        flagged.vintage_at as detected_at
    from flagged
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'same_month') }}
{% endif %}
