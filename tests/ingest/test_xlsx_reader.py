"""Reading .xlsx grids with calamine: values as openpyxl gives them, formats from the styles."""

import re
import zipfile
from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest.errors import IngestError
from ingest.limits import Limits
from ingest.workbook import read_xlsx


def rewrite_sheets(source: Path, target: Path, change: "re.Pattern[bytes]", to: bytes) -> Path:
    """A copy of a workbook with its worksheet XML rewritten (another writer's habits)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = change.sub(to, data)
            new.writestr(item, data)
    return target


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "表"
    sheet.append(["指标", "数值", "增长"])
    sheet.append(["甲", 161.5, 0.031])
    sheet.append(["乙", 3, 12])
    sheet.append(["丙", datetime(2023, 6, 30), time(12, 30)])
    sheet.append(["丁", True, "=1/0"])
    sheet["B2"].number_format = "0.0"
    sheet["C2"].number_format = "0.0%"
    sheet["B3"].number_format = "0.00"
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def test_values_and_number_formats(workbook: Path) -> None:
    [grid], skipped = read_xlsx(workbook, Limits())
    assert skipped == {}
    assert [[cell.value for cell in row] for row in grid.rows[:3]] == [
        ["指标", "数值", "增长"],
        ["甲", 161.5, 0.031],
        ["乙", 3, 12],
    ]
    assert [grid.cell(2, c).number_format for c in range(3)] == ["General", "0.0", "0.0%"]
    assert (grid.cell(3, 1).value, grid.cell(3, 1).number_format) == (3, "0.00")
    assert type(grid.cell(3, 2).value) is int
    assert grid.cell(4, 1).value == datetime(2023, 6, 30)
    assert grid.cell(4, 2).value == time(12, 30)
    assert grid.cell(5, 1).value is True
    assert grid.cell(5, 2).value is None  # a formula without a cached value


def test_positions_are_excels_gaps_included(tmp_path: Path) -> None:
    book = Workbook()
    book.active["C3"] = 1.5
    book.active["B5"] = "右下"
    book.save(tmp_path / "gaps.xlsx")
    [grid], _ = read_xlsx(tmp_path / "gaps.xlsx", Limits())
    # Each row is as wide as its last cell, as openpyxl reads it with its dimensions reset.
    assert [[cell.value for cell in row] for row in grid.rows] == [
        [],
        [],
        [None, None, 1.5],
        [],
        [None, "右下"],
    ]


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [
        (rb'<c r="[A-Z]+[0-9]+"', b"<c"),  # no cell references
        (rb'<c r="([A-Z]+[0-9]+)" s="([0-9]+)" t="n"', rb'<c r="\1" t="n" s="\2"'),
        (rb'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"', rb'<c s="\2" r="\1"'),
        (rb'<row r="([0-9]+)"', rb'<row r="\1" s="0" customFormat="1"'),
    ],
)
def test_attribute_order_and_missing_references_give_the_same_grid(
    workbook: Path, tmp_path: Path, pattern: bytes, replacement: bytes
) -> None:
    other = rewrite_sheets(workbook, tmp_path / "other.xlsx", re.compile(pattern), replacement)
    [expected], _ = read_xlsx(workbook, Limits())
    [grid], _ = read_xlsx(other, Limits())
    assert grid == expected


def test_error_values_keep_their_text(workbook: Path, tmp_path: Path) -> None:
    error = re.compile(rb'<c r="C5"><f>1/0</f><v\s*/>')
    other = rewrite_sheets(
        workbook, tmp_path / "error.xlsx", error, b'<c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v>'
    )
    [grid], _ = read_xlsx(other, Limits())
    assert grid.cell(5, 2).value == "#DIV/0!"


def test_chart_sheets_are_skipped_and_bad_files_named(workbook: Path, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["指标", 1])
    book.create_chartsheet("图表")
    charts = tmp_path / "charts.xlsx"
    book.save(charts)
    grids, skipped = read_xlsx(charts, Limits())
    assert [grid.name for grid in grids] == ["Sheet"]
    assert skipped == {"图表": "chart sheet, no data"}

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(IngestError, match=r"broken\.xlsx: not a readable \.xlsx workbook"):
        read_xlsx(broken, Limits())


def test_a_sparse_sheet_over_the_cell_limit_is_counted_cell_by_cell(tmp_path: Path) -> None:
    """Its used area (3 x 10) exceeds the limit, the cells it holds (12) do not."""
    book = Workbook()
    book.active["J3"] = 7.5
    book.save(tmp_path / "sparse.xlsx")
    [grid], _ = read_xlsx(tmp_path / "sparse.xlsx", Limits(max_cells=25))
    assert grid.cell(3, 9).value == 7.5
    with pytest.raises(IngestError, match="cells, the limit"):
        read_xlsx(tmp_path / "sparse.xlsx", Limits(max_cells=5))


def test_equal_values_of_other_types_stay_apart(tmp_path: Path) -> None:
    """A sheet's equal cells are made once, by type as well as value: TRUE is not 1."""
    book = Workbook()
    book.active.append(["指标", 1, True, 1.0, "1", True, 1])
    path = tmp_path / "types.xlsx"
    book.save(path)
    [grid], _ = read_xlsx(path, Limits())
    values = [cell.value for cell in grid.rows[0]]
    assert values == ["指标", 1, True, 1, "1", True, 1]
    assert [type(value) for value in values] == [str, int, bool, int, str, bool, int]
    assert [cell.text for cell in grid.rows[0]] == ["指标", "1", "True", "1", "1", "True", "1"]
