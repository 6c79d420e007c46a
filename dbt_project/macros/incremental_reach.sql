{#- Incremental models that recompute only the months new files can change.

    After each build (full or incremental) a model records the load time of the newest raw
    observation it has seen, in intermediate.incremental_watermarks (record_incremental_watermark,
    a post-hook). The next incremental build takes the raw observations loaded since then (>=: a
    file loaded in the same second is not missed, and recomputing a month again gives the same
    rows), the months their periods end in (changed months: a new month, or an old month that a
    late or revised file republished), and what the model's logic reaches from there
    (incremental_reach). It deletes its rows in those months (delete_incremental_reach, a pre-hook)
    and inserts them recomputed (strategy append): a row that no longer holds is gone even when
    nothing replaces it. A model whose build failed keeps its watermark and catches up next time.
    Months are month indexes, year * 12 + month, as int_dq_figures.month_index. -#}

{% macro month_index(date_expression) -%}
    (cast(extract(year from {{ date_expression }}) as integer) * 12
    + cast(extract(month from {{ date_expression }}) as integer))
{%- endmacro %}

{% macro incremental_watermarks_relation() -%}
    intermediate.incremental_watermarks
{%- endmacro %}

{#- on-run-start: the table of watermarks, if missing. -#}
{% macro create_incremental_watermarks() -%}
    create schema if not exists intermediate;
    create table if not exists {{ incremental_watermarks_relation() }} (
        model_name varchar(256),
        loaded_at timestamp
    )
{%- endmacro %}

{#- post-hook: the newest raw observation this build has seen. -#}
{% macro record_incremental_watermark() -%}
    delete from {{ incremental_watermarks_relation() }} where model_name = '{{ this.identifier }}';
    insert into {{ incremental_watermarks_relation() }} (model_name, loaded_at)
    select '{{ this.identifier }}', max(vintage_at)
    from {{ ref('stg_raw__indicator_observations') }}
{%- endmacro %}

{#- The load time from which rows are new to this model: its watermark (a scalar subquery). -#}
{% macro incremental_watermark() -%}
    (
        select coalesce(max(watermarks.loaded_at), cast('1900-01-01' as timestamp))
        from {{ incremental_watermarks_relation() }} as watermarks
        where watermarks.model_name = '{{ this.identifier }}'
    )
{%- endmacro %}

{#- The months whose periods received a figure since this model's last build. -#}
{% macro changed_months() -%}
    select distinct {{ month_index('changed.period_end') }} as month_index
    from {{ ref('stg_raw__indicator_observations') }} as changed
    where changed.vintage_at >= {{ incremental_watermark() }}
{%- endmacro %}

{#- The months a model recomputes (one column, month_index), by how far its logic reaches:
    - 'same_month': the changed months (a figure and whatever sits in the same month);
    - 'a_year_later': also the same month a year later (growth against last year's figure);
    - 'rest_of_year': from the first changed month of a year to the end of that year, and the
      next year from the same month on (year-to-date differencing reaches the next published
      month, however far; growth from levels reaches a year later). -#}
{% macro incremental_reach(reach) -%}
    {%- if reach == 'same_month' -%}
        {{ changed_months() }}
    {%- elif reach == 'a_year_later' -%}
        select changed.month_index from ({{ changed_months() }}) as changed
        union
        select changed.month_index + 12 from ({{ changed_months() }}) as changed
    {%- elif reach == 'rest_of_year' -%}
        select distinct spans.first_index + numbers.generated_number - 1 as month_index
        from (
            select
                min(changed.month_index) as first_index,
                -- December of the next year: (year + 2) * 12, year = floor((index - 1) / 12)
                (cast(floor((min(changed.month_index) - 1) / 12.0) as integer) + 2) * 12 as last_index
            from ({{ changed_months() }}) as changed
            group by cast(floor((changed.month_index - 1) / 12.0) as integer)
        ) as spans
        inner join ({{ dbt.generate_series(24) }}) as numbers
            on spans.first_index + numbers.generated_number - 1 <= spans.last_index
    {%- else -%}
        {{ exceptions.raise_compiler_error("incremental_reach: unknown reach " ~ reach) }}
    {%- endif -%}
{%- endmacro %}

{#- The months a build reads to recompute the reach: each month of the reach and the
    `months_back` months before it (a lag, last month's year to date). -#}
{% macro incremental_input_months(reach, months_back=0) -%}
    {%- if months_back == 0 -%}
        select reach.month_index from ({{ incremental_reach(reach) }}) as reach
    {%- else -%}
        select distinct reach.month_index + 1 - lookback.generated_number as month_index
        from ({{ incremental_reach(reach) }}) as reach
        cross join ({{ dbt.generate_series(months_back + 1) }}) as lookback
    {%- endif -%}
{%- endmacro %}

{#- The period end dates of a relation that fall in the given months. Filtering a view on
    `period_end in (these dates)` rather than on an expression of period_end lets the database
    push the filter below window functions partitioned by period_end, so the view is computed
    for those periods only. -#}
{% macro period_ends_in_months(relation, months_sql) -%}
    select distinct dated.period_end
    from {{ relation }} as dated
    where {{ month_index('dated.period_end') }} in ({{ months_sql }})
{%- endmacro %}

{#- A condition: the date falls in one of the months of the reach. -#}
{% macro in_incremental_reach(date_expression, reach) -%}
    {{ month_index(date_expression) }} in (select reach.month_index from ({{ incremental_reach(reach) }}) as reach)
{%- endmacro %}

{#- pre-hook of an incremental build: delete the rows in the months it recomputes. -#}
{% macro delete_incremental_reach(reach, date_column='period_end') -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ in_incremental_reach(date_column, reach) }}
    {%- endif -%}
{%- endmacro %}

{#- The config of a model built incrementally over the months of `reach`: delete those
    months (pre-hook), append them recomputed, record the watermark (post-hook). -#}
{% macro incremental_by_month(reach) -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_incremental_reach('" ~ reach ~ "') }}",
        post_hook="{{ record_incremental_watermark() }}"
    ) }}
{%- endmacro %}
