-- Every name a region is published under, with its code: official names, short names,
-- names qualified by the parent (北京市朝阳区) and synonyms. The national code list shares
-- names (朝阳区 in Beijing and in Changchun): a name that stands for more than one region
-- is left out, so its figures stay unmapped and flagged rather than filed under a namesake;
-- the qualified name still maps. An official name beats another region's short name
-- (吉林 is 吉林省's short name, not 吉林市's), and a synonym beats both.
with regions as (
    select * from {{ ref('regions') }}
),

region_synonyms as (
    select * from {{ ref('region_synonyms') }}
),

candidates as (
    select
        name_zh as region_name,
        region_code,
        1 as priority
    from regions
    union all
    select
        parents.name_zh || regions.name_zh as region_name,
        regions.region_code,
        1 as priority
    from regions
    inner join regions as parents
        on regions.parent_region_code = parents.region_code
    union all
    select
        short_name as region_name,
        region_code,
        2 as priority
    from regions
    where short_name is not null and short_name != name_zh
),

ranked as (
    select
        region_name,
        region_code,
        priority,
        min(priority) over (partition by region_name) as best_priority
    from candidates
),

unambiguous as (
    select
        region_name,
        min(region_code) as region_code
    from ranked
    where priority = best_priority
    group by region_name
    having count(distinct region_code) = 1
),

final as (
    select
        synonym as region_name,
        region_code
    from region_synonyms
    union all
    select
        region_name,
        region_code
    from unambiguous
    where unambiguous.region_name not in (select region_synonyms.synonym from region_synonyms)
)

select * from final
