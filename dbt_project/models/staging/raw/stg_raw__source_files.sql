with source_files as (
    select * from {{ source('raw', 'source_files') }}
),

final as (
    select
        source_file_id,
        file_name,
        sha256,
        format,
        size_bytes,
        publisher,
        release_date,
        status,
        error,
        n_facts,
        stored_path,
        loaded_at
    from source_files
)

select * from final
