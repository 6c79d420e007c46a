{#- The median of an aggregate group, written the way DuckDB and PostgreSQL both accept. -#}
{% macro dq_median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}
