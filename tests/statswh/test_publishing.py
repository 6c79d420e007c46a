"""Publishing: readers see the previous complete release or the new one, never a mix,
even when the publishing process is killed half way; a rerun completes it."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from statswh.publishing import STORAGE_VERSION, publish, read_manifest
from statswh.settings import Settings

BIG = 3_000_000  # rows: enough for publishing to take a moment we can interrupt


def make_working_warehouse(settings: Settings, version: int, rows: int = 1000) -> None:
    """A working warehouse whose marts all carry `version`, as a build would leave them."""
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    with closing(duckdb.connect(str(settings.warehouse))) as connection:
        connection.execute("create schema if not exists marts")
        connection.execute(
            "create or replace table marts.fct_big as "
            "select range as id, ? as version, 'x' || range as label from range(?)",
            [version, rows],
        )
        connection.execute(
            "create or replace table marts.dim_small as select ? as version, 1 as n", [version]
        )
        connection.execute("create schema if not exists staging")
        connection.execute("create or replace table staging.not_published as select 1 as n")


def published_state(settings: Settings) -> tuple[str, int]:
    """(release id, version) after checking the published copy is complete and consistent:
    every table and Parquet file has the row count its manifest states, one version."""
    manifest = read_manifest(settings)
    root = settings.published.parent
    with closing(duckdb.connect(str(settings.published), read_only=True)) as connection:
        tables = {
            name: connection.execute(f"select count(*) from marts.{name}").fetchone()[0]
            for (name,) in connection.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts'"
            ).fetchall()
        }
        assert tables == manifest["tables"]
        versions = set()
        for name, path in manifest["parquet"].items():
            parquet = str(root / path)
            count = connection.execute("select count(*) from read_parquet(?)", [parquet]).fetchone()
            assert count[0] == manifest["tables"][name]
            versions |= {
                row[0]
                for row in connection.execute(
                    f"select distinct version from marts.{name} "
                    "union select distinct version from read_parquet(?)",
                    [parquet],
                ).fetchall()
            }
    assert len(versions) == 1, f"a mix of versions is visible: {versions}"
    return manifest["release"], versions.pop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "warehouse" / "stats.duckdb", tmp_path / "landing")


def test_publish_makes_a_complete_read_only_release(settings: Settings) -> None:
    make_working_warehouse(settings, version=1)
    summary = publish(settings)

    assert summary.tables == {"dim_small": 1, "fct_big": 1000}
    assert published_state(settings) == (summary.release.name, 1)
    manifest = read_manifest(settings)
    assert manifest["published_at"].endswith("+00:00")
    # Written in the storage format DuckDB 1.x clients read (tests/statswh/test_duckdb_v1.py).
    assert manifest["duckdb_storage_version"] == STORAGE_VERSION == "v1.2.0"
    assert "not_published" not in manifest["tables"]
    for name in ("stats.duckdb", "parquet", "manifest.json", "current"):
        assert (settings.published.parent / name).is_symlink(), name
    with (
        closing(duckdb.connect(str(settings.published), read_only=True)) as reader,
        pytest.raises(duckdb.Error),
    ):
        assert reader.execute(
            "select tags['storage_version'] from duckdb_databases() "
            "where database_name = current_database()"
        ).fetchone() == ("v1.2.0+",)
        reader.execute("create table marts.x as select 1")


def test_a_new_release_replaces_the_old_and_open_readers_finish_on_it(settings: Settings) -> None:
    make_working_warehouse(settings, version=1)
    first = publish(settings)
    reader = duckdb.connect(str(settings.published), read_only=True)
    try:
        make_working_warehouse(settings, version=2)
        second = publish(settings)
        assert published_state(settings) == (second.release.name, 2)
        # The reader that opened the first release still reads it, undisturbed.
        assert reader.execute("select distinct version from marts.fct_big").fetchall() == [(1,)]
    finally:
        reader.close()

    make_working_warehouse(settings, version=3)
    third = publish(settings)
    releases = sorted(p.name for p in (settings.published.parent / "releases").iterdir())
    # The previous release stays for readers still on it; older ones are removed.
    assert releases == sorted([second.release.name, third.release.name])
    assert first.release.name not in releases


def test_a_publish_replaces_a_plain_file_left_by_an_older_layout(settings: Settings) -> None:
    make_working_warehouse(settings, version=1)
    settings.published.parent.mkdir(parents=True)
    settings.published.write_bytes(b"old layout")
    summary = publish(settings)
    assert published_state(settings) == (summary.release.name, 1)


def _start_publish(settings: Settings) -> subprocess.Popen:
    code = (
        "import sys; from pathlib import Path; from statswh.publishing import publish; "
        "from statswh.settings import Settings; "
        "publish(Settings(Path(sys.argv[1]), Path(sys.argv[2])))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(settings.warehouse), str(settings.landing)],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.integration
def test_killed_while_writing_readers_keep_the_previous_release_and_a_rerun_completes(
    settings: Settings,
) -> None:
    make_working_warehouse(settings, version=1, rows=BIG)
    publish(settings)
    before = published_state(settings)
    make_working_warehouse(settings, version=2, rows=BIG)

    process = _start_publish(settings)
    releases = settings.published.parent / "releases"
    deadline = time.monotonic() + 60
    # Wait until the new DuckDB file is being written, then kill the publisher.
    while not any(releases.glob("*.partial/stats.duckdb")):
        assert process.poll() is None, "publish finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    _kill(process)

    assert any(releases.glob("*.partial")), "the half-written release is left behind"
    assert published_state(settings) == before

    summary = publish(settings)
    assert published_state(settings) == (summary.release.name, 2)
    assert not any(releases.glob("*.partial")), "the rerun removes the leftovers"


@pytest.mark.integration
def test_killed_at_any_moment_readers_see_one_complete_release(settings: Settings) -> None:
    make_working_warehouse(settings, version=1, rows=BIG)
    publish(settings)
    started = time.monotonic()
    assert _start_publish(settings).wait(timeout=60) == 0
    duration = time.monotonic() - started
    make_working_warehouse(settings, version=2, rows=BIG)

    seen = set()
    for delay in [random.uniform(0, duration * 1.2) for _ in range(6)]:
        process = _start_publish(settings)
        time.sleep(delay)
        if process.poll() is None:
            _kill(process)
        _, version = published_state(settings)
        assert version in {1, 2}
        seen.add(version)
    summary = publish(settings)
    assert published_state(settings) == (summary.release.name, 2)
    print(json.dumps({"publish_seconds": round(duration, 2), "versions_seen": sorted(seen)}))


def test_publishing_keeps_the_memory_limit_and_a_publish_beyond_it_changes_nothing(
    settings: Settings,
) -> None:
    """The release copy holds no more than DuckDB's limit: at 1MB the copy of 200,000 rows
    fails with DuckDB's own error, and readers keep the previous release."""
    make_working_warehouse(settings, version=1)
    publish(settings)
    make_working_warehouse(settings, version=2, rows=200_000)
    starved = dataclasses.replace(settings, duckdb_memory_limit="1MB")
    with pytest.raises(duckdb.OutOfMemoryException):
        publish(starved)
    assert published_state(settings)[1] == 1
    publish(settings)
    assert published_state(settings)[1] == 2
