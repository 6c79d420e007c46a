{#- Incremental models that recompute whole series: the rules whose every figure depends on
    its whole series (a median over all its years, the usual gap between its periods). A
    series group is one region x indicator: every period type and measure of it, the widest
    series any of these rules reads. A build recomputes the groups in which a figure got a new
    vintage since this model's last build (a new month, or a late or revised file: the whole
    group is recomputed, so a revision re-flags or clears any of its periods), deletes their
    rows (pre-hook) and appends them recomputed; the rows of every other group stay. The
    watermark is the one of the month-scoped models (incremental_reach.sql). -#}

{#- The series groups (region_code, indicator_code) with a figure newer than the watermark. A
    figure of int_dq_figures carries the load time of its current vintage, so a new vintage
    that changes a figure (or adds one) is seen here; a late file that does not become the
    current vintage changes no figure and no group. -#}
{% macro changed_series() -%}
    select distinct
        changed.region_code,
        changed.indicator_code
    from {{ ref('int_dq_figures') }} as changed
    where changed.vintage_at >= {{ incremental_watermark() }}
{%- endmacro %}

{#- A condition: the row (its region_code and indicator_code) belongs to a series group this
    build recomputes. -#}
{% macro in_changed_series() -%}
    (region_code, indicator_code) in ({{ changed_series() }})
{%- endmacro %}

{#- pre-hook of an incremental build: delete the rows of the series groups it recomputes. -#}
{% macro delete_changed_series() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ in_changed_series() }}
    {%- endif -%}
{%- endmacro %}

{#- The config of a model built incrementally by series group: delete the changed groups
    (pre-hook), append them recomputed, record the watermark (post-hook). -#}
{% macro incremental_by_series() -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_series() }}",
        post_hook="{{ record_incremental_watermark() }}"
    ) }}
{%- endmacro %}
