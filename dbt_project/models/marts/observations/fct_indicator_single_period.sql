-- Single months and single quarters of the indicators that accumulate over the year, derived
-- from consecutive year-to-date figures (see int_observations_differenced): one row per
-- region x indicator x grain x period end. Incremental like int_observations_differenced:
-- a build recomputes the months it recomputed ('rest_of_year', see incremental_reach).
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('rest_of_year') }}

with derived as (
    select * from {{ ref('int_observations_differenced') }}
    {% if is_incremental() %}
        where {{ in_incremental_reach('period_end', 'rest_of_year') }}
    {% endif %}
),

regions as (
    select * from {{ ref('dim_region') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

final as (
    select
        derived.region_code,
        regions.name_zh as region_name,
        derived.indicator_code,
        indicators.name_zh as indicator_name,
        derived.grain,
        {{ period_key('derived.period_type', 'derived.period_end') }} as period_key,
        derived.period_type,
        derived.period_start,
        derived.period_end,
        derived.months_covered,
        derived.value,
        derived.value_half_width,
        derived.unit,
        derived.last_year_value,
        derived.yoy_growth_from_levels_pct,
        derived.derived_from_period_end,
        derived.source_file_id
    from derived
    inner join regions
        on derived.region_code = regions.region_code
    inner join indicators
        on derived.indicator_code = indicators.indicator_code
)

select * from final
