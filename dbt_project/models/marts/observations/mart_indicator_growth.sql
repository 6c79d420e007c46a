-- The published year-on-year growth of every current figure beside the growth its levels
-- imply (this period's value against the same period a year earlier), and the gap between
-- the two. Only nominal indicators can be compared this way: for real-growth indicators
-- (GDP, industrial value added, at comparable prices) the recomputed figure is nominal growth.
with observations as (
    select * from {{ ref('int_observations_versioned') }}
),

recomputed as (
    select * from {{ ref('int_observations_growth_recomputed') }}
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
        regions.name_zh as region_name,
        observations.indicator_code,
        indicators.name_zh as indicator_name,
        indicators.growth_basis,
        {{ period_key('observations.period_type', 'observations.period_end') }} as period_key,
        observations.period_type,
        observations.period_start,
        observations.period_end,
        observations.value,
        recomputed.last_year_value,
        observations.unit,
        observations.yoy_growth_pct,
        recomputed.yoy_growth_from_levels_pct,
        observations.yoy_growth_pct - recomputed.yoy_growth_from_levels_pct as growth_gap_pp,
        observations.source_file_id
    from observations
    inner join recomputed
        on observations.observation_vintage_id = recomputed.observation_vintage_id
    inner join regions
        on observations.region_code = regions.region_code
    inner join indicators
        on observations.indicator_code = indicators.indicator_code
    where observations.is_current
)

select * from final
