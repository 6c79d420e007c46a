with regions as (
    select * from {{ ref('regions') }}
),

ancestors as (
    select * from {{ ref('int_regions_ancestors') }}
),

levels as (
    select
        region_code,
        max(case when ancestor_level = 'city' then ancestor_region_code end) as city_region_code,
        max(case when ancestor_level = 'province' then ancestor_region_code end)
            as province_region_code,
        max(distance) as depth
    from ancestors
    group by region_code
),

final as (
    select
        regions.region_code,
        regions.name_zh,
        regions.short_name,
        regions.level,
        regions.parent_region_code,
        levels.city_region_code,
        levels.province_region_code,
        levels.depth
    from regions
    inner join levels
        on regions.region_code = levels.region_code
)

select * from final
