-- The annual targets a region is measured against (from the work report or a target file),
-- latest vintage of each region x indicator x year x kind.
with targets as (
    select * from {{ ref('int_targets_mapped') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

final as (
    select
        targets.region_code,
        coalesce(regions.name_zh, targets.region_name_published) as region_name,
        targets.indicator_code,
        coalesce(indicators.name_zh, targets.indicator_name_published) as indicator_name,
        targets.year,
        targets.target_value,
        targets.target_unit,
        targets.target_kind,
        targets.comparator,
        targets.target_value_published,
        targets.target_unit_published,
        targets.source_text,
        targets.source_file_id
    from targets
    left join regions
        on targets.region_code = regions.region_code
    left join indicators
        on targets.indicator_code = indicators.indicator_code
)

select * from final
