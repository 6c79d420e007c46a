-- real_growth_implausible: real-growth indicators (GDP, industrial value added) publish
-- growth at comparable prices beside levels at current prices, so g cannot be recomputed
-- from X and B; what they imply is a price change, the deflator
--   pi = (X/B) / (1 + g/100) - 1,
-- an interval once every figure's rounding is allowed for. It must overlap a wide plausible
-- band [low, high] (catalogue thresholds). Equivalently, g must lie in the real growth the
-- levels allow with a plausible deflator,
--   E = [ (X-hX)/(B+hB) / (1+high) - 1, (X+hX)/(B-hB) / (1+low) - 1 ] x 100,
-- and the flag reports g against E with the implied deflator as the diagnosis.
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

this_rule as (
    {{ dq_rule('real_growth_implausible', ['deflator_low_pct', 'deflator_high_pct']) }}
),

unit_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance']) }}
),

real_pairs as (
    select
        pairs.*,
        this_rule.rule_code,
        this_rule.severity,
        this_rule.deflator_low_pct / 100 as deflator_low,
        this_rule.deflator_high_pct / 100 as deflator_high
    from pairs
    cross join this_rule
    where
        pairs.growth_basis = 'real'
        and {{ dq_in_scope('this_rule.applies_to', 'pairs') }}
),

ratios as (
    select
        *,
        {{ quotient_low('x - h_x', 'x + h_x', 'b - h_b', 'b + h_b') }} as ratio_low,
        {{ quotient_high('x - h_x', 'x + h_x', 'b - h_b', 'b + h_b') }} as ratio_high,
        1 + (g - h_g) / 100 as growth_factor_low,
        1 + (g + h_g) / 100 as growth_factor_high,
        (3 * deflator_low + deflator_high) / 4 as typical_deflator_low,
        (deflator_low + 3 * deflator_high) / 4 as typical_deflator_high
    from real_pairs
),

intervals as (
    select
        *,
        100 * (
            {{ quotient_low('ratio_low', 'ratio_high', '1 + deflator_low', '1 + deflator_high') }} - 1
        ) as expected_growth_low,
        100 * (
            {{ quotient_high('ratio_low', 'ratio_high', '1 + deflator_low', '1 + deflator_high') }} - 1
        ) as expected_growth_high,
        -- the middle half of the band: where a slipped growth, once corrected, should land
        100 * (
            {{ quotient_low('ratio_low', 'ratio_high', '1 + typical_deflator_low', '1 + typical_deflator_high') }} - 1
        ) as typical_growth_low,
        100 * (
            {{ quotient_high('ratio_low', 'ratio_high', '1 + typical_deflator_low', '1 + typical_deflator_high') }} - 1
        ) as typical_growth_high,
        case when growth_factor_low > 0 then 100 * (
            {{ quotient_low('ratio_low', 'ratio_high', 'growth_factor_low', 'growth_factor_high') }} - 1
        ) end as implied_deflator_low_pct,
        case when growth_factor_low > 0 then 100 * (
            {{ quotient_high('ratio_low', 'ratio_high', 'growth_factor_low', 'growth_factor_high') }} - 1
        ) end as implied_deflator_high_pct
    from ratios
),

flagged as (
    select
        intervals.*,
        coalesce(
            {{ unit_slip_diagnosis('intervals.x / intervals.b / (1 + intervals.g / 100)') }},
            {{ growth_diagnosis(
                'intervals.g', 'intervals.h_g', 'intervals.typical_growth_low', 'intervals.typical_growth_high'
            ) }},
            'implausible_deflator'
        ) as diagnosis,
        coalesce(
            {{ format_number('intervals.implied_deflator_low_pct', 2) }} || '%~'
            || {{ format_number('intervals.implied_deflator_high_pct', 2) }} || '%',
            '-'
        ) as implied_deflator_text
    from intervals
    cross join unit_rule
    where {{ intervals_disagree('g - h_g', 'g + h_g', 'expected_growth_low', 'expected_growth_high') }}
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
        'yoy_growth_pct' as observed_measure,
        flagged.g as observed,
        flagged.expected_growth_low as expected_low,
        flagged.expected_growth_high as expected_high,
        flagged.diagnosis,
        flagged.implied_deflator_low_pct,
        flagged.implied_deflator_high_pct,
        {{ fact_label_zh('flagged') }}
        || ':公布可比价增速' || {{ format_figure('flagged.g') }} || '%,现价总量'
        || {{ format_figure('flagged.x') }} || '与上年同期' || {{ format_figure('flagged.b') }}
        || flagged.unit || '隐含价格变动'
        || flagged.implied_deflator_text
        || ',超出合理范围' || {{ format_number('flagged.deflator_low * 100', 1) }} || '%~'
        || {{ format_number('flagged.deflator_high * 100', 1) }} || '%;按此范围增速应在'
        || {{ format_number('flagged.expected_growth_low', 2) }} || '%~'
        || {{ format_number('flagged.expected_growth_high', 2) }} || '%之间'
        || {{ diagnosis_zh('flagged.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': real growth ' || {{ format_figure('flagged.g') }} || '% with current-price levels '
        || {{ format_figure('flagged.x') }} || ' and last year''s ' || {{ format_figure('flagged.b') }}
        || ' ' || flagged.unit || ' implies a price change of '
        || flagged.implied_deflator_text
        || ', outside the plausible ' || {{ format_number('flagged.deflator_low * 100', 1) }} || '% to '
        || {{ format_number('flagged.deflator_high * 100', 1) }} || '%; with a plausible one the growth would be '
        || {{ format_number('flagged.expected_growth_low', 2) }} || '% to '
        || {{ format_number('flagged.expected_growth_high', 2) }} || '%'
        || {{ diagnosis_en('flagged.diagnosis') }} || '.' as message,
        flagged.source_file_id,
        flagged.detected_at
    from flagged
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'a_year_later') }}
{% endif %}
