-- The latest vintage of each fact: one row per region x indicator x period_type x period_end.
with observations as (
    select * from {{ ref('int_observations_mapped') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

ranked as (
    select
        observations.*,
        row_number() over (
            partition by
                coalesce(observations.region_code, observations.region_name_published),
                coalesce(observations.indicator_code, observations.indicator_name_published),
                observations.period_type,
                observations.period_end
            order by
                observations.vintage_at desc,
                observations.source_file_id desc,
                observations.source_row_number desc
        ) as vintage_rank
    from observations
),

final as (
    select
        ranked.region_code,
        coalesce(regions.name_zh, ranked.region_name_published) as region_name,
        ranked.indicator_code,
        coalesce(indicators.name_zh, ranked.indicator_name_published) as indicator_name,
        ranked.period_type || ':' || cast(ranked.period_end as varchar) as period_key,
        ranked.period_type,
        ranked.period_start,
        ranked.period_end,
        ranked.value,
        ranked.unit,
        ranked.value_published,
        ranked.unit_published,
        ranked.yoy_growth_pct,
        ranked.value_decimals,
        ranked.growth_decimals,
        ranked.value_half_width,
        ranked.growth_half_width,
        ranked.source_file_id,
        ranked.source_text,
        ranked.vintage_at
    from ranked
    left join regions
        on ranked.region_code = regions.region_code
    left join indicators
        on ranked.indicator_code = indicators.indicator_code
    where ranked.vintage_rank = 1
)

select * from final
