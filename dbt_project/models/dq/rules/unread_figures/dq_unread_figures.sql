{% set max_listed = 10 %}
{% set max_sentence_chars = 60 %}
-- unread_figures: a loaded file holds numbers its reader saw and could not turn into a fact
-- (a numeric cell under a header nobody knows, a number with a statistical unit in a sentence
-- that gave no fact). One anomaly per file; its message names where each number stands (sheet,
-- row and column, or the sentence), the first {{ max_listed }} of them, and points to
-- `statswh ingest --explain` for the rest.
-- What is flagged is the file, so it is keyed as a fact the way acceptances need it: the
-- region and period that most of the file's latest figures are about, the file name as the
-- indicator name, and the count of unread numbers as the observed figure (expected: 0). An
-- acceptance then holds for the same file name, region and period with the same count, and
-- lapses when a new version of the file leaves a different count unread.
-- A table: one row per file with unread numbers, cheap to rebuild whole.

with unread_figures as (
    select * from {{ ref('stg_raw__unread_figures') }}
),

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

observations as (
    select * from {{ ref('int_observations_mapped') }}
),

project_progress as (
    select * from {{ ref('stg_raw__project_progress') }}
),

indicator_targets as (
    select * from {{ ref('stg_raw__indicator_targets') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('unread_figures') }}
),

-- every record a file gave, by the region and period it is about
file_records as (
    select
        source_file_id,
        region_code,
        region_name_published,
        period_type,
        period_end
    from observations
    union all
    select
        source_file_id,
        cast(null as varchar) as region_code,
        region_name_published,
        'ytd' as period_type,
        period_end
    from project_progress
    union all
    select
        source_file_id,
        cast(null as varchar) as region_code,
        region_name_published,
        'year' as period_type,
        cast(cast(year as varchar) || '-12-31' as date) as period_end
    from indicator_targets
),

file_periods as (
    select
        source_file_id,
        region_code,
        region_name_published,
        period_type,
        period_end,
        row_number() over (
            partition by source_file_id
            order by period_end desc, count(*) desc, period_type asc, region_name_published asc
        ) as period_rank
    from file_records
    group by source_file_id, region_code, region_name_published, period_type, period_end
),

located as (
    select
        source_file_id,
        row_number() over (
            partition by source_file_id
            order by
                sheet_name, source_row_number, length(source_column_name), source_column_name,
                figure_text, reason
        ) as figure_number,
        count(*) over (partition by source_file_id) as n_unread,
        case
            when length(figure_text) > {{ max_sentence_chars }}
                then left(figure_text, {{ max_sentence_chars }}) || '…'
            else figure_text
        end as shown_text,
        sheet_name,
        source_row_number,
        source_column_name,
        reason
    from unread_figures
),

described as (
    select
        source_file_id,
        n_unread,
        string_agg(
            case
                when source_column_name is null then '句子“' || shown_text || '”'
                else
                    '工作表' || coalesce(sheet_name, '') || '第'
                    || coalesce(cast(source_row_number as varchar), '?') || '行'
                    || source_column_name || '列“' || shown_text || '”'
            end,
            '；' order by figure_number
        ) as where_zh,
        string_agg(
            case
                when source_column_name is null then 'sentence "' || shown_text || '"'
                else
                    'sheet ' || coalesce(sheet_name, '') || ', row '
                    || coalesce(cast(source_row_number as varchar), '?') || ', column '
                    || source_column_name || ' "' || shown_text || '"'
            end
            || ' (' || reason || ')',
            '; ' order by figure_number
        ) as where_en
    from located
    where figure_number <= {{ max_listed }}
    group by source_file_id, n_unread
),

flagged as (
    select
        'unread_figures' as rule_code,
        this_rule.severity,
        file_periods.region_code,
        -- a loaded file always gave a record; the fallbacks only keep a flag from being lost
        coalesce(
            regions.name_zh, file_periods.region_name_published, source_files.publisher,
            source_files.file_name
        ) as region_name,
        cast(null as varchar) as indicator_code,
        source_files.file_name as indicator_name,
        coalesce(file_periods.period_type, 'year') as period_type,
        coalesce(
            file_periods.period_end,
            cast(
                cast(cast(extract(year from source_files.published_on) as integer) as varchar)
                || '-12-31' as date
            )
        ) as period_end,
        described.n_unread,
        described.where_zh,
        described.where_en,
        described.source_file_id,
        source_files.loaded_at
    from described
    inner join source_files
        on described.source_file_id = source_files.source_file_id
    cross join this_rule
    left join file_periods
        on
            described.source_file_id = file_periods.source_file_id
            and file_periods.period_rank = 1
    left join regions
        on file_periods.region_code = regions.region_code
),

final as (
    select
        {{ anomaly_id('flagged') }} as anomaly_id,
        flagged.rule_code,
        flagged.severity,
        flagged.region_code,
        flagged.region_name,
        flagged.indicator_code,
        flagged.indicator_name,
        flagged.period_type,
        flagged.period_end,
        'numbers_unread' as observed_measure,
        cast(flagged.n_unread as double precision) as observed,
        cast(0 as double precision) as expected_low,
        cast(0 as double precision) as expected_high,
        'not_read' as diagnosis,
        flagged.indicator_name || '：' || cast(flagged.n_unread as varchar) || '个数字未能读取：'
        || flagged.where_zh
        || case when flagged.n_unread > {{ max_listed }} then '等' else '' end || '。'
        || ' | ' || flagged.indicator_name || ': ' || cast(flagged.n_unread as varchar)
        || ' numbers not read: ' || flagged.where_en
        || case
            when flagged.n_unread > {{ max_listed }}
                then
                    '; and ' || cast(flagged.n_unread - {{ max_listed }} as varchar)
                    || ' more (statswh ingest --explain ' || flagged.indicator_name || ')'
            else ''
        end || '.' as message,
        flagged.source_file_id,
        flagged.loaded_at as detected_at
    from flagged
)

select * from final
