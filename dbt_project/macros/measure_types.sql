{#- Which measure types add up, and along which axis. Flows (investment, sales) and the
    counts on the code list ("new ... this year") accumulate over the months of a year, so a
    single month is the difference of two year-to-date figures. Flows, stocks and counts add
    up across regions; rates and indices never do. -#}
{% macro accumulates_over_the_year(measure_type) -%}
    {{ measure_type }} in ('flow', 'count')
{%- endmacro %}

{% macro adds_up_across_regions(measure_type) -%}
    {{ measure_type }} in ('flow', 'stock', 'count')
{%- endmacro %}
