-- Each region's current figure beside the sum of its direct children's (a city and its
-- districts and counties, a province and its cities), for indicators that add up across
-- regions. Children that did not publish the fact are counted, so an incomplete sum is
-- visible as such; the rounding half-widths of the summed figures add up.
with observations as (
    select * from {{ ref('fct_indicator_observation') }}
),

ancestors as (
    select * from {{ ref('int_regions_ancestors') }}
),

indicators as (
    select * from {{ ref('indicators') }}
),

current_figures as (
    select observations.*
    from observations
    inner join indicators
        on observations.indicator_code = indicators.indicator_code
    where
        observations.region_code is not null
        and observations.value is not null
        and {{ adds_up_across_regions('indicators.measure_type') }}
),

children as (
    select
        ancestor_region_code as parent_region_code,
        region_code
    from ancestors
    where distance = 1
),

child_counts as (
    select
        parent_region_code,
        count(*) as n_children
    from children
    group by parent_region_code
),

summed as (
    select
        children.parent_region_code,
        current_figures.indicator_code,
        current_figures.period_type,
        current_figures.period_start,
        current_figures.period_end,
        current_figures.unit,
        count(*) as n_children_reporting,
        sum(current_figures.value) as children_value,
        sum(current_figures.value_half_width) as children_value_half_width
    from current_figures
    inner join children
        on current_figures.region_code = children.region_code
    group by
        children.parent_region_code,
        current_figures.indicator_code,
        current_figures.period_type,
        current_figures.period_start,
        current_figures.period_end,
        current_figures.unit
),

final as (
    select
        summed.parent_region_code as region_code,
        summed.indicator_code,
        summed.period_type,
        summed.period_start,
        summed.period_end,
        summed.unit,
        parent.value,
        parent.value_half_width,
        summed.children_value,
        summed.children_value_half_width,
        summed.n_children_reporting,
        child_counts.n_children,
        summed.n_children_reporting = child_counts.n_children as is_complete,
        parent.value - summed.children_value as difference,
        -- with every child reporting: consistent when the gap is within the rounding of
        -- every figure involved
        case
            when summed.n_children_reporting = child_counts.n_children
                then
                    abs(parent.value - summed.children_value)
                    <= parent.value_half_width + summed.children_value_half_width
        end as is_consistent
    from summed
    inner join child_counts
        on summed.parent_region_code = child_counts.parent_region_code
    left join current_figures as parent
        on
            summed.parent_region_code = parent.region_code
            and summed.indicator_code = parent.indicator_code
            and summed.period_type = parent.period_type
            and summed.period_end = parent.period_end
)

select * from final
