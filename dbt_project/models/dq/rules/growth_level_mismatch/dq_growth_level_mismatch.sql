-- growth_level_mismatch and base_revision: does the published yoy growth g agree with
-- this period's level X and last year's level B, allowing for the rounding of all three?
--   implied growth   G  = [(X-hX)/(B+hB) - 1, (X+hX)/(B-hB) - 1] x 100
--   published growth    [g-hg, g+hg]
-- When they do not overlap, the base implied by X and g,
--   B* = [(X-hX)/(1+(g+hg)/100), (X+hX)/(1+(g-hg)/100)],
-- gives the implied revision of last year's figure r = B*/B - 1: a small |r| is a
-- base revision (info), a larger one a mismatch (severity from the rule catalogue),
-- B*/B near x10^4 or x10^-4 a unit slip; otherwise a sign, "倍" or decimal slip of g when
-- one puts it inside G. Real-growth indicators are never compared: their growth is at
-- comparable prices and cannot be recomputed from current-price levels.
-- Incremental (see incremental_reach): a figure and last year's (a changed figure reaches the
-- pair a year later), so a build recomputes the months new files reach ('a_year_later').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('a_year_later') }}

with pairs as (
    select * from {{ ref('dq_year_pairs') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('a_year_later') }})
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

revision_rule as (
    select {{ dq_threshold('thresholds', 'max_revision_pct') }} as max_revision_pct
    from rules
    where rule_code = 'base_revision'
),

unit_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance']) }}
),

nominal as (
    select *
    from pairs
    where growth_basis = 'nominal'
),

intervals as (
    select
        *,
        ({{ quotient_low('x - h_x', 'x + h_x', 'b - h_b', 'b + h_b') }} - 1) * 100 as implied_growth_low,
        ({{ quotient_high('x - h_x', 'x + h_x', 'b - h_b', 'b + h_b') }} - 1) * 100 as implied_growth_high,
        (x - h_x) / (1 + (g + h_g) / 100) as implied_base_low,
        case
            when 1 + (g - h_g) / 100 > 0 then (x + h_x) / (1 + (g - h_g) / 100)
        end as implied_base_high
    from nominal
),

gaps as (
    select
        *,
        {{ interval_gap('implied_growth_low', 'implied_growth_high', 'g - h_g', 'g + h_g') }} as gap_pp,
        implied_base_low / b - 1 as revision_low,
        implied_base_high / b - 1 as revision_high,
        x / (1 + g / 100) / b as implied_base_ratio
    from intervals
),

flagged as (
    select
        *,
        case
            when revision_low > 0 then revision_low
            when revision_high < 0 then revision_high
            else 0
        end * 100 as nearest_revision_pct
    from gaps
    where {{ intervals_disagree('implied_growth_low', 'implied_growth_high', 'g - h_g', 'g + h_g') }}
),

classified as (
    select
        flagged.*,
        case
            when abs(flagged.nearest_revision_pct) <= revision_rule.max_revision_pct
                then 'base_revision'
            else 'growth_level_mismatch'
        end as rule_code,
        coalesce(
            {{ unit_slip_diagnosis('flagged.implied_base_ratio') }},
            case
                when abs(flagged.nearest_revision_pct) <= revision_rule.max_revision_pct
                    then 'base_revision'
            end,
            {{ growth_diagnosis(
                'flagged.g', 'flagged.h_g', 'flagged.implied_growth_low', 'flagged.implied_growth_high'
            ) }},
            'inconsistent'
        ) as diagnosis
    from flagged
    cross join revision_rule
    cross join unit_rule
),

final as (
    select
        {{ anomaly_id('classified') }} as anomaly_id,
        classified.rule_code,
        rules.severity,
        classified.region_code,
        classified.region_name,
        classified.indicator_code,
        classified.indicator_name,
        classified.period_type,
        classified.period_end,
        'yoy_growth_pct' as observed_measure,
        classified.g as observed,
        classified.implied_growth_low as expected_low,
        classified.implied_growth_high as expected_high,
        classified.diagnosis,
        classified.gap_pp,
        classified.implied_base_low,
        classified.implied_base_high,
        classified.nearest_revision_pct,
        {{ growth_level_message() }} as message,
        classified.source_file_id,
        classified.detected_at
    from classified
    inner join rules
        on classified.rule_code = rules.rule_code
    -- base_revision is a finding of the same comparison: each finding follows its own rule's scope
    where {{ dq_in_scope('rules.applies_to', 'classified') }}
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'a_year_later') }}
{% endif %}
