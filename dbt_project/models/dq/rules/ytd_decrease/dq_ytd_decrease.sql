-- ytd_decrease: a cumulative flow can only grow through the year, so a year-to-date figure
-- below the previous published one of the same year, beyond the rounding of both,
--   X(m) + h(m) < X(prev) - h(prev),
-- is flagged. A warning, not an error: a statistical audit (核减) can legitimately lower a
-- reported cumulative figure. A drop by a factor of about 10^4 is diagnosed as a unit slip.
-- Incremental (see incremental_reach): the previous published year to date of the same year,
-- however far back, so a build recomputes the months new files reach ('rest_of_year').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('rest_of_year') }}

with figures as (
    select * from {{ ref('dq_figures') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('rest_of_year', months_back=11) }})
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('ytd_decrease') }}
),

unit_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance']) }}
),

cumulative as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity
    from figures
    cross join this_rule
    where
        figures.series_kind = 'ytd'
        and figures.is_series_point
        and figures.value is not null
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

sequenced as (
    select
        *,
        lag(value) over same_year as previous_value,
        lag(value_half_width) over same_year as previous_half_width,
        lag(period_type) over same_year as previous_period_type,
        lag(period_end) over same_year as previous_period_end
    from cumulative
    window same_year as (partition by region_code, indicator_code, year order by month)
),

flagged as (
    select
        sequenced.*,
        sequenced.previous_value - sequenced.previous_half_width - sequenced.value_half_width as expected_low,
        coalesce(
            {{ unit_slip_diagnosis('sequenced.value / sequenced.previous_value', directional=false) }},
            'ytd_decrease'
        ) as diagnosis
    from sequenced
    cross join unit_rule
    where
        (sequenced.previous_value - sequenced.previous_half_width)
        - (sequenced.value + sequenced.value_half_width) > {{ dq_epsilon() }}
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
        flagged.expected_low,
        cast(null as double precision) as expected_high,
        flagged.diagnosis,
        flagged.previous_value,
        {{ fact_label_zh('flagged') }}
        || ':累计' || {{ format_figure('flagged.value') }} || flagged.unit
        || '小于' || {{ period_label_zh('flagged.previous_period_type', 'flagged.previous_period_end') }}
        || '累计' || {{ format_figure('flagged.previous_value') }} || flagged.unit
        || '(舍入误差内至少应为' || {{ format_number('flagged.expected_low', 4) }} || ')'
        || {{ diagnosis_zh('flagged.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': the year to date ' || {{ format_figure('flagged.value') }} || ' ' || flagged.unit
        || ' is below the previous year to date (' || cast(flagged.previous_period_end as varchar) || ') '
        || {{ format_figure('flagged.previous_value') }} || ' (at least '
        || {{ format_number('flagged.expected_low', 4) }} || ' allowing for rounding)'
        || {{ diagnosis_en('flagged.diagnosis') }} || '.' as message,
        flagged.source_file_id,
        flagged.vintage_at as detected_at
    from flagged
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'rest_of_year') }}
{% endif %}
