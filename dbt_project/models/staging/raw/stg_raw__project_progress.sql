with project_progress as (
    select * from {{ source('raw', 'project_progress') }}
),

final as (
    select
        source_file_id,
        sheet_name,
        row_number as source_row_number,
        {{ project_code(normalise_project_name('project_name')) }} as project_code,
        trim(project_name) as project_name,
        {{ normalise_project_name('project_name') }} as project_name_normalised,
        nullif(trim(industry_chain), '') as industry_chain,
        nullif(trim(region_name), '') as region_name_published,
        period_end,
        total_investment,
        annual_plan_investment,
        completed_investment_ytd,
        completion_rate_pct,
        nullif(trim(stage), '') as stage_published,
        nullif(trim(responsible_unit), '') as responsible_unit,
        planned_start,
        planned_completion,
        loaded_at as vintage_at
    from project_progress
)

select * from final
