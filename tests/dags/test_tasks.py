"""The DAG's parse and load tasks, called as the task runner calls them (no scheduler)."""

from __future__ import annotations

from pathlib import Path

import pytest
from airflow.sdk.exceptions import AirflowSkipException
from openpyxl import Workbook

from statswh import orchestration
from statswh.orchestration import FileQuarantined
from statswh.pipeline import connect, store_dirs
from statswh.settings import Settings


def _workbook(path: Path, value: object) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "川江区"
    for row in (
        ["川江区主要经济指标(2023年1-6月)"],
        ["指标名称", "时期", "数值", "单位", "比上年同期增长(%)"],
        ["社会消费品零售总额", "1-6月", value, "亿元", 5.1],
    ):
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "warehouse" / "stats.duckdb", tmp_path / "landing")
    _workbook(settings.landing / "2023-06" / "good.xlsx", 80.3)
    _workbook(settings.landing / "2023-06" / "bad.xlsx", "12..5")
    return settings


def test_a_rejected_file_fails_its_parse_task_and_the_writer_records_it(
    settings: Settings,
) -> None:
    names = ["2023-06/bad.xlsx", "2023-06/good.xlsx"]
    with pytest.raises(FileQuarantined, match=r"bad\.xlsx, sheet 川江区, row 3, column C"):
        orchestration.parse_file(settings, names[0])
    assert orchestration.parse_file(settings, names[1]).startswith("2023-06/good.xlsx: parsed 1")
    assert not settings.warehouse.exists(), "parsing never opens the warehouse"
    assert len(list(store_dirs(settings).staging.iterdir())) == 2

    lines = orchestration.load_files(settings, names)

    assert lines[0].startswith("bad.xlsx: quarantined: bad.xlsx, sheet 川江区, row 3")
    assert lines[1].startswith("good.xlsx: loaded 1 facts")
    with connect(settings, read_only=True) as connection:
        assert connection.execute(
            "select file_name, status from raw.source_files order by file_name"
        ).fetchall() == [("bad.xlsx", "quarantined"), ("good.xlsx", "loaded")]
    assert not any(store_dirs(settings).staging.iterdir())
    [again] = orchestration.load_files(settings, names[1:])
    assert again == "good.xlsx: unchanged (already loaded)"


def test_a_run_without_files_skips_the_writer(settings: Settings) -> None:
    with pytest.raises(AirflowSkipException):
        orchestration.load_files(settings, [])
    assert not settings.warehouse.exists()
