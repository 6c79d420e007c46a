-- Every name a region is published under (official, short name, synonyms), with its code.
with regions as (
    select * from {{ ref('regions') }}
),

region_synonyms as (
    select * from {{ ref('region_synonyms') }}
),

final as (
    select
        name_zh as region_name,
        region_code
    from regions
    union
    select
        short_name as region_name,
        region_code
    from regions
    where short_name is not null
    union
    select
        synonym as region_name,
        region_code
    from region_synonyms
)

select * from final
