with observations as (
    select * from {{ ref('int_observations_mapped') }}
),

periods as (
    select distinct
        period_type,
        period_start,
        period_end
    from observations
),

final as (
    select
        period_type || ':' || cast(period_end as varchar) as period_key,
        period_type,
        period_start,
        period_end,
        cast(extract(year from period_end) as integer) as year,
        cast(extract(quarter from period_end) as integer) as quarter,
        cast(extract(month from period_end) as integer) as month
    from periods
)

select * from final
