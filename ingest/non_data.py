"""Sheets that are not fact tables, and the reason logged for skipping each.

A workbook carries notes and cover sheets, chart sheets (skipped where the workbook is
opened) and chart data: a year × month comparison table (rows 2022年, 2023年; columns
1月..12月) lays out figures for a line chart and repeats what the fact tables publish.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ingest.layout import HEADER_SEARCH_ROWS, norm
from ingest.workbook import EMPTY, Cell, Grid

YEAR_MONTH_TABLE = "year × month comparison table (chart data)"
_MONTH = re.compile(r"^(1-)?(1[0-2]|[1-9])月(份)?$")
_YEAR = re.compile(r"^(19|20)\d{2}(年)?$")
_MIN_MONTHS, _MIN_YEARS = 3, 2


def year_month_comparison(grid: Grid) -> str | None:
    """The skip reason for a grid with months across a header row and years down the first
    column, or the other way round; None for any other grid."""
    columns = list(itertools.zip_longest(*grid.rows, fillvalue=EMPTY))
    if _months_across_years_down(grid.rows) or _months_across_years_down(columns):
        return YEAR_MONTH_TABLE
    return None


def not_data_reason(grid: Grid) -> str:
    """Why no shape took a sheet (a recognised header decides, not numeric cells)."""
    if not any(cell.looks_numeric for row in grid.rows for cell in row):
        return "no numeric cells and no table header (notes or cover sheet)"
    return "no header row of a known table shape (e.g. naming 指标 and a value or growth column)"


def _months_across_years_down(lines: Sequence[Sequence[Cell]]) -> bool:
    """A line near the start with at least 3 month labels, and at least 2 later lines
    whose first label is a year."""
    for index, line in enumerate(lines[:HEADER_SEARCH_ROWS]):
        # Month labels are text: a number or a date never reads as one.
        months = sum(
            1 for cell in line if isinstance(cell.value, str) and _MONTH.match(norm(cell.text))
        )
        if months >= _MIN_MONTHS:
            firsts = (
                next((cell.text for cell in later if cell.text), "") for later in lines[index + 1 :]
            )
            return sum(1 for text in firsts if _YEAR.match(norm(text))) >= _MIN_YEARS
    return False
