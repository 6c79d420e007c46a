{#- "As published on date D": every fact as the warehouse had it at the end of day D, from
    fct_indicator_observation_history. A vintage is in effect from its valid_from (the file's
    release date, else the day it was loaded) until the next vintage's valid_from.
    Use it where a table goes, in a model, an analysis or `dbt show --inline`:

        select region_name, indicator_name, period_end, value
        from {{ as_published_on('2023-04-30') }} as published
        where indicator_code = 'retail_sales'

    Plain SQL on the published copy filters the history the same way:
        where valid_from <= date 'D' and (valid_to is null or valid_to > date 'D') -#}
{% macro as_published_on(published_on) -%}
    (
        select *
        from {{ ref('fct_indicator_observation_history') }}
        where
            valid_from <= cast('{{ published_on }}' as date)
            and (valid_to is null or valid_to > cast('{{ published_on }}' as date))
    )
{%- endmacro %}
