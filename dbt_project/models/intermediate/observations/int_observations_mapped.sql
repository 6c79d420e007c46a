-- Published names matched to codes through the code lists (synonyms, short names),
-- and values converted to the indicator's canonical unit. A name that is not on a
-- list keeps a null code and its published name: flagged downstream, never dropped.
with observations as (
    select * from {{ ref('stg_raw__indicator_observations') }}
),

indicators as (
    select * from {{ ref('indicators') }}
),

indicator_names as (
    select * from {{ ref('int_indicator_names_unioned') }}
),

region_names as (
    select * from {{ ref('int_region_names_unioned') }}
),

unit_conversions as (
    select * from {{ ref('int_unit_conversions_paired') }}
),

coded as (
    select
        observations.*,
        indicator_names.indicator_code,
        region_names.region_code
    from observations
    left join indicator_names
        on observations.indicator_name_published = indicator_names.indicator_name
    left join region_names
        on observations.region_name_published = region_names.region_name
),

converted as (
    select
        coded.*,
        indicators.canonical_unit,
        unit_conversions.factor as unit_factor
    from coded
    left join indicators
        on coded.indicator_code = indicators.indicator_code
    left join unit_conversions
        on
            coded.unit_published = unit_conversions.from_unit
            and indicators.canonical_unit = unit_conversions.to_unit
),

final as (
    select
        source_file_id,
        sheet_name,
        source_row_number,
        region_code,
        region_name_published,
        indicator_code,
        indicator_name_published,
        period_type,
        period_start,
        period_end,
        period_label,
        value_published * unit_factor as value,
        canonical_unit as unit,
        -- double precision on every database (PostgreSQL would keep power() numeric)
        cast(0.5 * power(10.0, -value_decimals) as double precision) * unit_factor as value_half_width,
        value_published,
        value_decimals,
        unit_published,
        yoy_growth_pct,
        growth_decimals,
        cast(0.5 * power(10.0, -growth_decimals) as double precision) as growth_half_width,
        source_text,
        source_char_start,
        source_column_name,
        value_rank,
        growth_rank,
        region_source,
        period_source,
        vintage_at
    from converted
)

select * from final
