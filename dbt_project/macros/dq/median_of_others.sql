{#- For each member of each group of `relation`: the median of the values of the group's other
    members (median_of_others) and how many they are (n_others); groups of one member give no
    row. Written as CTEs: `name` and its helpers `name`_ranked, _middles and _targets (a
    dbt macro cannot return a relation). Linear in the rows: a median needs only the one or two
    middle values of the others, and leaving one member out shifts the middle by at most one
    place in the group's order, so each member is joined to those places by exact keys instead
    of to every other member (which grows with the square of a group's size). The two middle
    values are combined exactly as the database's own median combines them (median_of_two), so
    the result equals dq_median over the others to the last bit. Members are unique within
    their group. `wanted`, a condition on the relation's rows, names the members whose median
    is needed (all by default); the others still count as others. -#}
{% macro median_of_others(name, relation, group_columns, member_column, value_column, wanted='true') -%}
    {%- set groups = group_columns | join(', ') -%}
{{ name }}_ranked as (
    select
        {{ groups }},
        {{ member_column }} as member,
        {{ value_column }} as value,
        row_number() over (partition by {{ groups }} order by {{ value_column }}) as position,
        count(*) over (partition by {{ groups }}) as n_members,
        {{ wanted }} as is_wanted
    from {{ relation }}
),

{{ name }}_middles as (
    -- the others' middle places in their own order (the same place twice when they are odd
    -- in number)
    select
        {{ groups }},
        member,
        n_members,
        position as own_position,
        cast(floor(n_members / 2.0) as integer) as low_place,
        cast(floor((n_members - 1) / 2.0) as integer) + 1 as high_place
    from {{ name }}_ranked
    where n_members >= 2 and is_wanted
),

{{ name }}_targets as (
    -- the same places in the group's order: past the member's own place, one further
    select
        {{ groups }},
        member,
        n_members,
        low_place + case when low_place >= own_position then 1 else 0 end as low_position,
        high_place + case when high_place >= own_position then 1 else 0 end as high_position
    from {{ name }}_middles
),

{{ name }} as (
    select
        {%- for column in group_columns %}
        targets.{{ column }},
        {%- endfor %}
        targets.member,
        case
            when targets.low_position = targets.high_position then low.value
            else {{ median_of_two('low.value', 'high.value') }}
        end as median_of_others,
        targets.n_members - 1 as n_others
    from {{ name }}_targets as targets
    inner join {{ name }}_ranked as low
        on
            {%- for column in group_columns %}
            targets.{{ column }} = low.{{ column }} and
            {%- endfor %}
            targets.low_position = low.position
    inner join {{ name }}_ranked as high
        on
            {%- for column in group_columns %}
            targets.{{ column }} = high.{{ column }} and
            {%- endfor %}
            targets.high_position = high.position
)
{%- endmacro %}

{#- The median of two ordered values (low <= high) computed as the database's
    percentile_cont(0.5) computes it (dq_median), so a median assembled from the two middle
    values equals the aggregate's. DuckDB halves the sum; PostgreSQL interpolates from the
    lower value (float8_lerp). -#}
{% macro median_of_two(low, high) -%}
    {{ return(adapter.dispatch('median_of_two')(low, high)) }}
{%- endmacro %}

{% macro default__median_of_two(low, high) -%}
    {{ low }} + ({{ high }} - {{ low }}) * 0.5
{%- endmacro %}

{% macro duckdb__median_of_two(low, high) -%}
    ({{ low }} + {{ high }}) / 2
{%- endmacro %}
