{#- The stable id of an anomaly: the same rule, fact and source file give the same id on
    every run, so reruns do not create new anomalies. -#}
{% macro anomaly_id(alias) -%}
    {{ dbt.hash(
        alias ~ ".rule_code || '|' || " ~ alias ~ ".region_code || '|' || "
        ~ alias ~ ".indicator_code || '|' || " ~ alias ~ ".period_type || '|' || "
        ~ "cast(" ~ alias ~ ".period_end as varchar) || '|' || " ~ alias ~ ".source_file_id"
    ) }}
{%- endmacro %}
