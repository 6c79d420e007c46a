{#- A CTE `name`: for each deviation of `judged` (the deviations of `relation` that a build
    scores, or `relation` itself, all of them; `relation`: region_code, indicator_code, series_kind, month, month_index, deviation,
    neighbour_months, reference_years), its references among `relation` - the
    deviations of the same season (its calendar month and the neighbour_months on each side,
    within the year) in the reference_years preceding years and in its own year, itself left
    out - and their median (centre), median absolute distance from that centre (mad) and
    number (n_references). The outlier rule scores a growth with them. -#}
{% macro season_reference_stats(name, relation, judged) -%}
    {{ return(adapter.dispatch('season_reference_stats')(name, relation, judged)) }}
{%- endmacro %}

{#- DuckDB: each deviation placed in the season of its own month and of each neighbouring
    month, then a window over each season ordered by year, framed by reference_years, collects
    a deviation's references as a list (at most (reference_years + 1) x (2 x neighbour_months
    + 1) - 1 numbers), whose median and MAD are list functions, taken for the judged deviations
    only. A join of each deviation with its references and grouped medians gives the same
    numbers, but its aggregate states outgrew DuckDB's 4 GB limit at 6.7 million figures
    (docs/benchmarks.md). -#}
{% macro duckdb__season_reference_stats(name, relation, judged) -%}
{{ name }}_members as (
    select
        seasons.region_code,
        seasons.indicator_code,
        seasons.series_kind,
        seasons.month + offsets.month_offset as season_month,
        (seasons.month_index - seasons.month) // 12 as year,
        seasons.month_index,
        seasons.deviation,
        seasons.reference_years,
        offsets.month_offset = 0 as is_own_season
    from {{ relation }} as seasons
    inner join (select unnest(range(-11, 12)) as month_offset) as offsets
        on abs(offsets.month_offset) <= seasons.neighbour_months
    where seasons.month + offsets.month_offset between 1 and 12
),

{{ name }}_lists as (
    select
        region_code,
        indicator_code,
        series_kind,
        month_index,
        list(deviation) over season as deviations
    from {{ name }}_members
    window season as (
        partition by region_code, indicator_code, series_kind, season_month
        order by year
        range between reference_years preceding and current row
        exclude current row
    )
    qualify is_own_season
),

{{ name }}_centres as (
    select
        lists.region_code,
        lists.indicator_code,
        lists.series_kind,
        lists.month_index,
        lists.deviations,
        list_aggregate(lists.deviations, 'median') as centre
    from {{ name }}_lists as lists
    {%- if judged != relation %}
    semi join {{ judged }} as judged
        on
            lists.region_code = judged.region_code
            and lists.indicator_code = judged.indicator_code
            and lists.series_kind = judged.series_kind
            and lists.month_index = judged.month_index
    {%- endif %}
),

{{ name }} as (
    select
        region_code,
        indicator_code,
        series_kind,
        month_index,
        centre,
        list_aggregate(
            list_transform(deviations, lambda deviation: abs(deviation - centre)), 'median'
        ) as mad,
        len(deviations) as n_references
    from {{ name }}_centres
)
{%- endmacro %}

{#- Elsewhere (PostgreSQL has no list functions): each deviation joined with its references by
    exact keys, and grouped. -#}
{% macro default__season_reference_stats(name, relation, judged) -%}
{{ name }}_month_offsets as (
    -- -11 .. 11: how far, in calendar months, a reference may lie from the month it serves
    select numbers.generated_number - 12 as month_offset
    from ({{ dbt.generate_series(23) }}) as numbers
),

{{ name }}_year_offsets as (
    -- 0 .. 50: how many years before the month it serves a reference may lie
    select numbers.generated_number - 1 as year_offset
    from ({{ dbt.generate_series(51) }}) as numbers
),

{{ name }}_references as (
    select
        served.region_code,
        served.indicator_code,
        served.series_kind,
        served.month_index,
        reference.deviation
    from {{ judged }} as served
    inner join {{ name }}_month_offsets as month_offsets
        on
            abs(month_offsets.month_offset) <= served.neighbour_months
            and served.month + month_offsets.month_offset between 1 and 12
    inner join {{ name }}_year_offsets as year_offsets
        on
            served.reference_years >= year_offsets.year_offset
            and (month_offsets.month_offset != 0 or year_offsets.year_offset > 0)
    inner join {{ relation }} as reference
        on
            served.region_code = reference.region_code
            and served.indicator_code = reference.indicator_code
            and served.series_kind = reference.series_kind
            and served.month_index - 12 * year_offsets.year_offset + month_offsets.month_offset
            = reference.month_index
),

{{ name }}_centres as (
    select
        region_code,
        indicator_code,
        series_kind,
        month_index,
        {{ dq_median('deviation') }} as centre,
        count(*) as n_references
    from {{ name }}_references
    group by region_code, indicator_code, series_kind, month_index
),

{{ name }} as (
    select
        centres.region_code,
        centres.indicator_code,
        centres.series_kind,
        centres.month_index,
        centres.centre,
        {{ dq_median('abs(refs.deviation - centres.centre)') }} as mad,
        centres.n_references
    from {{ name }}_references as refs
    inner join {{ name }}_centres as centres
        on
            refs.region_code = centres.region_code
            and refs.indicator_code = centres.indicator_code
            and refs.series_kind = centres.series_kind
            and refs.month_index = centres.month_index
    group by
        centres.region_code,
        centres.indicator_code,
        centres.series_kind,
        centres.month_index,
        centres.centre,
        centres.n_references
)
{%- endmacro %}
