"""What the Airflow DAG's tasks do, kept out of the DAG file so it stays thin and testable.

The DAG file imports this module when it is parsed, so the pipeline (duckdb, pandas,
the readers: about half a second) is imported inside the functions that run in tasks.
Each function receives the Settings the DAG file read once from the environment (in each
task's process); the ingest limits are read once at the start of the tasks that parse.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pendulum
from airflow.sdk.exceptions import AirflowFailException

from statswh.settings import Settings

BUREAU_TIMEZONE = "Asia/Shanghai"
WAREHOUSE_POOL = "statswh_warehouse"
"""A pool of one slot: every task that writes the working warehouse takes it."""

POSTGRES_VARIABLE = "STATSWH_PUBLISH_POSTGRES"
"""Set to 1 / true to copy every published release to PostgreSQL (target: libpq variables)."""
ALERT_EMAIL_VARIABLE = "STATSWH_ALERT_EMAIL"
SMTP_CONN_ID = "smtp_default"

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
log = logging.getLogger(__name__)


class FileQuarantined(AirflowFailException):
    """A landed file the ingest rejected: fails its task at once, as retrying cannot help."""


def month_of(data_interval_start: datetime) -> str:
    """The reporting month a run covers: its data interval's start, in the bureau's time zone."""
    return pendulum.instance(data_interval_start).in_timezone(BUREAU_TIMEZONE).format("YYYY-MM")


def months_to_process(
    data_interval_start: datetime | None, month: str | None = None, first_month: str | None = None
) -> list[str]:
    """The months one run loads: the run's month, or every month from first_month to it.

    `month` overrides the data interval (handy for `airflow dags test`); `first_month`
    turns one run into a catch-up over a range, so a first load of years of files
    costs one dbt build instead of one per month.
    """
    if month is None and data_interval_start is None:
        raise ValueError("this run has no data interval: give the month param (YYYY-MM)")
    last = month or month_of(data_interval_start)
    first = first_month or last
    for name, value in (("month", last), ("first_month", first)):
        if not _MONTH.match(value):
            raise ValueError(f"{name} must look like 2023-06, got {value!r}")
    if first > last:
        raise ValueError(f"first_month {first} is after month {last}")
    months = []
    cursor = pendulum.parse(first + "-01")
    while cursor.format("YYYY-MM") <= last:
        months.append(cursor.format("YYYY-MM"))
        cursor = cursor.add(months=1)
    return months


def files_to_ingest(
    settings: Settings,
    data_interval_start: datetime | None,
    params: Mapping[str, Any],
    landed: Iterable[Mapping[str, Any]] = (),
) -> list[str]:
    """The landing files one run loads, relative to the landing folder, one parse task each.

    A run started by files landing (asset events from LandingFilesTrigger) loads exactly
    those files; a scheduled, manual or backfill run loads its month's folders.
    """
    from statswh import pipeline

    reported = sorted({name for payload in landed for name in payload.get("files", [])})
    if reported and not params.get("month"):
        paths = [
            settings.landing / name for name in reported if (settings.landing / name).is_file()
        ]
    else:
        months = months_to_process(
            data_interval_start, params.get("month"), params.get("first_month")
        )
        paths = [path for month in months for path in pipeline.landing_files(settings, month)]
    return [path.relative_to(settings.landing).as_posix() for path in paths]


def parse_file(settings: Settings, name: str) -> str:
    """Parse one landed file into its staging set, touching no warehouse (so no pool);
    raise FileQuarantined (with the reason) when the reader rejects it. `load_files`
    records the rejection as it loads the others."""
    from ingest.limits import Limits
    from ingest.staging import LandedFile, read_staged, stage
    from statswh import pipeline

    file = LandedFile.of(settings.landing / name)
    staging = pipeline.store_dirs(settings).staging
    stage(file, staging, Limits.from_env())
    staged = read_staged(staging, file.sha256)
    if staged.error is not None:
        raise FileQuarantined(
            f"{name}: quarantined: {staged.error}\n"
            f"(the original goes to {settings.quarantine}; fix and drop it again)"
        )
    return f"{name}: parsed {staged.n_facts} facts; {staged.figures.summary()}"


def load_files(settings: Settings, names: Sequence[str]) -> list[str]:
    """The one writer: load the run's staged files in order, each in its own transaction
    (a file whose staging set is missing is parsed here); rejected files are quarantined.
    A run without files skips this and everything after it."""
    from airflow.sdk.exceptions import AirflowSkipException

    from ingest.limits import Limits
    from statswh import pipeline

    if not names:
        raise AirflowSkipException("no files for this run: nothing to load, build or publish")
    results = pipeline.ingest(
        settings, [settings.landing / name for name in names], limits=Limits.from_env()
    )
    lines = [result.line() for result in results]
    log.info("\n".join(lines))
    return lines


def build_warehouse(settings: Settings) -> dict[str, int]:
    """The dbt project in one `dbt build`: seeds, staging, intermediate, marts and the
    data-quality rules (one dbt start-up, one parse of the project)."""
    from statswh import pipeline

    return pipeline.build(settings).statuses


def check(settings: Settings) -> dict[str, int]:
    """The data-quality gate; raises QualityGateFailed when errors must stop publishing."""
    from statswh import pipeline

    summary = pipeline.check(settings)
    return {f"{rule}/{severity}": count for (rule, severity), count in summary.anomalies.items()}


def publish(settings: Settings) -> dict[str, int]:
    """Swap in the new read-only copy for analysts and BI tools."""
    from statswh.publishing import publish as publish_marts

    return publish_marts(settings).tables


def publish_postgres(settings: Settings) -> dict[str, int]:
    """Copy the current release to PostgreSQL when $STATSWH_PUBLISH_POSTGRES asks for it."""
    from airflow.sdk.exceptions import AirflowSkipException

    from statswh.publishing import publish_to_postgres

    if os.environ.get(POSTGRES_VARIABLE, "").lower() not in {"1", "true", "yes"}:
        raise AirflowSkipException(f"{POSTGRES_VARIABLE} is not set: DuckDB and Parquet only")
    return publish_to_postgres(settings)


def record_failure(context: Mapping[str, Any], settings: Settings) -> None:
    """on_failure_callback (bound to the settings with functools.partial): append a readable
    failure record, and mail it when SMTP is set up.

    The record goes to `<warehouse folder>/logs/failures.jsonl`, one JSON object per line
    (dag, run, task, month, error, try, time, log URL). Mail goes to $STATSWH_ALERT_EMAIL
    through the `smtp_default` connection (AIRFLOW_CONN_SMTP_DEFAULT); without either, no mail.
    """
    record = failure_record(context)
    logs = settings.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / "failures.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    recipients = [
        a.strip() for a in os.environ.get(ALERT_EMAIL_VARIABLE, "").split(",") if a.strip()
    ]
    if recipients:
        _mail(record, recipients)


def failure_record(context: Mapping[str, Any]) -> dict[str, Any]:
    """The facts an on-call engineer needs first, from an Airflow task context."""
    ti = context["ti"]
    params = context.get("params") or {}
    interval_start = context.get("data_interval_start")
    month = params.get("month") or (month_of(interval_start) if interval_start else None)
    if params.get("first_month"):
        month = f"{params['first_month']}..{month}"
    task = ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.map_index}]"
    error = context.get("exception")
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "dag": ti.dag_id,
        "run": ti.run_id,
        "task": task,
        "try": ti.try_number,
        "month": month,
        "error": f"{type(error).__name__}: {error}" if error else "unknown error",
        "log_url": getattr(ti, "log_url", None),
    }


def _mail(record: Mapping[str, Any], recipients: Sequence[str]) -> None:
    from airflow.providers.smtp.hooks.smtp import SmtpHook
    from airflow.sdk.exceptions import AirflowNotFoundException

    hook = SmtpHook(smtp_conn_id=SMTP_CONN_ID)
    try:
        hook.get_connection(SMTP_CONN_ID)
    except AirflowNotFoundException:
        log.warning(
            "%s is set but there is no %s connection: no mail sent",
            ALERT_EMAIL_VARIABLE,
            SMTP_CONN_ID,
        )
        return
    rows = "".join(
        f"<tr><th align=left>{key}</th><td>{html.escape(str(value))}</td></tr>"
        for key, value in record.items()
    )
    with hook:
        hook.send_email_smtp(
            to=list(recipients),
            subject=f"[statswh] {record['dag']} {record['task']} failed ({record['month']})",
            html_content=f"<table>{rows}</table>",
        )
