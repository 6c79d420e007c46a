{#- The stable id of an anomaly: the same rule, fact and source file (and, for rules that can
    flag one fact twice, the same counterpart) give the same id on every run, so reruns do not
    create new anomalies. Unmapped facts are keyed by their published names. -#}
{% macro anomaly_id(alias, counterpart=none) -%}
    {{ dbt.hash(
        alias ~ ".rule_code || '|' || "
        ~ "coalesce(" ~ alias ~ ".region_code, " ~ alias ~ ".region_name) || '|' || "
        ~ "coalesce(" ~ alias ~ ".indicator_code, " ~ alias ~ ".indicator_name) || '|' || "
        ~ alias ~ ".period_type || '|' || "
        ~ "cast(" ~ alias ~ ".period_end as varchar) || '|' || "
        ~ "coalesce(" ~ alias ~ ".source_file_id, '')"
        ~ ((" || '|' || " ~ counterpart) if counterpart else "")
    ) }}
{%- endmacro %}
