{#- Year-on-year growth in % recomputed from two levels; null when the base is not positive.
    From current-price levels this is nominal growth, whatever basis the published rate has. -#}
{% macro yoy_growth_pct(value, base_value) -%}
    case when {{ base_value }} > 0 then ({{ value }} / {{ base_value }} - 1) * 100 end
{%- endmacro %}
