-- A region's published figure beside the sum of its direct children's (周口市 against its
-- districts and counties), for indicators that add up across regions.
-- Incremental (see incremental_reach): a region and its children in the same period, so a
-- build recomputes the months new files published ('same_month').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}, {{ ref('fct_indicator_observation') }}
{{ incremental_by_month('same_month') }}

with rolled_up as (
    select * from {{ ref('int_observations_rolled_up') }}
    {% if is_incremental() %}
        where period_end in (
            {{ period_ends_in_months(ref('fct_indicator_observation'), incremental_input_months('same_month')) }}
        )
    {% endif %}
),

regions as (
    select * from {{ ref('dim_region') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

final as (
    select
        rolled_up.region_code,
        regions.name_zh as region_name,
        regions.level as region_level,
        rolled_up.indicator_code,
        indicators.name_zh as indicator_name,
        {{ period_key('rolled_up.period_type', 'rolled_up.period_end') }} as period_key,
        rolled_up.period_type,
        rolled_up.period_start,
        rolled_up.period_end,
        rolled_up.unit,
        rolled_up.value,
        rolled_up.value_half_width,
        rolled_up.children_value,
        rolled_up.children_value_half_width,
        rolled_up.n_children_reporting,
        rolled_up.n_children,
        rolled_up.is_complete,
        rolled_up.difference,
        rolled_up.is_consistent
    from rolled_up
    inner join regions
        on rolled_up.region_code = regions.region_code
    inner join indicators
        on rolled_up.indicator_code = indicators.indicator_code
)

select * from final
