-- Every name an indicator is published under (official name and synonyms), with its code.
with indicators as (
    select * from {{ ref('indicators') }}
),

indicator_synonyms as (
    select * from {{ ref('indicator_synonyms') }}
),

final as (
    select
        name_zh as indicator_name,
        indicator_code
    from indicators
    union
    select
        synonym as indicator_name,
        indicator_code
    from indicator_synonyms
)

select * from final
