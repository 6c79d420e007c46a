"""Publishing to PostgreSQL, on a throw-away server (tests/postgres_server.py): the marts
arrive whole, in one transaction (a publisher killed half way leaves the previous tables),
and the role made by scripts/postgres_readonly_role.sql can read them and nothing else.
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest
from postgres_server import POSTGRES_BIN, postgres_server

from statswh.publishing import publish, publish_to_postgres
from statswh.settings import Settings
from tests.statswh.test_publishing import make_working_warehouse

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PUBLISHER = "statswh_publisher"
READER = "statswh_reader"
DATABASE = "stats"


@pytest.fixture(scope="module")
def server() -> Iterator[dict[str, str]]:
    """The superuser's libpq variables for a throw-away server."""
    with postgres_server() as running:
        yield running.environ


@pytest.fixture(scope="module")
def postgres(server: dict[str, str]) -> dict[str, str]:
    """libpq variables for the publishing role, owner of database `stats`."""
    password = secrets.token_urlsafe(16)
    _psql(server, server["PGDATABASE"], f"create role {PUBLISHER} login password '{password}'")
    _psql(server, server["PGDATABASE"], f"create database {DATABASE} owner {PUBLISHER}")
    return {**server, "PGUSER": PUBLISHER, "PGPASSWORD": password, "PGDATABASE": DATABASE}


def _psql(env: dict[str, str], database: str, sql: str | None = None, *args: str) -> str:
    command = [
        str(POSTGRES_BIN / "psql"),
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-d",
        database,
        *args,
    ]
    if sql:
        command += ["-c", sql]
    completed = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.fixture(scope="module")
def reader_password(server: dict[str, str], postgres: dict[str, str]) -> str:
    password = secrets.token_urlsafe(16)
    admin = {**server, "PGDATABASE": DATABASE}
    script = str(ROOT / "scripts" / "postgres_readonly_role.sql")
    args = ["-v", f"reader_password={password}", "-v", f"publisher={PUBLISHER}", "-f", script]
    _psql(admin, DATABASE, None, *args)
    _psql(admin, DATABASE, None, *args)  # a second run only resets the password
    return password


@pytest.fixture
def settings(tmp_path: Path, postgres: dict[str, str], monkeypatch) -> Settings:
    for key, value in postgres.items():
        monkeypatch.setenv(key, value)
    return Settings(tmp_path / "warehouse" / "stats.duckdb", tmp_path / "landing")


def _reader(postgres: dict[str, str], password: str):
    return psycopg2.connect(
        host="127.0.0.1", port=postgres["PGPORT"], dbname=DATABASE, user=READER, password=password
    )


def _state(postgres: dict[str, str], password: str) -> tuple[int, int]:
    """(version, rows of fct_big) seen by the reader, after checking every table agrees."""
    with closing(_reader(postgres, password)) as connection, connection.cursor() as cursor:
        cursor.execute("select count(*), min(version), max(version) from marts.fct_big")
        rows, low, high = cursor.fetchone()
        cursor.execute("select version from marts.dim_small")
        [(small,)] = cursor.fetchall()
    assert low == high == small, "a mix of two publishes is visible"
    return low, rows


def test_the_marts_arrive_with_their_types_and_values(
    settings: Settings, postgres: dict[str, str], reader_password: str
) -> None:
    make_working_warehouse(settings, version=1)
    publish(settings)
    assert publish_to_postgres(settings) == {"dim_small": 1, "fct_big": 1000}
    assert _state(postgres, reader_password) == (1, 1000)
    with closing(_reader(postgres, reader_password)) as connection, connection.cursor() as cursor:
        cursor.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'fct_big' order by ordinal_position"
        )
        assert cursor.fetchall() == [("id", "bigint"), ("version", "integer"), ("label", "text")]
        cursor.execute("select label from marts.fct_big where id = 7")
        assert cursor.fetchone() == ("x7",)


def test_the_target_can_be_a_connection_string(
    settings: Settings, postgres: dict[str, str], reader_password: str, monkeypatch
) -> None:
    for key in postgres:  # all but the password, which libpq still takes from PGPASSWORD
        if key != "PGPASSWORD":
            monkeypatch.delenv(key)
    monkeypatch.setenv(
        "STATSWH_POSTGRES_DSN",
        f"host={postgres['PGHOST']} port={postgres['PGPORT']} dbname={DATABASE} user={PUBLISHER}",
    )
    make_working_warehouse(settings, version=4)
    publish(settings)
    publish_to_postgres(settings)
    assert _state(postgres, reader_password) == (4, 1000)


def test_the_reader_can_read_the_marts_and_nothing_else(
    settings: Settings, postgres: dict[str, str], reader_password: str
) -> None:
    make_working_warehouse(settings, version=1)
    publish(settings)
    publish_to_postgres(settings)
    statements = [
        "create table marts.mine (n int)",
        "create table public.mine (n int)",
        "insert into marts.dim_small values (9, 9)",
        "delete from marts.fct_big",
        "create schema mine",
    ]
    for statement in statements:
        with (
            closing(_reader(postgres, reader_password)) as connection,
            connection.cursor() as cursor,
            pytest.raises(psycopg2.Error),
        ):
            cursor.execute(statement)
    with pytest.raises(psycopg2.OperationalError):
        _reader(postgres, "wrong-password").close()


def test_a_publisher_killed_mid_transaction_leaves_the_previous_tables(
    settings: Settings, postgres: dict[str, str], reader_password: str
) -> None:
    make_working_warehouse(settings, version=1, rows=300_000)
    publish(settings)
    publish_to_postgres(settings)
    make_working_warehouse(settings, version=2, rows=300_000)
    publish(settings)

    code = (
        "import sys; from pathlib import Path; from statswh.publishing import publish_to_postgres; "
        "from statswh.settings import Settings; "
        "publish_to_postgres(Settings(Path(sys.argv[1]), Path(sys.argv[2])))"
    )
    command = [sys.executable, "-c", code, str(settings.warehouse), str(settings.landing)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    assert subprocess.run(command, env=env, check=False).returncode == 0
    duration = time.monotonic() - started
    make_working_warehouse(settings, version=3, rows=300_000)
    publish(settings)

    for delay in [random.uniform(0.2, duration) for _ in range(4)]:
        process = subprocess.Popen(command, env=env)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert _state(postgres, reader_password) in {(2, 300_000), (3, 300_000)}
    publish_to_postgres(settings)
    assert _state(postgres, reader_password) == (3, 300_000)
