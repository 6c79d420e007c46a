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
        numbers_read,
        numbers_skipped,
        numbers_unread,
        numbers_skipped_reasons,
        stored_path,
        loaded_at,
        -- When the file's figures became public: its release date, else the (UTC) day it
        -- was loaded. Vintages are ordered and valid from this date.
        coalesce(release_date, cast(loaded_at as date)) as published_on
    from source_files
)

select * from final
