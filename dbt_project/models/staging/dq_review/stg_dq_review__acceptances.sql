-- The latest acceptance of each flagged figure: accepting the same figure again replaces
-- the reason rather than duplicating the anomaly.
with acceptances as (
    select * from {{ source('dq_review', 'dq_acceptances') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by
                rule_code,
                coalesce(region_code, region_name),
                coalesce(indicator_code, indicator_name),
                period_type,
                period_end,
                observed
            order by accepted_at desc, acceptance_id desc
        ) as acceptance_rank
    from acceptances
),

final as (
    select
        acceptance_id,
        anomaly_id,
        rule_code,
        region_code,
        region_name,
        indicator_code,
        indicator_name,
        period_type,
        period_end,
        observed,
        reason,
        accepted_by,
        accepted_at
    from ranked
    where acceptance_rank = 1
)

select * from final
