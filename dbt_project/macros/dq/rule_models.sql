{#- The data-quality rule models: every model tagged dq_rule (the models/dq/rules folder's
    config), by name. Read from the graph, so it is empty while dbt parses. -#}
{% macro dq_rule_models() -%}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and 'dq_rule' in node.tags -%}
            {%- do names.append(node.name) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(names | sort) }}
{%- endmacro %}
