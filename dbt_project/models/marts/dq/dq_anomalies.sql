-- Every anomaly the data-quality rules flag, one row per rule x fact x source file, with
-- the reviewer's acceptance where one matches the same rule, fact and published figure.
with acceptances as (
    select * from {{ ref('stg_dq_review__acceptances') }}
),

flagged as (
    select * from {{ ref('dq_flagged') }}
),

final as (
    select
        flagged.anomaly_id,
        flagged.rule_code,
        flagged.severity,
        flagged.region_code,
        flagged.region_name,
        flagged.indicator_code,
        flagged.indicator_name,
        flagged.period_type,
        flagged.period_end,
        flagged.observed_measure,
        flagged.observed,
        -- computed bounds without floating-point noise (83.3, not 83.30000000000001)
        cast(round(cast(flagged.expected_low as numeric(38, 9)), 6) as double precision) as expected_low,
        cast(round(cast(flagged.expected_high as numeric(38, 9)), 6) as double precision) as expected_high,
        flagged.diagnosis,
        flagged.message,
        flagged.source_file_id,
        flagged.detected_at,
        acceptances.acceptance_id is not null as accepted,
        acceptances.reason as accepted_reason,
        acceptances.accepted_by,
        acceptances.accepted_at
    from flagged
    left join acceptances
        on
            flagged.rule_code = acceptances.rule_code
            and coalesce(flagged.region_code, flagged.region_name)
            = coalesce(acceptances.region_code, acceptances.region_name)
            and coalesce(flagged.indicator_code, flagged.indicator_name)
            = coalesce(acceptances.indicator_code, acceptances.indicator_name)
            and flagged.period_type = acceptances.period_type
            and flagged.period_end = acceptances.period_end
            and (
                (flagged.observed is null and acceptances.observed is null)
                or abs(flagged.observed - acceptances.observed) <= {{ dq_epsilon() }}
            )
            -- errors must be fixed by a corrected file, never accepted
            and flagged.severity != 'error'
)

select * from final
