"""The same real table saved the ways bureaus and their users save it.

A table found on a bureau site comes back in many small variations of one layout: moved in
from the corner, a spacer column, numbers typed as text with thousands separators or
full-width digits, `1—3月` for `1-3月`, a footnote mark on a label, notes under it, a sheet
called `Sheet1`, saved as .xls or as CSV. None of them changes a figure, so each must give the
reader the same facts as the table it was made from. Each variation here rewrites a workbook
cell by cell (with openpyxl, xlwt for .xls) into a new file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import xlwt
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from ingest.records import Observation

Value = str | int | float | None
Respell = Callable[[Cell, bool], Value]  # (cell, is it in a row with figures) -> new value

_RANGE = re.compile(r"(?<=\d)[-－](?=\d{1,2}月)")
_FULL_WIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")
_DECIMALS = re.compile(r"0\.(0+)")


def printed(cell: Cell) -> str:
    """A number as its number format shows it ("12.30" for 12.3 under 0.00)."""
    value = cell.value
    if isinstance(value, str):
        return value
    if match := _DECIMALS.search(cell.number_format or ""):
        return f"{value:.{len(match[1])}f}"
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _is_figure(cell: Cell) -> bool:
    """A number that is a figure: not a year heading a column (1978, 2012)."""
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not (isinstance(value, int) and 1900 <= value <= 2100)


def _with_thousands(text: str) -> str:
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = digits.partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"


def _dash(dash: str) -> Respell:
    def respell(cell: Cell, _: bool) -> Value:
        return _RANGE.sub(dash, cell.value) if isinstance(cell.value, str) else cell.value

    return respell


def _as_text(convert: Callable[[str], str]) -> Respell:
    def respell(cell: Cell, _: bool) -> Value:
        return convert(printed(cell)) if _is_figure(cell) else cell.value

    return respell


def _footnote_mark(cell: Cell, in_figure_row: bool) -> Value:
    """A circled note number after the label of a row with figures."""
    value = cell.value
    if in_figure_row and cell.column == 1 and isinstance(value, str) and value.strip():
        return f"{value}①"
    return value


def _copy_sheet(
    source: Worksheet,
    target: Worksheet,
    *,
    shift: tuple[int, int] = (0, 0),
    spacer_column: int | None = None,
    spacer_row: int | None = None,
    respell: Respell | None = None,
) -> None:
    """Every value, number format and merged range of `source`, moved as asked."""

    def row_of(row: int) -> int:
        return row + shift[0] + (1 if spacer_row and row >= spacer_row else 0)

    def column_of(column: int) -> int:
        return column + shift[1] + (1 if spacer_column and column >= spacer_column else 0)

    for row in source.iter_rows():
        in_figure_row = any(_is_figure(cell) for cell in row)
        for cell in row:
            if cell.value is None:
                continue
            value = respell(cell, in_figure_row) if respell else cell.value
            copied = target.cell(row_of(cell.row), column_of(cell.column), value)
            if not isinstance(value, str):
                copied.number_format = cell.number_format
    for merged in source.merged_cells.ranges:
        target.merge_cells(
            start_row=row_of(merged.min_row),
            start_column=column_of(merged.min_col),
            end_row=row_of(merged.max_row),
            end_column=column_of(merged.max_col),
        )


def _rewritten(
    sheet_changes: dict,
    *,
    sheet_name: str | None = None,
    notes: bool = False,
    readme: bool = False,
    dash: str | None = None,
) -> Callable[[Path, Path], Path]:
    """A new workbook of the changed sheets; `dash` respells the file name's range too."""

    def make(source: Path, folder: Path) -> Path:
        original = openpyxl.load_workbook(source)
        book = openpyxl.Workbook()
        book.remove(book.active)
        for sheet in original.worksheets:
            target = book.create_sheet(sheet_name or sheet.title)
            _copy_sheet(sheet, target, **sheet_changes)
            if notes:
                below = target.max_row + 2
                target.cell(below, 1, "注:本表数据为初步统计数,分项之和与总计因四舍五入略有出入。")
                target.cell(below + 1, 1, "数据来源:统计局")
        if readme:
            notes_sheet = book.create_sheet("说明")
            notes_sheet.cell(1, 1, "指标解释")
            notes_sheet.cell(2, 1, "增长速度按可比价格计算。")
        path = folder / (_RANGE.sub(dash, source.name) if dash else source.name)
        book.save(path)
        return path

    return make


def _csv(encoding: str) -> Callable[[Path, Path], Path]:
    """The first sheet as a CSV export writes it: the text shown, merged ranges lost."""

    def make(source: Path, folder: Path) -> Path:
        sheet = openpyxl.load_workbook(source).worksheets[0]
        path = folder / f"{source.stem}.csv"
        with path.open("w", encoding=encoding, newline="") as out:
            writer = csv.writer(out)
            for row in sheet.iter_rows():
                writer.writerow(["" if cell.value is None else printed(cell) for cell in row])
        return path

    return make


def _xls(source: Path, folder: Path) -> Path:
    """The workbook saved in the Excel 97-2003 format, merged ranges and number formats kept."""
    original = openpyxl.load_workbook(source)
    book = xlwt.Workbook(encoding="utf-8")
    for sheet in original.worksheets:
        target = book.add_sheet(sheet.title[:31])
        merged_at = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
        covered = {
            (row, column)
            for m in sheet.merged_cells.ranges
            for row in range(m.min_row, m.max_row + 1)
            for column in range(m.min_col, m.max_col + 1)
        }
        for row in sheet.iter_rows():
            for cell in row:
                place = (cell.row, cell.column)
                if merged := merged_at.get(place):
                    target.write_merge(
                        merged.min_row - 1,
                        merged.max_row - 1,
                        merged.min_col - 1,
                        merged.max_col - 1,
                        cell.value,
                    )
                elif cell.value is not None and place not in covered:
                    style = xlwt.easyxf(num_format_str=cell.number_format or "General")
                    target.write(cell.row - 1, cell.column - 1, cell.value, style)
    path = folder / f"{source.stem}.xls"
    book.save(str(path))
    return path


def printed_twice(source: Path, folder: Path) -> Path:
    """Each sheet with a copy of itself under it, an empty row between: two tables stacked
    on one sheet, as a monthly report prints its 工业 and 投资 tables."""
    original = openpyxl.load_workbook(source)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in original.worksheets:
        target = book.create_sheet(sheet.title)
        _copy_sheet(sheet, target)
        _copy_sheet(sheet, target, shift=(sheet.max_row + 1, 0))
    path = folder / source.name
    book.save(path)
    return path


VARIATIONS: dict[str, Callable[[Path, Path], Path]] = {
    "moved in from the corner": _rewritten({"shift": (2, 1)}),
    "a spacer column after the first": _rewritten({"spacer_column": 2}),
    "an empty row under the title": _rewritten({"spacer_row": 2}),
    "numbers typed as text": _rewritten({"respell": _as_text(str)}),
    "thousands separators": _rewritten({"respell": _as_text(_with_thousands)}),
    "full-width digits": _rewritten({"respell": _as_text(lambda s: s.translate(_FULL_WIDTH))}),
    "1—3月 with an em dash": _rewritten({"respell": _dash("—")}, dash="—"),
    "1～3月 with a wave dash": _rewritten({"respell": _dash("～")}, dash="～"),
    "1至3月": _rewritten({"respell": _dash("至")}, dash="至"),
    "circled footnote marks on labels": _rewritten({"respell": _footnote_mark}),
    "notes under the table": _rewritten({}, notes=True),
    "a sheet called Sheet1": _rewritten({}, sheet_name="Sheet1"),
    "a sheet of notes beside it": _rewritten({}, readme=True),
    "saved as .xls": _xls,
    "CSV in UTF-8": _csv("utf-8-sig"),
    "CSV in GBK": _csv("gbk"),
}


def fact_set(observations: list[Observation]) -> set[tuple[object, ...]]:
    """The facts as compared: region, indicator, period, value with its unit, growth."""
    return {
        (
            o.region_name,
            o.indicator_name,
            o.period_type,
            o.period_end,
            o.value_published,
            o.unit_published,
            o.yoy_growth_pct,
        )
        for o in observations
    }
