-- growth_level_mismatch and base_revision: does the published yoy growth g agree with
-- this period's level X and last year's level B, allowing for the rounding of all three?
--   implied growth   G  = [(X-hX)/(B+hB) - 1, (X+hX)/(B-hB) - 1] x 100
--   published growth    [g-hg, g+hg]
-- When they do not overlap, the base implied by X and g,
--   B* = [(X-hX)/(1+(g+hg)/100), (X+hX)/(1+(g-hg)/100)],
-- gives the implied revision of last year's figure r = B*/B - 1: a small |r| is a
-- base revision (info), a larger one a mismatch (severity from the rule catalogue),
-- r near x10^4 or x10^-4 a unit slip. Real-growth indicators are skipped: their growth is
-- at comparable prices and cannot be recomputed from current-price levels.
with observations as (
    select * from {{ ref('fct_indicator_observation') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

pairs as (
    select
        this_year.region_code,
        this_year.indicator_code,
        this_year.region_name,
        this_year.indicator_name,
        this_year.period_type,
        this_year.period_end,
        this_year.source_file_id,
        this_year.value as x,
        this_year.value_half_width as h_x,
        last_year.value as b,
        last_year.value_half_width as h_b,
        this_year.yoy_growth_pct as g,
        this_year.growth_half_width as h_g,
        this_year.unit,
        greatest(this_year.vintage_at, last_year.vintage_at) as detected_at
    from observations as this_year
    inner join indicators
        on this_year.indicator_code = indicators.indicator_code
    inner join observations as last_year
        on
            this_year.region_code = last_year.region_code
            and this_year.indicator_code = last_year.indicator_code
            and this_year.period_type = last_year.period_type
            and extract(year from last_year.period_end) = extract(year from this_year.period_end) - 1
            and extract(month from last_year.period_end) = extract(month from this_year.period_end)
    where
        indicators.growth_basis = 'nominal'
        and this_year.value is not null
        and this_year.yoy_growth_pct is not null
        and last_year.value - last_year.value_half_width > 0
),

intervals as (
    select
        *,
        ((x - h_x) / (b + h_b) - 1) * 100 as implied_growth_low,
        ((x + h_x) / (b - h_b) - 1) * 100 as implied_growth_high,
        g - h_g as published_growth_low,
        g + h_g as published_growth_high,
        (x - h_x) / (1 + (g + h_g) / 100) as implied_base_low,
        case
            when 1 + (g - h_g) / 100 > 0 then (x + h_x) / (1 + (g - h_g) / 100)
        end as implied_base_high
    from pairs
),

gaps as (
    select
        *,
        greatest(
            implied_growth_low - published_growth_high,
            published_growth_low - implied_growth_high,
            0
        ) as gap_pp,
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
    -- a tiny epsilon keeps floating-point noise at the exact rounding boundary from flagging
    where gap_pp > 1e-9
),

classified as (
    select
        flagged.*,
        case
            when abs(flagged.nearest_revision_pct) <= base_revision_rule.threshold
                then 'base_revision'
            else 'growth_level_mismatch'
        end as rule_code,
        case
            when flagged.implied_base_ratio between 5000 and 20000 then 'unit_slip_wan_as_yi'
            when flagged.implied_base_ratio between 0.00005 and 0.0002 then 'unit_slip_yi_as_wan'
            when abs(flagged.nearest_revision_pct) <= base_revision_rule.threshold
                then 'base_revision'
            else 'inconsistent'
        end as diagnosis
    from flagged
    cross join rules as base_revision_rule
    where base_revision_rule.rule_code = 'base_revision'
),

final as (
    select
        {{ anomaly_id('classified') }} as anomaly_id,
        classified.rule_code,
        rules.severity,
        classified.region_code,
        classified.indicator_code,
        classified.period_type,
        classified.period_end,
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
)

select * from final
