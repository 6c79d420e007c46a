"""Reading results back for people: anomaly lists, query output, run progress and summaries.

On a terminal, tables fit its width (rich measures the Chinese characters that take two
columns) and file loading shows a progress bar; piped or redirected, the same commands
print plain lines a script can read.
"""

from __future__ import annotations

import json
import time
from contextlib import closing
from pathlib import Path

import duckdb
import pandas as pd
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.loader import FileResult

READABLE_COLUMN = 12  # cells: a narrower column makes words and numbers unreadable

ANOMALY_COLUMNS = (
    "rule_code, severity, region_code, region_name, indicator_code, indicator_name, "
    "period_type, period_end, observed_measure, observed, expected_low, expected_high, "
    "diagnosis, message, source_file_id, detected_at, accepted, accepted_reason, anomaly_id"
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


def console() -> Console:
    """Standard output as rich sees it: its width from the terminal or $COLUMNS."""
    return Console(highlight=False, soft_wrap=False)


def render(frame: pd.DataFrame, output_format: str) -> str:
    """A DataFrame as CSV or JSON records (every column, for scripts)."""
    if output_format == "csv":
        return frame.to_csv(index=False)
    if output_format == "json":
        return json.dumps(
            json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False)),
            ensure_ascii=False,
            indent=2,
        )
    raise ValueError(f"unknown output format {output_format!r}: table, csv or json")


def show(frame: pd.DataFrame, output_format: str, out: Console | None = None) -> None:
    """Print query results: a table that fits the width, or CSV / JSON."""
    out = out or console()
    if output_format != "table":
        print(render(frame, output_format))
    elif frame.empty:
        out.print("(no rows)")
    else:
        rows = [[_cell(value) for value in row] for row in frame.itertuples(index=False)]
        if _readable_width(frame.columns, rows) <= out.width:
            table = _table(frame.columns)
            for row in rows:
                table.add_row(*row)
            out.print(table)
        else:
            _print_records(frame, out)


def _readable_width(columns, rows: list[list[str]]) -> int:
    """The width a table needs so no column is squeezed below what a reader can read:
    each column its widest cell, up to READABLE_COLUMN (longer text wraps), plus padding."""
    return sum(
        min(max(cell_len(str(column)), *(cell_len(row[index]) for row in rows)), READABLE_COLUMN)
        + 2
        for index, column in enumerate(columns)
    )


def _print_records(frame: pd.DataFrame, out: Console) -> None:
    """Rows too wide for any table: one block per row, one line per column."""
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        out.rule(f"row {number}", align="left")
        records = Table.grid(padding=(0, 2))
        records.add_column(style="bold", no_wrap=True)
        records.add_column(overflow="fold")
        for column, value in zip(frame.columns, row, strict=True):
            records.add_row(str(column), _cell(value))
        out.print(records)


ANOMALY_TABLE = ("rule", "severity", "region", "indicator", "period", "published", "expected")
WRAPPED_ANOMALY_COLUMNS = {"indicator": 8, "expected": 8}  # the columns that wrap: min width


def show_anomalies(frame: pd.DataFrame, long: bool = False, out: Console | None = None) -> None:
    """Anomalies for a person: a table of what, where and how far off that fits the width
    (one block per anomaly when even that cannot fit); with `long`, each one's messages and
    ids beneath it."""
    out = out or console()
    if frame.empty:
        out.print("no anomalies")
        return
    rows = [
        [
            anomaly.rule_code + (" (accepted)" if anomaly.accepted else ""),
            anomaly.severity,
            _cell(anomaly.region_name),
            _cell(anomaly.indicator_name),
            period_label(anomaly.period_type, anomaly.period_end),
            _cell(anomaly.observed),
            expected_interval(anomaly.expected_low, anomaly.expected_high),
            _cell(anomaly.diagnosis),
        ]
        for anomaly in frame.itertuples()
    ]
    columns = (*ANOMALY_TABLE, "diagnosis")
    needed = (
        len(columns)
        - 1
        + sum(
            WRAPPED_ANOMALY_COLUMNS.get(column)
            or max(cell_len(column), *(cell_len(row[index]) for row in rows))
            for index, column in enumerate(columns)
        )
    )
    if long or needed > out.width:
        _print_anomaly_blocks(frame, out, long)
        return
    table = _table(columns, wrap=set(WRAPPED_ANOMALY_COLUMNS))
    for column in table.columns:
        column.min_width = WRAPPED_ANOMALY_COLUMNS.get(str(column.header))
    for row in rows:
        table.add_row(*row)
    out.print(table)
    out.print("messages and ids: statswh anomalies --long (or --format json)")


def _print_anomaly_blocks(frame: pd.DataFrame, out: Console, long: bool) -> None:
    """One block per anomaly: what and where on one line, then its details."""
    for anomaly in frame.itertuples():
        out.rule(f"{anomaly.rule_code} · {anomaly.severity}", align="left")
        out.print(_anomaly_line(anomaly), overflow="fold")
        details = [("diagnosis", anomaly.diagnosis)]
        if long:
            chinese, _, english = str(anomaly.message).partition(" | ")
            details += [
                ("message", chinese),
                ("message (en)", english),
                ("anomaly_id", anomaly.anomaly_id),
                ("source_file_id", anomaly.source_file_id),
                ("accepted", anomaly.accepted_reason if anomaly.accepted else "no"),
            ]
        for label, value in details:
            out.print(f"  {label}: {_cell(value)}", overflow="fold")


def _anomaly_line(anomaly) -> str:
    return (
        f"{_cell(anomaly.region_name)} {_cell(anomaly.indicator_name)} "
        f"{period_label(anomaly.period_type, anomaly.period_end)}: published "
        f"{_cell(anomaly.observed)}, expected "
        f"{expected_interval(anomaly.expected_low, anomaly.expected_high)}"
    )


def _table(columns, wrap: set[str] | None = None) -> Table:
    """A borderless table; only the `wrap` columns wrap when space is short (all if None)."""
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),  # with the box's blank separator: two spaces between columns
        header_style="bold",
    )
    for column in columns:
        wraps = wrap is None or column in wrap
        table.add_column(str(column), overflow="fold", no_wrap=not wraps)
    return table


def _cell(value) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, float):  # 3.0 stays 3.0: a published figure keeps a decimal
        text = f"{value:.6f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return str(value)


def period_label(period_type: str, period_end) -> str:
    """A period as a Chinese bureau writes it: 2023年1-4月, 2023年4月, 2023年一季度, 2022年."""
    end = pd.Timestamp(period_end)
    if period_type == "ytd":
        return f"{end.year}年1-{end.month}月" if end.month > 1 else f"{end.year}年1月"
    if period_type == "month":
        return f"{end.year}年{end.month}月"
    if period_type == "quarter":
        return f"{end.year}年{'一二三四'[(end.month - 1) // 3]}季度"
    return f"{end.year}年"


def expected_interval(low, high, decimals: int = 2) -> str:
    """The interval a flagged figure should lie in; an open side is ±∞."""
    if pd.isna(low) and pd.isna(high):
        return ""
    low_text = f"{low:.{decimals}f}" if pd.notna(low) else "−∞"
    high_text = f"{high:.{decimals}f}" if pd.notna(high) else "+∞"
    return f"{low_text} ~ {high_text}"


class FileProgress:
    """Files loaded so far: a progress bar (files, facts, facts/s) on a terminal, each file's
    line above it; elsewhere just the lines. Use as a context manager; `loaded` is the
    pipeline's on_file callback."""

    def __init__(self, total: int, out: Console | None = None) -> None:
        self.out = out or console()
        self.facts = 0
        self.started = time.perf_counter()
        self.bar: Progress | None = None
        if self.out.is_terminal:
            self.bar = Progress(
                TextColumn("loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files · {task.fields[facts]:,} facts · {task.fields[rate]} facts/s"),
                TimeElapsedColumn(),
                console=self.out,
            )
            self.task = self.bar.add_task("loading", total=total, facts=0, rate=0)

    def __enter__(self) -> FileProgress:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *_) -> None:
        if self.bar:
            self.bar.stop()

    def loaded(self, result: FileResult) -> None:
        self.facts += result.n_facts
        if not self.bar:
            print(result.line(), flush=True)
            return
        self.bar.console.print(result.line(), markup=False)
        rate = self.facts / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, advance=1, facts=self.facts, rate=f"{rate:,.0f}", refresh=True)


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
