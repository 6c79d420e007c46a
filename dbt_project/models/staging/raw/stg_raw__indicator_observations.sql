with observations as (
    select * from {{ source('raw', 'indicator_observations') }}
),

final as (
    select
        source_file_id,
        sheet_name,
        row_number as source_row_number,
        trim(region_name) as region_name_published,
        trim(indicator_name) as indicator_name_published,
        period_label,
        period_type,
        period_start,
        period_end,
        value_published,
        value_decimals,
        nullif(trim(unit_published), '') as unit_published,
        yoy_growth_pct,
        growth_decimals,
        source_text,
        source_char_start,
        column_name as source_column_name,
        value_rank,
        growth_rank,
        region_source,
        period_source,
        loaded_at as vintage_at
    from observations
)

select * from final
