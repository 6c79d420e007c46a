"""`statswh publish`: the gate, then a new release; PostgreSQL errors are reported plainly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from statswh.cli import main
from statswh.publishing import read_manifest
from statswh.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def warehouse(built: Settings, tmp_path: Path) -> Settings:
    """A copy of the session's built warehouse, so publishing here disturbs no other test."""
    copy = Settings(tmp_path / "stats.duckdb", built.landing)
    shutil.copy(built.warehouse, copy.warehouse)
    return copy


def with_warehouse(place: str, command: str, warehouse: Settings) -> list[str]:
    """`statswh --warehouse X command` or `statswh command --warehouse X`."""
    option = ["--warehouse", str(warehouse.warehouse)]
    return [*option, command] if place == "before" else [command, *option]


@pytest.mark.parametrize("place", ["before", "after"], ids=lambda place: f"{place}-command")
def test_publish_gates_then_publishes_and_status_shows_when(
    warehouse: Settings, place: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(with_warehouse(place, "publish", warehouse)) == 0
    assert f"published: {warehouse.published}" in capsys.readouterr().out
    manifest = read_manifest(warehouse)
    assert manifest["tables"]["fct_indicator_observation"] > 0

    assert main(with_warehouse(place, "status", warehouse)) == 0
    out = capsys.readouterr().out
    assert f"Published warehouse: {warehouse.published} (at {manifest['published_at']})" in out


def test_an_unreachable_postgres_is_a_clear_error(
    warehouse: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGHOST", str(warehouse.home / "no-server-here"))
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "2")
    assert main(["--warehouse", str(warehouse.warehouse), "publish", "--postgres"]) == 1
    err = capsys.readouterr().err
    assert "statswh publish: publishing to PostgreSQL failed:" in err
    assert "Traceback" not in err
    # The DuckDB copy was published all the same.
    assert read_manifest(warehouse)["tables"]
