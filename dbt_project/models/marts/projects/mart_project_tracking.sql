-- Key projects month by month, for the office's progress report: plan, completed investment,
-- completion rate against the time elapsed (时序进度) and whether the project is behind it,
-- and the stage it is in and was in the month before.
with progress as (
    select * from {{ ref('fct_project_progress') }}
),

projects as (
    select * from {{ ref('dim_project') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

final as (
    select
        progress.project_code,
        projects.project_name,
        projects.industry_chain,
        projects.region_code,
        coalesce(regions.name_zh, projects.region_name_published) as region_name,
        progress.period_end,
        projects.total_investment,
        progress.annual_plan_investment,
        progress.completed_investment_ytd,
        progress.completion_rate_pct,
        progress.time_progress_pct,
        progress.schedule_gap_pp,
        progress.is_behind_plan,
        progress.previous_stage,
        progress.stage,
        progress.is_stage_change,
        projects.responsible_unit
    from progress
    inner join projects
        on progress.project_code = projects.project_code
    left join regions
        on projects.region_code = regions.region_code
)

select * from final
