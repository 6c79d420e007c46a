{#- The order of the vintages of one fact, oldest first: by publication date (the file's
    release date, else the day it was loaded), then load time, then file, then the position
    within the file, so that the order is total and the same on every database (nulls sort
    as the smallest value on both DuckDB and PostgreSQL, whose defaults differ). Expects
    published_on, vintage_at and source_file_id columns; `within_file` lists the columns
    that order two records of one file (a figure shown on two sheets). -#}
{% macro vintage_order(descending=false, within_file=['sheet_name', 'source_row_number']) -%}
    {%- set direction = 'desc nulls last' if descending else 'asc nulls first' -%}
    published_on {{ direction }},
    vintage_at {{ direction }},
    source_file_id {{ direction }}
    {%- for column in within_file %},
    {{ column }} {{ direction }}
    {%- endfor %}
{%- endmacro %}
