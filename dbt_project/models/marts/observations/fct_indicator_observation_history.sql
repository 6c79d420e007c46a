-- Every vintage of every fact, with the interval in which it was the published figure:
-- [valid_from, valid_to), valid_to null for the current one. "As published on D" is
--   valid_from <= D and (valid_to is null or valid_to > D)
-- (the as_published_on macro). Incremental: a monthly run rewrites only the facts that
-- received a new vintage since the last run, all their vintages at once (delete+insert by
-- fact_key: the previous vintage's valid_to changes, and a late-loaded file published
-- earlier renumbers them); `dbt build --full-refresh` gives the same table. Only the periods
-- of the new rows are read from int_observations_versioned.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{
    config(
        materialized='incremental',
        unique_key='fact_key',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}

with observations as (
    select * from {{ ref('int_observations_versioned') }}
    {% if is_incremental() %}
        -- only the periods that received a vintage (the filter reaches below the view's windows)
        where period_end in (
            select new_rows.period_end
            from {{ ref('stg_raw__indicator_observations') }} as new_rows
            where new_rows.vintage_at >= (select max(history.vintage_at) from {{ this }} as history)
        )
    {% endif %}
),

regions as (
    select * from {{ ref('dim_region') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

{% if is_incremental() %}
    changed_facts as (
        -- >=: a file loaded in the same second as the last processed one is not missed;
        -- rewriting a fact that did not change gives the same rows
        select distinct fact_key
        from observations
        where observations.vintage_at >= (select max(history.vintage_at) from {{ this }} as history)
    ),
{% endif %}

final as (
    select
        observations.observation_vintage_id,
        observations.fact_key,
        observations.region_code,
        coalesce(regions.name_zh, observations.region_name_published) as region_name,
        observations.indicator_code,
        coalesce(indicators.name_zh, observations.indicator_name_published) as indicator_name,
        {{ period_key('observations.period_type', 'observations.period_end') }} as period_key,
        observations.period_type,
        observations.period_start,
        observations.period_end,
        observations.value,
        observations.unit,
        observations.value_published,
        observations.unit_published,
        observations.yoy_growth_pct,
        observations.value_decimals,
        observations.growth_decimals,
        observations.value_half_width,
        observations.growth_half_width,
        observations.source_file_id,
        observations.source_text,
        observations.vintage_at,
        observations.vintage_number,
        observations.valid_from,
        observations.valid_to,
        observations.is_current,
        observations.is_revision,
        observations.previous_value,
        observations.previous_yoy_growth_pct,
        observations.value_rank,
        observations.growth_rank,
        observations.region_source,
        observations.period_source,
        observations.sheet_name,
        observations.source_row_number,
        observations.source_column_name
    from observations
    left join regions
        on observations.region_code = regions.region_code
    left join indicators
        on observations.indicator_code = indicators.indicator_code
    {% if is_incremental() %}
        where observations.fact_key in (select changed_facts.fact_key from changed_facts)
    {% endif %}
)

select * from final
