with unread_figures as (
    select * from {{ source('raw', 'unread_figures') }}
),

final as (
    select
        source_file_id,
        sheet_name,
        row_number as source_row_number,
        column_name as source_column_name,
        text as figure_text,
        reason,
        loaded_at
    from unread_figures
)

select * from final
