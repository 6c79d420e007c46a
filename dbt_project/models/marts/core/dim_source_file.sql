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
        n_facts,
        numbers_read,
        numbers_skipped,
        numbers_unread,
        numbers_skipped_reasons
    from source_files
)

select * from final
