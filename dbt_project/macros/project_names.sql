{#- A project name reduced to what identifies it, so that the same project keeps one code
    across months and files: no white space (also full-width), no quotation marks, one kind
    of middle dot, Latin letters in lower case, and no trailing 项目 ("project").
    富士康 三期项目 and 富士康三期 are the same project; the ingest has already applied NFKC. -#}
{% macro normalise_project_name(name) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace(lower(trim({{ name }})), '[[:space:]　"“”‘’''「」『』]', '', 'g'),
            '[•・‧∙･]', '·', 'g'
        ),
        '项目$', ''
    )
{%- endmacro %}

{#- The stable project code: "prj_" and the first 12 hex digits of the md5 of the normalised
    name (dbt.hash, identical on DuckDB and PostgreSQL). The same name gives the same code in
    every month, file and database; dim_project's unique test catches a collision. -#}
{% macro project_code(normalised_name) -%}
    'prj_' || substr({{ dbt.hash(normalised_name) }}, 1, 12)
{%- endmacro %}
