-- unmapped_indicator and unmapped_region: a published name that is not on the code lists
-- (nor a synonym or short name). The fact is kept under its published name with a null
-- code, never dropped; it is flagged once per fact so the code list can be extended, and
-- the other rules skip it until it is mapped. A fact can carry both flags.
-- Incremental (see incremental_reach): each fact is judged alone, so a build recomputes the
-- months new files reach ('same_month').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('same_month') }}

with observations as (
    select * from {{ ref('fct_indicator_observation') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('same_month') }})
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

unmapped as (
    select
        'unmapped_indicator' as rule_code,
        *
    from observations
    where indicator_code is null
    union all
    select
        'unmapped_region' as rule_code,
        *
    from observations
    where region_code is null
),

flagged as (
    select
        unmapped.*,
        rules.severity,
        case when unmapped.value_published is null then 'yoy_growth_pct' else 'value_published' end
            as observed_measure,
        coalesce(unmapped.value_published, unmapped.yoy_growth_pct) as observed,
        case unmapped.rule_code
            when 'unmapped_indicator' then '指标名称“' || unmapped.indicator_name || '”'
            else '地区名称“' || unmapped.region_name || '”'
        end as name_zh,
        case unmapped.rule_code
            when 'unmapped_indicator' then 'indicator name "' || unmapped.indicator_name || '"'
            else 'region name "' || unmapped.region_name || '"'
        end as name_en
    from unmapped
    inner join rules
        on unmapped.rule_code = rules.rule_code
),

final as (
    select
        {{ anomaly_id('flagged') }} as anomaly_id,
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
        cast(null as double precision) as expected_low,
        cast(null as double precision) as expected_high,
        'not_on_code_list' as diagnosis,
        {{ fact_label_zh('flagged') }}
        || ':' || flagged.name_zh || {{ diagnosis_zh("'not_on_code_list'") }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': ' || flagged.name_en || {{ diagnosis_en("'not_on_code_list'") }} || '.' as message,
        flagged.source_file_id,
        flagged.vintage_at as detected_at
    from flagged
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'same_month') }}
{% endif %}
