"""Apache Superset, driven end to end: its charts show the warehouse's numbers, also mid-publish.

Superset runs from its own virtual environment (installed once per machine by statswh.bi),
on loopback, with the published DuckDB file and the PostgreSQL marts (through the read-only
role) registered over its REST API, exactly as `make bi` does.
"""

from __future__ import annotations

import math
import shutil
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from postgres_server import postgres_server

from statswh import bi, cli
from statswh.settings import Settings

pytestmark = pytest.mark.integration

SERIES = bi.Series()
SERIES_SQL = """
    select date_trunc('month', period_end)::date as month, sum(value) as value
    from marts.fct_indicator_single_period
    where region_code = ? and indicator_code = ? and period_type = 'month'
    group by month order by month
"""
TARGETS_SQL = """
    select period_end, target_value, expected_value, actual_value, gap_to_target, on_track
    from marts.mart_target_tracking
    where region_code = ? and indicator_code = ?
    order by period_end
"""
RULES_SQL = """
    select rule_code, severity, count(*) as anomalies
    from marts.dq_anomalies group by rule_code, severity order by rule_code, severity
"""


@pytest.fixture(scope="module")
def warehouse(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A published copy of the session's warehouse; this module changes and republishes it."""
    folder = tmp_path_factory.mktemp("bi-warehouse")
    settings = Settings(folder / built.warehouse.name, built.landing)
    shutil.copy(built.warehouse, settings.warehouse)
    assert cli.main(["--warehouse", str(settings.warehouse), "publish"]) == 0
    return settings


@pytest.fixture(scope="module")
def superset(
    warehouse: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[bi.Client, bi.Dashboard, int]]:
    """Superset with both databases and the dashboard; stopped at the end."""
    venv = bi.install_superset()
    bi.check_readable(venv, warehouse.published)
    home = tmp_path_factory.mktemp("bi-home")
    with postgres_server() as server:
        postgres = bi.Postgres(server.port, server.user, server.password, server.database)
        reader_password = "reader-" + server.password
        bi.grant_reader(postgres, reader_password)
        bi.publish_marts_to_postgres(warehouse, postgres)
        running = bi.start(home, venv, bi.free_port())
        try:
            client = bi.Client(running.url, bi.ADMIN, running.admin_password)
            duckdb_id = bi.register_duckdb(client, warehouse.published)
            postgres_id = bi.register_postgres(client, postgres.reader_uri(reader_password))
            dashboard = bi.build_dashboard(client, duckdb_id, SERIES)
            anomalies_on_postgres = bi.register_postgres_dataset(
                client, postgres_id, "dq_anomalies"
            )
            yield client, dashboard, anomalies_on_postgres
        finally:
            assert bi.stop(home)


def _warehouse_rows(database: Path, sql: str, parameters: list[str]) -> list[tuple]:
    with closing(duckdb.connect(str(database), read_only=True)) as connection:
        return connection.execute(sql, parameters).fetchall()


def _day(epoch_milliseconds: float) -> date:
    return datetime.fromtimestamp(epoch_milliseconds / 1000, UTC).date()


def _series(rows: list[dict]) -> list[tuple]:
    return [(_day(row["period_end"]), row["value"]) for row in rows]


def _same(actual: list[tuple], expected: list[tuple]) -> bool:
    """Row for row equal, floats to 1e-9 (sums may be added in another order)."""
    return len(actual) == len(expected) and all(
        len(got) == len(want)
        and all(
            math.isclose(a, b, rel_tol=1e-9) if isinstance(b, float) else a == b
            for a, b in zip(got, want, strict=True)
        )
        for got, want in zip(actual, expected, strict=True)
    )


def test_charts_show_the_warehouse_numbers(superset, warehouse: Settings) -> None:
    client, dashboard, _ = superset
    codes = [SERIES.region_code, SERIES.indicator_code]

    series = _warehouse_rows(warehouse.published, SERIES_SQL, codes)
    assert len(series) >= 24, "the sample has two years and more of monthly figures"
    assert _same(_series(client.chart_data(dashboard.monthly_series)), series)

    targets = [
        (_day(row["period_end"]), *list(row.values())[1:])
        for row in client.chart_data(dashboard.target_tracking)
    ]
    expected_targets = _warehouse_rows(warehouse.published, TARGETS_SQL, codes)
    assert expected_targets and _same(targets, expected_targets)

    rules = [tuple(row.values()) for row in client.chart_data(dashboard.anomalies_per_rule)]
    assert rules == _warehouse_rows(warehouse.published, RULES_SQL, [])

    dashboard_page = client.session.get(dashboard.url, timeout=60)
    assert dashboard_page.ok and "superset" in dashboard_page.text.lower()


def test_postgres_marts_through_the_read_only_role(superset, warehouse: Settings) -> None:
    client, _, anomalies_on_postgres = superset
    rows = client.query(bi.anomalies_per_rule_query(anomalies_on_postgres))
    assert [tuple(row.values()) for row in rows] == _warehouse_rows(
        warehouse.published, RULES_SQL, []
    )
    database = client.find("database", "database_name", bi.POSTGRES_DATABASE)[0]
    registered = client.call("GET", f"database/{database['id']}/connection")["result"][
        "sqlalchemy_uri"
    ]
    assert registered.startswith(f"postgresql://{bi.READER}:"), "Superset logs in as the reader"


def test_keeps_answering_through_a_republish(superset, warehouse: Settings) -> None:
    """Every answer while `statswh publish` runs is the old release's or the new one's."""
    client, dashboard, _ = superset
    codes = [SERIES.region_code, SERIES.indicator_code]
    old = _warehouse_rows(warehouse.published, SERIES_SQL, codes)
    with closing(duckdb.connect(str(warehouse.warehouse))) as working:
        working.execute(
            "update marts.fct_indicator_single_period set value = value + 1000 "
            "where region_code = ? and indicator_code = ? and period_type = 'month'",
            codes,
        )
    new = _warehouse_rows(warehouse.warehouse, SERIES_SQL, codes)
    assert not _same(new, old)

    outcome: list[int] = []
    publisher = threading.Thread(
        target=lambda: outcome.append(
            cli.main(["--warehouse", str(warehouse.warehouse), "publish"])
        )
    )
    answers = []
    publisher.start()
    while publisher.is_alive():
        answers.append(_series(client.chart_data(dashboard.monthly_series)))
    publisher.join()
    answers.append(_series(client.chart_data(dashboard.monthly_series)))

    assert outcome == [0]
    assert len(answers) >= 3, "queries ran while the publish ran"
    for answer in answers:
        assert _same(answer, old) or _same(answer, new)
    assert _same(answers[-1], new)
