-- Every reporting period in the data: the published ones (any vintage) and the single
-- months and quarters derived from year-to-date figures.
with observations as (
    select * from {{ ref('int_observations_mapped') }}
),

derived as (
    select * from {{ ref('int_observations_differenced') }}
),

periods as (
    select
        period_type,
        period_start,
        period_end
    from observations
    union
    select
        period_type,
        period_start,
        period_end
    from derived
),

final as (
    select
        {{ period_key('period_type', 'period_end') }} as period_key,
        period_type,
        period_start,
        period_end,
        cast(extract(year from period_end) as integer) as year,
        cast(extract(quarter from period_end) as integer) as quarter,
        cast(extract(month from period_end) as integer) as month
    from periods
)

select * from final
