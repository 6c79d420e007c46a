-- The published year-on-year growth of every current figure beside the growth its levels
-- imply (this period's value against the same period a year earlier: same period type, same
-- months), and the gap between the two. Only nominal indicators can be compared this way: for
-- real-growth indicators (GDP, industrial value added, at comparable prices) the recomputed
-- figure is nominal growth. Incremental: a changed figure changes its own row and the row a
-- year later ('a_year_later', see incremental_reach); a build reads the figures of those
-- months and of the months a year before them.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('a_year_later') }}

with observations as (
    select * from {{ ref('fct_indicator_observation') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

current_figures as (
    select
        *,
        cast(extract(year from period_end) as integer) as year
    from observations
    {% if is_incremental() %}
        where
            {{ month_index('period_end') }} in (
                select reach.month_index from ({{ incremental_reach('a_year_later') }}) as reach
                union
                select reach.month_index - 12 from ({{ incremental_reach('a_year_later') }}) as reach
            )
    {% endif %}
),

this_year as (
    select *
    from current_figures
    {% if is_incremental() %}
        where {{ in_incremental_reach('period_end', 'a_year_later') }}
    {% endif %}
),

recomputed as (
    select
        this_year.*,
        last_year.value as last_year_value,
        {{ yoy_growth_pct('this_year.value', 'last_year.value') }} as yoy_growth_from_levels_pct
    from this_year
    left join current_figures as last_year
        on
            this_year.region_code = last_year.region_code
            and this_year.indicator_code = last_year.indicator_code
            and this_year.period_type = last_year.period_type
            and this_year.year = last_year.year + 1
            and extract(month from this_year.period_start) = extract(month from last_year.period_start)
            and extract(month from this_year.period_end) = extract(month from last_year.period_end)
),

final as (
    select
        recomputed.region_code,
        regions.name_zh as region_name,
        recomputed.indicator_code,
        indicators.name_zh as indicator_name,
        indicators.growth_basis,
        recomputed.period_key,
        recomputed.period_type,
        recomputed.period_start,
        recomputed.period_end,
        recomputed.value,
        recomputed.last_year_value,
        recomputed.unit,
        recomputed.yoy_growth_pct,
        recomputed.yoy_growth_from_levels_pct,
        recomputed.yoy_growth_pct - recomputed.yoy_growth_from_levels_pct as growth_gap_pp,
        recomputed.source_file_id
    from recomputed
    inner join regions
        on recomputed.region_code = regions.region_code
    inner join indicators
        on recomputed.indicator_code = indicators.indicator_code
)

select * from final
