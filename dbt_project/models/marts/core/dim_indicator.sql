with indicators as (
    select * from {{ ref('indicators') }}
),

final as (
    select
        indicator_code,
        name_zh,
        name_en,
        canonical_unit,
        measure_type,
        growth_basis,
        parent_indicator_code,
        category
    from indicators
)

select * from final
