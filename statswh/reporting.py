"""Reading results back for people: anomaly lists, query output and run summaries."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import duckdb
import pandas as pd

ANOMALY_COLUMNS = (
    "rule_code, severity, region_code, indicator_code, period_type, period_end, "
    "observed, expected_low, expected_high, diagnosis, message, source_file_id, detected_at, "
    "accepted, accepted_reason, anomaly_id"
)


def read_only_query(database: Path, sql: str) -> pd.DataFrame:
    """Run a query on a DuckDB file opened read-only: a query cannot change it."""
    if not database.exists():
        raise FileNotFoundError(
            f"{database} does not exist yet: run `statswh run` (or `make demo`) first"
        )
    with closing(duckdb.connect(str(database), read_only=True)) as connection:
        return connection.execute(sql).df()


def anomalies(database: Path) -> pd.DataFrame:
    """Every flagged anomaly: open ones first, errors first; accepted ones last."""
    return read_only_query(
        database,
        f"select {ANOMALY_COLUMNS} from marts.dq_anomalies "
        "order by accepted, case severity when 'error' then 0 when 'warning' then 1 else 2 end, "
        "rule_code, region_code, indicator_code, period_end",
    )


def render(frame: pd.DataFrame, output_format: str) -> str:
    """A DataFrame as an aligned table, CSV or JSON records."""
    if output_format == "csv":
        return frame.to_csv(index=False)
    if output_format == "json":
        return json.dumps(
            json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False)),
            ensure_ascii=False,
            indent=2,
        )
    if frame.empty:
        return "(no rows)"
    with pd.option_context(
        "display.max_rows", 500, "display.max_colwidth", 80, "display.width", 200
    ):
        return frame.to_string(index=False)


def anomaly_counts(frame: pd.DataFrame) -> str:
    """One line per rule and severity, with how many a reviewer accepted, for run summaries."""
    if frame.empty:
        return "  no anomalies"
    counts = (
        frame.groupby(["rule_code", "severity"])
        .agg(count=("accepted", "size"), accepted=("accepted", "sum"))
        .reset_index()
    )
    return "\n".join(
        f"  {row.rule_code:<24} {row.severity:<8} {row.count}"
        + (f" ({row.accepted} accepted)" if row.accepted else "")
        for row in counts.itertuples()
    )
