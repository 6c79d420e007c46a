"""Legacy .xls workbooks (written here with xlwt): values through python-calamine, number
formats through xlrd."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import xlwt

from ingest.errors import IngestError
from ingest.readers import read_file

ONE_DECIMAL = xlwt.easyxf(num_format_str="0.0")


def write_xls(
    path: Path, sheets: dict[str, list[list[object]]], top_left: tuple[int, int] = (0, 0)
) -> Path:
    """Write each sheet's rows starting at top_left (0-based row, column)."""
    workbook = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(top_left[0] + r, top_left[1] + c, value, ONE_DECIMAL)
    workbook.save(str(path))
    return path


INDICATOR_SHEET = [
    ["川江区主要经济指标(2023年1-6月)"],
    ["指标名称", "时期", "数值", "单位", "比上年同期增长(%)"],
    ["社会消费品零售总额", "1-6月", 80.25, "亿元", 5.1],
    ["固定资产投资", "1-6月", "—", "亿元", -2.5],
]


def test_indicator_sheet_of_an_xls_workbook(tmp_path: Path) -> None:
    path = write_xls(
        tmp_path / "月报.xls", {"川江区": INDICATOR_SHEET, "说明": [["本表为快报数。"]]}
    )
    parsed = read_file(path)
    retail, investment = parsed.observations
    # 80.25 in a '0.0' cell is published as Excel shows it: 80.3, one decimal.
    assert (retail.indicator_name, retail.value_published, retail.unit_published) == (
        "社会消费品零售总额",
        80.3,
        "亿元",
    )
    assert (retail.value_decimals, retail.growth_decimals) == (1, 1)
    assert (retail.period_type, retail.period_end, retail.row_number) == (
        "ytd",
        date(2023, 6, 30),
        3,
    )
    assert (investment.value_published, investment.yoy_growth_pct) == (None, -2.5)
    assert "说明" in parsed.skipped_sheets


def test_rows_and_columns_keep_their_numbers_when_the_sheet_starts_further_in(
    tmp_path: Path,
) -> None:
    rows = [list(row) for row in INDICATOR_SHEET]
    rows[3][2] = "12..5"
    path = write_xls(tmp_path / "offset.xls", {"川江区": rows}, top_left=(2, 1))
    with pytest.raises(IngestError) as caught:
        read_file(path)
    # The bad value sits at row 4 + 2 and column C + 1.
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("川江区", 6, "D")


def test_xls_numbers_take_their_decimals_from_the_cell_format(tmp_path: Path) -> None:
    """80 shown as "80.0" is ±0.05, not ±0.5; a cell in the General format shows the
    decimals of its stored value."""
    rows = [*INDICATOR_SHEET[:2], ["社会消费品零售总额", "1-6月", 80.0, "亿元", 5.0]]
    [retail] = read_file(write_xls(tmp_path / "whole.xls", {"川江区": rows})).observations
    assert (retail.value_published, retail.value_decimals, retail.growth_decimals) == (80, 1, 1)

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("川江区")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)  # no style: General
    workbook.save(str(tmp_path / "general.xls"))
    [retail] = read_file(tmp_path / "general.xls").observations
    assert (retail.value_published, retail.value_decimals, retail.growth_decimals) == (80, 0, 0)


def test_region_table_with_merged_header_cells(tmp_path: Path) -> None:
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("各县区主要指标")
    sheet.write_merge(0, 0, 0, 5, "周口市各县区主要经济指标(2023年1-6月)")
    sheet.write_merge(2, 3, 0, 0, "地区")
    sheet.write_merge(2, 2, 1, 3, "地区生产总值")
    sheet.write_merge(2, 2, 4, 5, "规模以上工业增加值")
    for column, label in enumerate(["绝对值(亿元)", "增速(%)", "位次", "增速(%)", "位次"], 1):
        sheet.write(3, column, label)
    for column, value in enumerate(["川江", 170.25, 5.1, 2, 8.3, 1]):
        sheet.write(4, column, value)
    path = tmp_path / "县区.xls"
    workbook.save(str(path))

    observations = {o.indicator_name: o for o in read_file(path).observations}
    assert set(observations) == {
        "地区生产总值",
        "规模以上工业增加值",
    }
    assert (
        observations["地区生产总值"].value_published,
        observations["地区生产总值"].yoy_growth_pct,
    ) == (170.25, 5.1)
    assert observations["规模以上工业增加值"].growth_rank == 1, "a rank is not a fact"


def test_xlsx_content_under_an_xls_name_is_read_as_xlsx(
    table_xlsx: Callable[..., Path], tmp_path: Path
) -> None:
    path = table_xlsx(
        "saved.xlsx",
        ["社会消费品零售总额", "1-6月", 80.0, "亿元", 5.0],
        number_formats={"C3": "0.0", "E3": "0.0"},
    )
    renamed = path.rename(tmp_path / "saved_as.xls")
    [retail] = read_file(renamed).observations
    assert (retail.value_decimals, retail.growth_decimals) == (1, 1), "number formats kept"


def test_xls_content_under_an_xlsx_name_is_read_as_xls(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "old.xls", {"川江区": INDICATOR_SHEET})
    renamed = path.rename(tmp_path / "old.xlsx")
    assert len(read_file(renamed).observations) == 2


@pytest.mark.parametrize(
    "content", [b"<html><body>404</body></html>", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100]
)
def test_file_that_is_not_a_readable_xls_names_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.xls"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=r"^broken\.xls: not a (readable \.xls )?workbook"):
        read_file(path)


def test_an_xls_workbook_keeps_its_merged_ranges(tmp_path: Path) -> None:
    """A header label merged down its own column does not span the unlabelled columns beside
    it, in .xls as in .xlsx: the sector columns stay names of their own."""
    path = tmp_path / "川江区统计年鉴_5-1.xls"
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("5-1")
    sheet.write(0, 0, "单位:万元")
    sheet.write_merge(1, 2, 0, 0, "年 份")
    sheet.write_merge(1, 2, 1, 1, "生产总值")
    for column, label in enumerate(["第一产业", "第二产业"], start=2):
        sheet.write(2, column, label)
    for column, value in enumerate(["1978", 4609, 1567, 1613]):
        sheet.write(3, column, value)
    workbook.save(str(path))
    parsed = read_file(path)
    assert {o.indicator_name for o in parsed.observations} == {"生产总值", "第一产业", "第二产业"}
