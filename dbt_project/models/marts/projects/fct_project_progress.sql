-- One row per project and reporting period: the year's plan, the investment completed so
-- far, the completion rate against the time elapsed, and the stage with the one before.
with progress as (
    select * from {{ ref('int_project_progress_deduplicated') }}
),

final as (
    select
        project_code,
        period_end,
        annual_plan_investment,
        completed_investment_ytd,
        completion_rate_pct,
        time_progress_pct,
        schedule_gap_pp,
        is_behind_plan,
        stage,
        stage_published,
        previous_stage,
        previous_period_end,
        coalesce(stage <> previous_stage, false) as is_stage_change,
        source_file_id
    from progress
)

select * from final
