-- What the data-quality step and its reviewers write. Kept in raw, beside the ingest's
-- tables, because no build may lose it: dbt only reads these (stg_dq_review__*).
create schema if not exists raw;

-- Warnings a reviewer accepted (`statswh accept`), keyed by the flagged figure: the same
-- rule, fact and published value is not raised again; a changed value is.
create table if not exists raw.dq_acceptances (
    acceptance_id varchar primary key,
    anomaly_id varchar not null,          -- the anomaly accepted, for the record
    rule_code varchar not null,
    region_code varchar,
    region_name varchar,                  -- published name when the region is unmapped
    indicator_code varchar,
    indicator_name varchar,               -- published name when the indicator is unmapped
    period_type varchar not null,
    period_end date not null,
    observed double,                      -- the published figure accepted
    reason varchar not null,
    accepted_by varchar not null,
    accepted_at timestamp not null        -- UTC
);

-- The run history: one row per check x rule, appended by every check, passed or failed.
create table if not exists raw.dq_runs (
    run_id varchar not null,
    run_at timestamp not null,            -- UTC
    months varchar not null,              -- months of the data loaded since the previous check
    loaded_through timestamp,             -- the latest file load this run saw
    data_through date,                    -- the latest period end in the warehouse
    gate_passed boolean not null,
    rule_code varchar not null,
    severity varchar not null,
    n_anomalies integer not null,
    n_accepted integer not null,
    primary key (run_id, rule_code)
);
