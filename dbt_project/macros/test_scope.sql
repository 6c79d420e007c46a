{#- The data tests of a monthly build read the months the build changed, not the whole history.

    statswh.pipeline.build sets STATSWH_TEST_SCOPE=changed for an incremental build. Then, before
    any model moves its watermark, record_test_scope (on-run-start) stores the months the build
    changes in intermediate.test_scope_months: the changed months (incremental_reach.sql) since
    the oldest watermark of the incremental models, widened by the widest reach, 'rest_of_year',
    so that it holds every month any model recomputes. A generic data test of a model or source
    whose config names its month column (meta `test_month_column`) reads only the rows whose
    month is in that table (get_where_subquery); a singular test filters itself (in_test_scope).
    Every test reads whole relations in a build with --full-refresh or without the variable
    (dbt run by hand, the tests in make test). The variable is an environment variable read at
    execution only, not a dbt var: a change of --vars makes dbt parse the whole project again. -#}

{% macro test_scope_relation() -%}
    intermediate.test_scope_months
{%- endmacro %}

{#- True when this invocation's data tests cover only the months the build changes. -#}
{% macro tests_changed_months_only() -%}
    {%- set scope = env_var('STATSWH_TEST_SCOPE', 'all') -%}
    {%- if scope not in ('all', 'changed') -%}
        {{ exceptions.raise_compiler_error("STATSWH_TEST_SCOPE must be all or changed, not " ~ scope) }}
    {%- endif -%}
    {%- do return(scope == 'changed' and not flags.FULL_REFRESH) -%}
{%- endmacro %}

{#- The oldest watermark of the models that keep one (a model not yet built: the beginning of
    time): every month any of them recomputes in this build changed since then. -#}
{% macro oldest_watermark() -%}
    {%- set models = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' -%}
        {%- for hook in node.config['post-hook'] if 'record_incremental_watermark' in hook.sql -%}
            {%- do models.append(node.alias) -%}
        {%- endfor -%}
    {%- endfor -%}
    select min(coalesce(watermarks.loaded_at, cast('1900-01-01' as timestamp)))
    from (
        {%- for model in models %}
            select '{{ model }}' as model_name{% if not loop.last %} union all{% endif %}
        {%- endfor %}
    ) as models
    left join {{ incremental_watermarks_relation() }} as watermarks
        on models.model_name = watermarks.model_name
{%- endmacro %}

{#- on-run-start (after create_incremental_watermarks): the months this build changes. -#}
{% macro record_test_scope() -%}
    {#- referred to outside the condition, so that dbt sees the hook's dependencies when parsing -#}
    {%- set observations = ref('stg_raw__indicator_observations') -%}
    {%- set raw_observations = source('raw', 'indicator_observations') -%}
    {%- if execute and tests_changed_months_only() -%}
        drop table if exists {{ test_scope_relation() }};
        create table {{ test_scope_relation() }} as
        {% if load_relation(observations) is none -%}
            {#- nothing was built before: every month is new -#}
            select distinct {{ month_index('raw_rows.period_end') }} as month_index
            from {{ raw_observations }} as raw_rows
        {%- else -%}
            {{ incremental_reach('rest_of_year', since=oldest_watermark()) }}
        {%- endif %}
    {%- endif -%}
{%- endmacro %}

{#- A condition on a date column: true in the months this build changes, or always when the
    tests cover whole relations. -#}
{% macro in_test_scope(date_column) -%}
    {%- if execute and tests_changed_months_only() -%}
        {{ month_index(date_column) }} in (select scope.month_index from {{ test_scope_relation() }} as scope)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- The month column a relation's data tests filter on (meta test_month_column), or none. -#}
{% macro test_month_column(relation) -%}
    {%- for node in graph.nodes.values() | list + graph.sources.values() | list
        if node.resource_type in ('model', 'source')
        and node.schema == relation.schema
        and (node.alias if node.resource_type == 'model' else node.identifier) == relation.identifier -%}
        {%- do return(node.config.meta.get('test_month_column')) -%}
    {%- endfor -%}
    {%- do return(none) -%}
{%- endmacro %}

{#- dbt's own macro, overridden: the tested relation as every generic data test reads it, filtered
    by the test's `where` config as dbt does, and to the months this build changes when its
    relation has a month column. -#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}
        {%- do conditions.append(config.get('where')) -%}
    {%- endif -%}
    {%- if execute and tests_changed_months_only() -%}
        {%- set month_column = test_month_column(relation) -%}
        {%- if month_column -%}
            {%- do conditions.append(in_test_scope(month_column)) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
