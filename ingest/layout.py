"""What every sheet shape shares: the title, the header block, footnotes and figure cells.

Bureau tables differ in their body, not in their frame. A title row above the header names
the region and period ("川江区主要经济指标(2023年1-6月)"); publisher lines may follow; the
header may span several rows, and a merged header cell arrives as one label followed by
empty cells, with its range where the reader keeps merges (`Grid.merged`); footnotes (注: ...)
end the table. Every figure cell follows the same conventions ("—", "-", "…" or blank for not
available, full-width digits, "1,234.5", "3.0%"), and a bad one is reported with its file,
sheet, row and column.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from openpyxl.utils import get_column_letter

from ingest.errors import IngestError
from ingest.numbers import NOT_AVAILABLE, Figure, NotANumberError, parse_cell
from ingest.records import ParsedFile
from ingest.workbook import Cell, Grid

HEADER_SEARCH_ROWS = 12
FOOTNOTE = re.compile(
    r"^(注|备注|说明|资料来源|数据来源|制表|填表|审核|统计负责人|单位负责人|指标解释)"
)
_PARENS = re.compile(r"[(（]\s*(?:单位[:：]\s*)?([^()（）]*?)\s*[)）]")
_PUBLISHER = re.compile(r"编制单位[:：]\s*([^\s:：]+?)(?=发布日期|\s|$)")
_RELEASE_DATE = re.compile(r"发布日期[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_SUB_ITEM = re.compile(r"^[#＃]")
_ROW_LABEL_PREFIX = re.compile(r"^(其中[:：]?|[0-9一二三四五六七八九十]+[.、．]\s*|[#＃]+)")


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Full-width forms folded (NFKC) and spaces removed: "地 区" and "地区" are one label.

    Cached: indicator names, units and period labels repeat on every sheet.
    """
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")


def split_unit(label: str) -> tuple[str, str | None]:
    """A label without its parenthesised parts, and the last of them as the unit.

    "绝对值(亿元)" -> ("绝对值", "亿元"); "增速(%)" -> ("增速", "%").
    """
    units = _PARENS.findall(label)
    return _PARENS.sub("", label), (units[-1] or None) if units else None


# --- title and publisher lines ---------------------------------------------------------------


def read_metadata(grid: Grid, header_row: int, parsed: ParsedFile) -> None:
    """Publisher and release date from the lines above the header ("编制单位:...发布日期:...")."""
    for row in grid.rows[: header_row - 1]:
        for cell in row:
            text = unicodedata.normalize("NFKC", cell.text)
            if parsed.publisher is None and (match := _PUBLISHER.search(text)):
                parsed.publisher = match.group(1)
            if parsed.release_date is None and (match := _RELEASE_DATE.search(text)):
                parsed.release_date = date(*(int(part) for part in match.groups()))


# --- header block and body -------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """A table's header block: its rows, the stub column and each column's labels per row.

    `levels` holds one tuple of labels per header row, top first, with a merged label
    repeated over the columns it spans.
    """

    first_row: int
    last_row: int
    stub_column: int
    levels: tuple[tuple[str, ...], ...]

    @property
    def width(self) -> int:
        return len(self.levels[0])

    def labels(self, column: int) -> tuple[str, ...]:
        """The column's label in each header row, top first."""
        return tuple(level[column] for level in self.levels)

    def label(self, column: int) -> str:
        """The column's labels joined: "本期" over "数值" is "本期数值"."""
        return "".join(self.labels(column))


def header_candidates(grid: Grid, is_stub: Callable[[str], bool]) -> Iterator[Header]:
    """Each row near the top with a stub label (指标, 地区, ...), with its sub-header rows."""
    for row_number in range(1, min(len(grid.rows), HEADER_SEARCH_ROWS) + 1):
        labels = [norm(cell.text) for cell in grid.rows[row_number - 1]]
        stub = next((index for index, label in enumerate(labels) if is_stub(label)), None)
        if stub is None:
            continue
        last = row_number
        while last < len(grid.rows) and _is_sub_header(grid.rows[last], stub):
            last += 1
        levels = filled_levels(grid, list(range(row_number, last + 1)), stub)
        yield Header(row_number, last, stub, levels)


def _is_sub_header(row: list[Cell], stub: int) -> bool:
    """Labels only (no figure, no "—"), and nothing under the stub column."""
    labelled = [cell for cell in row if cell.text]
    if not labelled or any(
        cell.looks_numeric or norm(cell.text) in NOT_AVAILABLE for cell in labelled
    ):
        return False
    return stub >= len(row) or not row[stub].text


def filled_levels(grid: Grid, rows: list[int], stub: int) -> tuple[tuple[str, ...], ...]:
    """Header labels of these rows with merged cells restored.

    Where the sheet's merged ranges are known, a label spans the columns of its range and no
    further: a column with nothing printed above it is not under its neighbour's label
    (厦门's sector columns beside 地区生产总值). Where they are not (CSV, a sheet laid out with
    empty cells), a label spans right over empty cells that have a sub-header somewhere below
    (an empty or English line may come between), top rows first and never past the span of
    the label above it, so that spans nest. Either way a `#` sub-item is a part of the column on its
    left: the empty cells above it take that column's labels when it is printed below the end
    of that column's name (第二产业 over #工业), and none when beside it ("企 业" / "单 位 数"
    beside "#亏 损" / "企 业"); a sub-item's own label spans nothing.
    """
    width = max(len(grid.rows[row - 1]) for row in rows)
    levels = [[norm(grid.cell(row, c).text) for c in range(width)] for row in rows]
    spans = _header_spans(grid, rows, stub)
    for level, row in zip(levels, rows, strict=True):
        for first, last in spans.get(row, ()) if spans else ():
            for column in range(first + 1, min(last + 1, width)):
                level[column] = level[column] or level[first]
    for depth in range(len(levels) - 1):  # top down: a label spans only within its parent's
        upper, lower = levels[depth], levels[depth + 1]
        for column in range(stub + 2, width):
            if _SUB_ITEM.match(upper[column - 1]):  # a sub-item is a column of its own
                continue
            under = not lower[column - 1] if _SUB_ITEM.match(lower[column]) else spans is None
            # The sub-header may sit further down, below a line left empty (or in English).
            labelled_below = any(level[column] for level in levels[depth + 1 :])
            same_parent = all(level[column] == level[column - 1] for level in levels[:depth])
            if not upper[column] and labelled_below and upper[column - 1] and under and same_parent:
                upper[column] = upper[column - 1]
    return tuple(tuple(level) for level in levels)


_Spans = dict[int, list[tuple[int, int]]]  # header row -> (first, last) column of each merge


def _header_spans(grid: Grid, rows: list[int], stub: int) -> _Spans | None:
    """The first and last column of each merged range right of the stub, by the header row it
    starts in; None when the sheet's merges are not known or none touches the header (a sheet
    laid out with empty cells rather than merges)."""
    if grid.merged is None:
        return None
    spans: _Spans = {}
    touched = False
    for first_row, first, last_row, last in grid.merged:
        if last > stub and first_row <= rows[-1] and last_row >= rows[0]:
            touched = True
            if first_row in rows and stub < first < last:  # not the stub's own merge
                spans.setdefault(first_row, []).append((first, last))
    return spans if touched else None


def body_rows(grid: Grid, header: Header) -> Iterator[tuple[int, str]]:
    """Each row below the header with its stub label, until a footnote (注: ...) ends the table.

    Rows with an empty stub are passed over; a "其中:", "1." or "#" before the label is dropped.
    """
    for row_number in range(header.last_row + 1, len(grid.rows) + 1):
        first_text = next((cell.text for cell in grid.rows[row_number - 1] if cell.text), "")
        if FOOTNOTE.match(norm(first_text)):
            return
        label = norm(grid.cell(row_number, header.stub_column).text)
        if label:
            yield row_number, _ROW_LABEL_PREFIX.sub("", label)


# --- figures and observations ----------------------------------------------------------------


def cell_error(grid: Grid, file_name: str, row: int, column: int, problem: str) -> IngestError:
    """An IngestError naming the file, sheet, row and column letter."""
    return IngestError(
        file_name, problem, sheet=grid.name, row=row, column=get_column_letter(column + 1)
    )


def figure_at(grid: Grid, file_name: str, row: int, column: int, what: str) -> Figure | None:
    """The figure in a cell (None if not available); a bad cell raises naming it."""
    cell = grid.cell(row, column)
    try:
        return parse_cell(cell.value, cell.number_format)
    except NotANumberError as error:
        raise cell_error(grid, file_name, row, column, f"{what} {error}") from error
