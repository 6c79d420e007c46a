"""The same dbt project on a real PostgreSQL server gives the same marts as on DuckDB.

The server is Debian's postgresql-15, started for this module in a temporary directory
(tests/postgres_server.py). The raw tables reach it through statswh.postgres (COPY).
"""

from __future__ import annotations

import datetime
import decimal
import math
from collections.abc import Iterator
from contextlib import closing

import psycopg2
import pytest
from model_warehouse import (
    ModelWarehouse,
    mart_tables,
    prepare_model_warehouse,
    run_dbt,
    run_results,
)
from postgres_server import PostgresServer, postgres_server
from sample_landing import Sample

from statswh.postgres import copy_raw
from statswh.settings import Settings

pytestmark = pytest.mark.integration

Row = tuple[object, ...]


@pytest.fixture(scope="session")
def model(
    built: Settings, sample: Sample, tmp_path_factory: pytest.TempPathFactory
) -> ModelWarehouse:
    return prepare_model_warehouse(built, sample.landing, tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    with postgres_server() as running:
        yield running


@pytest.fixture(scope="module")
def postgres_build(
    model: ModelWarehouse, server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> PostgresServer:
    """The raw tables copied to the server and `dbt build --target postgres` run on them."""
    copy_raw(model.settings.warehouse, server.dsn)
    run_dbt(
        "build",
        "--target",
        "postgres",
        warehouse=model.settings.warehouse,
        target_path=tmp_path_factory.mktemp("dbt-postgres"),
        environment=server.environ,
    )
    return server


def normalised(value: object) -> object:
    """Numbers as floats (PostgreSQL returns numeric as Decimal); dates and text as they are."""
    if isinstance(value, decimal.Decimal | int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return value


def sort_key(row: Row) -> tuple:
    """Order rows by every column, floats rounded so that last-digit noise cannot reorder."""
    return tuple(
        (value is None, round(value, 6) if isinstance(value, float) else str(value))
        for value in row
    )


def same(left: object, right: object) -> bool:
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
    return left == right


def sorted_rows(rows: list[Row]) -> list[Row]:
    return sorted((tuple(normalised(value) for value in row) for row in rows), key=sort_key)


def test_copy_replaces_the_raw_rows_instead_of_adding_to_them(
    model: ModelWarehouse, postgres_build: PostgresServer
) -> None:
    counts = copy_raw(model.settings.warehouse, postgres_build.dsn)
    duckdb_counts = {
        table: model.rows(f"select count(*) from raw.{table}")[0][0] for table in counts
    }
    assert counts == duckdb_counts
    assert set(counts) == {
        "source_files",
        "indicator_observations",
        "project_progress",
        "indicator_targets",
        "unread_figures",
        "dq_acceptances",
        "dq_runs",
    }
    with closing(psycopg2.connect(postgres_build.dsn)) as connection, connection.cursor() as cursor:
        cursor.execute("select count(*) from raw.indicator_observations")
        assert cursor.fetchone()[0] == duckdb_counts["indicator_observations"]


def test_every_mart_matches_the_duckdb_build_row_for_row(
    model: ModelWarehouse, postgres_build: PostgresServer
) -> None:
    assert_marts_match(model, postgres_build)


def test_an_incremental_build_on_postgres_changes_no_mart(
    model: ModelWarehouse, postgres_build: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A second build is incremental: it deletes and recomputes the months of the last files
    loaded (the revised 2023-03 workbook reaches to the end of 2024) with PostgreSQL's SQL."""
    target_path = tmp_path_factory.mktemp("dbt-postgres-incremental")
    run_dbt(
        "build",
        "--target",
        "postgres",
        "--exclude-resource-type",
        "unit_test",
        warehouse=model.settings.warehouse,
        target_path=target_path,
        environment=postgres_build.environ,
    )
    [single_periods] = [
        result
        for result in run_results(target_path)
        if result["unique_id"] == "model.stats_warehouse.fct_indicator_single_period"
    ]
    assert "incremental_watermarks" in single_periods["compiled_code"], "not incremental"
    assert_marts_match(model, postgres_build)


def assert_marts_match(model: ModelWarehouse, postgres_build: PostgresServer) -> None:
    tables = mart_tables(model.settings.warehouse)
    assert {
        "mart_target_tracking",
        "mart_project_tracking",
        "fct_indicator_observation_history",
    } <= set(tables)
    with closing(psycopg2.connect(postgres_build.dsn)) as connection, connection.cursor() as cursor:
        cursor.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        )
        assert sorted(name for (name,) in cursor.fetchall()) == tables
        for table in tables:
            columns = model.query(f"select * from marts.{table} limit 0").columns.tolist()
            select = f"select {', '.join(columns)} from marts.{table}"
            expected = sorted_rows(model.rows(select))
            cursor.execute(select)
            found = sorted_rows(cursor.fetchall())
            assert len(found) == len(expected) > 0, table
            for duck_row, postgres_row in zip(expected, found, strict=True):
                mismatched = [
                    (column, left, right)
                    for column, left, right in zip(columns, duck_row, postgres_row, strict=True)
                    if not same(left, right)
                ]
                assert mismatched == [], f"{table}: {duck_row}"
