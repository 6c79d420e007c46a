-- missing_period: a period missing from a series that is otherwise monthly (or quarterly).
-- A series' step is the median gap in months between its consecutive published periods:
-- 1 is monthly, 3 quarterly (anything else, e.g. annual, is not checked). Every period
-- between two published ones that the step expects and that is absent is flagged; nothing
-- before a series' first or after its last period is expected. January is never missing
-- when February's year to date (1-2月) is published: the two months are one period.
-- Incremental by series group (incremental_series.sql): a series' step is the median gap over
-- the whole series and the usual period type per month is taken over all its years, so one
-- new figure can change which holes of any year are flagged; a build recomputes the region x
-- indicator groups that got a figure and keeps the flags of all others.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_series() }}

{%- set missing_month_start -%}
    make_date(cast(missing.missing_year as integer), cast(missing.missing_month as integer), 1)
{%- endset %}

with figures as (
    select * from {{ ref('int_dq_figures') }}
    {% if is_incremental() %}
        where {{ in_changed_series() }}
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('missing_period') }}
),

points as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity
    from figures
    cross join this_rule
    where
        figures.is_series_point
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

sequenced as (
    select
        *,
        lag(month_index) over series as previous_index
    from points
    window series as (partition by region_code, indicator_code, series_kind order by month_index)
),

steps as (
    select
        region_code,
        indicator_code,
        series_kind,
        cast({{ dq_median('month_index - previous_index') }} as integer) as step
    from sequenced
    where previous_index is not null
    group by region_code, indicator_code, series_kind
    having count(*) >= 2
),

usual_period_types as (
    select
        region_code,
        indicator_code,
        series_kind,
        month,
        min(period_type) as period_type
    from points
    group by region_code, indicator_code, series_kind, month
),

numbers as (
    {{ dbt.generate_series(120) }}
),

holes as (
    select
        sequenced.*,
        steps.step,
        sequenced.previous_index + steps.step * numbers.generated_number as missing_index
    from sequenced
    inner join steps
        on
            sequenced.region_code = steps.region_code
            and sequenced.indicator_code = steps.indicator_code
            and sequenced.series_kind = steps.series_kind
    inner join numbers
        on sequenced.previous_index + steps.step * numbers.generated_number < sequenced.month_index
    where steps.step in (1, 3)
),

missing as (
    select
        holes.*,
        cast(floor((holes.missing_index - 1) / 12.0) as integer) as missing_year,
        holes.missing_index - 12 * cast(floor((holes.missing_index - 1) / 12.0) as integer) as missing_month
    from holes
),

flagged as (
    select
        missing.rule_code,
        missing.severity,
        missing.region_code,
        missing.region_name,
        missing.indicator_code,
        missing.indicator_name,
        missing.series_kind,
        missing.step,
        missing.missing_year,
        missing.missing_month,
        missing.period_type as next_period_type,
        missing.period_end as next_period_end,
        coalesce(
            usual_period_types.period_type,
            case
                when missing.series_kind = 'ytd' and missing.missing_month = 12 then 'year'
                when missing.series_kind = 'ytd' and missing.missing_month = 1 then 'month'
                when missing.series_kind = 'ytd' then 'ytd'
                else missing.series_kind
            end
        ) as period_type,
        cast({{ dbt.last_day(missing_month_start, 'month') }} as date) as period_end,
        cast(null as varchar) as source_file_id,
        missing.vintage_at as detected_at
    from missing
    left join usual_period_types
        on
            missing.region_code = usual_period_types.region_code
            and missing.indicator_code = usual_period_types.indicator_code
            and missing.series_kind = usual_period_types.series_kind
            and missing.missing_month = usual_period_types.month
    left join figures as february
        on
            missing.region_code = february.region_code
            and missing.indicator_code = february.indicator_code
            and february.series_kind = 'ytd'
            and february.is_series_point
            and missing.missing_year = february.year
            and february.month = 2
    where not (missing.missing_month = 1 and february.region_code is not null)
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
        'none' as observed_measure,
        cast(null as double precision) as observed,
        cast(null as double precision) as expected_low,
        cast(null as double precision) as expected_high,
        'missing' as diagnosis,
        {{ fact_label_zh('flagged') }}
        || ':未发布,而该序列前后各期均按'
        || case when flagged.step = 3 then '季' else '月' end
        || '发布(下一期为' || {{ period_label_zh('flagged.next_period_type', 'flagged.next_period_end') }}
        || ')。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': not published, although the series is published every '
        || case when flagged.step = 3 then 'quarter' else 'month' end || ' around it (next: '
        || flagged.next_period_type || ' ' || cast(flagged.next_period_end as varchar) || ').' as message,
        flagged.source_file_id,
        flagged.detected_at
    from flagged
)

select * from final
