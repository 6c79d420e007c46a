"""What the Airflow DAG's tasks do, kept out of the DAG file so it stays thin and testable."""

from __future__ import annotations

import re
from datetime import datetime

import pendulum

from statswh import pipeline
from statswh.settings import Settings

BUREAU_TIMEZONE = "Asia/Shanghai"
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def month_of(data_interval_start: datetime) -> str:
    """The reporting month a run covers: its data interval's start, in the bureau's time zone."""
    return pendulum.instance(data_interval_start).in_timezone(BUREAU_TIMEZONE).format("YYYY-MM")


def months_to_process(
    data_interval_start: datetime, month: str | None = None, first_month: str | None = None
) -> list[str]:
    """The months one run loads: the run's month, or every month from first_month to it.

    `month` overrides the data interval (handy for `airflow dags test`); `first_month`
    turns one run into a catch-up over a range, so a first load of years of files
    costs one dbt build instead of one per month.
    """
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


def ingest_month(month: str) -> list[str]:
    """Load one month's folder of the landing area; one line per file."""
    settings = Settings.from_env()
    results = pipeline.ingest(settings, pipeline.landing_files(settings, month))
    return [result.line() for result in results] or [f"{month}: no files in the landing folder"]


def build() -> dict[str, int]:
    """dbt build on the working warehouse."""
    return pipeline.build(Settings.from_env()).statuses


def check() -> dict[str, int]:
    """The data-quality gate; raises QualityGateFailed when errors must stop publishing."""
    summary = pipeline.check(Settings.from_env())
    return {f"{rule}/{severity}": count for (rule, severity), count in summary.anomalies.items()}


def publish() -> dict[str, int]:
    """Swap in the new read-only copy for analysts and BI tools."""
    return pipeline.publish(Settings.from_env()).tables
