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
