-- The latest view never shows a superseded figure: fct_indicator_observation holds exactly
-- the current rows of fct_indicator_observation_history (which is built incrementally), with
-- the same file and value. Returns every fact where the two disagree. A fact lies in one
-- month: a monthly build compares the months it changed (in_test_scope).
with latest as (
    select * from {{ ref('fct_indicator_observation') }}
    where {{ in_test_scope('period_end') }}
),

history as (
    select * from {{ ref('fct_indicator_observation_history') }}
    where is_current and {{ in_test_scope('period_end') }}
),

final as (
    select
        coalesce(latest.region_name, history.region_name) as region_name,
        coalesce(latest.indicator_name, history.indicator_name) as indicator_name,
        coalesce(latest.period_key, history.period_key) as period_key,
        latest.source_file_id as latest_source_file_id,
        history.source_file_id as history_source_file_id
    from latest
    full outer join history
        on
            latest.region_name = history.region_name
            and latest.indicator_name = history.indicator_name
            and latest.period_key = history.period_key
    where
        latest.source_file_id is null
        or history.source_file_id is null
        or latest.source_file_id <> history.source_file_id
        or latest.value is distinct from history.value
)

select * from final
