with source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

final as (
    select
        source_file_id,
        file_name,
        sha256,
        format,
        publisher,
        release_date,
        published_on,
        loaded_at,
        status,
        error,
        n_facts
    from source_files
)

select * from final
