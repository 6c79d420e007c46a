-- Every change of a key project's stage between two consecutive reports: from which stage to
-- which, and in which month it was first reported (前期 -> 新开工, 续建 -> 竣工, ...).
with progress as (
    select * from {{ ref('fct_project_progress') }}
),

projects as (
    select * from {{ ref('dim_project') }}
),

stages as (
    select * from {{ ref('project_stages') }}
),

final as (
    select
        progress.project_code,
        projects.project_name,
        projects.industry_chain,
        progress.previous_period_end as from_period_end,
        progress.period_end as changed_in_period_end,
        cast(extract(year from progress.period_end) as integer) as changed_in_year,
        cast(extract(month from progress.period_end) as integer) as changed_in_month,
        progress.previous_stage as from_stage,
        progress.stage as to_stage,
        -- a later stage than before is progress; an earlier one a correction or a setback
        to_stage.stage_order < from_stage.stage_order as is_step_back
    from progress
    inner join projects
        on progress.project_code = projects.project_code
    left join stages as from_stage
        on progress.previous_stage = from_stage.stage
    left join stages as to_stage
        on progress.stage = to_stage.stage
    where progress.is_stage_change
)

select * from final
