-- unit_magnitude_jump: a value about `factor` (10^4) times the median of its neighbours in
-- its own series (same region and indicator, whatever their period type: the figures whose
-- periods end within `neighbour_months` calendar months of its own, before or after, itself
-- left out), or about 1/factor times, within a factor `tolerance`: a 万元 figure labelled 亿元
-- or the reverse. The median of the neighbours is not moved by one slipped figure, so the
-- neighbours of a slip are not flagged themselves. Year-to-date figures differ by up to ~30
-- times within a year, far from 10^4. A figure with no neighbour within the span (an annual
-- series) is not judged here; growth_level_mismatch names its unit slip from its growth. An
-- error: no real series jumps ten-thousandfold and back.
-- Cost linear in the history: each figure's neighbours are the months of its span, never
-- every figure of its series; on DuckDB the median is a window framed by the span, within
-- the memory limit at national scale (neighbour_medians.sql).
-- Incremental by reach (incremental_series.sql): a figure is a neighbour of the figures
-- within neighbour_months of it, so a build recomputes a changed series group from
-- neighbour_months before its earliest changed month, reading neighbour_months further back.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{%- set reach = {
    'rule': 'unit_magnitude_jump',
    'thresholds': ['neighbour_months'],
    'back': 'neighbour_months',
    'lookback': 'neighbour_months',
} %}
{{ incremental_by_reach(reach) }}

with
-- figures: the figures this build reads (in an incremental build, its reach and lookback)
{{ figures_in_reach(reach) }},

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance', 'neighbour_months']) }}
),

positive as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity,
        this_rule.factor,
        this_rule.tolerance,
        this_rule.neighbour_months
    from figures
    cross join this_rule
    where
        figures.value > 0
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

judged as (
    -- the figures whose flags this build writes (in an incremental build, its reach)
    {{ rows_in_reach('positive', 'positive', 'positive.month_index', 'first_recomputed') }}
),

-- each figure's neighbours: the figures of its series whose months lie within its span,
-- itself left out (a series has one figure per period type and period)
{{ neighbour_medians('neighbourhoods', 'positive', 'neighbour_months') }},

diagnosed as (
    select
        judged.*,
        neighbourhoods.neighbour_median,
        neighbourhoods.n_neighbours,
        judged.value / neighbourhoods.neighbour_median as ratio,
        {{ unit_slip_diagnosis('judged.value / neighbourhoods.neighbour_median', rule='judged') }}
            as diagnosis
    from judged
    inner join neighbourhoods
        on
            judged.region_code = neighbourhoods.region_code
            and judged.indicator_code = neighbourhoods.indicator_code
            and judged.period_type = neighbourhoods.period_type
            and judged.period_end = neighbourhoods.period_end
),

flagged as (
    select
        *,
        neighbour_median * tolerance / factor as expected_low,
        neighbour_median * factor / tolerance as expected_high,
        case diagnosis
            when 'unit_slip_wan_as_yi' then value / factor
            else value * factor
        end as corrected_value
    from diagnosed
    where diagnosis is not null
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
        'value' as observed_measure,
        flagged.value as observed,
        flagged.expected_low,
        flagged.expected_high,
        flagged.diagnosis,
        flagged.neighbour_median,
        flagged.ratio,
        {{ fact_label_zh('flagged') }}
        || ':' || {{ format_figure('flagged.value') }} || flagged.unit
        || '为相邻' || cast(flagged.n_neighbours as varchar) || '期中位数'
        || {{ format_number('flagged.neighbour_median', 4) }} || '的'
        || {{ format_number('flagged.ratio', 4) }} || '倍'
        || {{ diagnosis_zh('flagged.diagnosis') }} || ',更正后约为'
        || {{ format_number('flagged.corrected_value', 4) }} || flagged.unit || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': ' || {{ format_figure('flagged.value') }} || ' ' || flagged.unit
        || ' is ' || {{ format_number('flagged.ratio', 4) }} || ' times the median '
        || {{ format_number('flagged.neighbour_median', 4) }} || ' of its '
        || cast(flagged.n_neighbours as varchar) || ' neighbours'
        || {{ diagnosis_en('flagged.diagnosis') }} || '; corrected it would be about '
        || {{ format_number('flagged.corrected_value', 4) }} || ' ' || flagged.unit || '.' as message,
        flagged.source_file_id,
        flagged.vintage_at as detected_at
    from flagged
)

select * from final
