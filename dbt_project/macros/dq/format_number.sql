{#- A number as text with a fixed number of decimals, the same on DuckDB and PostgreSQL. -#}
{% macro format_number(expression, decimals) -%}
    cast(cast({{ expression }} as numeric(38, {{ decimals }})) as varchar)
{%- endmacro %}

{#- A published figure as text, without the trailing zeros a fixed format would add
    (161.5, 315000, 0.000229): messages quote figures as the bureau wrote them. -#}
{% macro format_figure(expression) -%}
    rtrim(rtrim({{ format_number(expression, 6) }}, '0'), '.')
{%- endmacro %}
