-- The data-quality run history for analysts: one row per check x rule.
with runs as (
    select * from {{ ref('stg_dq_review__runs') }}
),

final as (
    select
        run_id,
        run_at,
        months,
        data_through,
        gate_passed,
        rule_code,
        severity,
        n_anomalies,
        n_accepted,
        n_anomalies - n_accepted as n_open
    from runs
)

select * from final
