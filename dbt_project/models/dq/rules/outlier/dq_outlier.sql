-- outlier: a growth rate far outside its series' own history, scored robustly and with the
-- season in mind. A whole year can grow faster than the last without any figure being
-- wrong, so each growth g is first taken relative to its own year: its deviation
--   d = g - median(growth of the other periods of the same series and year).
-- That deviation is compared with the deviations of the same month in other years and of
-- the neighbouring months (±neighbour_months, any year): their median c and median absolute
-- deviation MAD give the robust z-score
--   z = (d - c) / (1.4826 x max(MAD, mad_floor_pp)),
-- 1.4826 making MAD comparable with a standard deviation and the floor keeping rounding
-- noise in smooth series from counting as spread. Flagged when |z| > robust_z beyond the
-- growth's rounding, with at least min_points references; a series needs two or more points
-- a year. Median and MAD, unlike mean and standard deviation, are not dragged along by the
-- outlier itself.
-- Cost linear in the history: each median is taken from the one or two middle places of its
-- group (median_of_others) rather than by joining a figure with every other figure of its
-- series; the references of a month are its season (the same calendar month and its
-- neighbours in every year), grouped once per series and calendar month.
-- Incremental by series group (incremental_series.sql): one new figure moves the median of
-- its year, hence the deviation of every other figure of that year, and each deviation is a
-- reference for the same and neighbouring months of every other year, so a new or revised
-- figure reaches its whole series: a build recomputes the region x indicator groups that got
-- a figure and keeps the flags of all others.
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_series() }}

with figures as (
    select * from {{ ref('dq_figures') }}
    {% if is_incremental() %}
        where {{ in_changed_series() }}
    {% endif %}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('outlier', ['robust_z', 'mad_floor_pp', 'neighbour_months', 'min_points']) }}
),

points as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity,
        this_rule.robust_z as robust_z_max,
        this_rule.mad_floor_pp,
        this_rule.neighbour_months,
        this_rule.min_points
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

offsets as (
    -- -11 .. 11: how far, in calendar months, a reference may lie from the month it serves
    select numbers.generated_number - 12 as month_offset
    from ({{ dbt.generate_series(23) }}) as numbers
),

seasons as (
    -- a season: a calendar month of a series with its neighbouring months, in every year;
    -- each deviation belongs to the season of its own month and of each neighbour
    select
        deviations.region_code,
        deviations.indicator_code,
        deviations.series_kind,
        deviations.month + offsets.month_offset as season_month,
        deviations.month_index,
        deviations.deviation,
        offsets.month_offset = 0 as is_own_season
    from deviations
    inner join offsets
        on abs(offsets.month_offset) <= deviations.neighbour_months
    where deviations.month + offsets.month_offset between 1 and 12
),

-- season_centres: each deviation's references are the other members of its own month's season
{{ median_of_others('season_centres', 'seasons', ['region_code', 'indicator_code', 'series_kind', 'season_month'],
                    'month_index', 'deviation', wanted='is_own_season') }},

centres as (
    select
        deviations.region_code,
        deviations.indicator_code,
        deviations.series_kind,
        deviations.month,
        deviations.month_index,
        season_centres.median_of_others as centre,
        season_centres.n_others as n_references
    from deviations
    inner join season_centres
        on
            deviations.region_code = season_centres.region_code
            and deviations.indicator_code = season_centres.indicator_code
            and deviations.series_kind = season_centres.series_kind
            and deviations.month = season_centres.season_month
            and deviations.month_index = season_centres.member
),

scored_centres as (
    -- the centres scored against each season (a centre leaves out one member, so a season has
    -- at most three)
    select distinct
        region_code,
        indicator_code,
        series_kind,
        month,
        centre
    from centres
),

distances as (
    -- each season's deviations measured from each of its centres
    select
        seasons.region_code,
        seasons.indicator_code,
        seasons.series_kind,
        seasons.season_month,
        scored_centres.centre,
        seasons.month_index,
        seasons.is_own_season,
        abs(seasons.deviation - scored_centres.centre) as distance
    from seasons
    inner join scored_centres
        on
            seasons.region_code = scored_centres.region_code
            and seasons.indicator_code = scored_centres.indicator_code
            and seasons.series_kind = scored_centres.series_kind
            and seasons.season_month = scored_centres.month
),

-- spreads, MAD: the median distance of the references (the season's others) from the centre
{{ median_of_others('spreads', 'distances',
                    ['region_code', 'indicator_code', 'series_kind', 'season_month', 'centre'],
                    'month_index', 'distance', wanted='is_own_season') }},

scaled as (
    select
        points.*,
        deviations.year_median,
        deviations.deviation,
        centres.centre,
        centres.n_references,
        spreads.median_of_others as mad,
        {{ var('outlier_robust_scale') }}
        * greatest(spreads.median_of_others, points.mad_floor_pp) as robust_scale
    from points
    inner join deviations
        on
            points.region_code = deviations.region_code
            and points.indicator_code = deviations.indicator_code
            and points.series_kind = deviations.series_kind
            and points.month_index = deviations.month_index
    inner join centres
        on
            deviations.region_code = centres.region_code
            and deviations.indicator_code = centres.indicator_code
            and deviations.series_kind = centres.series_kind
            and deviations.month_index = centres.month_index
    inner join spreads
        on
            centres.region_code = spreads.region_code
            and centres.indicator_code = spreads.indicator_code
            and centres.series_kind = spreads.series_kind
            and centres.month = spreads.season_month
            and centres.centre = spreads.centre
            and centres.month_index = spreads.member
    where centres.n_references >= points.min_points
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
        || {{ format_number('flagged.year_median', 2) }} || '%;与其他年份同期及相邻月份'
        || cast(flagged.n_references as varchar) || '个参照相比,稳健z值为'
        || {{ format_number('flagged.robust_z', 1) }} || '(阈值' || {{ format_number('flagged.robust_z_max', 1) }}
        || '),应在' || {{ format_number('flagged.expected_low', 2) }} || '%~'
        || {{ format_number('flagged.expected_high', 2) }} || '%之间'
        || {{ diagnosis_zh('flagged.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': growth ' || {{ format_figure('flagged.yoy_growth_pct') }}
        || '% against a median of ' || {{ format_number('flagged.year_median', 2) }}
        || '% for the rest of its year; compared with ' || cast(flagged.n_references as varchar)
        || ' references (same month in other years and neighbouring months) its robust z-score is '
        || {{ format_number('flagged.robust_z', 1) }} || ' (limit ' || {{ format_number('flagged.robust_z_max', 1) }}
        || '), so it should lie in ' || {{ format_number('flagged.expected_low', 2) }} || '% to '
        || {{ format_number('flagged.expected_high', 2) }} || '%'
        || {{ diagnosis_en('flagged.diagnosis') }} || '.' as message,
        flagged.source_file_id,
        flagged.vintage_at as detected_at
    from flagged
)

select * from final
