"""Monthly tables written in two layouts of real bureau tables (../shared/corpus/tables/).

The sample generator's (samples/) own layout is the one layout its reader was written for; these
writers put the same kind of figures into layouts nobody on the project designed, so the
evaluation sees what the reader makes of real shapes:

- the district industry layout of 怀柔区2024年1-4月规模以上工业企业生产、销售主要数据: one
  title row without the region (the file name names it), a line with the period and
  `单位:亿元`, the header `项    目 | 2024年1- 4 月 | 上年同期 | 同比增长(%)` with stray
  spaces, one year-to-date column beside last year's same period; a row in another unit
  says so in its label (`工业产销率(%)` there, `一般公共预算收入(万元)` here);
- the national retail layout of 2013年1-6月份社会消费品零售总额主要数据: merged period groups
  `6月` and `1-6月` over `绝对量 (亿元) | 同比增长(%)`, the stub header `指 标` merged over
  two rows, and a note under the table.

Both corpus tables store their figures as numbers whose format carries the published
decimals, and a figure not published as the text `—`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ingest.numbers import DASH, decimals_format
from samples.common import save_workbook, style_header

CREATOR = "Stats Warehouse sample (corpus layouts)"


@dataclass(frozen=True)
class Amount:
    """A published level or growth: None is printed as `—`; decimals set its number format."""

    value: float | None
    decimals: int


@dataclass(frozen=True)
class YearToDateRow:
    """A row of the district industry layout: this year's level, last year's, the growth."""

    label: str
    level: Amount
    previous_level: Amount
    growth: Amount


@dataclass(frozen=True)
class MonthRow:
    """A row of the national retail layout: the single month and the year to date."""

    label: str
    month_level: Amount
    month_growth: Amount
    ytd_level: Amount
    ytd_growth: Amount


def _put(sheet: Worksheet, row: int, column: int, amount: Amount) -> None:
    if amount.value is None:
        sheet.cell(row, column, DASH).number_format = "@"
        return
    value = int(amount.value) if amount.decimals == 0 else amount.value
    sheet.cell(row, column, value).number_format = decimals_format(amount.decimals)


def _ytd_header(year: int, month: int) -> str:
    """The period as 怀柔区 prints it, stray spaces included: "2023年1- 6 月", "2023年1 月"."""
    return f"{year}年1 月" if month == 1 else f"{year}年1- {month} 月"


def write_district_industry_layout(
    path: Path, *, year: int, month: int, topic: str, rows: list[YearToDateRow]
) -> Path:
    """One month's year-to-date table in the 怀柔区 layout, levels in 亿元 unless labelled."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    period = _ytd_header(year, month)
    sheet["A1"] = f"{period}{topic}"
    sheet.merge_cells("A1:D1")
    sheet["A2"], sheet["D2"] = f"  {period}", "单位:亿元"
    for column, text in enumerate(("项    目", period, "上年同期", "同比增长(%)"), start=1):
        sheet.cell(3, column, text)
    style_header(sheet, "A3:D3")
    for number, row in enumerate(rows, start=4):
        sheet.cell(number, 1, row.label)
        _put(sheet, number, 2, row.level)
        _put(sheet, number, 3, row.previous_level)
        _put(sheet, number, 4, row.growth)
    return save_workbook(workbook, path, CREATOR, sheet["A1"].value)


def write_national_retail_layout(
    path: Path, *, title: str, month: int, rows: list[MonthRow], note: str
) -> Path:
    """One month's table in the layout of the national retail release.

    January has one group (`1月`: the single month is the year to date); every later
    month has the single month's group and the year to date's.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    groups = ["1月"] if month == 1 else [f"{month}月", f"1-{month}月"]
    last_column = get_column_letter(1 + 2 * len(groups))  # the stub, then two per group
    sheet["A1"] = title
    sheet.merge_cells(f"A1:{last_column}1")
    sheet["A2"] = "指 标"
    sheet.merge_cells("A2:A3")
    for index, group in enumerate(groups):
        column = 2 + 2 * index
        sheet.cell(2, column, group)
        sheet.merge_cells(start_row=2, start_column=column, end_row=2, end_column=column + 1)
        sheet.cell(3, column, "绝对量 (亿元)")
        sheet.cell(3, column + 1, "同比增长(%)")
    style_header(sheet, f"A2:{last_column}3")
    for number, row in enumerate(rows, start=4):
        sheet.cell(number, 1, row.label)
        amounts = [row.month_level, row.month_growth, row.ytd_level, row.ytd_growth]
        for column, amount in enumerate(amounts[: 2 * len(groups)], start=2):
            _put(sheet, number, column, amount)
    note_row = 4 + len(rows)
    sheet.cell(note_row, 1, note)
    sheet.merge_cells(f"A{note_row}:{last_column}{note_row}")
    return save_workbook(workbook, path, CREATOR, title)
