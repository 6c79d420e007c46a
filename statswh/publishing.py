"""Publishing: a consistent, read-only copy of the marts for analysts and BI tools.

Readers never open the working warehouse (DuckDB allows one writer or many readers,
never both). Each publish writes a complete *release* beside the previous ones:

    published/
      releases/<id>/stats.duckdb            the marts, one DuckDB file (DuckDB 1.5 format)
      releases/<id>/parquet/<table>.parquet one Parquet file per mart
      releases/<id>/manifest.json           publish time, row counts, files
      releases/<id>/report/index.html       the review report (statswh/review_report.py)
      current -> releases/<id>              switched by one atomic rename
      stats.duckdb -> current/stats.duckdb  stable paths readers use
      parquet -> current/parquet
      report -> current/report
      manifest.json -> current/manifest.json

A release is written under a `.partial` name, flushed to disk, renamed, and only then
made current by renaming a new `current` link over the old one. A reader resolves
the links when it opens a file, so it gets the old release or the new one, never a
mix, and a reader that has the old file open finishes on it. A publish killed at any
point leaves the previous release current; the next publish removes the leftovers.
The previous release is kept (readers may still be on it); older ones are deleted.

Optionally the current release is also copied to PostgreSQL (publish_to_postgres), in
one transaction, for BI tools that speak only PostgreSQL.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from statswh.review_report import REPORT_FOLDER, write_review_report
from statswh.settings import Settings

MARTS_SCHEMA = "marts"
PARTIAL_SUFFIX = ".partial"
MANIFEST = "manifest.json"
POSTGRES_DSN_VARIABLE = "STATSWH_POSTGRES_DSN"
# The DuckDB file is written in the storage format of DuckDB 1.2, which every DuckDB from 1.2
# on reads (the 1.4 long-term-support line and 1.5 included): BI tools bundle their own DuckDB
# (Apache Superset 6.1 pins duckdb<2, JDBC and ODBC drivers lag further), and a file in 2.0's
# own format shuts every 1.x client out. DuckDB 2.x reads it all the same.
STORAGE_VERSION = "v1.2.0"


@dataclass(frozen=True)
class PublishSummary:
    """What readers now see."""

    database: Path
    parquet: Path
    manifest: Path
    release: Path
    tables: dict[str, int]


def publish(settings: Settings) -> PublishSummary:
    """Copy the marts of the working warehouse into a new release and make it current."""
    root = settings.published.parent
    releases = root / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    for leftover in releases.glob(f"*{PARTIAL_SUFFIX}"):
        shutil.rmtree(leftover)
    release_id = f"{time.time_ns()}"
    partial = releases / f"{release_id}{PARTIAL_SUFFIX}"
    partial.mkdir()

    tables = _write_release(
        settings.warehouse, partial, settings.published.name, settings.duckdb_memory_limit
    )
    # The statistician's review report of this release (statswh/review_report.py).
    write_review_report(
        settings.warehouse,
        partial / REPORT_FOLDER,
        release_id,
        memory_limit=settings.duckdb_memory_limit,
    )
    release = releases / release_id
    os.replace(partial, release)
    _fsync_dir(releases)

    previous = _current_release(root)
    _point(root / "current", Path("releases") / release_id)
    for name in (settings.published.name, "parquet", REPORT_FOLDER, MANIFEST):
        _point(root / name, Path("current") / name)
    _remove_old_releases(releases, keep={release_id, previous})
    return PublishSummary(
        database=settings.published,
        parquet=root / "parquet",
        manifest=root / MANIFEST,
        release=release,
        tables=tables,
    )


def publish_to_postgres(settings: Settings) -> dict[str, int]:
    """Copy the current release's marts to the `marts` schema of a PostgreSQL database.

    The target comes from libpq: $STATSWH_POSTGRES_DSN (a connection string such as
    "host=bi-db dbname=stats user=statswh_publisher", handy where PG* variables would
    also reach other PostgreSQL clients) and libpq's environment variables for the rest
    (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD or PGPASSFILE, PGSSLMODE...).
    Everything happens in one transaction: readers see the previous tables until the
    commit, then the new ones, never a mix; a publish that fails or is killed leaves
    the previous state. Tables are created by the publishing role, so the read-only
    role's default privileges (scripts/postgres_readonly_role.sql) cover them.
    """
    import psycopg2

    from statswh.postgres import postgres_type

    release = (settings.published.parent / "current").resolve()
    manifest = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    database = release / manifest["database"]
    with (
        closing(duckdb.connect(str(database), read_only=True)) as source,
        closing(psycopg2.connect(os.environ.get(POSTGRES_DSN_VARIABLE, ""))) as target,
        tempfile.TemporaryDirectory() as scratch,
        target,  # one transaction: committed at the end, rolled back on any error
        target.cursor() as cursor,
    ):
        cursor.execute(f"create schema if not exists {MARTS_SCHEMA}")
        cursor.execute("select tablename from pg_tables where schemaname = %s", [MARTS_SCHEMA])
        for (stale,) in cursor.fetchall():
            if stale not in manifest["tables"]:
                cursor.execute(f'drop table {MARTS_SCHEMA}."{stale}"')
        for name in manifest["tables"]:
            columns = source.execute(f"describe {MARTS_SCHEMA}.{name}").fetchall()
            definition = ", ".join(
                f'"{column}" {postgres_type(kind)}' for column, kind, *_ in columns
            )
            cursor.execute(f'drop table if exists {MARTS_SCHEMA}."{name}"')
            cursor.execute(f'create table {MARTS_SCHEMA}."{name}" ({definition})')
            csv = Path(scratch) / f"{name}.csv"
            source.execute(
                f"copy {MARTS_SCHEMA}.{name} to ? (format csv, header false)", [str(csv)]
            )
            with csv.open(encoding="utf-8") as rows:
                cursor.copy_expert(f'copy {MARTS_SCHEMA}."{name}" from stdin (format csv)', rows)
    return manifest["tables"]


def read_manifest(settings: Settings) -> dict:
    """The manifest of the current release: publish time, row counts, files."""
    return json.loads((settings.published.parent / MANIFEST).read_text(encoding="utf-8"))


def _write_release(
    warehouse: Path, folder: Path, database_name: str, memory_limit: str
) -> dict[str, int]:
    """Write the DuckDB copy, the Parquet files and the manifest, each flushed to disk.

    DuckDB holds at most `memory_limit` and spills the rest beside the release folder (a
    national history's marts are gigabytes), never into it.
    """
    database = folder / database_name
    parquet = folder / "parquet"
    parquet.mkdir()
    tables: dict[str, int] = {}
    with (
        tempfile.TemporaryDirectory(dir=folder.parent, suffix=".spill") as spill,
        closing(
            duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": spill})
        ) as connection,
    ):
        connection.execute(
            "attach ? as release (storage_version ?)", [str(database), STORAGE_VERSION]
        )
        connection.execute("attach ? as working (read_only)", [str(warehouse)])
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from duckdb_tables() "
                "where database_name = 'working' and schema_name = ? order by table_name",
                [MARTS_SCHEMA],
            ).fetchall()
        ]
        connection.execute(f"create schema release.{MARTS_SCHEMA}")
        for name in names:
            table = f"release.{MARTS_SCHEMA}.{name}"
            connection.execute(
                f"create table {table} as select * from working.{MARTS_SCHEMA}.{name}"
            )
            connection.execute(
                f"copy {table} to ? (format parquet)", [str(parquet / f"{name}.parquet")]
            )
            tables[name] = connection.execute(f"select count(*) from {table}").fetchone()[0]
        connection.execute("detach working")
        connection.execute("checkpoint release")
        connection.execute("detach release")
    for path in [database, *parquet.iterdir()]:
        _fsync_file(path)
    _fsync_dir(parquet)
    manifest = {
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "release": folder.name.removesuffix(PARTIAL_SUFFIX),
        "source": str(warehouse),
        "database": database_name,
        "duckdb_storage_version": STORAGE_VERSION,
        "schema": MARTS_SCHEMA,
        "tables": tables,
        "parquet": {name: f"parquet/{name}.parquet" for name in tables},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    _fsync_file(folder / MANIFEST)
    _fsync_dir(folder)
    return tables


def _current_release(root: Path) -> str | None:
    """The id of the release readers see now, if any."""
    current = root / "current"
    return Path(os.readlink(current)).name if current.is_symlink() else None


def _point(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target`, replacing what was there in one rename."""
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    new_link = link.with_name(link.name + ".new")
    new_link.unlink(missing_ok=True)
    new_link.symlink_to(target)
    os.replace(new_link, link)
    _fsync_dir(link.parent)


def _remove_old_releases(releases: Path, keep: set[str | None]) -> None:
    """Delete releases no reader can still be opening: all but the current and previous."""
    for release in releases.iterdir():
        if release.name not in keep and not release.name.endswith(PARTIAL_SUFFIX):
            shutil.rmtree(release)


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_dir(path: Path) -> None:
    """Make renames and new entries in a folder durable (a crash cannot undo them)."""
    _fsync_file(path)
