-- ytd_month_mismatch: where single-month figures are published, they must agree with the
-- year to date. Each single month m (from February; January is itself a year-to-date
-- figure, and 1-2月 is one period when January is not published) is checked against the
-- year to date of m-1 and of m in the same year:
--   levels:  YTD(m-1) + month(m) = YTD(m) within the three roundings, so month(m) must lie in
--            [YTD(m) - YTD(m-1) - (hY + hP + hM), YTD(m) - YTD(m-1) + (hY + hP + hM)];
--   growth (real-growth indicators, or when a level is missing): YTD growth c of m lies
--            between last month's YTD growth a and the single-month growth b (± rounding),
--            so when c is clearly above a, b must reach c - hb - hc; when clearly below, at
--            most c + hb + hc.
-- The flag is on the single-month figure, the one no other rule checks.
-- Incremental (see incremental_reach): the year to date of the same and of the previous month,
-- so a build recomputes the months new files reach ('rest_of_year').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('rest_of_year') }}

with figures as (
    select * from {{ ref('dq_figures') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('rest_of_year', months_back=1) }})
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('ytd_month_mismatch') }}
),

single_months as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity
    from figures
    cross join this_rule
    where
        figures.series_kind = 'month'
        and figures.is_series_point
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

cumulative as (
    select *
    from figures
    where series_kind = 'ytd' and is_series_point
),

triples as (
    select
        single_months.*,
        this_ytd.value as ytd_value,
        this_ytd.value_half_width as ytd_half_width,
        this_ytd.yoy_growth_pct as ytd_growth,
        this_ytd.growth_half_width as ytd_growth_half_width,
        previous_ytd.value as previous_ytd_value,
        previous_ytd.value_half_width as previous_ytd_half_width,
        previous_ytd.yoy_growth_pct as previous_ytd_growth,
        previous_ytd.growth_half_width as previous_ytd_growth_half_width,
        greatest(single_months.vintage_at, this_ytd.vintage_at, previous_ytd.vintage_at) as detected_at
    from single_months
    inner join cumulative as this_ytd
        on
            single_months.region_code = this_ytd.region_code
            and single_months.indicator_code = this_ytd.indicator_code
            and single_months.month_index = this_ytd.month_index
    inner join cumulative as previous_ytd
        on
            single_months.region_code = previous_ytd.region_code
            and single_months.indicator_code = previous_ytd.indicator_code
            and single_months.month_index = previous_ytd.month_index + 1
            and single_months.year = previous_ytd.year
),

level_checks as (
    select
        *,
        'value' as observed_measure,
        value as observed,
        ytd_value - previous_ytd_value
        - (ytd_half_width + previous_ytd_half_width + value_half_width) as expected_low,
        ytd_value - previous_ytd_value
        + (ytd_half_width + previous_ytd_half_width + value_half_width) as expected_high,
        'months_do_not_add_up' as diagnosis
    from triples
    where value is not null and ytd_value is not null and previous_ytd_value is not null
),

growth_checks as (
    select
        *,
        'yoy_growth_pct' as observed_measure,
        yoy_growth_pct as observed,
        case
            when ytd_growth - ytd_growth_half_width > previous_ytd_growth + previous_ytd_growth_half_width
                then ytd_growth - ytd_growth_half_width - growth_half_width
        end as expected_low,
        case
            when ytd_growth + ytd_growth_half_width < previous_ytd_growth - previous_ytd_growth_half_width
                then ytd_growth + ytd_growth_half_width + growth_half_width
        end as expected_high,
        'growth_not_between' as diagnosis
    from triples
    where
        yoy_growth_pct is not null
        and ytd_growth is not null
        and previous_ytd_growth is not null
        and (growth_basis = 'real' or value is null or ytd_value is null or previous_ytd_value is null)
),

checks as (
    select * from level_checks
    union all
    select * from growth_checks
),

flagged as (
    select *
    from checks
    where
        observed < expected_low - {{ dq_epsilon() }}
        or observed > expected_high + {{ dq_epsilon() }}
),

flagged_levels as (
    select
        *,
        ':当月' || {{ format_figure('value') }} || unit
        || ',而本月累计' || {{ format_figure('ytd_value') }}
        || '减上月累计' || {{ format_figure('previous_ytd_value') }}
        || '应在' || {{ format_number('expected_low', 4) }} || '~'
        || {{ format_number('expected_high', 4) }} || '之间' as detail_zh,
        ': the single month ' || {{ format_figure('value') }} || ' ' || unit
        || ' should be the year to date ' || {{ format_figure('ytd_value') }}
        || ' less last month''s ' || {{ format_figure('previous_ytd_value') }}
        || ', i.e. ' || {{ format_number('expected_low', 4) }} || ' to '
        || {{ format_number('expected_high', 4) }} || ' allowing for rounding' as detail_en
    from flagged
    where observed_measure = 'value'
),

flagged_growths as (
    select
        *,
        ':当月增速' || {{ format_figure('yoy_growth_pct') }}
        || '%,上月累计增速' || {{ format_figure('previous_ytd_growth') }}
        || '%,本月累计增速' || {{ format_figure('ytd_growth') }} || '%,当月增速应'
        || coalesce(
            '不低于' || {{ format_number('expected_low', 2) }},
            '不高于' || {{ format_number('expected_high', 2) }}
        ) || '%' as detail_zh,
        ': single-month growth ' || {{ format_figure('yoy_growth_pct') }}
        || '% cannot move year-to-date growth from ' || {{ format_figure('previous_ytd_growth') }}
        || '% to ' || {{ format_figure('ytd_growth') }} || '%; it should be '
        || coalesce(
            'at least ' || {{ format_number('expected_low', 2) }},
            'at most ' || {{ format_number('expected_high', 2) }}
        ) || '%' as detail_en
    from flagged
    where observed_measure = 'yoy_growth_pct'
),

described as (
    select * from flagged_levels
    union all
    select * from flagged_growths
),

final as (
    select
        {{ anomaly_id('described', 'described.observed_measure') }} as anomaly_id,
        described.rule_code,
        described.severity,
        described.region_code,
        described.region_name,
        described.indicator_code,
        described.indicator_name,
        described.period_type,
        described.period_end,
        described.observed_measure,
        described.observed,
        described.expected_low,
        described.expected_high,
        described.diagnosis,
        {{ fact_label_zh('described') }} || described.detail_zh
        || {{ diagnosis_zh('described.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('described') }} || described.detail_en
        || {{ diagnosis_en('described.diagnosis') }} || '.' as message,
        described.source_file_id,
        described.detected_at
    from described
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'rest_of_year') }}
{% endif %}
