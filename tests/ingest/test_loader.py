"""Loading files into the raw tables of a DuckDB file: once per content, originals kept."""

import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

import ingest.readers
import ingest.staging
from ingest.limits import Limits
from ingest.loader import StoreDirs, discover_files, ensure_raw_schema, ingest_files
from ingest.records import FigureAccount, Observation, ParsedFile, UnreadFigure

GOOD_ROWS = [
    ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1],
    ["固定资产投资", "1-6月", 70.0, "亿元", 2.0],
]
BAD_ROWS = [
    ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1],
    ["固定资产投资", "1-6月", "12..5", "亿元", 2.0],
]


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield connection
    connection.close()


@pytest.fixture
def dirs(tmp_path: Path) -> StoreDirs:
    return StoreDirs(archive=tmp_path / "archive", quarantine=tmp_path / "quarantine")


def count(con: duckdb.DuckDBPyConnection, table: str, source_file_id: str | None = None) -> int:
    sql = f"select count(*) from raw.{table}"
    if source_file_id is None:
        return con.execute(sql).fetchone()[0]
    return con.execute(sql + " where source_file_id = ?", [source_file_id]).fetchone()[0]


def registry(con: duckdb.DuckDBPyConnection, source_file_id: str) -> dict[str, object]:
    cursor = con.execute(
        "select * from raw.source_files where source_file_id = ?", [source_file_id]
    )
    names = [column[0] for column in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


# --- loading and reloading ------------------------------------------------------------------


def test_good_file_is_loaded(
    sample_report: Callable[[int, int], Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    path = sample_report(2022, 12)
    [result] = ingest_files([path], con, dirs)

    # 25 rows of the region sheets, 15 of the region table (three indicators of five
    # regions; their ranks are attributes of those facts, not facts) and 7 growth rates
    # by industry.
    n_facts = 25 + 15 + 7
    assert (result.status, result.n_facts) == ("loaded", n_facts)
    # the account of its numbers follows (test_loaded_file_keeps_the_account_of_its_numbers)
    assert result.line().startswith(f"{path.name}: loaded {n_facts} facts; ")
    assert count(con, "indicator_observations", result.source_file_id) == n_facts
    row = registry(con, result.source_file_id)
    assert row["status"] == "loaded"
    assert row["n_facts"] == n_facts
    assert row["file_name"] == path.name
    assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert row["sha256"].startswith(result.source_file_id)
    assert (row["format"], row["size_bytes"]) == ("xlsx", path.stat().st_size)
    assert (row["publisher"], row["release_date"]) == ("周口市统计局", date(2023, 1, 15))
    assert "说明" in row["skipped_sheets"]


def test_loaded_facts_keep_value_decimals_and_period(
    sample_report: Callable[[int, int], Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    ingest_files([sample_report(2022, 12)], con, dirs)
    fact = con.execute(
        """
        select value_published, value_decimals, unit_published, yoy_growth_pct,
               period_type, period_start, period_end
        from raw.indicator_observations
        where region_name = '川江区' and indicator_name = '社会消费品零售总额'
        """
    ).fetchall()
    # Stated on the district's own sheet and again in the region table (川江 -> 川江区).
    assert fact == [(161.5, 1, "亿元", 3.0, "year", date(2022, 1, 1), date(2022, 12, 31))] * 2


def test_loading_the_same_file_again_changes_nothing(
    sample_report: Callable[[int, int], Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    path = sample_report(2022, 12)
    [first] = ingest_files([path], con, dirs)
    before = (count(con, "source_files"), count(con, "indicator_observations"))

    [again] = ingest_files([path], con, dirs)

    assert (again.status, again.n_facts, again.message) == ("unchanged", 0, "already loaded")
    assert again.source_file_id == first.source_file_id
    assert (count(con, "source_files"), count(con, "indicator_observations")) == before


def test_original_is_archived_byte_identical(
    sample_report: Callable[[int, int], Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    path = sample_report(2022, 12)
    [result] = ingest_files([path], con, dirs)
    stored = Path(registry(con, result.source_file_id)["stored_path"])
    assert stored.parent == dirs.archive
    assert stored.read_bytes() == path.read_bytes()
    assert path.exists(), "the landing file is left in place"


def test_missing_value_is_stored_as_null(
    table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    path = table_xlsx("dash.xlsx", ["固定资产投资", "1-6月", "—", "亿元", 2.0])
    ingest_files([path], con, dirs)
    assert con.execute(
        "select value_published is null, value_decimals is null, yoy_growth_pct"
        " from raw.indicator_observations"
    ).fetchall() == [(True, True, 2.0)]


# --- quarantine -----------------------------------------------------------------------------


def test_bad_file_is_quarantined_and_the_rest_of_the_batch_loads(
    table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    first = table_xlsx("good_1.xlsx", *GOOD_ROWS)
    bad = table_xlsx("bad.xlsx", *BAD_ROWS)
    second = table_xlsx("good_2.xlsx", *GOOD_ROWS[:1], sheet="淮阳区")

    results = ingest_files([first, bad, second], con, dirs)

    assert [r.status for r in results] == ["loaded", "quarantined", "loaded"]
    assert [r.n_facts for r in results] == [2, 0, 1]
    quarantined = results[1]
    assert "sheet 川江区, row 4, column C" in quarantined.message
    assert quarantined.line().startswith("bad.xlsx: quarantined: ")
    row = registry(con, quarantined.source_file_id)
    assert (row["status"], row["n_facts"]) == ("quarantined", 0)
    assert "sheet 川江区, row 4, column C" in row["error"]
    assert count(con, "indicator_observations", quarantined.source_file_id) == 0
    assert count(con, "indicator_observations") == 3


def test_quarantine_keeps_the_original_and_the_reason(
    table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    bad = table_xlsx("bad.xlsx", *BAD_ROWS)
    [result] = ingest_files([bad], con, dirs)

    stored = Path(registry(con, result.source_file_id)["stored_path"])
    assert stored.parent == dirs.quarantine
    assert stored.read_bytes() == bad.read_bytes()
    reason = stored.with_name(stored.name + ".reason.txt")
    assert reason.read_text(encoding="utf-8").strip() == result.message
    assert not dirs.archive.exists() or not any(dirs.archive.iterdir())


def test_offering_a_quarantined_file_again_reports_the_earlier_reason(
    table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    bad = table_xlsx("bad.xlsx", *BAD_ROWS)
    [first] = ingest_files([bad], con, dirs)
    [again] = ingest_files([bad], con, dirs)
    assert again.status == "unchanged"
    assert again.message == f"quarantined earlier: {first.message}"
    assert count(con, "source_files") == 1


def test_file_that_is_not_a_workbook_is_quarantined_without_stopping_the_batch(
    tmp_path: Path, table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"<html><body>404</body></html>")
    good = table_xlsx("good.xlsx", *GOOD_ROWS)
    results = ingest_files([broken, good], con, dirs)
    assert [r.status for r in results] == ["quarantined", "loaded"]


# --- atomicity ------------------------------------------------------------------------------


def _with_unknown_column(table: pa.Table) -> pa.Table:
    return table.append_column("not_a_column", pa.array(["x"] * len(table)))


def _with_null_region(table: pa.Table) -> pa.Table:
    if "region_name" not in table.column_names:
        return table
    regions = [*table["region_name"].to_pylist()[:-1], None]
    position = table.column_names.index("region_name")
    return table.set_column(position, "region_name", pa.array(regions, pa.string()))


@pytest.mark.parametrize("spoil", [_with_unknown_column, _with_null_region])
def test_failed_write_leaves_nothing_half_loaded(
    monkeypatch: pytest.MonkeyPatch,
    table_xlsx: Callable[..., Path],
    con: duckdb.DuckDBPyConnection,
    dirs: StoreDirs,
    spoil: Callable[[pa.Table], pa.Table],
) -> None:
    path = table_xlsx("good.xlsx", *GOOD_ROWS)
    original = ingest.staging._arrow_table
    monkeypatch.setattr(ingest.staging, "_arrow_table", lambda *args: spoil(original(*args)))
    ensure_raw_schema(con)

    with pytest.raises(duckdb.Error):
        ingest_files([path], con, dirs)

    assert count(con, "source_files") == 0
    assert count(con, "indicator_observations") == 0

    monkeypatch.undo()
    [result] = ingest_files([path], con, dirs)
    assert (result.status, result.n_facts) == ("loaded", 2)
    assert count(con, "indicator_observations", result.source_file_id) == 2


# --- the account of every number, ranks and provenance ---------------------------------------

# A reader for a test-only suffix, registered through the real extension point (READERS): it
# reports what a column-model reader reports for a sheet with a rank column, a chart-data
# sheet and one column under a header nobody knows.
ACCOUNTED_SUFFIX = ".accounted"
UNREAD = UnreadFigure("川江区", 5, "F", "12.3", "no header names this column")


def _read_accounted(path: Path, limits: Limits) -> ParsedFile:
    retail = Observation(
        sheet_name="川江区",
        row_number=4,
        region_name="川江区",
        indicator_name="社会消费品零售总额",
        period_label="1-6月",
        period_type="ytd",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 6, 30),
        value_published=80.3,
        value_decimals=1,
        unit_published="亿元",
        yoy_growth_pct=5.1,
        growth_decimals=1,
        value_rank=3,
        growth_rank=1,
        region_source="sheet",
        period_source="title",
        column_name="C",
    )
    investment = Observation(
        sheet_name="川江区",
        row_number=5,
        region_name="川江区",
        indicator_name="固定资产投资",
        period_label="1-6月",
        period_type="ytd",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 6, 30),
        value_published=None,
        value_decimals=None,
        unit_published=None,
        yoy_growth_pct=2.0,
        growth_decimals=1,
        region_source="sheet",
        period_source="title",
        column_name="E",
    )
    figures = FigureAccount(read=5, skipped={"chart data": 24, "notes": 1}, unread=[UNREAD])
    return ParsedFile(observations=[retail, investment], figures=figures)


@pytest.fixture
def accounted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A file the test-only reader takes (its content only makes its sha256)."""
    monkeypatch.setitem(ingest.readers.READERS, ACCOUNTED_SUFFIX, _read_accounted)
    path = tmp_path / f"川江区2023年6月{ACCOUNTED_SUFFIX}"
    path.write_text("accounted", encoding="utf-8")
    return path


def test_loaded_file_keeps_the_account_of_its_numbers(
    accounted: Path, con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    [result] = ingest_files([accounted], con, dirs)

    assert result.line() == (
        f"{accounted.name}: loaded 2 facts; "
        "5 of 31 numbers read, 25 skipped (24 chart data, 1 notes), 1 unread"
    )
    row = registry(con, result.source_file_id)
    assert (row["numbers_read"], row["numbers_skipped"], row["numbers_unread"]) == (5, 25, 1)
    assert json.loads(row["numbers_skipped_reasons"]) == {"chart data": 24, "notes": 1}
    assert con.execute(
        "select source_file_id, sheet_name, row_number, column_name, text, reason,"
        " loaded_at = ? from raw.unread_figures",
        [row["loaded_at"]],
    ).fetchall() == [(result.source_file_id, "川江区", 5, "F", "12.3", UNREAD.reason, True)]


def test_ranks_and_provenance_are_stored_with_the_figure(
    accounted: Path, con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    ingest_files([accounted], con, dirs)
    assert con.execute(
        """
        select indicator_name, value_rank, growth_rank, region_source, period_source, column_name
        from raw.indicator_observations order by row_number
        """
    ).fetchall() == [
        ("社会消费品零售总额", 3, 1, "sheet", "title", "C"),
        ("固定资产投资", None, None, "sheet", "title", "E"),
    ]


def test_quarantined_file_has_no_account(
    table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    [result] = ingest_files([table_xlsx("bad.xlsx", *BAD_ROWS)], con, dirs)
    row = registry(con, result.source_file_id)
    assert (row["numbers_read"], row["numbers_unread"], result.figures) == (None, None, None)
    assert count(con, "unread_figures") == 0


def _with_a_textless_unread_figure(table: pa.Table) -> pa.Table:
    if "text" not in table.column_names:
        return table
    position = table.column_names.index("text")
    return table.set_column(position, "text", pa.nulls(len(table), pa.string()))


def test_failed_write_of_unread_figures_leaves_nothing_half_loaded(
    monkeypatch: pytest.MonkeyPatch,
    accounted: Path,
    con: duckdb.DuckDBPyConnection,
    dirs: StoreDirs,
) -> None:
    original = ingest.staging._arrow_table
    monkeypatch.setattr(
        ingest.staging,
        "_arrow_table",
        lambda *args: _with_a_textless_unread_figure(original(*args)),
    )
    ensure_raw_schema(con)

    with pytest.raises(duckdb.ConstraintException):
        ingest_files([accounted], con, dirs)

    assert [count(con, table) for table in ("source_files", "indicator_observations")] == [0, 0]
    assert count(con, "unread_figures") == 0


# The raw tables as warehouses created before issue 10 have them.
SOURCE_FILES_BEFORE = """
    create schema raw;
    create table raw.source_files (
        source_file_id varchar primary key, file_name varchar not null,
        sha256 varchar not null unique, format varchar not null, size_bytes bigint not null,
        publisher varchar, release_date date, status varchar not null, error varchar,
        n_facts integer not null, skipped_sheets varchar, stored_path varchar not null,
        loaded_at timestamp not null
    );
    create table raw.indicator_observations (
        source_file_id varchar not null, sheet_name varchar, row_number integer,
        region_name varchar not null, indicator_name varchar not null,
        period_label varchar not null, period_type varchar not null,
        period_start date not null, period_end date not null, value_published double,
        value_decimals integer, unit_published varchar, yoy_growth_pct double,
        growth_decimals integer, source_text varchar, source_char_start integer,
        source_char_end integer, loaded_at timestamp not null
    );
    insert into raw.source_files values ('old', 'old.xlsx', 'old-sha', 'xlsx', 1, null, null,
        'loaded', null, 1, '{}', 'archive/old.xlsx', timestamp '2023-07-01 00:00:00');
    insert into raw.indicator_observations values ('old', '川江区', 3, '川江区', '固定资产投资',
        '1-5月', 'ytd', date '2023-01-01', date '2023-05-31', 60.0, 1, '亿元', 2.0, 1,
        null, null, null, timestamp '2023-07-01 00:00:00');
"""


def test_existing_raw_schema_is_upgraded_in_place(
    accounted: Path, con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    con.execute(SOURCE_FILES_BEFORE)

    [result] = ingest_files([accounted], con, dirs)

    assert result.status == "loaded"
    assert con.execute(
        "select source_file_id, numbers_read, numbers_unread from raw.source_files order by all"
    ).fetchall() == [(result.source_file_id, 5, 1), ("old", None, None)]
    assert con.execute(
        "select source_file_id, value_published, value_rank, region_source"
        " from raw.indicator_observations order by source_file_id, row_number"
    ).fetchall() == [
        (result.source_file_id, 80.3, 3, "sheet"),
        (result.source_file_id, None, None, "sheet"),
        ("old", 60.0, None, None),
    ]
    assert count(con, "unread_figures", result.source_file_id) == 1


# --- stored names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "file_name",
    ["..%2F..%2Fevil.xlsx", "..\\..\\evil.xlsx", 'it\'s a "report" 1-6月.xlsx', " .. .xlsx"],
)
def test_stored_original_stays_inside_the_archive(
    tmp_path: Path,
    table_xlsx: Callable[..., Path],
    con: duckdb.DuckDBPyConnection,
    dirs: StoreDirs,
    file_name: str,
) -> None:
    path = tmp_path / "landing" / file_name
    path.parent.mkdir()
    table_xlsx("good.xlsx", *GOOD_ROWS).rename(path)

    [result] = ingest_files([path], con, dirs)

    assert result.status == "loaded"
    stored = Path(registry(con, result.source_file_id)["stored_path"])
    assert stored.resolve().parent == dirs.archive.resolve()
    assert stored.read_bytes() == path.read_bytes()
    assert registry(con, result.source_file_id)["file_name"] == file_name


def test_quarantined_original_stays_inside_the_quarantine(
    tmp_path: Path, table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    path = tmp_path / "..%2F..%2Fevil.xlsx"
    table_xlsx("bad.xlsx", *BAD_ROWS).rename(path)
    [result] = ingest_files([path], con, dirs)
    stored = Path(registry(con, result.source_file_id)["stored_path"])
    assert result.status == "quarantined"
    assert stored.resolve().parent == dirs.quarantine.resolve()


# --- discovering files ----------------------------------------------------------------------


def test_discover_files_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    for name in ("a.xlsx", ".hidden.xlsx", "~$a.xlsx", "notes.txt", "sub/b.xlsx", "sub/~$b.xlsx"):
        (landing / name).parent.mkdir(parents=True, exist_ok=True)
        (landing / name).write_bytes(b"x")
    assert discover_files([landing]) == [
        landing / "a.xlsx",
        landing / "notes.txt",
        landing / "sub" / "b.xlsx",
    ]


def test_discover_files_keeps_a_named_file_and_the_given_order(tmp_path: Path) -> None:
    folder, single = tmp_path / "folder", tmp_path / "single.xlsx"
    folder.mkdir()
    (folder / "x.xlsx").write_bytes(b"x")
    single.write_bytes(b"x")
    assert discover_files([single, folder]) == [single, folder / "x.xlsx"]


def test_discover_files_raises_for_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="missing"):
        discover_files([tmp_path / "missing"])


def test_discover_files_skips_files_in_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / ".partial").mkdir()
    (tmp_path / ".partial" / "upload.xlsx").write_bytes(b"x")
    (tmp_path / "report.xlsx").write_bytes(b"x")
    assert discover_files([tmp_path]) == [tmp_path / "report.xlsx"]


# --- parsing in parallel, writing once --------------------------------------------------------

RAW_TABLES = ("source_files", "indicator_observations", "project_progress", "indicator_targets")


def raw_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every raw table's rows, less what differs between two loads (load time, stored path)."""
    rows = {}
    for table in (*RAW_TABLES, "unread_figures"):
        columns = [
            name
            for (name,) in con.execute(
                "select column_name from duckdb_columns()"
                " where schema_name = 'raw' and table_name = ? order by column_index",
                [table],
            ).fetchall()
            if name not in ("loaded_at", "stored_path")
        ]
        rows[table] = con.execute(
            f"select {', '.join(columns)} from raw.{table} order by all"
        ).fetchall()
    return rows


def test_parsing_in_parallel_gives_exactly_the_raw_tables_of_a_serial_load(
    sample_landing: Path, tmp_path: Path, table_xlsx: Callable[..., Path]
) -> None:
    files = discover_files([sample_landing / "2022-12", sample_landing / "2023-01"])
    files.append(table_xlsx("bad.xlsx", *BAD_ROWS))
    loaded = {}
    for workers in (1, 2):
        home = tmp_path / f"workers-{workers}"
        dirs = StoreDirs(home / "archive", home / "quarantine")
        with duckdb.connect(str(home.with_suffix(".duckdb"))) as connection:
            results = ingest_files(files, connection, dirs, workers=workers)
            loaded[workers] = ([result.line() for result in results], raw_rows(connection))
        assert not any(dirs.staging.iterdir()), "every staging set is removed once loaded"

    assert loaded[2] == loaded[1]
    lines, rows = loaded[2]
    assert len(lines) == len(files) > 3
    assert lines[-1].startswith("bad.xlsx: quarantined: ")
    assert all(": loaded " in line for line in lines[:-1])
    # Workbooks, a target file, a work report and a project list: every raw table has rows.
    assert all(rows[table] for table in RAW_TABLES)


def test_a_file_rejected_in_a_worker_is_quarantined_with_its_reason_and_the_others_load(
    table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    first = table_xlsx("good_1.xlsx", *GOOD_ROWS)
    bad = table_xlsx("bad.xlsx", *BAD_ROWS)
    second = table_xlsx("good_2.xlsx", *GOOD_ROWS[:1], sheet="淮阳区")

    results = ingest_files([first, bad, second], con, dirs, workers=2)

    assert [r.status for r in results] == ["loaded", "quarantined", "loaded"]
    assert "bad.xlsx, sheet 川江区, row 4, column C" in results[1].message
    stored = Path(registry(con, results[1].source_file_id)["stored_path"])
    assert stored.parent == dirs.quarantine
    reason = stored.with_name(stored.name + ".reason.txt")
    assert reason.read_text(encoding="utf-8").strip() == results[1].message
    assert count(con, "indicator_observations") == 3


# Opens the warehouse, loads the files through a connection that kills the process when the
# first file's transaction commits: the writer dies with that file's rows written, not
# committed.
DIE_AT_COMMIT = """
import os, sys
from pathlib import Path
import duckdb
from ingest.loader import StoreDirs, ingest_files

class DiesAtCommit:
    def __init__(self, connection):
        self.connection = connection
    def execute(self, sql, *parameters):
        if sql == "commit":
            os._exit(9)
        return self.connection.execute(sql, *parameters)

home = Path(sys.argv[1])
connection = duckdb.connect(str(home / "warehouse.duckdb"))
dirs = StoreDirs(home / "archive", home / "quarantine")
ingest_files([Path(path) for path in sys.argv[2:]], DiesAtCommit(connection), dirs, workers=2)
"""


def test_a_writer_killed_after_staging_leaves_nothing_half_written_and_a_rerun_completes(
    tmp_path: Path, table_xlsx: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [table_xlsx("good_1.xlsx", *GOOD_ROWS), table_xlsx("bad.xlsx", *BAD_ROWS)]
    files.append(table_xlsx("good_2.xlsx", *GOOD_ROWS[:1], sheet="淮阳区"))
    home = tmp_path / "home"
    home.mkdir()
    killed = subprocess.run(
        [sys.executable, "-c", DIE_AT_COMMIT, str(home), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert killed.returncode == 9, killed.stderr
    dirs = StoreDirs(home / "archive", home / "quarantine")
    staged = {path.name for path in dirs.staging.iterdir()}
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() in staged

    with duckdb.connect(str(home / "warehouse.duckdb")) as connection:
        assert [count(connection, table) for table in RAW_TABLES] == [0, 0, 0, 0]
        # The rerun loads the staging sets the killed run left: no staged file is parsed again.
        read_xlsx = ingest.readers.READERS[".xlsx"]

        def read_unless_staged(path: Path, limits: Limits) -> ParsedFile:
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in staged, path.name
            return read_xlsx(path, limits)

        monkeypatch.setitem(ingest.readers.READERS, ".xlsx", read_unless_staged)
        results = ingest_files(files, connection, dirs)
        assert [r.status for r in results] == ["loaded", "quarantined", "loaded"]
        assert count(connection, "indicator_observations") == 3
        assert count(connection, "source_files") == 3
        [again] = ingest_files(files[:1], connection, dirs)
        assert again.status == "unchanged"
    # Only what a parser killed half-way wrote may be left: a hidden, never loaded .part folder.
    assert all(path.name.endswith(".part") for path in dirs.staging.iterdir())


def test_the_writer_removes_partial_sets_of_killed_parsers_but_not_of_live_ones(
    table_xlsx: Callable[..., Path], con: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    abandoned = dirs.staging / ".0a1b.dead.part"
    writing = dirs.staging / ".2c3d.live.part"
    for partial in (abandoned, writing):
        partial.mkdir(parents=True)
        (partial / "file.json").write_text("{}", encoding="utf-8")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(abandoned, (two_hours_ago, two_hours_ago))

    results = ingest_files([table_xlsx("good.xlsx", *GOOD_ROWS)], con, dirs)

    assert [result.status for result in results] == ["loaded"]
    assert not abandoned.exists()
    assert writing.is_dir()
