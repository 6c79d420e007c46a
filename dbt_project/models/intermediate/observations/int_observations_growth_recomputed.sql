-- The current figure of every fact beside the year-on-year growth its levels imply: this
-- period's value against the same period a year earlier (same period type, same months).
-- From current-price levels this is nominal growth; for real-growth indicators (GDP,
-- industrial value added) it is not comparable with the published rate.
with observations as (
    select * from {{ ref('int_observations_versioned') }}
),

current_figures as (
    select
        *,
        cast(extract(year from period_end) as integer) as year
    from observations
    where is_current
),

final as (
    select
        this_year.observation_vintage_id,
        last_year.value as last_year_value,
        {{ yoy_growth_pct('this_year.value', 'last_year.value') }} as yoy_growth_from_levels_pct
    from current_figures as this_year
    left join current_figures as last_year
        on
            this_year.region_code = last_year.region_code
            and this_year.indicator_code = last_year.indicator_code
            and this_year.period_type = last_year.period_type
            and this_year.year = last_year.year + 1
            and extract(month from this_year.period_start) = extract(month from last_year.period_start)
            and extract(month from this_year.period_end) = extract(month from last_year.period_end)
)

select * from final
