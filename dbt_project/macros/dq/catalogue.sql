{#- Reading the rule catalogue (seeds/dq_rules.csv) in SQL. -#}

{#- A named threshold from a catalogue row's `thresholds` ("robust_z=5;min_points=5"). -#}
{% macro dq_threshold(thresholds, name) -%}
    {{ dq_threshold_by(thresholds, "'" ~ name ~ "'") }}
{%- endmacro %}

{#- The same, with the name given as a SQL expression (per-indicator keys such as
    rd_activity_coverage.high). Null when the name is absent. -#}
{% macro dq_threshold_by(thresholds, name_expression) -%}
    cast(nullif(split_part(
        split_part(';' || replace(coalesce({{ thresholds }}, ''), ' ', '') || ';', ';' || {{ name_expression }} || '=', 2),
        ';',
        1
    ), '') as double precision)
{%- endmacro %}

{#- True when a catalogue row's `applies_to` selects the indicator: empty selects every
    indicator; otherwise any one of measure_type=, growth_basis=, category= or
    indicator_code= matching is enough. -#}
{% macro dq_in_scope(applies_to, indicators) -%}
    (
        coalesce({{ applies_to }}, '') = ''
        {%- for key in ['measure_type', 'growth_basis', 'category', 'indicator_code'] %}
            or position(
                ';{{ key }}=' || {{ indicators }}.{{ key }} || ';'
                in ';' || replace({{ applies_to }}, ' ', '') || ';'
            ) > 0
        {%- endfor %}
    )
{%- endmacro %}

{#- The body of a `this_rule`-style CTE: one rule's catalogue row with the named thresholds
    as columns. Expects the import CTE `rules` (ref('dq_rules')). -#}
{% macro dq_rule(rule_code, thresholds=[]) -%}
    select
        rule_code,
        severity,
        applies_to,
        {%- for name in thresholds %}
        {{ dq_threshold('thresholds', name) }} as {{ name }},
        {%- endfor %}
        thresholds
    from rules
    where rule_code = '{{ rule_code }}'
{%- endmacro %}
