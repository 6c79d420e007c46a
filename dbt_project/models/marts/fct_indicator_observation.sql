-- The current vintage of each fact: one row per region x indicator x period_type x period_end.
-- Which vintage is current is decided in one place (int_observations_versioned), so this
-- table and fct_indicator_observation_history always agree.
with observations as (
    select * from {{ ref('int_observations_versioned') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

final as (
    select
        observations.region_code,
        coalesce(regions.name_zh, observations.region_name_published) as region_name,
        observations.indicator_code,
        coalesce(indicators.name_zh, observations.indicator_name_published) as indicator_name,
        {{ period_key('observations.period_type', 'observations.period_end') }} as period_key,
        observations.period_type,
        observations.period_start,
        observations.period_end,
        observations.value,
        observations.unit,
        observations.value_published,
        observations.unit_published,
        observations.yoy_growth_pct,
        observations.value_decimals,
        observations.growth_decimals,
        observations.value_half_width,
        observations.growth_half_width,
        observations.source_file_id,
        observations.source_text,
        observations.vintage_at,
        observations.valid_from as published_on,
        observations.vintage_number
    from observations
    left join regions
        on observations.region_code = regions.region_code
    left join indicators
        on observations.indicator_code = indicators.indicator_code
    where observations.is_current
)

select * from final
