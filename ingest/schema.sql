-- The raw layer: append-only, every vintage of every file kept.
create schema if not exists raw;

-- One row per distinct file (by content) ever offered to the ingest.
create table if not exists raw.source_files (
    source_file_id varchar primary key,  -- first 16 hex digits of sha256
    file_name varchar not null,
    sha256 varchar not null unique,
    format varchar not null,
    size_bytes bigint not null,
    publisher varchar,
    release_date date,
    status varchar not null,             -- loaded | quarantined
    error varchar,
    n_facts integer not null,
    skipped_sheets varchar,              -- JSON: sheet name -> reason
    stored_path varchar not null,        -- the archived or quarantined original
    loaded_at timestamp not null
);

create table if not exists raw.indicator_observations (
    source_file_id varchar not null,
    sheet_name varchar,
    row_number integer,
    region_name varchar not null,
    indicator_name varchar not null,
    period_label varchar not null,
    period_type varchar not null,
    period_start date not null,
    period_end date not null,
    value_published double,
    value_decimals integer,
    unit_published varchar,
    yoy_growth_pct double,
    growth_decimals integer,
    source_text varchar,
    source_char_start integer,           -- span of the figure in source_text (bulletins)
    source_char_end integer,
    loaded_at timestamp not null
);

-- Key-project lists, one row per project per reported period.
create table if not exists raw.project_progress (
    source_file_id varchar not null,
    sheet_name varchar,
    row_number integer,
    project_name varchar not null,
    industry_chain varchar,
    region_name varchar,
    period_end date not null,
    total_investment double,             -- 亿元
    annual_plan_investment double,       -- 亿元
    completed_investment_ytd double,     -- 亿元
    completion_rate_pct double,
    stage varchar,
    responsible_unit varchar,
    planned_start date,
    planned_completion date,
    loaded_at timestamp not null
);

-- Annual targets, from a target file or the work report's text.
create table if not exists raw.indicator_targets (
    source_file_id varchar not null,
    region_name varchar not null,
    indicator_name varchar not null,
    year integer not null,
    target_value double not null,
    target_unit varchar,
    target_kind varchar not null,        -- growth_pct | level | rate
    comparator varchar not null,         -- at_least | at_most | about
    source_text varchar,
    loaded_at timestamp not null
);

-- Added with issue 10 (no figure lost in silence; ranks; provenance). Written as
-- `add column if not exists` so that a warehouse created before gains them in place,
-- nothing reloaded; rows loaded before keep nulls (their readers did not record these).

-- How every number a reader saw in the file was accounted for (null for quarantined
-- files and for files loaded before): read as a figure, skipped on purpose, or unread.
alter table raw.source_files add column if not exists numbers_read integer;
alter table raw.source_files add column if not exists numbers_skipped integer;
alter table raw.source_files add column if not exists numbers_unread integer;
alter table raw.source_files add column if not exists numbers_skipped_reasons varchar;  -- JSON: reason -> count

-- A rank (位次) is an attribute of the figure it ranks; region_source and period_source
-- say where the fact's region and period were read from (ingest.records.PROVENANCE).
alter table raw.indicator_observations add column if not exists value_rank integer;
alter table raw.indicator_observations add column if not exists growth_rank integer;
alter table raw.indicator_observations add column if not exists region_source varchar;
alter table raw.indicator_observations add column if not exists period_source varchar;
alter table raw.indicator_observations add column if not exists column_name varchar;  -- column letter

-- Every number a reader saw and could not turn into a fact: reported, never dropped.
create table if not exists raw.unread_figures (
    source_file_id varchar not null,
    sheet_name varchar,
    row_number integer,
    column_name varchar,                 -- column letter; null in a text
    text varchar not null,               -- the cell's text, or the sentence around the number
    reason varchar not null,
    loaded_at timestamp not null
);
