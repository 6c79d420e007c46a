{#- A CTE `name`: for each figure of `relation` (region_code, indicator_code, period_type,
    period_end, month_index, value and the span column), the median of the values of the other
    figures of its series (region x indicator, any period type) whose months lie within `span`
    months of its own, and how many there are; figures with no neighbour are left out. -#}
{% macro neighbour_medians(name, relation, span) -%}
    {{ return(adapter.dispatch('neighbour_medians')(name, relation, span)) }}
{%- endmacro %}

{#- DuckDB: a window over each series ordered by month, framed by the span. A join of each
    figure with its span's months and a grouped median gives the same numbers, but its
    aggregate states outgrew DuckDB's 4 GB limit at 6.7 million figures (docs/benchmarks.md);
    the window's frames stream through each series. -#}
{% macro duckdb__neighbour_medians(name, relation, span) -%}
{{ name }} as (
    select
        region_code,
        indicator_code,
        period_type,
        period_end,
        quantile_cont(value, 0.5) over neighbours as neighbour_median,
        count(*) over neighbours as n_neighbours
    from {{ relation }}
    window neighbours as (
        partition by region_code, indicator_code
        order by month_index
        range between {{ span }} preceding and {{ span }} following
        exclude current row
    )
    qualify n_neighbours > 0
)
{%- endmacro %}

{#- Elsewhere (PostgreSQL has no median over a window frame): each figure joined with the
    figures of its span's months, by exact keys, and grouped. -#}
{% macro default__neighbour_medians(name, relation, span) -%}
{{ name }}_offsets as (
    -- -11 .. 11: how far, in calendar months, a neighbour may lie from the figure it serves
    select numbers.generated_number - 12 as month_offset
    from ({{ dbt.generate_series(23) }}) as numbers
),

{{ name }} as (
    select
        figures.region_code,
        figures.indicator_code,
        figures.period_type,
        figures.period_end,
        {{ dq_median("neighbours.value") }} as neighbour_median,
        count(*) as n_neighbours
    from {{ relation }} as figures
    inner join {{ name }}_offsets as offsets
        on abs(offsets.month_offset) <= figures.{{ span }}
    inner join {{ relation }} as neighbours
        on
            figures.region_code = neighbours.region_code
            and figures.indicator_code = neighbours.indicator_code
            and figures.month_index + offsets.month_offset = neighbours.month_index
            and not (
                figures.period_type = neighbours.period_type
                and figures.period_end = neighbours.period_end
            )
    group by
        figures.region_code,
        figures.indicator_code,
        figures.period_type,
        figures.period_end
)
{%- endmacro %}
