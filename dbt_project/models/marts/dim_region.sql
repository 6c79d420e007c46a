with regions as (
    select * from {{ ref('regions') }}
),

final as (
    select
        region_code,
        name_zh,
        short_name,
        level,
        parent_region_code
    from regions
)

select * from final
