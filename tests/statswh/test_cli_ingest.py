"""`statswh ingest`: the account of every number per file, and `--explain` before loading.

The files are read by a test-only reader registered through the real extension point
(ingest.readers.READERS): it turns a small JSON file into what a reader reports, so each
test states the facts and the account it expects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import ingest.readers
from ingest.limits import Limits
from ingest.records import FigureAccount, Observation, ParsedFile, UnreadFigure
from statswh.cli import main

SUFFIX = ".accounted"


def _read_accounted(path: Path, limits: Limits) -> ParsedFile:
    """Facts named in the file ({"indicators": [...]}) and the account it states."""
    content = json.loads(path.read_text(encoding="utf-8"))
    observations = [
        Observation(
            sheet_name="川江区",
            row_number=row,
            region_name="川江区",
            indicator_name=name,
            period_label="1-6月",
            period_type="ytd",
            period_start=date(2023, 1, 1),
            period_end=date(2023, 6, 30),
            value_published=None,
            value_decimals=None,
            unit_published=None,
            yoy_growth_pct=5.1,
            growth_decimals=1,
        )
        for row, name in enumerate(content["indicators"], start=3)
    ]
    figures = FigureAccount(
        read=content["read"],
        skipped=content["skipped"],
        unread=[UnreadFigure(*figure) for figure in content["unread"]],
    )
    return ParsedFile(
        observations=observations, figures=figures, skipped_sheets=content["skipped_sheets"]
    )


@pytest.fixture
def write_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Path]:
    monkeypatch.setitem(ingest.readers.READERS, SUFFIX, _read_accounted)

    def write(name: str, **content: object) -> Path:
        defaults = {"indicators": [], "read": 0, "skipped": {}, "unread": [], "skipped_sheets": {}}
        path = tmp_path / "landing" / f"{name}{SUFFIX}"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({**defaults, **content}, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def statswh(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


UNKNOWN_COLUMN = ["川江区", 4, "F", "12.3", "no header names this column"]
UNREAD_SENTENCE = [None, None, None, "全年接待游客1.2万人次。", "no fact in this sentence"]


def test_ingest_prints_the_account_of_every_number_per_file(
    write_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(
        "川江区2023年6月",
        indicators=["社会消费品零售总额", "固定资产投资"],
        read=2,
        skipped={"chart data": 24},
        unread=[UNKNOWN_COLUMN],
    )
    warehouse = tmp_path / "stats.duckdb"

    code, out = statswh(capsys, "--warehouse", str(warehouse), "ingest", str(path.parent))

    assert code == 0
    assert out == (
        f"{path.name}: loaded 2 facts; 2 of 27 numbers read, 24 skipped (24 chart data), 1 unread\n"
    )


def test_explain_lists_every_unread_number_and_loads_nothing(
    write_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(
        "川江区2023年6月",
        indicators=["社会消费品零售总额"],
        read=1,
        skipped={"chart data": 24, "rank": 2},
        unread=[UNKNOWN_COLUMN, UNREAD_SENTENCE],
        skipped_sheets={"图表数据": "chart data"},
    )
    warehouse = tmp_path / "stats.duckdb"

    code, out = statswh(capsys, "--warehouse", str(warehouse), "ingest", "--explain", str(path))

    assert code == 0
    assert out.splitlines() == [
        f"{path.name}: 1 facts; 1 of 29 numbers read, 26 skipped (24 chart data, 2 rank), 2 unread",
        "  skipped sheet 图表数据: chart data",
        "  skipped 24 numbers: chart data",
        "  skipped 2 numbers: rank",
        "  unread sheet 川江区, row 4, column F: 12.3 (no header names this column)",
        "  unread sentence: 全年接待游客1.2万人次。 (no fact in this sentence)",
    ]
    assert not warehouse.exists(), "explaining a file loads nothing"


def test_explain_shows_what_a_file_without_facts_would_have_lost(
    write_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file("县区表", unread=[UNKNOWN_COLUMN])
    code, out = statswh(
        capsys, "--warehouse", str(tmp_path / "w.duckdb"), "ingest", "--explain", str(path)
    )
    assert code == 0
    assert out.splitlines() == [
        f"{path.name}: would be quarantined: no fact; 0 of 1 numbers read, 0 skipped, 1 unread",
        "  unread sheet 川江区, row 4, column F: 12.3 (no header names this column)",
    ]


def test_explain_names_a_file_no_reader_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    code, out = statswh(
        capsys, "--warehouse", str(tmp_path / "w.duckdb"), "ingest", "--explain", str(path)
    )
    assert code == 0
    assert out.startswith("scan.pdf: would be quarantined: scan.pdf: unsupported file type '.pdf'")


@pytest.mark.parametrize("workers", ["1", "3"])
def test_ingest_gives_the_same_lines_whatever_the_number_of_parsing_processes(
    write_file: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workers: str,
) -> None:
    monkeypatch.setenv("STATSWH_INGEST_WORKERS", workers)
    names = [f"川江区2023年{month}月" for month in (4, 5, 6)]
    for month, name in enumerate(names, start=4):
        write_file(name, indicators=["社会消费品零售总额"] * month, read=month)
    warehouse = tmp_path / "stats.duckdb"

    code, out = statswh(capsys, "--warehouse", str(warehouse), "ingest", str(tmp_path / "landing"))

    assert code == 0
    assert out.splitlines() == [
        f"{name}{SUFFIX}: loaded {month} facts; "
        f"{month} of {month} numbers read, 0 skipped, 0 unread"
        for month, name in enumerate(names, start=4)
    ]


def test_a_bad_number_of_parsing_processes_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STATSWH_INGEST_WORKERS", "two")
    assert main(["--warehouse", str(tmp_path / "stats.duckdb"), "ingest", str(tmp_path)]) == 1
    assert "STATSWH_INGEST_WORKERS must be a whole number of at least 1" in capsys.readouterr().err
