with indicator_targets as (
    select * from {{ source('raw', 'indicator_targets') }}
),

final as (
    select
        source_file_id,
        trim(region_name) as region_name_published,
        trim(indicator_name) as indicator_name_published,
        year,
        target_value,
        nullif(trim(target_unit), '') as target_unit,
        target_kind,
        comparator,
        source_text,
        loaded_at as vintage_at
    from indicator_targets
)

select * from final
