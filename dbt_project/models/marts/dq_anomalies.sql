-- Every anomaly the data-quality rules flag, one row per rule x fact x source file.
with growth_level as (
    select * from {{ ref('dq_growth_level_mismatch') }}
),

final as (
    select
        anomaly_id,
        rule_code,
        severity,
        region_code,
        indicator_code,
        period_type,
        period_end,
        observed,
        expected_low,
        expected_high,
        diagnosis,
        message,
        source_file_id,
        detected_at
    from growth_level
)

select * from final
