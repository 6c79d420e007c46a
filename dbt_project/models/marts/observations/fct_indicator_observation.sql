-- The current vintage of each fact: one row per region x indicator x period_type x period_end.
-- Which vintage is current is decided in one place (int_observations_versioned), so this
-- table and fct_indicator_observation_history always agree: it is the history's current rows.
-- Incremental: a build recomputes the months whose figures got a new vintage since its last
-- build (see incremental_reach); a new vintage changes only its own fact.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('same_month') }}

with history as (
    select * from {{ ref('fct_indicator_observation_history') }}
    {% if is_incremental() %}
        where {{ in_incremental_reach('period_end', 'same_month') }}
    {% endif %}
),

final as (
    select
        history.region_code,
        history.region_name,
        history.indicator_code,
        history.indicator_name,
        history.period_key,
        history.period_type,
        history.period_start,
        history.period_end,
        history.value,
        history.unit,
        history.value_published,
        history.unit_published,
        history.yoy_growth_pct,
        history.value_decimals,
        history.growth_decimals,
        history.value_half_width,
        history.growth_half_width,
        history.source_file_id,
        history.source_text,
        history.vintage_at,
        history.valid_from as published_on,
        history.vintage_number,
        history.value_rank,
        history.growth_rank,
        history.region_source,
        history.period_source
    from history
    where history.is_current
)

select * from final
