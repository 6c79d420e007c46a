{#- The order of the vintages of one fact, oldest first: by publication date (the file's
    release date, else the day it was loaded), then load time, then file and row, so that the
    order is total and the same on every database. Expects published_on, vintage_at and
    source_file_id columns; `row_column` breaks ties within one file. -#}
{% macro vintage_order(descending=false, row_column='source_row_number') -%}
    {%- set direction = 'desc' if descending else 'asc' -%}
    published_on {{ direction }},
    vintage_at {{ direction }},
    source_file_id {{ direction }},
    {{ row_column }} {{ direction }}
{%- endmacro %}
