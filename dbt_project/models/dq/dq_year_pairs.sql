-- This period's figure beside the same period a year earlier (same region, indicator and
-- period type): the pairs the growth rules compare. Last year's value must be positive
-- beyond rounding for a growth rate to exist.
with figures as (
    select * from {{ ref('dq_figures') }}
),

final as (
    select
        this_year.region_code,
        this_year.region_name,
        this_year.indicator_code,
        this_year.indicator_name,
        this_year.period_type,
        this_year.period_end,
        this_year.measure_type,
        this_year.growth_basis,
        this_year.category,
        this_year.unit,
        this_year.source_file_id,
        this_year.value as x,
        this_year.value_half_width as h_x,
        last_year.value as b,
        last_year.value_half_width as h_b,
        this_year.yoy_growth_pct as g,
        this_year.growth_half_width as h_g,
        greatest(this_year.vintage_at, last_year.vintage_at) as detected_at
    from figures as this_year
    inner join figures as last_year
        on
            this_year.region_code = last_year.region_code
            and this_year.indicator_code = last_year.indicator_code
            and this_year.period_type = last_year.period_type
            and this_year.year = last_year.year + 1
            and this_year.month = last_year.month
    where
        this_year.value is not null
        and this_year.yoy_growth_pct is not null
        and last_year.value - last_year.value_half_width > 0
)

select * from final
