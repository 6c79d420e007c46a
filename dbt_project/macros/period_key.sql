{#- The key of a reporting period in dim_period: its type and end date, e.g. ytd:2023-06-30. -#}
{% macro period_key(period_type, period_end) -%}
    {{ period_type }} || ':' || cast({{ period_end }} as varchar)
{%- endmacro %}
