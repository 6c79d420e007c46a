"""statswh.postgres without a server: the type mapping and how a failed copy is reported."""

from __future__ import annotations

import socket
from pathlib import Path

import duckdb
import pytest

from ingest.loader import ensure_raw_schema
from statswh.postgres import main, postgres_type


@pytest.mark.parametrize(
    ("duckdb_type", "expected"),
    [
        ("VARCHAR", "text"),
        ("DOUBLE", "double precision"),
        ("TIMESTAMP", "timestamp"),
        ("DECIMAL(18,3)", "numeric(18,3)"),
    ],
)
def test_duckdb_types_map_to_postgresql_types(duckdb_type: str, expected: str) -> None:
    assert postgres_type(duckdb_type) == expected


def test_an_unknown_type_stops_the_copy_instead_of_guessing() -> None:
    with pytest.raises(ValueError, match="STRUCT"):
        postgres_type("STRUCT(a INTEGER)")


def test_an_unreachable_server_is_a_clear_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = tmp_path / "stats.duckdb"
    with duckdb.connect(str(warehouse)) as connection:
        ensure_raw_schema(connection)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PGHOST", "127.0.0.1")
    monkeypatch.setenv("PGPORT", str(port))
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "2")
    assert main(["--warehouse", str(warehouse)]) == 1
    assert "copy to PostgreSQL failed" in capsys.readouterr().err
