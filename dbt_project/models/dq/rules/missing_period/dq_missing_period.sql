-- missing_period: a period missing from a series that is otherwise monthly (or quarterly).
-- Holes are looked for only between two consecutive published periods of a series, a gap
-- (previous, next). Its step is the median gap in months between the consecutive published
-- periods of the series in the `window_months` months before the next one, up to the
-- previous one (the gap itself left out): 1 is monthly, 3 quarterly (anything else, e.g.
-- annual, is not checked). Every period of the gap that the step expects is flagged; nothing
-- before a series' first or after its last period is expected, and a gap longer than the
-- window leaves no earlier gap in it, so it is not flagged (the series stopped and restarted).
-- A missing period takes the period type its month had a year earlier, else the usual one
-- of its series kind. January is never missing when February's year to date (1-2月) is
-- published: the two months are one period.
-- Incremental by reach (incremental_series.sql): a flag depends only on the published periods
-- within window_months of it, the same month a year earlier and the next February, so a build
-- recomputes a changed series group from window_months before its earliest changed month,
-- reading a further window_months (at least 12) back.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{%- set reach = {
    'rule': 'missing_period',
    'thresholds': ['window_months'],
    'back': 'window_months',
    'lookback': 'greatest(window_months, 12)',
} %}
{{ incremental_by_reach(reach) }}

{%- set missing_month_start -%}
    make_date(cast(missing.missing_year as integer), cast(missing.missing_month as integer), 1)
{%- endset %}

with
-- figures: the figures this build reads (in an incremental build, its reach and lookback)
{{ figures_in_reach(reach) }},

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('missing_period', ['window_months']) }}
),

points as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity,
        this_rule.window_months
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

gaps as (
    -- the gaps that could hold a hole: a published period more than a month after the previous
    select * from sequenced
    where month_index - previous_index > 1
),

numbers as (
    -- 1 .. 120: months back into a window (of at most 120 months), steps into a gap
    {{ dbt.generate_series(120) }}
),

steps as (
    -- each gap's step: the median of the earlier gaps of its window (exact keys, not a join
    -- of a series with all of its periods)
    select
        gaps.region_code,
        gaps.indicator_code,
        gaps.series_kind,
        gaps.month_index,
        cast({{ dq_median('earlier.month_index - earlier.previous_index') }} as integer) as step
    from gaps
    inner join numbers as offsets
        on gaps.window_months >= offsets.generated_number
    inner join sequenced as earlier
        on
            gaps.region_code = earlier.region_code
            and gaps.indicator_code = earlier.indicator_code
            and gaps.series_kind = earlier.series_kind
            and gaps.month_index - offsets.generated_number = earlier.month_index
    where
        earlier.month_index <= gaps.previous_index
        and earlier.previous_index >= gaps.month_index - gaps.window_months
    group by gaps.region_code, gaps.indicator_code, gaps.series_kind, gaps.month_index
),

holes as (
    select
        gaps.*,
        steps.step,
        gaps.previous_index + steps.step * numbers.generated_number as missing_index
    from gaps
    inner join steps
        on
            gaps.region_code = steps.region_code
            and gaps.indicator_code = steps.indicator_code
            and gaps.series_kind = steps.series_kind
            and gaps.month_index = steps.month_index
    inner join numbers
        on gaps.previous_index + steps.step * numbers.generated_number < gaps.month_index
    where steps.step in (1, 3)
),

missing as (
    select
        holes.*,
        cast(floor((holes.missing_index - 1) / 12.0) as integer) as missing_year,
        holes.missing_index - 12 * cast(floor((holes.missing_index - 1) / 12.0) as integer) as missing_month
    from ({{ rows_in_reach('holes', 'holes', 'holes.missing_index', 'first_recomputed') }}) as holes
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
            a_year_earlier.period_type,
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
    left join points as a_year_earlier
        on
            missing.region_code = a_year_earlier.region_code
            and missing.indicator_code = a_year_earlier.indicator_code
            and missing.series_kind = a_year_earlier.series_kind
            and missing.missing_index - 12 = a_year_earlier.month_index
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
        || ':未发布,而该序列此前各期均按'
        || case when flagged.step = 3 then '季' else '月' end
        || '发布(下一期为' || {{ period_label_zh('flagged.next_period_type', 'flagged.next_period_end') }}
        || ')。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': not published, although the series was published every '
        || case when flagged.step = 3 then 'quarter' else 'month' end || ' before it (next: '
        || flagged.next_period_type || ' ' || cast(flagged.next_period_end as varchar) || ').' as message,
        flagged.source_file_id,
        flagged.detected_at
    from flagged
)

select * from final
