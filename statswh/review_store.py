"""What the data-quality step keeps across builds: reviewers' acceptances and the run history.

Both live in the raw schema (review_store.sql), which dbt only reads, so a rebuild or a
full refresh never loses them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

import duckdb

SCHEMA_SQL = Path(__file__).with_name("review_store.sql")


@dataclass(frozen=True)
class Acceptance:
    """A reviewer's acceptance of one flagged figure."""

    acceptance_id: str
    anomaly_id: str
    rule_code: str
    fact: str
    observed: float | None
    reason: str
    accepted_by: str


def ensure_dq_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """Create raw.dq_acceptances and raw.dq_runs if they do not exist yet."""
    connection.execute(SCHEMA_SQL.read_text(encoding="utf-8"))


def _now() -> datetime:
    """UTC without tzinfo, as DuckDB's timestamp stores it (like the ingest's load times)."""
    return datetime.now(UTC).replace(tzinfo=None)


def month_ranges(months: list[str]) -> str:
    """'2021-01..2021-03,2021-05' for sorted YYYY-MM strings: short, and still exact."""

    def index(month: str) -> int:
        year, number = month.split("-")
        return int(year) * 12 + int(number)

    ranges = []
    ordered = sorted(set(months))
    for _, run in groupby(enumerate(ordered), key=lambda item: index(item[1]) - item[0]):
        members = [month for _, month in run]
        ranges.append(members[0] if len(members) == 1 else f"{members[0]}..{members[-1]}")
    return ",".join(ranges)


def record_run(connection: duckdb.DuckDBPyConnection, *, gate_passed: bool) -> str:
    """Append this check to raw.dq_runs: per rule of the catalogue, anomalies and acceptances.

    The months are those of the data loaded since the previous check, so a catch-up run
    and a monthly run both say what they brought in.
    """
    ensure_dq_tables(connection)
    previous = connection.execute("select max(loaded_through) from raw.dq_runs").fetchone()[0]
    loaded_through, data_through = connection.execute(
        "select (select max(loaded_at) from raw.source_files), "
        "(select max(period_end) from raw.indicator_observations)"
    ).fetchone()
    months = [
        row[0]
        for row in connection.execute(
            """
            select distinct strftime(observations.period_end, '%Y-%m')
            from raw.indicator_observations as observations
            inner join raw.source_files as files
                on observations.source_file_id = files.source_file_id
            where files.loaded_at > coalesce(?, timestamp '1900-01-01')
            """,
            [previous],
        ).fetchall()
    ]
    run_id = uuid.uuid4().hex
    connection.execute(
        """
        insert into raw.dq_runs
        select
            ?, ?, ?, ?, ?, ?,
            rules.rule_code,
            rules.severity,
            count(anomalies.anomaly_id),
            count(anomalies.anomaly_id) filter (where anomalies.accepted)
        from reference.dq_rules as rules
        left join marts.dq_anomalies as anomalies
            on rules.rule_code = anomalies.rule_code
        group by rules.rule_code, rules.severity
        """,
        [run_id, _now(), month_ranges(months), loaded_through, data_through, gate_passed],
    )
    return run_id


def insert_acceptance(
    connection: duckdb.DuckDBPyConnection, anomaly_id: str, reason: str, accepted_by: str
) -> Acceptance:
    """Store a reviewer's acceptance of a warning or info anomaly of marts.dq_anomalies.

    Raises ValueError for an unknown id, an empty reason, or an error-severity anomaly:
    errors stop publishing until a corrected file is loaded, they are never waved through.
    """
    reason, accepted_by = reason.strip(), accepted_by.strip()
    if not reason:
        raise ValueError("a reason is required to accept an anomaly")
    if not accepted_by:
        raise ValueError("say who accepts the anomaly (--by NAME)")
    ensure_dq_tables(connection)
    row = connection.execute(
        """
        select rule_code, severity, region_code, region_name, indicator_code, indicator_name,
            period_type, period_end, observed
        from marts.dq_anomalies
        where anomaly_id = ?
        """,
        [anomaly_id],
    ).fetchone()
    if row is None:
        raise ValueError(f"no anomaly {anomaly_id!r} in dq_anomalies (see `statswh anomalies`)")
    rule_code, severity, region_code, region_name, indicator_code, indicator_name = row[:6]
    period_type, period_end, observed = row[6:]
    if severity == "error":
        raise ValueError(
            f"{rule_code} is an error and cannot be accepted: load a corrected file "
            "(or, if the rule itself is wrong, change its severity in the rule catalogue)"
        )
    acceptance_id = uuid.uuid4().hex
    connection.execute(
        "insert into raw.dq_acceptances values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            acceptance_id,
            anomaly_id,
            rule_code,
            region_code,
            region_name,
            indicator_code,
            indicator_name,
            period_type,
            period_end,
            observed,
            reason,
            accepted_by,
            _now(),
        ],
    )
    fact = f"{region_name} {indicator_name} {period_type} {period_end.isoformat()}"
    return Acceptance(acceptance_id, anomaly_id, rule_code, fact, observed, reason, accepted_by)
