-- unit_magnitude_jump: a value about `factor` (10^4) times the median of its neighbours in
-- its own series (same region and indicator, the `neighbours` nearest periods on each side,
-- whatever their period type), or about 1/factor times, within a factor `tolerance`: a 万元
-- figure labelled 亿元 or the reverse. The median of the neighbours is not moved by one
-- slipped figure, so the neighbours of a slip are not flagged themselves. Year-to-date
-- figures differ by up to ~30 times within a year, far from 10^4. An error: no real
-- series jumps ten-thousandfold and back.
-- Cost linear in the history: each figure is joined to its neighbours' positions (exact keys),
-- not to every figure of its series.
-- Incremental by series group (incremental_series.sql): the neighbours are the nearest figures
-- by position in the series, not within a fixed span of months, so a late figure shifts the
-- neighbourhoods of a stretch of the series of unknown length in months; a build recomputes
-- the region x indicator groups that got a figure and keeps the flags of all others.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_series() }}

with figures as (
    select * from {{ ref('int_dq_figures') }}
    {% if is_incremental() %}
        where {{ in_changed_series() }}
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance', 'neighbours']) }}
),

positive as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity,
        this_rule.factor,
        this_rule.tolerance,
        this_rule.neighbours as neighbour_window,
        row_number() over (
            partition by figures.region_code, figures.indicator_code
            order by figures.period_end, figures.period_type
        ) as position_in_series
    from figures
    cross join this_rule
    where
        figures.value > 0
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

distances as (
    -- 1, 2, ... up to the window: the positions themselves (a series' positions run 1, 2, ...,
    -- so they hold every distance two figures of any series can lie apart)
    select distinct positive.position_in_series as distance
    from positive
    where positive.position_in_series <= positive.neighbour_window
),

sides as (
    select -1 as side
    union all
    select 1 as side
),

neighbour_positions as (
    -- each figure's neighbours by position, before and after it: exact keys, not a join of a
    -- series with all of its figures
    select
        positive.region_code,
        positive.indicator_code,
        positive.position_in_series,
        positive.position_in_series + sides.side * distances.distance as neighbour_position
    from positive
    inner join distances
        on positive.neighbour_window >= distances.distance
    cross join sides
),

neighbourhoods as (
    select
        neighbour_positions.region_code,
        neighbour_positions.indicator_code,
        neighbour_positions.position_in_series,
        {{ dq_median("neighbours.value") }} as neighbour_median,
        count(*) as n_neighbours
    from neighbour_positions
    inner join positive as neighbours
        on
            neighbour_positions.region_code = neighbours.region_code
            and neighbour_positions.indicator_code = neighbours.indicator_code
            and neighbour_positions.neighbour_position = neighbours.position_in_series
    group by
        neighbour_positions.region_code,
        neighbour_positions.indicator_code,
        neighbour_positions.position_in_series
),

diagnosed as (
    select
        positive.*,
        neighbourhoods.neighbour_median,
        neighbourhoods.n_neighbours,
        positive.value / neighbourhoods.neighbour_median as ratio,
        {{ unit_slip_diagnosis('positive.value / neighbourhoods.neighbour_median', rule='positive') }}
            as diagnosis
    from positive
    inner join neighbourhoods
        on
            positive.region_code = neighbourhoods.region_code
            and positive.indicator_code = neighbourhoods.indicator_code
            and positive.position_in_series = neighbourhoods.position_in_series
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
