-- Every reporting period in the data: the published ones (any vintage) and the single
-- months and quarters derived from year-to-date figures. Incremental: a build recomputes the
-- periods ending in the months where int_observations_differenced may have changed
-- ('rest_of_year', see incremental_reach), which include every month a new file published.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('rest_of_year') }}

with observations as (
    select * from {{ ref('int_observations_mapped') }}
    {% if is_incremental() %}
        where {{ in_incremental_reach('period_end', 'rest_of_year') }}
    {% endif %}
),

derived as (
    select * from {{ ref('int_observations_differenced') }}
    {% if is_incremental() %}
        where {{ in_incremental_reach('period_end', 'rest_of_year') }}
    {% endif %}
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
