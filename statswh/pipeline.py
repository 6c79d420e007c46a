"""The pipeline steps the CLI and the Airflow DAG share: ingest, build, check, publish.

Both call exactly these functions, so a scheduled run and `statswh run` do the
same work. Each step opens the working warehouse itself and closes it before
returning: DuckDB allows one writer, and dbt is the writer during the build.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.loader import FileResult, StoreDirs, discover_files, ensure_raw_schema, ingest_files
from ingest.readers import parse_file
from ingest.records import UnreadFigure
from statswh.publishing import PublishSummary, publish
from statswh.settings import DBT_PROJECT_DIR, DBT_TARGET_DIR, MEMORY_LIMIT_VARIABLE, Settings

if TYPE_CHECKING:
    import pandas as pd

MARTS_SCHEMA = "marts"
MAX_LISTED_ERRORS = 20
# Raw rows Great Expectations gets in one DataFrame (whole files; about 0.6 GB of memory).
RAW_BATCH_ROWS = 500_000
# Progress for people: each file's result as it is loaded, each line dbt prints.
OnFile = Callable[[FileResult], None]
OnLine = Callable[[str], None]


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
    """Anomalies (and those accepted) by (rule_code, severity), where the Data Docs are, and
    how many raw rows the raw suite validated (those loaded since the last passing check)."""

    anomalies: dict[tuple[str, str], int]
    data_docs: Path
    failures: list[str] = field(default_factory=list)
    accepted: dict[tuple[str, str], int] = field(default_factory=dict)
    raw_rows_validated: int = 0


def connect(settings: Settings, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the working warehouse (created on first use), within the memory limit."""
    if not read_only:
        settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(
        str(settings.warehouse),
        read_only=read_only,
        config={"memory_limit": settings.duckdb_memory_limit},
    )


def landing_files(settings: Settings, month: str | None = None) -> list[Path]:
    """Files waiting in the landing folder: all of them, or one month's folder (YYYY-MM)."""
    folder = settings.landing / month if month else settings.landing
    return discover_files([folder]) if folder.exists() else []


def ingest(
    settings: Settings,
    paths: list[Path],
    on_file: OnFile | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[FileResult]:
    """Load files into raw: each file once, bad files quarantined, others unaffected.

    The files are parsed by `settings.ingest_workers` processes and loaded by this one.
    """
    with closing(connect(settings)) as connection:
        return ingest_files(
            paths,
            connection,
            store_dirs(settings),
            limits=limits,
            workers=settings.ingest_workers,
            on_file=on_file,
        )


def store_dirs(settings: Settings) -> StoreDirs:
    """Where the ingest keeps originals (and stages parsed files) for this warehouse."""
    return StoreDirs(archive=settings.archive, quarantine=settings.quarantine)


def explain(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """What the reader makes of one file, without loading it: the facts it found, the
    sheets and numbers it skipped and why, and every number it could not read, with
    where it stands, so a person sees at once what the reader missed."""
    try:
        parsed = parse_file(path, limits)
    except IngestError as error:
        return f"{path.name}: would be quarantined: {error}"
    figures = parsed.figures
    outcome = "would be quarantined: no fact" if parsed.n_facts == 0 else f"{parsed.n_facts} facts"
    lines = [f"{path.name}: {outcome}; {figures.summary()}"]
    lines += [
        f"  skipped sheet {sheet}: {reason}" for sheet, reason in parsed.skipped_sheets.items()
    ]
    lines += [f"  skipped {count} numbers: {reason}" for reason, count in figures.skipped.items()]
    lines += [
        f"  unread {_where(figure)}: {figure.text} ({figure.reason})" for figure in figures.unread
    ]
    return "\n".join(lines)


def _where(figure: UnreadFigure) -> str:
    """ "sheet 川江区, row 5, column F" in a table; "sentence" (and its line) in a text."""
    if figure.column_name is None:
        return "sentence" if figure.row_number is None else f"sentence, line {figure.row_number}"
    return f"sheet {figure.sheet_name}, row {figure.row_number}, column {figure.column_name}"


def build(
    settings: Settings,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    *,
    full_refresh: bool = False,
    on_line: OnLine | None = None,
) -> BuildSummary:
    """Run `dbt build` (seeds, models, data tests) on the working warehouse.

    `select` / `exclude` (dbt node selectors) build one part of the project, as the
    DAG's visible per-layer steps do; a test runs once all the nodes it tests are built
    (indirect selection "buildable"). Incremental models recompute only what files loaded
    since their last build reach; `full_refresh` rebuilds them from the whole history.
    The data tests of an incremental build read only the months it changes
    (STATSWH_TEST_SCOPE=changed, dbt_project/macros/test_scope.sql); a full refresh tests all.
    An incremental build of the whole project on a warehouse last built by the same project
    files leaves out what only those files decide (MONTHLY_SELECTION).
    dbt's unit tests check the models' SQL on fixed rows, not the data, so a monthly build
    leaves them out, as dbt advises for production runs: `unit_tests` runs them.
    `on_line` hears dbt's own progress lines as dbt prints them.
    """
    from statswh.review_store import ensure_dq_tables

    fingerprint = project_fingerprint()
    with closing(connect(settings)) as connection:
        ensure_raw_schema(connection)
        ensure_dq_tables(connection)
        unchanged = built_fingerprint(connection) == fingerprint
    whole_project = not select and not exclude
    if whole_project and unchanged and not full_refresh:
        select = MONTHLY_SELECTION
    arguments = [*selection_arguments(select, exclude), "--exclude-resource-type", "unit_test"]
    if full_refresh:
        arguments.append("--full-refresh")
    scope = {"STATSWH_TEST_SCOPE": "all" if full_refresh else "changed"}
    summary = _dbt_summary(settings, "build", *arguments, on_line=on_line, env=scope)
    if whole_project and not unchanged:
        with closing(connect(settings)) as connection:
            record_fingerprint(connection, fingerprint)
    return summary


# What a monthly build runs when the project's files are those the warehouse was last built
# with in full: the tables and incremental models that read the raw data (sources), and every
# data test on what reads it. Left out are what only the project's files decide, unchanged
# since: the seeds (code lists), the models that read only seeds, and the views, whose SQL is
# all they hold; with the tests of seeds and of seed-only models.
MONTHLY_SELECTION = (
    "source:*+,resource_type:test",
    "source:*+,config.materialized:incremental",
    "source:*+,config.materialized:table",
)
FINGERPRINT_TABLE = "intermediate.built_project"


def project_fingerprint() -> str:
    """sha256 of what decides the build's output beside the data: the dbt project's files
    (models, macros, seeds, tests, dbt_project.yml, profiles.yml), the dbt versions and the
    target."""
    digest = hashlib.sha256()
    for name in ("dbt-core", "dbt-duckdb"):
        digest.update(f"{name}=={metadata.version(name)};".encode())
    digest.update(os.environ.get("STATSWH_DBT_TARGET", "duckdb").encode())
    files = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "seeds", "tests"):
        files += sorted(path for path in (DBT_PROJECT_DIR / folder).rglob("*") if path.is_file())
    for path in files:
        digest.update(str(path.relative_to(DBT_PROJECT_DIR)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def built_fingerprint(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The project fingerprint of the last successful build of the whole project (None: never)."""
    [(exists,)] = connection.execute(
        "select count(*) from duckdb_tables() "
        "where schema_name = 'intermediate' and table_name = 'built_project'"
    ).fetchall()
    if not exists:
        return None
    row = connection.execute(f"select fingerprint from {FINGERPRINT_TABLE}").fetchone()
    return row[0] if row else None


def record_fingerprint(connection: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    """After a successful build of the whole project: the files it was built with."""
    connection.execute(
        f"create or replace table {FINGERPRINT_TABLE} as "
        "select ? as fingerprint, current_timestamp as built_at",
        [fingerprint],
    )


def unit_tests(settings: Settings) -> BuildSummary:
    """Run dbt's unit tests (each model's SQL on fixed rows) against a built warehouse,
    whose tables give the unit tests their column types."""
    return _dbt_summary(settings, "test", "--select", "test_type:unit")


def _dbt_summary(
    settings: Settings,
    command: str,
    *arguments: str,
    on_line: OnLine | None = None,
    env: dict[str, str] | None = None,
) -> BuildSummary:
    """Run a dbt command and count its nodes by status; StepFailed if any failed."""
    started = time.perf_counter()
    completed = _dbt(settings, command, *arguments, on_line=on_line, env=env)
    seconds = time.perf_counter() - started
    results_file = DBT_TARGET_DIR / "run_results.json"
    if completed.returncode != 0 or not results_file.exists():
        detail = _dbt_errors(completed)
        raise StepFailed(f"dbt {command} failed (exit {completed.returncode}):\n  {detail}")
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


def _dbt(
    settings: Settings,
    command: str,
    *arguments: str,
    on_line: OnLine | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a dbt command on the working warehouse, in its own process.

    dbt-duckdb keeps its connection open for the life of the process, which would lock
    the warehouse against the steps that follow. dbt runs in the warehouse's folder and
    opens it by file name: dbt re-parses the whole project (about 4 s) when the profile's
    path changes, so a path that is the same for every warehouse of the same name keeps
    its partial parsing valid across warehouses (backfill copies, tests, benchmarks).
    Its output (stderr merged into stdout) is read line by line as dbt prints it. `env` adds
    to the environment dbt runs in.
    """
    command_line = [
        str(Path(sys.executable).with_name("dbt")),
        command,
        "--no-use-colors",
        # dbt's file log at debug level (every SQL statement, about 5 % of a monthly build's
        # CPU): the node results and errors are enough, and target/run keeps each node's SQL.
        "--log-level-file",
        "info",
        *arguments,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(DBT_TARGET_DIR),
    ]
    lines = []
    with subprocess.Popen(
        command_line,
        # No usage statistics: on a machine without internet access dbt waits ~10 s for them.
        env={
            **os.environ,
            "STATSWH_WAREHOUSE": settings.warehouse.name,
            MEMORY_LIMIT_VARIABLE: settings.duckdb_memory_limit,
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            **(env or {}),
        },
        cwd=settings.warehouse.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        for line in process.stdout:
            lines.append(line)
            if on_line:
                on_line(line.rstrip("\n"))
    return subprocess.CompletedProcess(command_line, process.returncode, "".join(lines), "")


def _dbt_errors(completed: subprocess.CompletedProcess[str]) -> str:
    failed = [line for line in completed.stdout.splitlines() if "ERROR" in line or "FAIL" in line]
    return "\n  ".join(failed[-20:]) or completed.stdout[-2000:]


def selection_arguments(select: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """dbt command-line arguments that pick part of the project (none: all of it)."""
    if not select and not exclude:
        return []
    arguments = ["--indirect-selection", "buildable"]
    if select:
        arguments += ["--select", *select]
    if exclude:
        arguments += ["--exclude", *exclude]
    return arguments


def check(settings: Settings, batch_rows: int = RAW_BATCH_ROWS) -> CheckSummary:
    """Validate the raw data, gate on the anomalies and record the run in raw.dq_runs.

    Errors (which cannot be accepted) or a failed raw-data suite raise QualityGateFailed,
    listing them, so nothing is published; warnings and info pass and are published. The
    run is recorded either way, and marts.dq_runs refreshed so the published copy has it.

    The raw suite checks row by row and raw is append-only, so it validates the rows loaded
    since the last check that passed: a month's data, not the whole history, and rows that
    failed are validated again until a check passes. They reach Great Expectations as
    DataFrames of whole files, at most `batch_rows` rows each (unless one file has more), so
    a first check of a national history (6.7 million rows: 8.7 GB in one DataFrame) stays
    within memory.
    """
    from expectations.validation import validate
    from statswh.review_store import record_run

    outcomes = []
    raw_rows_validated = 0
    with closing(connect(settings, read_only=True)) as connection:
        for raw in _unchecked_raw_batches(connection, batch_rows):
            outcomes.append(validate(raw, "raw_observations", settings.home))
            raw_rows_validated += len(raw)
        anomalies = connection.execute(
            f"select * from {MARTS_SCHEMA}.dq_anomalies order by severity, rule_code"
        ).df()
    outcomes.append(validate(anomalies, "dq_gate", settings.home))
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
        raw_rows_validated=raw_rows_validated,
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


def _unchecked_raw_batches(
    connection: duckdb.DuckDBPyConnection, batch_rows: int
) -> Iterator[pd.DataFrame]:
    """The raw rows loaded since the last passing check, in batches of whole files of at most
    `batch_rows` rows (a larger file alone); one empty batch when there are none, so the
    suite still runs and its result is in the Data Docs."""
    files = connection.execute(
        """
        select files.source_file_id, count(*) as n_rows
        from raw.indicator_observations as observations
        inner join raw.source_files as files
            on observations.source_file_id = files.source_file_id
        where files.loaded_at > coalesce(
            (select max(loaded_through) from raw.dq_runs where gate_passed),
            timestamp '1900-01-01'
        )
        group by files.source_file_id
        order by files.source_file_id
        """
    ).fetchall()
    batches: list[list[str]] = []
    size = 0
    for file_id, n_rows in files:
        if not batches or size + n_rows > batch_rows:
            batches.append([])
            size = 0
        batches[-1].append(file_id)
        size += n_rows
    query = "select * from raw.indicator_observations where source_file_id in (select unnest(?))"
    for batch in batches or [[]]:
        yield connection.execute(query, [batch]).df()


def run_paths(settings: Settings, months: list[str] | None = None) -> list[Path]:
    """The files a run takes: the landing folder, or the given months' folders."""
    if months:
        return [path for month in months for path in landing_files(settings, month)]
    return landing_files(settings)


def run(
    settings: Settings,
    months: list[str] | None = None,
    on_file: OnFile | None = None,
    on_line: OnLine | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[FileResult], BuildSummary, CheckSummary, PublishSummary]:
    """Ingest the landing folder (or the given months), build, check and publish."""
    files = ingest(settings, run_paths(settings, months), on_file, limits)
    built = build(settings, on_line=on_line)
    checked = check(settings)
    return files, built, checked, publish(settings)
