-- One row per project and reporting period: the latest vintage when a list was re-sent,
-- names matched to region codes, the stage mapped to the stage list (an unknown stage is kept
-- as published and flagged by a test), the previous period's stage, and how far the year's
-- investment is behind the time elapsed (时序进度: by the end of June, half the year).
with project_progress as (
    select * from {{ ref('stg_raw__project_progress') }}
),

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

region_names as (
    select * from {{ ref('int_region_names_unioned') }}
),

stage_synonyms as (
    select * from {{ ref('project_stage_synonyms') }}
),

published as (
    select
        project_progress.*,
        source_files.published_on
    from project_progress
    inner join source_files
        on project_progress.source_file_id = source_files.source_file_id
),

ranked as (
    select
        *,
        row_number() over (
            partition by project_code, period_end
            order by {{ vintage_order(descending=true) }}
        ) as vintage_rank
    from published
),

latest as (
    select
        ranked.*,
        region_names.region_code,
        coalesce(stage_synonyms.stage, ranked.stage_published) as stage,
        coalesce(
            ranked.completion_rate_pct,
            case
                when ranked.annual_plan_investment > 0
                    then ranked.completed_investment_ytd / ranked.annual_plan_investment * 100
            end
        ) as completion_rate,
        cast(extract(month from ranked.period_end) as double precision) * 100 / 12 as time_progress_pct
    from ranked
    left join region_names
        on ranked.region_name_published = region_names.region_name
    left join stage_synonyms
        on ranked.stage_published = stage_synonyms.synonym
    where ranked.vintage_rank = 1
),

final as (
    select
        project_code,
        project_name,
        industry_chain,
        region_code,
        region_name_published,
        period_end,
        total_investment,
        annual_plan_investment,
        completed_investment_ytd,
        completion_rate as completion_rate_pct,
        time_progress_pct,
        completion_rate - time_progress_pct as schedule_gap_pp,
        completion_rate < time_progress_pct as is_behind_plan,
        stage,
        stage_published,
        lag(stage) over (partition by project_code order by period_end) as previous_stage,
        lag(period_end) over (partition by project_code order by period_end) as previous_period_end,
        responsible_unit,
        planned_start,
        planned_completion,
        source_file_id
    from latest
)

select * from final
