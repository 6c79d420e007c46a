-- Every vintage of every fact with the interval in which it was the published figure.
-- A fact is region x indicator x period_type x period_end (by code, or by the published
-- name while unmapped). Its vintages are ordered by publication date (vintage_order): each
-- is valid from its file's publication date until the next vintage's, and the last one is
-- current. A vintage published on the same day as a later one is valid for no day at all.
-- Within one file, records of the same fact (a figure on two sheets, or twice in a bulletin)
-- are ordered by position and then by value, so the order is total on every database.
-- The windows are partitioned by period_end as well as fact_key (which contains it), so that a
-- filter on period_end (the incremental history's) is applied before them, not after.
{% set order_of_vintages = vintage_order(
    within_file=['sheet_name', 'source_row_number', 'source_char_start', 'value_published',
                 'yoy_growth_pct']
) %}

with observations as (
    select * from {{ ref('int_observations_mapped') }}
),

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

keyed as (
    select
        observations.*,
        source_files.published_on,
        coalesce(observations.region_code, observations.region_name_published)
        || '|' || coalesce(observations.indicator_code, observations.indicator_name_published)
        || '|' || {{ period_key('observations.period_type', 'observations.period_end') }}
            as fact_key
    from observations
    inner join source_files
        on observations.source_file_id = source_files.source_file_id
),

ordered as (
    select
        *,
        row_number() over (
            partition by period_end, fact_key order by {{ order_of_vintages }}
        ) as vintage_number,
        lead(published_on) over (
            partition by period_end, fact_key order by {{ order_of_vintages }}
        ) as next_published_on,
        lag(value) over (
            partition by period_end, fact_key order by {{ order_of_vintages }}
        ) as previous_value,
        lag(yoy_growth_pct) over (
            partition by period_end, fact_key order by {{ order_of_vintages }}
        ) as previous_yoy_growth_pct
    from keyed
),

final as (
    select
        -- the n-th vintage of the fact; the history replaces all of a fact's vintages at once
        {{ dbt.hash("fact_key || '|' || cast(vintage_number as varchar)") }}
            as observation_vintage_id,
        fact_key,
        source_file_id,
        sheet_name,
        source_row_number,
        region_code,
        region_name_published,
        indicator_code,
        indicator_name_published,
        period_type,
        period_start,
        period_end,
        period_label,
        value,
        unit,
        value_half_width,
        value_published,
        value_decimals,
        unit_published,
        yoy_growth_pct,
        growth_decimals,
        growth_half_width,
        source_text,
        source_column_name,
        value_rank,
        growth_rank,
        region_source,
        period_source,
        vintage_at,
        vintage_number,
        published_on as valid_from,
        next_published_on as valid_to,
        next_published_on is null as is_current,
        vintage_number > 1
        and (
            value is distinct from previous_value
            or yoy_growth_pct is distinct from previous_yoy_growth_pct
        ) as is_revision,
        previous_value,
        previous_yoy_growth_pct
    from ordered
)

select * from final
