-- The current year-to-date figures (fct_indicator_observation): every mapped figure that covers its year from 1 January
-- (1月, 1-2月 ... 1-11月, 一季度, 上半年, 全年), one per region x indicator x period end. When two
-- period types cover the same span (1-3月 and 一季度), the ytd figure wins.
with observations as (
    select * from {{ ref('fct_indicator_observation') }}
),

year_to_date as (
    select
        region_code,
        indicator_code,
        period_type,
        period_start,
        period_end,
        cast(extract(year from period_end) as integer) as year,
        cast(extract(month from period_end) as integer) as month,
        value,
        value_half_width,
        unit,
        yoy_growth_pct,
        source_file_id,
        row_number() over (
            partition by region_code, indicator_code, period_end
            order by
                case period_type
                    when 'ytd' then 1
                    when 'year' then 2
                    when 'quarter' then 3
                    else 4
                end
        ) as preference
    from observations
    where
        region_code is not null
        and indicator_code is not null
        and extract(month from period_start) = 1
        and extract(day from period_start) = 1
        and extract(year from period_start) = extract(year from period_end)
),

final as (
    select
        region_code,
        indicator_code,
        period_type,
        period_start,
        period_end,
        year,
        month,
        value,
        value_half_width,
        unit,
        yoy_growth_pct,
        source_file_id
    from year_to_date
    where preference = 1
)

select * from final
