-- One row per key project (重点项目), as of the latest period it was reported in.
-- project_code is derived from the normalised name (see the project_code macro).
with progress as (
    select * from {{ ref('int_project_progress_deduplicated') }}
),

ranked as (
    select
        *,
        min(period_end) over (partition by project_code) as first_period_end,
        row_number() over (partition by project_code order by period_end desc) as recency
    from progress
),

final as (
    select
        project_code,
        project_name,
        industry_chain,
        region_code,
        region_name_published,
        total_investment,
        stage,
        planned_start,
        planned_completion,
        responsible_unit,
        first_period_end,
        period_end as last_period_end
    from ranked
    where recency = 1
)

select * from final
