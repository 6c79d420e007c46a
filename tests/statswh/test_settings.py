"""Settings come from the environment once and reach every DuckDB connection statswh opens."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from statswh import pipeline
from statswh.settings import DEFAULT_MEMORY_LIMIT, MEMORY_LIMIT_VARIABLE, Settings


def memory_limit_of(connection: duckdb.DuckDBPyConnection) -> str:
    return connection.execute("select current_setting('memory_limit')").fetchone()[0]


def as_duckdb_shows(limit: str) -> str:
    """DuckDB prints a limit in its own units (4GB as 3.7 GiB)."""
    with closing(duckdb.connect(config={"memory_limit": limit})) as connection:
        return memory_limit_of(connection)


@pytest.mark.parametrize("variable, expected", [(None, DEFAULT_MEMORY_LIMIT), ("512MB", "512MB")])
def test_the_warehouse_connection_keeps_the_memory_limit_of_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str | None, expected: str
) -> None:
    if variable is None:
        monkeypatch.delenv(MEMORY_LIMIT_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, variable)
    settings = Settings.from_env(tmp_path / "stats.duckdb", tmp_path / "landing")
    assert settings.duckdb_memory_limit == expected
    with closing(pipeline.connect(settings)) as connection:
        assert memory_limit_of(connection) == as_duckdb_shows(expected)
    assert as_duckdb_shows("512MB") != as_duckdb_shows(DEFAULT_MEMORY_LIMIT)
