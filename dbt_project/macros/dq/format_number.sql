{#- A number as text with a fixed number of decimals, the same on DuckDB and PostgreSQL. -#}
{% macro format_number(expression, decimals) -%}
    cast(cast({{ expression }} as numeric(38, {{ decimals }})) as varchar)
{%- endmacro %}
