-- Each fact's vintages in fct_indicator_observation_history form one chain: exactly one is
-- current, and each superseded vintage is valid until the next one's valid_from. Guards the
-- incremental build, which rewrites only the facts that received a new vintage. A fact lies in
-- one month: a monthly build checks the months it changed (in_test_scope).
with history as (
    select * from {{ ref('fct_indicator_observation_history') }}
    where {{ in_test_scope('period_end') }}
),

chained as (
    select
        region_name,
        indicator_name,
        period_key,
        vintage_number,
        valid_to,
        is_current,
        lead(valid_from) over (
            partition by region_name, indicator_name, period_key order by vintage_number
        ) as next_valid_from
    from history
),

facts as (
    select
        region_name,
        indicator_name,
        period_key,
        sum(case when is_current then 1 else 0 end) as n_current,
        sum(
            case
                when valid_to is distinct from next_valid_from then 1
                when is_current <> (next_valid_from is null) then 1
                else 0
            end
        ) as n_broken_links
    from chained
    group by region_name, indicator_name, period_key
),

final as (
    select *
    from facts
    where n_current <> 1 or n_broken_links > 0
)

select * from final
