with runs as (
    select * from {{ source('dq_review', 'dq_runs') }}
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
        n_accepted
    from runs
)

select * from final
