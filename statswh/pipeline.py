"""The pipeline steps the CLI and the Airflow DAG share: ingest, build, check, publish.

Both call exactly these functions, so a scheduled run and `statswh run` do the
same work. Each step opens the working warehouse itself and closes it before
returning: DuckDB allows one writer, and dbt is the writer during the build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.loader import FileResult, StoreDirs, discover_files, ensure_raw_schema, ingest_files
from statswh.settings import DBT_PROJECT_DIR, Settings

MARTS_SCHEMA = "marts"
MAX_LISTED_ERRORS = 20


class StepFailed(RuntimeError):
    """A pipeline step that could not complete; the message says what to look at."""


class QualityGateFailed(StepFailed):
    """Error-severity anomalies (or a failed raw-data suite): publishing must not happen."""


@dataclass(frozen=True)
class BuildSummary:
    """Counts of dbt nodes by status (pass, warn, error, fail, skip)."""

    statuses: dict[str, int]
    seconds: float


@dataclass(frozen=True)
class CheckSummary:
    """Anomalies (and those accepted) by (rule_code, severity), and where the Data Docs are."""

    anomalies: dict[tuple[str, str], int]
    data_docs: Path
    failures: list[str] = field(default_factory=list)
    accepted: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class PublishSummary:
    """What readers now see."""

    database: Path
    parquet: Path
    tables: dict[str, int]


def connect(settings: Settings, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the working warehouse (created on first use)."""
    if not read_only:
        settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(settings.warehouse), read_only=read_only)


def landing_files(settings: Settings, month: str | None = None) -> list[Path]:
    """Files waiting in the landing folder: all of them, or one month's folder (YYYY-MM)."""
    folder = settings.landing / month if month else settings.landing
    return discover_files([folder]) if folder.exists() else []


def ingest(settings: Settings, paths: list[Path]) -> list[FileResult]:
    """Load files into raw: each file once, bad files quarantined, others unaffected."""
    dirs = StoreDirs(archive=settings.archive, quarantine=settings.quarantine)
    with closing(connect(settings)) as connection:
        return ingest_files(paths, connection, dirs)


def build(settings: Settings) -> BuildSummary:
    """Run `dbt build` (seeds, models, data tests, unit tests) on the working warehouse."""
    from expectations.store import ensure_dq_tables

    with closing(connect(settings)) as connection:
        ensure_raw_schema(connection)
        ensure_dq_tables(connection)
    started = time.perf_counter()
    completed = _dbt(settings, "build")
    seconds = time.perf_counter() - started
    results_file = DBT_PROJECT_DIR / "target" / "run_results.json"
    if completed.returncode != 0 or not results_file.exists():
        detail = _dbt_errors(completed)
        raise StepFailed(f"dbt build failed (exit {completed.returncode}):\n  {detail}")
    results = json.loads(results_file.read_text(encoding="utf-8"))["results"]
    return BuildSummary(dict(Counter(result["status"] for result in results)), seconds)


def refresh(settings: Settings, *models: str) -> None:
    """Rebuild a few models after the check step or a reviewer changed the tables they read.

    `--no-write-json` keeps the build's run_results.json, the record of the last full build.
    """
    completed = _dbt(settings, "run", "--no-write-json", "--select", *models)
    if completed.returncode != 0:
        raise StepFailed(
            f"dbt run of {', '.join(models)} failed (exit {completed.returncode}):\n  "
            + _dbt_errors(completed)
        )


def _dbt(settings: Settings, command: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run a dbt command on the working warehouse, in its own process.

    dbt-duckdb keeps its connection open for the life of the process, which would lock
    the warehouse against the steps that follow.
    """
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")),
            command,
            "--no-use-colors",
            *arguments,
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(DBT_PROJECT_DIR / "target"),
        ],
        env={**os.environ, "STATSWH_WAREHOUSE": str(settings.warehouse)},
        capture_output=True,
        text=True,
        check=False,
    )


def _dbt_errors(completed: subprocess.CompletedProcess[str]) -> str:
    failed = [line for line in completed.stdout.splitlines() if "ERROR" in line or "FAIL" in line]
    return "\n  ".join(failed[-20:]) or completed.stderr[-2000:] or completed.stdout[-2000:]


def check(settings: Settings) -> CheckSummary:
    """Validate the raw data, gate on the anomalies and record the run in raw.dq_runs.

    Errors (which cannot be accepted) or a failed raw-data suite raise QualityGateFailed,
    listing them, so nothing is published; warnings and info pass and are published. The
    run is recorded either way, and marts.dq_runs refreshed so the published copy has it.
    """
    from expectations.store import record_run
    from expectations.validation import validate

    with closing(connect(settings, read_only=True)) as connection:
        raw = connection.execute("select * from raw.indicator_observations").df()
        anomalies = connection.execute(
            f"select * from {MARTS_SCHEMA}.dq_anomalies order by severity, rule_code"
        ).df()
    outcomes = [
        validate(raw, "raw_observations", settings.home),
        validate(anomalies, "dq_gate", settings.home),
    ]
    failures = [f"{o.suite}: {failure}" for o in outcomes for failure in o.failures]
    with closing(connect(settings)) as connection:
        record_run(connection, gate_passed=not failures)
    refresh(settings, "dq_runs")
    accepted = anomalies[anomalies["accepted"]]
    summary = CheckSummary(
        anomalies=dict(Counter(zip(anomalies["rule_code"], anomalies["severity"], strict=True))),
        data_docs=outcomes[-1].data_docs,
        failures=failures,
        accepted=dict(Counter(zip(accepted["rule_code"], accepted["severity"], strict=True))),
    )
    if failures:
        errors = anomalies[anomalies["severity"] == "error"]
        listed = [
            f"{row.rule_code} [{row.anomaly_id}]: {row.message}"
            for row in errors.head(MAX_LISTED_ERRORS).itertuples()
        ]
        if len(errors) > MAX_LISTED_ERRORS:
            listed.append(f"... and {len(errors) - MAX_LISTED_ERRORS} more (statswh anomalies)")
        raise QualityGateFailed(
            f"data-quality gate failed ({len(errors)} errors); nothing was published.\n  "
            + "\n  ".join(failures + listed)
            + f"\nData Docs: {summary.data_docs}"
        )
    return summary


def publish(settings: Settings) -> PublishSummary:
    """Give readers a new consistent copy of the marts, swapped in atomically.

    The DuckDB copy is written to a temporary file and renamed over the old one;
    readers that have the old file open finish on it. Parquet files go to a new
    folder and a symbolic link is switched to it, also by an atomic rename.
    """
    published = settings.published
    published.parent.mkdir(parents=True, exist_ok=True)
    temporary = published.with_name(published.name + ".tmp")
    temporary.unlink(missing_ok=True)
    parquet_folder = published.parent / f"parquet-{time.time_ns()}"
    parquet_folder.mkdir()
    tables: dict[str, int] = {}
    with closing(duckdb.connect(str(temporary))) as connection:
        connection.execute("attach ? as working (read_only)", [str(settings.warehouse)])
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from duckdb_tables() "
                "where database_name = 'working' and schema_name = ? order by table_name",
                [MARTS_SCHEMA],
            ).fetchall()
        ]
        connection.execute(f"create schema {MARTS_SCHEMA}")
        for name in names:
            connection.execute(
                f"create table {MARTS_SCHEMA}.{name} as select * from working.{MARTS_SCHEMA}.{name}"
            )
            connection.execute(
                f"copy {MARTS_SCHEMA}.{name} to ? (format parquet)",
                [str(parquet_folder / f"{name}.parquet")],
            )
            tables[name] = connection.execute(
                f"select count(*) from {MARTS_SCHEMA}.{name}"
            ).fetchone()[0]
        connection.execute("detach working")
        connection.execute("checkpoint")
    os.replace(temporary, published)
    _switch_link(settings.parquet, parquet_folder)
    return PublishSummary(published, settings.parquet, tables)


def _switch_link(link: Path, target: Path) -> None:
    """Point `link` at `target` atomically, then remove folders no link points to."""
    new_link = link.with_name(link.name + ".new")
    new_link.unlink(missing_ok=True)
    new_link.symlink_to(target.name)
    os.replace(new_link, link)
    for old in link.parent.glob("parquet-*"):
        if old != target:
            shutil.rmtree(old, ignore_errors=True)


def run(
    settings: Settings, months: list[str] | None = None
) -> tuple[list[FileResult], BuildSummary, CheckSummary, PublishSummary]:
    """Ingest the landing folder (or the given months), build, check and publish."""
    paths = (
        [path for month in months for path in landing_files(settings, month)]
        if months
        else landing_files(settings)
    )
    files = ingest(settings, paths)
    built = build(settings)
    checked = check(settings)
    return files, built, checked, publish(settings)
