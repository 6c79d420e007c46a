-- conflicting_duplicate: two files give the same fact (region x indicator x period type x
-- period end) values, or growth rates, whose rounding intervals do not overlap.
-- The raw layer keeps every vintage, so a fact published again is normal; what matters is
-- whether the second publication revises the first or contradicts it:
--   revision: the same publisher, and both files state release dates that differ (a later
--             release of the same office replaces its earlier one) -- not flagged;
--   conflict: different publishers, or the same publisher without two distinct release
--             dates (two formats of one release, or files whose release cannot be told
--             apart) -- flagged, on the later-loaded file, against the earliest
--             file it contradicts.
-- Same figures within rounding (161.5 and 161.52) never conflict.
-- Incremental (see incremental_reach): the vintages of one fact, so a build recomputes the
-- months new files reach ('same_month').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('same_month') }}

with observations as (
    select * from {{ ref('int_observations_mapped') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('same_month') }})
    {% endif %}
),

source_files as (
    select * from {{ ref('dim_source_file') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('conflicting_duplicate') }}
),

unit_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance']) }}
),

vintages as (
    select
        observations.region_code,
        regions.name_zh as region_name,
        observations.indicator_code,
        indicators.name_zh as indicator_name,
        indicators.measure_type,
        indicators.growth_basis,
        indicators.category,
        indicators.canonical_unit as unit,
        observations.period_type,
        observations.period_end,
        observations.value,
        observations.value_half_width,
        observations.yoy_growth_pct,
        observations.growth_half_width,
        observations.source_file_id,
        observations.vintage_at,
        source_files.file_name,
        source_files.publisher,
        source_files.release_date
    from observations
    inner join source_files
        on observations.source_file_id = source_files.source_file_id
    inner join indicators
        on observations.indicator_code = indicators.indicator_code
    inner join regions
        on observations.region_code = regions.region_code
),

pairs as (
    select
        later.*,
        earlier.value as other_value,
        earlier.value_half_width as other_value_half_width,
        earlier.yoy_growth_pct as other_growth,
        earlier.growth_half_width as other_growth_half_width,
        earlier.source_file_id as other_source_file_id,
        earlier.file_name as other_file_name,
        earlier.publisher as other_publisher,
        earlier.vintage_at as other_vintage_at,
        coalesce(
            later.publisher = earlier.publisher and later.release_date != earlier.release_date, false
        ) as is_revision,
        coalesce({{ intervals_disagree(
            'later.value - later.value_half_width', 'later.value + later.value_half_width',
            'earlier.value - earlier.value_half_width', 'earlier.value + earlier.value_half_width'
        ) }}, false) as values_conflict,
        coalesce({{ intervals_disagree(
            'later.yoy_growth_pct - later.growth_half_width', 'later.yoy_growth_pct + later.growth_half_width',
            'earlier.yoy_growth_pct - earlier.growth_half_width', 'earlier.yoy_growth_pct + earlier.growth_half_width'
        ) }}, false) as growths_conflict
    from vintages as later
    inner join vintages as earlier
        on
            later.region_code = earlier.region_code
            and later.indicator_code = earlier.indicator_code
            and later.period_type = earlier.period_type
            and later.period_end = earlier.period_end
            and later.source_file_id != earlier.source_file_id
            and (
                later.vintage_at > earlier.vintage_at
                or (later.vintage_at = earlier.vintage_at and later.source_file_id > earlier.source_file_id)
            )
),

conflicts as (
    select
        pairs.*,
        this_rule.rule_code,
        this_rule.severity,
        row_number() over (
            partition by
                pairs.region_code, pairs.indicator_code, pairs.period_type, pairs.period_end,
                pairs.source_file_id
            order by pairs.other_vintage_at, pairs.other_source_file_id
        ) as conflict_rank
    from pairs
    cross join this_rule
    where
        (pairs.values_conflict or pairs.growths_conflict)
        and not pairs.is_revision
        and {{ dq_in_scope('this_rule.applies_to', 'pairs') }}
),

flagged as (
    select
        conflicts.*,
        case when conflicts.values_conflict then 'value' else 'yoy_growth_pct' end as observed_measure,
        case when conflicts.values_conflict then conflicts.value else conflicts.yoy_growth_pct end as observed,
        case
            when conflicts.values_conflict
                then conflicts.other_value - conflicts.other_value_half_width - conflicts.value_half_width
            else conflicts.other_growth - conflicts.other_growth_half_width - conflicts.growth_half_width
        end as expected_low,
        case
            when conflicts.values_conflict
                then conflicts.other_value + conflicts.other_value_half_width + conflicts.value_half_width
            else conflicts.other_growth + conflicts.other_growth_half_width + conflicts.growth_half_width
        end as expected_high,
        coalesce(
            case
                when conflicts.values_conflict and conflicts.other_value > 0
                    then {{ unit_slip_diagnosis('conflicts.value / conflicts.other_value', directional=false) }}
            end,
            'different_sources'
        ) as diagnosis
    from conflicts
    cross join unit_rule
    where conflicts.conflict_rank = 1
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
        flagged.expected_low,
        flagged.expected_high,
        flagged.diagnosis,
        flagged.other_source_file_id,
        {{ fact_label_zh('flagged') }}
        || ':' || flagged.file_name || '(' || coalesce(flagged.publisher, '发布单位不详') || ')为'
        || case flagged.observed_measure
            when 'value' then {{ format_figure('flagged.value') }} || flagged.unit
            else '增长' || {{ format_figure('flagged.yoy_growth_pct') }} || '%'
        end
        || ',而' || flagged.other_file_name || '(' || coalesce(flagged.other_publisher, '发布单位不详') || ')为'
        || case flagged.observed_measure
            when 'value' then {{ format_figure('flagged.other_value') }} || flagged.unit
            else '增长' || {{ format_figure('flagged.other_growth') }} || '%'
        end
        || ',超出舍入误差' || {{ diagnosis_zh('flagged.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': ' || flagged.file_name || ' (' || coalesce(flagged.publisher, 'publisher unknown') || ') gives '
        || case flagged.observed_measure
            when 'value' then {{ format_figure('flagged.value') }} || ' ' || flagged.unit
            else 'growth ' || {{ format_figure('flagged.yoy_growth_pct') }} || '%'
        end
        || ' but ' || flagged.other_file_name || ' (' || coalesce(flagged.other_publisher, 'publisher unknown')
        || ') gives '
        || case flagged.observed_measure
            when 'value' then {{ format_figure('flagged.other_value') }} || ' ' || flagged.unit
            else 'growth ' || {{ format_figure('flagged.other_growth') }} || '%'
        end
        || ', beyond rounding' || {{ diagnosis_en('flagged.diagnosis') }} || '.' as message,
        flagged.source_file_id,
        flagged.vintage_at as detected_at
    from flagged
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'same_month') }}
{% endif %}
