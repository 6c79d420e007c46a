-- Every anomaly the data-quality rules flag, one row per rule x fact x source file, with
-- the reviewer's acceptance where one matches the same rule, fact and published figure.
{%- set rules = [
    'growth_level_mismatch', 'real_growth_implausible', 'ytd_decrease', 'ytd_month_mismatch',
    'component_exceeds_total', 'components_sum_mismatch', 'share_out_of_range',
    'unit_magnitude_jump', 'outlier', 'missing_period', 'conflicting_duplicate', 'unmapped_names',
    'unread_figures',
] %}
{%- set columns = [
    'anomaly_id', 'rule_code', 'severity', 'region_code', 'region_name', 'indicator_code',
    'indicator_name', 'period_type', 'period_end', 'observed_measure', 'observed',
    'expected_low', 'expected_high', 'diagnosis', 'message', 'source_file_id', 'detected_at',
] %}

with growth_level_mismatch as (
    select * from {{ ref('dq_growth_level_mismatch') }}
),

real_growth_implausible as (
    select * from {{ ref('dq_real_growth_implausible') }}
),

ytd_decrease as (
    select * from {{ ref('dq_ytd_decrease') }}
),

ytd_month_mismatch as (
    select * from {{ ref('dq_ytd_month_mismatch') }}
),

component_exceeds_total as (
    select * from {{ ref('dq_component_exceeds_total') }}
),

components_sum_mismatch as (
    select * from {{ ref('dq_components_sum_mismatch') }}
),

share_out_of_range as (
    select * from {{ ref('dq_share_out_of_range') }}
),

unit_magnitude_jump as (
    select * from {{ ref('dq_unit_magnitude_jump') }}
),

outlier as (
    select * from {{ ref('dq_outlier') }}
),

missing_period as (
    select * from {{ ref('dq_missing_period') }}
),

conflicting_duplicate as (
    select * from {{ ref('dq_conflicting_duplicate') }}
),

unmapped_names as (
    select * from {{ ref('dq_unmapped_names') }}
),

unread_figures as (
    select * from {{ ref('dq_unread_figures') }}
),

acceptances as (
    select * from {{ ref('stg_dq_review__acceptances') }}
),

-- the columns every rule model returns (each adds its own diagnostic ones)
flagged as (
    {%- for rule in rules %}
        select {{ columns | join(', ') }}
        from {{ rule }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
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
