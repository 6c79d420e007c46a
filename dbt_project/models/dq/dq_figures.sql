-- Every coded fact (latest vintage) with what the rules need to know about it: its
-- indicator's measure type, growth basis and parent, and where it sits in a series.
-- A series is one region x indicator x kind: 'ytd' holds the cumulative figures (anything
-- starting on 1 January: 1月, 一季度, 1-m月, 全年), 'month' the single months from February
-- on, 'quarter' the single quarters from the second on. When two figures cover the same
-- span (一季度 and 1-3月), the ytd or year one is the series point.
-- Incremental (see incremental_reach): a figure's place in its series depends only on the
-- figures of the same month, so a build recomputes the months new files reach ('same_month').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('same_month') }}

with observations as (
    select * from {{ ref('fct_indicator_observation') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('same_month') }})
    {% endif %}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

coded as (
    select
        observations.region_code,
        observations.region_name,
        observations.indicator_code,
        observations.indicator_name,
        observations.period_type,
        observations.period_start,
        observations.period_end,
        observations.value,
        observations.value_half_width,
        observations.yoy_growth_pct,
        observations.growth_half_width,
        observations.unit,
        observations.source_file_id,
        observations.vintage_at,
        indicators.measure_type,
        indicators.growth_basis,
        indicators.category,
        indicators.parent_indicator_code,
        cast(extract(year from observations.period_end) as integer) as year,
        cast(extract(month from observations.period_end) as integer) as month
    from observations
    inner join indicators
        on observations.indicator_code = indicators.indicator_code
    where observations.region_code is not null
),

classified as (
    select
        *,
        case
            when period_start = make_date(cast(year as integer), 1, 1) then 'ytd'
            when period_type = 'month' then 'month'
            else 'quarter'
        end as series_kind,
        year * 12 + month as month_index
    from coded
),

final as (
    select
        *,
        row_number() over (
            partition by region_code, indicator_code, series_kind, month_index
            order by case when period_type in ('ytd', 'year') then 0 else 1 end, period_type
        ) = 1 as is_series_point
    from classified
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'same_month') }}
{% endif %}
