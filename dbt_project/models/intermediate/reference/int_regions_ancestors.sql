-- The region hierarchy (district/county -> city -> province) as one row per region and each
-- of its ancestors, itself included at distance 0, however deep the code list goes.
with recursive regions as (
    select * from {{ ref('regions') }}
),

ancestors as (
    select
        region_code,
        region_code as ancestor_region_code,
        parent_region_code as next_region_code,
        0 as distance
    from regions
    union all
    select
        ancestors.region_code,
        parents.region_code as ancestor_region_code,
        parents.parent_region_code as next_region_code,
        ancestors.distance + 1 as distance
    from ancestors
    inner join regions as parents
        on ancestors.next_region_code = parents.region_code
),

final as (
    select
        ancestors.region_code,
        ancestors.ancestor_region_code,
        regions.level as ancestor_level,
        ancestors.distance
    from ancestors
    inner join regions
        on ancestors.ancestor_region_code = regions.region_code
)

select * from final
