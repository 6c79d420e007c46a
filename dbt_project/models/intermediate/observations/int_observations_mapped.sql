-- Published names matched to codes through the code lists (synonyms, short names),
-- and values converted to the indicator's canonical unit. A name that is not on a
-- list keeps a null code and its published name: flagged downstream, never dropped.
with observations as (
    select * from {{ ref('stg_raw__indicator_observations') }}
),

indicators as (
    select * from {{ ref('indicators') }}
),

indicator_synonyms as (
    select * from {{ ref('indicator_synonyms') }}
),

regions as (
    select * from {{ ref('regions') }}
),

region_synonyms as (
    select * from {{ ref('region_synonyms') }}
),

units as (
    select * from {{ ref('units') }}
),

indicator_names as (
    select
        name_zh as indicator_name,
        indicator_code
    from indicators
    union
    select
        synonym as indicator_name,
        indicator_code
    from indicator_synonyms
),

region_names as (
    select
        name_zh as region_name,
        region_code
    from regions
    union
    select
        short_name as region_name,
        region_code
    from regions
    where short_name is not null
    union
    select
        synonym as region_name,
        region_code
    from region_synonyms
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
        published_unit.factor_to_base / canonical_unit.factor_to_base as unit_factor
    from coded
    left join indicators
        on coded.indicator_code = indicators.indicator_code
    left join units as published_unit
        on coded.unit_published = published_unit.unit
    left join units as canonical_unit
        on
            indicators.canonical_unit = canonical_unit.unit
            and published_unit.dimension = canonical_unit.dimension
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
        0.5 * power(10.0, -value_decimals) * unit_factor as value_half_width,
        value_published,
        value_decimals,
        unit_published,
        yoy_growth_pct,
        growth_decimals,
        0.5 * power(10.0, -growth_decimals) as growth_half_width,
        source_text,
        vintage_at
    from converted
)

select * from final
