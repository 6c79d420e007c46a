-- The flags of every data-quality rule: the contract columns of each model tagged dq_rule
-- (models/dq/rules/, found by dq_rule_models()), one row per rule x fact x source file.
-- dbt learns a model's parents while it parses, before its graph exists, and cannot find them
-- by tag (dbt-core#1212): so each rule is also named below, once. A rule missing there stops
-- the compile with dbt's message giving the line to add.
-- depends_on: {{ ref('dq_component_exceeds_total') }}
-- depends_on: {{ ref('dq_components_sum_mismatch') }}
-- depends_on: {{ ref('dq_conflicting_duplicate') }}
-- depends_on: {{ ref('dq_growth_level_mismatch') }}
-- depends_on: {{ ref('dq_missing_period') }}
-- depends_on: {{ ref('dq_outlier') }}
-- depends_on: {{ ref('dq_real_growth_implausible') }}
-- depends_on: {{ ref('dq_share_out_of_range') }}
-- depends_on: {{ ref('dq_unit_magnitude_jump') }}
-- depends_on: {{ ref('dq_unmapped_names') }}
-- depends_on: {{ ref('dq_unread_figures') }}
-- depends_on: {{ ref('dq_ytd_decrease') }}
-- depends_on: {{ ref('dq_ytd_month_mismatch') }}
{%- set columns = [
    'anomaly_id', 'rule_code', 'severity', 'region_code', 'region_name', 'indicator_code',
    'indicator_name', 'period_type', 'period_end', 'observed_measure', 'observed',
    'expected_low', 'expected_high', 'diagnosis', 'message', 'source_file_id', 'detected_at',
] %}

-- the columns every rule model returns (each adds its own diagnostic ones)
{%- for rule in dq_rule_models() %}
    select {{ columns | join(', ') }}
    from {{ ref(rule) }}
    {%- if not loop.last %}
        union all
    {%- endif %}
{%- endfor %}
