"""Acceptances and the run history, on a small warehouse made by hand (no dbt needed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import duckdb
import pytest

from ingest.loader import ensure_raw_schema
from statswh.review_store import ensure_dq_tables, insert_acceptance, month_ranges, record_run


@pytest.fixture
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """raw tables, the catalogue seed and a dq_anomalies mart with a warning and an error."""
    connection = duckdb.connect()
    ensure_raw_schema(connection)
    ensure_dq_tables(connection)
    connection.execute(
        """
        create schema reference;
        create table reference.dq_rules as
            select * from (values ('ytd_decrease', 'warning'), ('unit_magnitude_jump', 'error'),
                ('outlier', 'warning')) as rules(rule_code, severity);
        create schema marts;
        create table marts.dq_anomalies as
            select * from (values
                ('w1', 'ytd_decrease', 'warning', '411602', '川江区', 'fixed_asset_investment',
                 '固定资产投资', 'ytd', date '2023-07-31', 41.0, false),
                ('e1', 'unit_magnitude_jump', 'error', '411603', '淮阳区', 'retail_sales',
                 '社会消费品零售总额', 'ytd', date '2023-03-31', 315000.0, false)
            ) as anomalies(anomaly_id, rule_code, severity, region_code, region_name,
                indicator_code, indicator_name, period_type, period_end, observed, accepted);
        """
    )
    yield connection
    connection.close()


def load_file(connection: duckdb.DuckDBPyConnection, file_id: str, month_end: date) -> None:
    connection.execute(
        "insert into raw.source_files (source_file_id, file_name, sha256, format, size_bytes, "
        "status, n_facts, stored_path, loaded_at) "
        "values (?, ?, ?, 'xlsx', 1, 'loaded', 1, '-', ?)",
        [file_id, f"{file_id}.xlsx", file_id, datetime.now()],
    )
    connection.execute(
        "insert into raw.indicator_observations (source_file_id, region_name, indicator_name, "
        "period_label, period_type, period_start, period_end, loaded_at) "
        "values (?, '川江区', '固定资产投资', '-', 'ytd', ?, ?, ?)",
        [file_id, date(month_end.year, 1, 1), month_end, datetime.now()],
    )


def test_a_warning_is_accepted_with_its_figure(warehouse: duckdb.DuckDBPyConnection) -> None:
    accepted = insert_acceptance(warehouse, "w1", " 核减,经审计确认 ", "王统计")
    assert (accepted.rule_code, accepted.observed, accepted.reason) == (
        "ytd_decrease",
        41.0,
        "核减,经审计确认",
    )
    assert accepted.fact == "川江区 固定资产投资 ytd 2023-07-31"
    stored = warehouse.execute(
        "select anomaly_id, rule_code, region_code, period_end, observed, reason, accepted_by "
        "from raw.dq_acceptances"
    ).fetchall()
    assert stored == [
        ("w1", "ytd_decrease", "411602", date(2023, 7, 31), 41.0, "核减,经审计确认", "王统计")
    ]


def test_an_error_cannot_be_accepted(warehouse: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="is an error and cannot be accepted"):
        insert_acceptance(warehouse, "e1", "looks fine", "王统计")
    assert warehouse.execute("select count(*) from raw.dq_acceptances").fetchone() == (0,)


@pytest.mark.parametrize(
    ("anomaly_id", "reason", "by", "message"),
    [
        ("nope", "a reason", "王", "no anomaly 'nope'"),
        ("w1", "  ", "王", "a reason is required"),
        ("w1", "a reason", " ", "say who accepts"),
    ],
)
def test_an_acceptance_needs_an_anomaly_a_reason_and_a_name(
    warehouse: duckdb.DuckDBPyConnection, anomaly_id: str, reason: str, by: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        insert_acceptance(warehouse, anomaly_id, reason, by)


def test_each_run_records_every_rule_and_the_months_it_brought_in(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    load_file(warehouse, "jan", date(2023, 1, 31))
    load_file(warehouse, "feb", date(2023, 2, 28))
    first = record_run(warehouse, gate_passed=False)
    rows = warehouse.execute(
        "select rule_code, severity, months, gate_passed, n_anomalies, n_accepted "
        "from raw.dq_runs where run_id = ? order by rule_code",
        [first],
    ).fetchall()
    assert rows == [
        ("outlier", "warning", "2023-01..2023-02", False, 0, 0),
        ("unit_magnitude_jump", "error", "2023-01..2023-02", False, 1, 0),
        ("ytd_decrease", "warning", "2023-01..2023-02", False, 1, 0),
    ]
    second = record_run(warehouse, gate_passed=True)
    assert warehouse.execute(
        "select distinct months, data_through from raw.dq_runs where run_id = ?", [second]
    ).fetchall() == [("", date(2023, 2, 28))]


def test_month_ranges_are_short_and_exact() -> None:
    months = ["2023-02", "2022-12", "2023-01", "2023-05", "2023-05"]
    assert month_ranges(months) == "2022-12..2023-02,2023-05"
    assert month_ranges([]) == ""
