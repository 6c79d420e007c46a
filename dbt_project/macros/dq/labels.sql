{#- How messages name a fact: region, indicator and period, in Chinese and in English. -#}

{#- "2023年1-6月", "2023年6月", "2023年第2季度", "2023年全年". -#}
{% macro period_label_zh(period_type, period_end) -%}
    cast(extract(year from {{ period_end }}) as varchar) || '年'
    || case {{ period_type }}
        when 'year' then '全年'
        when 'quarter' then '第' || cast(extract(quarter from {{ period_end }}) as varchar) || '季度'
        when 'month' then cast(extract(month from {{ period_end }}) as varchar) || '月'
        else '1-' || cast(extract(month from {{ period_end }}) as varchar) || '月'
    end
{%- endmacro %}

{#- "川江区社会消费品零售总额2023年1-6月" for the row `alias`. -#}
{% macro fact_label_zh(alias) -%}
    {{ alias }}.region_name || {{ alias }}.indicator_name
    || {{ period_label_zh(alias ~ '.period_type', alias ~ '.period_end') }}
{%- endmacro %}

{#- "川江区 retail_sales ytd 2023-06-30" for the row `alias`. -#}
{% macro fact_label_en(alias) -%}
    {{ alias }}.region_name || ' ' || coalesce({{ alias }}.indicator_code, {{ alias }}.indicator_name)
    || ' ' || {{ alias }}.period_type || ' ' || cast({{ alias }}.period_end as varchar)
{%- endmacro %}
