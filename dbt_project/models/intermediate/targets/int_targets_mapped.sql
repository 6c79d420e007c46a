-- Annual targets with region and indicator codes from the code lists (an unknown name keeps
-- a null code and its published name), level targets converted to the indicator's canonical
-- unit, and only the latest vintage of each region x indicator x year x kind.
with targets as (
    select * from {{ ref('stg_raw__indicator_targets') }}
),

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

indicators as (
    select * from {{ ref('indicators') }}
),

indicator_names as (
    select * from {{ ref('int_indicator_names_unioned') }}
),

region_names as (
    select * from {{ ref('int_region_names_unioned') }}
),

unit_conversions as (
    select * from {{ ref('int_unit_conversions_paired') }}
),

coded as (
    select
        targets.*,
        source_files.published_on,
        region_names.region_code,
        indicator_names.indicator_code,
        coalesce(region_names.region_code, targets.region_name_published)
        || '|' || coalesce(indicator_names.indicator_code, targets.indicator_name_published)
        || '|' || cast(targets.year as varchar) || '|' || targets.target_kind as target_key
    from targets
    inner join source_files
        on targets.source_file_id = source_files.source_file_id
    left join region_names
        on targets.region_name_published = region_names.region_name
    left join indicator_names
        on targets.indicator_name_published = indicator_names.indicator_name
),

ranked as (
    select
        *,
        row_number() over (
            partition by target_key
            order by {{ vintage_order(descending=true, within_file=['target_value']) }}
        ) as vintage_rank
    from coded
),

final as (
    select
        ranked.region_code,
        ranked.region_name_published,
        ranked.indicator_code,
        ranked.indicator_name_published,
        ranked.year,
        ranked.target_kind,
        ranked.comparator,
        -- growth and rate targets are in % (or pp) already; levels go to the canonical unit
        case
            when ranked.target_kind = 'level' then ranked.target_value * unit_conversions.factor
            else ranked.target_value
        end as target_value,
        case
            when ranked.target_kind = 'level' then indicators.canonical_unit else '%'
        end as target_unit,
        ranked.target_value as target_value_published,
        ranked.target_unit as target_unit_published,
        ranked.source_text,
        ranked.source_file_id
    from ranked
    left join indicators
        on ranked.indicator_code = indicators.indicator_code
    left join unit_conversions
        on
            coalesce(ranked.target_unit, indicators.canonical_unit) = unit_conversions.from_unit
            and indicators.canonical_unit = unit_conversions.to_unit
    where ranked.vintage_rank = 1
)

select * from final
