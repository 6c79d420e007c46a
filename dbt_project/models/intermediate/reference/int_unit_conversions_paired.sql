-- Every pair of units of the same dimension with the factor that converts the first into
-- the second (万元 -> 亿元: 0.0001), including each unit to itself.
with units as (
    select * from {{ ref('units') }}
),

final as (
    select
        from_unit.unit as from_unit,
        to_unit.unit as to_unit,
        from_unit.factor_to_base / to_unit.factor_to_base as factor
    from units as from_unit
    inner join units as to_unit
        on from_unit.dimension = to_unit.dimension
)

select * from final
