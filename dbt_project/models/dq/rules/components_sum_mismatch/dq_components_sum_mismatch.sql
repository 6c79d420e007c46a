-- components_sum_mismatch: parts that make up a total must add up to it, within the
-- rounding of every figure: |sum of parts - total| <= h(part 1) + ... + h(part n) + h(total),
-- which is (n+1)h when all share one rounding. Exact equality is the wrong test: published
-- totals are not forced to equal the sum of rounded parts. Two kinds of parts:
--   indicators: the parts in the code list of a total named `parts_of=` in the catalogue
--               (the three sectors of GDP), when every part is published;
--   regions:    every child region of a region (the districts of a city), for indicators
--               selected by the catalogue's other selectors, when the total and every child
--               are published.
-- The flag is on the total, observed is the sum of the parts.
-- Incremental (see incremental_reach): parts and totals of the same period, so a build
-- recomputes the months new files reach ('same_month').
-- depends_on: {{ ref('stg_raw__indicator_observations') }}
{{ incremental_by_month('same_month') }}

with figures as (
    select * from {{ ref('dq_figures') }}
    {% if is_incremental() %}
        where {{ month_index('period_end') }} in ({{ incremental_input_months('same_month') }})
    {% endif %}
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
    {{ dq_rule('components_sum_mismatch') }}
),

unit_rule as (
    {{ dq_rule('unit_magnitude_jump', ['factor', 'tolerance']) }}
),

partitioned_totals as (
    select indicators.indicator_code
    from indicators
    cross join this_rule
    where position(
        ';parts_of=' || indicators.indicator_code || ';'
        in ';' || replace(coalesce(this_rule.applies_to, ''), ' ', '') || ';'
    ) > 0
),

indicator_parts_defined as (
    select
        parent_indicator_code,
        count(*) as n_defined
    from indicators
    where parent_indicator_code in (select partitioned_totals.indicator_code from partitioned_totals)
    group by parent_indicator_code
),

indicator_sums as (
    select
        figures.region_code,
        figures.parent_indicator_code as indicator_code,
        figures.period_type,
        figures.period_end,
        'parts' as part_kind,
        count(*) as n_parts,
        sum(figures.value) as parts_sum,
        sum(figures.value_half_width) as parts_half_width,
        max(figures.vintage_at) as parts_vintage_at
    from figures
    inner join indicator_parts_defined
        on figures.parent_indicator_code = indicator_parts_defined.parent_indicator_code
    where figures.value is not null
    group by figures.region_code, figures.parent_indicator_code, figures.period_type, figures.period_end
    having count(*) = max(indicator_parts_defined.n_defined)
),

child_regions_defined as (
    select
        parent_region_code,
        count(*) as n_defined
    from regions
    where parent_region_code is not null
    group by parent_region_code
),

region_sums as (
    select
        regions.parent_region_code as region_code,
        figures.indicator_code,
        figures.period_type,
        figures.period_end,
        'regions' as part_kind,
        count(*) as n_parts,
        sum(figures.value) as parts_sum,
        sum(figures.value_half_width) as parts_half_width,
        max(figures.vintage_at) as parts_vintage_at
    from figures
    inner join regions
        on figures.region_code = regions.region_code
    inner join child_regions_defined
        on regions.parent_region_code = child_regions_defined.parent_region_code
    cross join this_rule
    where
        figures.value is not null
        and {{ dq_in_scope('this_rule.applies_to', 'figures') }}
    group by regions.parent_region_code, figures.indicator_code, figures.period_type, figures.period_end
    having count(*) = max(child_regions_defined.n_defined)
),

sums as (
    select * from indicator_sums
    union all
    select * from region_sums
),

compared as (
    select
        totals.*,
        this_rule.rule_code,
        this_rule.severity,
        sums.part_kind,
        sums.n_parts,
        sums.parts_sum,
        sums.parts_half_width + totals.value_half_width as tolerance,
        totals.value - sums.parts_half_width - totals.value_half_width as expected_low,
        totals.value + sums.parts_half_width + totals.value_half_width as expected_high,
        greatest(totals.vintage_at, sums.parts_vintage_at) as detected_at
    from sums
    inner join figures as totals
        on
            sums.region_code = totals.region_code
            and sums.indicator_code = totals.indicator_code
            and sums.period_type = totals.period_type
            and sums.period_end = totals.period_end
    cross join this_rule
    where totals.value is not null
),

flagged as (
    select
        compared.*,
        coalesce(
            case
                when compared.value > 0
                    then {{ unit_slip_diagnosis('compared.parts_sum / compared.value', directional=false) }}
            end,
            'parts_do_not_add_up'
        ) as diagnosis
    from compared
    cross join unit_rule
    where abs(compared.parts_sum - compared.value) - compared.tolerance > {{ dq_epsilon() }}
),

final as (
    select
        {{ anomaly_id('flagged', 'flagged.part_kind') }} as anomaly_id,
        flagged.rule_code,
        flagged.severity,
        flagged.region_code,
        flagged.region_name,
        flagged.indicator_code,
        flagged.indicator_name,
        flagged.period_type,
        flagged.period_end,
        'sum_of_parts' as observed_measure,
        flagged.parts_sum as observed,
        flagged.expected_low,
        flagged.expected_high,
        flagged.diagnosis,
        flagged.part_kind,
        flagged.n_parts,
        {{ fact_label_zh('flagged') }}
        || ':' || cast(flagged.n_parts as varchar)
        || case flagged.part_kind when 'parts' then '个分项' else '个下辖地区' end
        || '之和' || {{ format_number('flagged.parts_sum', 4) }} || flagged.unit
        || ',总量' || {{ format_figure('flagged.value') }} || flagged.unit
        || ',舍入误差内应在' || {{ format_number('flagged.expected_low', 4) }} || '~'
        || {{ format_number('flagged.expected_high', 4) }} || '之间'
        || {{ diagnosis_zh('flagged.diagnosis') }} || '。'
        || ' | ' || {{ fact_label_en('flagged') }}
        || ': the ' || cast(flagged.n_parts as varchar)
        || case flagged.part_kind when 'parts' then ' parts' else ' child regions' end
        || ' add up to ' || {{ format_number('flagged.parts_sum', 4) }} || ' ' || flagged.unit
        || ' against a total of ' || {{ format_figure('flagged.value') }}
        || '; rounding allows ' || {{ format_number('flagged.expected_low', 4) }} || ' to '
        || {{ format_number('flagged.expected_high', 4) }}
        || {{ diagnosis_en('flagged.diagnosis') }} || '.' as message,
        flagged.source_file_id,
        flagged.detected_at
    from flagged
)

select * from final
{% if is_incremental() %}
    where {{ in_incremental_reach('period_end', 'same_month') }}
{% endif %}
