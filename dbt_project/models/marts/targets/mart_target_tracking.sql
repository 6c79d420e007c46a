-- Each region's year-to-date figures against its annual targets, month by month: one row per
-- region x indicator x target kind x period end with a year-to-date figure in the target year.
--   growth_pct: the published year-to-date growth against the target growth;
--   rate:       the year-to-date value (a % such as R&D intensity) against the target rate;
--   level:      the year-to-date value against the target, pro-rated by the time elapsed
--               (时间过半、任务过半) for flows and counts that accumulate over the year, and
--               against the full target for stocks and indices.
-- gap_to_target is in percentage points for growth and rate targets and in % of the expected
-- level for level targets. on_track: at_least when the gap is >= 0, at_most when <= 0, about
-- (左右) unless the actual falls short by more than var('target_about_tolerance'). A tiny
-- epsilon keeps floating-point noise (11.9 - 12 = -0.0999...) from deciding a boundary case.
with targets as (
    select * from {{ ref('fct_indicator_target') }}
),

cumulative as (
    select * from {{ ref('int_observations_cumulative') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

actuals as (
    select
        targets.region_code,
        targets.region_name,
        targets.indicator_code,
        targets.indicator_name,
        targets.year,
        targets.target_kind,
        targets.comparator,
        targets.target_value,
        targets.target_unit,
        cumulative.period_type,
        cumulative.period_end,
        cumulative.month,
        cast(cumulative.month as double precision) * 100 / 12 as time_progress_pct,
        case targets.target_kind
            when 'growth_pct' then cumulative.yoy_growth_pct
            else cumulative.value
        end as actual_value,
        case
            when
                targets.target_kind = 'level'
                and {{ accumulates_over_the_year('indicators.measure_type') }}
                then targets.target_value * cumulative.month / 12
            else targets.target_value
        end as expected_value,
        cumulative.source_file_id
    from targets
    inner join indicators
        on targets.indicator_code = indicators.indicator_code
    inner join cumulative
        on
            targets.region_code = cumulative.region_code
            and targets.indicator_code = cumulative.indicator_code
            and targets.year = cumulative.year
),

gaps as (
    select
        *,
        case
            when target_kind = 'level'
                then case when expected_value > 0 then (actual_value / expected_value - 1) * 100 end
            else actual_value - expected_value
        end as gap_to_target
    from actuals
),

final as (
    select
        region_code,
        region_name,
        indicator_code,
        indicator_name,
        year,
        month,
        period_type,
        period_end,
        target_kind,
        comparator,
        target_value,
        target_unit,
        time_progress_pct,
        expected_value,
        actual_value,
        gap_to_target,
        case comparator
            when 'at_least' then gap_to_target >= -1e-9
            when 'at_most' then gap_to_target <= 1e-9
            when 'about' then gap_to_target >= -{{ var('target_about_tolerance') }} - 1e-9
        end as on_track,
        source_file_id
    from gaps
)

select * from final
