"""Opening spreadsheet workbooks as plain grids of cells, one per sheet.

Readers of sheet shapes work on `Grid`s, so they do not care whether the grid
came from .xlsx or (later) .xls or CSV.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ingest.errors import IngestError


@dataclass(frozen=True)
class Cell:
    """A cell's value and the number format it is displayed with."""

    value: object
    number_format: str | None = None

    @property
    def text(self) -> str:
        """The value as trimmed text ('' for empty)."""
        return "" if self.value is None else str(self.value).strip()

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


@dataclass(frozen=True)
class Grid:
    """A sheet as rows of cells; row numbers are 1-based like Excel's."""

    name: str
    rows: list[list[Cell]]

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row - 1]
        return cells[column] if column < len(cells) else Cell(None)


def read_xlsx(path: Path) -> tuple[list[Grid], dict[str, str]]:
    """Read every worksheet of an .xlsx file; chart sheets are returned as skipped."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise IngestError(path.name, f"not a readable .xlsx workbook ({error})") from error
    try:
        grids = [Grid(sheet.title, list(_rows(sheet))) for sheet in workbook.worksheets]
        skipped = {sheet.title: "chart sheet, no data" for sheet in workbook.chartsheets}
    finally:
        workbook.close()
    return grids, skipped


def _rows(sheet: object) -> Iterator[list[Cell]]:
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        yield [Cell(cell.value, getattr(cell, "number_format", None)) for cell in row]
