-- outlier: a growth rate far outside its series' own recent history, scored robustly and
-- with the season in mind. A whole year can grow faster than the last without any figure
-- being wrong, so each growth g is first taken relative to its own year: its deviation
--   d = g - median(growth of the other periods of the same series and year).
-- That deviation is compared with its references: the deviations of the same season (the
-- same month and ±neighbour_months) in the `reference_years` PRECEDING years, and of the
-- neighbouring months of its own year. Their median c and median absolute deviation MAD
-- give the robust z-score
--   z = (d - c) / (1.4826 x max(MAD, mad_floor_pp)),
-- 1.4826 making MAD comparable with a standard deviation and the floor keeping rounding
-- noise in smooth series from counting as spread. Flagged when |z| > robust_z beyond the
-- growth's rounding, with at least min_points references; a series needs two or more points
-- a year, and a series' first year has too few references to be scored. Median and MAD,
-- unlike mean and standard deviation, are not dragged along by the outlier itself. A month
-- is judged against the years before it, never after: a new month does not flip the flags
-- of past years.
-- Cost linear in the history: a growth meets only its references (at most
-- (reference_years + 1) x (2 x neighbour_months + 1) - 1 of them), never every figure of its
-- series; on DuckDB they are a window over each season, within the memory limit at national
-- scale (season_reference_stats.sql).
-- Incremental by reach (incremental_series.sql): a new or revised figure moves the median of
-- its year, hence the deviation of every figure of that year, and each deviation is a
-- reference of the following reference_years years: a build recomputes a changed series group
-- from January of its earliest changed year on, reading reference_years years before that.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{%- set reach = {
    'rule': 'outlier',
    'thresholds': ['reference_years'],
    'back': '(changed_month - 1) % 12',
    'lookback': '12 * reference_years',
} %}
{{ incremental_by_reach(reach) }}

with
-- figures: the figures this build reads (in an incremental build, its reach and lookback)
{{ figures_in_reach(reach) }},

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('outlier', ['robust_z', 'mad_floor_pp', 'neighbour_months', 'min_points', 'reference_years']) }}
),

points as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity,
        this_rule.robust_z as robust_z_max,
        this_rule.mad_floor_pp,
        this_rule.neighbour_months,
        this_rule.min_points,
        this_rule.reference_years
    from figures
    cross join this_rule
    where
        figures.is_series_point
        and figures.yoy_growth_pct is not null
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
),

-- year_levels: the median growth of the other periods of the same series and year
{{ median_of_others('year_levels', 'points', ['region_code', 'indicator_code', 'series_kind', 'year'],
                    'month_index', 'yoy_growth_pct') }},

deviations as (
    -- the scoring runs on the keys and numbers alone; the figures' other columns join at the end
    select
        points.region_code,
        points.indicator_code,
        points.series_kind,
        points.month,
        points.month_index,
        points.neighbour_months,
        points.reference_years,
        year_levels.median_of_others as year_median,
        points.yoy_growth_pct - year_levels.median_of_others as deviation
    from points
    inner join year_levels
        on
            points.region_code = year_levels.region_code
            and points.indicator_code = year_levels.indicator_code
            and points.series_kind = year_levels.series_kind
            and points.year = year_levels.year
            and points.month_index = year_levels.member
),

judged as (
    -- the deviations whose flags this build writes (in an incremental build, its reach)
    {{ rows_in_reach('deviations', 'deviations', 'deviations.month_index', 'first_recomputed') }}
),

-- season_stats: each deviation's references (the same season, the calendar month and its
-- neighbours within the year, in the preceding years and its own year, itself left out),
-- their median c, MAD and number
{{ season_reference_stats('season_stats', 'deviations', 'judged' if is_incremental() else 'deviations') }},

scaled as (
    select
        points.*,
        judged.year_median,
        judged.deviation,
        season_stats.centre,
        season_stats.n_references,
        season_stats.mad,
        {{ var('outlier_robust_scale') }} * greatest(season_stats.mad, points.mad_floor_pp) as robust_scale
    from points
    inner join judged
        on
            points.region_code = judged.region_code
            and points.indicator_code = judged.indicator_code
            and points.series_kind = judged.series_kind
            and points.month_index = judged.month_index
    inner join season_stats
        on
            judged.region_code = season_stats.region_code
            and judged.indicator_code = season_stats.indicator_code
            and judged.series_kind = season_stats.series_kind
            and judged.month_index = season_stats.month_index
    where season_stats.n_references >= points.min_points
),

scored as (
    select
        *,
        (deviation - centre) / robust_scale as robust_z,
        year_median + centre - robust_z_max * robust_scale - growth_half_width as expected_low,
        year_median + centre + robust_z_max * robust_scale + growth_half_width as expected_high,
        year_median + centre - robust_scale as typical_low,
        year_median + centre + robust_scale as typical_high
    from scaled
),

flagged as (
    select
        *,
        coalesce(
            {{ growth_diagnosis('yoy_growth_pct', 'growth_half_width', 'typical_low', 'typical_high') }},
            'growth_outlier'
        ) as diagnosis
    from scored
    where
        yoy_growth_pct < expected_low - {{ dq_epsilon() }}
        or yoy_growth_pct > expected_high + {{ dq_epsilon() }}
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
        flagged.yoy_growth_pct as observed,
        flagged.expected_low,
        flagged.expected_high,
        flagged.diagnosis,
        flagged.robust_z,
        flagged.year_median,
        flagged.centre,
        flagged.mad,
        flagged.n_references,
        {{ fact_label_zh('flagged') }}
        || ':增速' || {{ format_figure('flagged.yoy_growth_pct') }} || '%,本年其余各期中位数'
        || {{ format_number('flagged.year_median', 2) }} || '%;与前'
        || cast(cast(flagged.reference_years as integer) as varchar) || '年同期及本年相邻月份'
        || cast(flagged.n_references as varchar) || '个参照相比,稳健z值为'
        || {{ format_number('flagged.robust_z', 1) }} || '(阈值' || {{ format_number('flagged.robust_z_max', 1) }}
        || '),应在' || {{ format_number('flagged.expected_low', 2) }} || '%~'
        || {{ format_number('flagged.expected_high', 2) }} || '%之间'
        || {{ diagnosis_zh('flagged.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': growth ' || {{ format_figure('flagged.yoy_growth_pct') }}
        || '% against a median of ' || {{ format_number('flagged.year_median', 2) }}
        || '% for the rest of its year; compared with ' || cast(flagged.n_references as varchar)
        || ' references (the same season in the preceding ' || cast(cast(flagged.reference_years as integer) as varchar)
        || ' years and the neighbouring months of its own year) its robust z-score is '
        || {{ format_number('flagged.robust_z', 1) }} || ' (limit ' || {{ format_number('flagged.robust_z_max', 1) }}
        || '), so it should lie in ' || {{ format_number('flagged.expected_low', 2) }} || '% to '
        || {{ format_number('flagged.expected_high', 2) }} || '%'
        || {{ diagnosis_en('flagged.diagnosis') }} || '.' as message,
        flagged.source_file_id,
        flagged.vintage_at as detected_at
    from flagged
)

select * from final
