-- Single-month and single-quarter values of the indicators that accumulate over the year,
-- as the difference of two consecutive year-to-date figures:
--   month m   = ytd(m) - ytd(m-1)            (grain month, period type month)
--   quarter q = ytd(3q) - ytd(3q-3)          (grain quarter, period type quarter)
-- The first figure of a year is its own difference: 1月 is January, 一季度 is Q1. January is
-- usually published only together with February (1-2月); then February's value at the month
-- grain covers January and February and keeps the period type ytd (1 January to the end of
-- February), since January alone cannot be derived. Across any other gap (a missing month or
-- quarter) nothing is derived. The rounding half-widths of the two figures add up. Growth is
-- recomputed against the same span a year earlier (nominal: from current-price levels).
-- Incremental (see incremental_reach): a changed month changes its own difference, the next
-- published one's of the same year (however far), and last year's value of the same months a
-- year later, so a build recomputes from the first changed month of a year to the end of the
-- next year ('rest_of_year'). It reads the year-to-date figures of those months and the three
-- months before them (a difference needs only the figure one step back; across a longer gap
-- nothing is derived), and last year's differences from this table when they lie outside.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}, {{ ref('fct_indicator_observation') }}
{{ incremental_by_month('rest_of_year') }}

with cumulative as (
    select * from {{ ref('int_observations_cumulative') }}
    {% if is_incremental() %}
        where period_end in (
            {{ period_ends_in_months(ref('fct_indicator_observation'),
                                     incremental_input_months('rest_of_year', months_back=3)) }}
        )
    {% endif %}
),

indicators as (
    select * from {{ ref('indicators') }}
),

levels as (
    select cumulative.*
    from cumulative
    inner join indicators
        on cumulative.indicator_code = indicators.indicator_code
    where
        {{ accumulates_over_the_year('indicators.measure_type') }}
        and cumulative.value is not null
),

grains as (
    -- step: months in one period of the grain; first_span: how many months the first
    -- figure of a year may cover (1-2月 at the month grain, 一季度 at the quarter grain)
    select
        'month' as grain,
        1 as step,
        2 as first_span,
        levels.*
    from levels
    union all
    select
        'quarter' as grain,
        3 as step,
        3 as first_span,
        levels.*
    from levels
    where levels.month in (3, 6, 9, 12)
),

stepped as (
    select
        *,
        lag(month) over (
            partition by grain, region_code, indicator_code, year order by period_end
        ) as previous_month,
        lag(period_end) over (
            partition by grain, region_code, indicator_code, year order by period_end
        ) as previous_period_end,
        lag(value) over (
            partition by grain, region_code, indicator_code, year order by period_end
        ) as previous_value,
        lag(value_half_width) over (
            partition by grain, region_code, indicator_code, year order by period_end
        ) as previous_half_width
    from grains
),

differenced as (
    select
        grain,
        step,
        region_code,
        indicator_code,
        year,
        month,
        case
            when previous_period_end is null then period_start
            else cast({{ dbt.dateadd('day', 1, 'previous_period_end') }} as date)
        end as period_start,
        period_end,
        month - coalesce(previous_month, 0) as months_covered,
        value - coalesce(previous_value, 0) as value,
        value_half_width + coalesce(previous_half_width, 0) as value_half_width,
        unit,
        previous_period_end as derived_from_period_end,
        source_file_id
    from stepped
    where
        (previous_month is null and month <= first_span)
        or month - previous_month = step
),

this_run as (
    -- the differences this build recomputes (all of them in a full build)
    select *
    from differenced
    {% if is_incremental() %}
        where {{ in_incremental_reach('period_end', 'rest_of_year') }}
    {% endif %}
),

last_years as (
    -- the differences a year earlier: this build's, and those kept in the table (the pre-hook
    -- has removed the ones it recomputes)
    select
        grain,
        region_code,
        indicator_code,
        year,
        month,
        months_covered,
        value
    from this_run
    {% if is_incremental() %}
        union all
        select
            grain,
            region_code,
            indicator_code,
            year,
            month,
            months_covered,
            value
        from {{ this }}
        where {{ month_index('period_end') }} + 12 in (
            select reach.month_index from ({{ incremental_reach('rest_of_year') }}) as reach
        )
    {% endif %}
),

final as (
    select
        this_year.grain,
        case
            when this_year.months_covered = this_year.step then this_year.grain else 'ytd'
        end as period_type,
        this_year.region_code,
        this_year.indicator_code,
        this_year.year,
        this_year.month,
        this_year.period_start,
        this_year.period_end,
        this_year.months_covered,
        this_year.value,
        this_year.value_half_width,
        this_year.unit,
        last_year.value as last_year_value,
        {{ yoy_growth_pct('this_year.value', 'last_year.value') }} as yoy_growth_from_levels_pct,
        this_year.derived_from_period_end,
        this_year.source_file_id
    from this_run as this_year
    left join last_years as last_year
        on
            this_year.grain = last_year.grain
            and this_year.region_code = last_year.region_code
            and this_year.indicator_code = last_year.indicator_code
            and this_year.month = last_year.month
            and this_year.months_covered = last_year.months_covered
            and this_year.year = last_year.year + 1
)

select * from final
