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
-- Not incremental (a table, rebuilt in every build): one new figure moves the median of its
-- year, hence the deviation of every other figure of that year, and each deviation is a
-- reference for the same and neighbouring months of every other year; a month therefore
-- reaches the whole series, and a sound incremental build would recompute every series that
-- got a figure, i.e. everything, at the cost of a watermark.
with figures as (
    select * from {{ ref('dq_figures') }}
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

year_levels as (
    select
        points.region_code,
        points.indicator_code,
        points.series_kind,
        points.month_index,
        {{ dq_median('same_year.yoy_growth_pct') }} as year_median
    from points
    inner join points as same_year
        on
            points.region_code = same_year.region_code
            and points.indicator_code = same_year.indicator_code
            and points.series_kind = same_year.series_kind
            and points.year = same_year.year
            and points.month_index != same_year.month_index
    group by points.region_code, points.indicator_code, points.series_kind, points.month_index
),

deviations as (
    select
        points.*,
        year_levels.year_median,
        points.yoy_growth_pct - year_levels.year_median as deviation
    from points
    inner join year_levels
        on
            points.region_code = year_levels.region_code
            and points.indicator_code = year_levels.indicator_code
            and points.series_kind = year_levels.series_kind
            and points.month_index = year_levels.month_index
),

reference_pairs as (
    select
        deviations.region_code,
        deviations.indicator_code,
        deviations.series_kind,
        deviations.month_index,
        reference.deviation as reference_deviation
    from deviations
    inner join deviations as reference
        on
            deviations.region_code = reference.region_code
            and deviations.indicator_code = reference.indicator_code
            and deviations.series_kind = reference.series_kind
            and deviations.month_index != reference.month_index
            and abs(deviations.month - reference.month) <= deviations.neighbour_months
),

centres as (
    select
        region_code,
        indicator_code,
        series_kind,
        month_index,
        {{ dq_median('reference_deviation') }} as centre,
        count(*) as n_references
    from reference_pairs
    group by region_code, indicator_code, series_kind, month_index
),

spreads as (
    select
        reference_pairs.region_code,
        reference_pairs.indicator_code,
        reference_pairs.series_kind,
        reference_pairs.month_index,
        {{ dq_median('abs(reference_pairs.reference_deviation - centres.centre)') }} as mad
    from reference_pairs
    inner join centres
        on
            reference_pairs.region_code = centres.region_code
            and reference_pairs.indicator_code = centres.indicator_code
            and reference_pairs.series_kind = centres.series_kind
            and reference_pairs.month_index = centres.month_index
    group by
        reference_pairs.region_code,
        reference_pairs.indicator_code,
        reference_pairs.series_kind,
        reference_pairs.month_index
),

scaled as (
    select
        deviations.*,
        centres.centre,
        centres.n_references,
        spreads.mad,
        {{ var('outlier_robust_scale') }}
        * greatest(spreads.mad, deviations.mad_floor_pp) as robust_scale
    from deviations
    inner join centres
        on
            deviations.region_code = centres.region_code
            and deviations.indicator_code = centres.indicator_code
            and deviations.series_kind = centres.series_kind
            and deviations.month_index = centres.month_index
    inner join spreads
        on
            deviations.region_code = spreads.region_code
            and deviations.indicator_code = spreads.indicator_code
            and deviations.series_kind = spreads.series_kind
            and deviations.month_index = spreads.month_index
    where centres.n_references >= deviations.min_points
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
