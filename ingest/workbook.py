"""Opening spreadsheet workbooks as plain grids of cells, one per sheet.

Readers of sheet shapes work on `Grid`s, so they do not care whether a grid came from
.xlsx (openpyxl, which keeps each cell's number format and so its published decimals),
legacy .xls (python-calamine) or CSV (`ingest.csv_grid`). The content decides how a
workbook is opened, not its suffix: an .xlsx saved under an .xls name is common.

Every reader counts the cells it materialises and stops at the configured limit
(`ingest.limits`), so a sheet claiming a cell at XFD1048576 cannot exhaust memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, SheetTypeEnum

from ingest.errors import IngestError
from ingest.limits import Limits, check_cell_count, check_zip_package
from ingest.numbers import NotANumberError, parse_text

CHART_SHEET = "chart sheet, no data"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
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

    @property
    def looks_numeric(self) -> bool:
        """A number, or text that reads as one ("１６１．５", "3.0%"), as in CSV files."""
        if self.is_number:
            return True
        try:
            return isinstance(self.value, str) and parse_text(self.value) is not None
        except NotANumberError:
            return False


EMPTY = Cell(None)


@dataclass(frozen=True)
class Grid:
    """A sheet as rows of cells; row numbers are 1-based like Excel's, columns 0-based."""

    name: str
    rows: list[list[Cell]]

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row - 1]
        return cells[column] if column < len(cells) else EMPTY


Sheets = tuple[list[Grid], dict[str, str]]  # the grids, and the sheets skipped with a reason


def read_spreadsheet(path: Path) -> Sheets:
    """Read an .xlsx or .xls workbook, whichever its content turns out to be."""
    with path.open("rb") as handle:
        magic = handle.read(len(_OLE2_MAGIC))
    if magic.startswith(_ZIP_MAGIC):
        return read_xlsx(path)
    if magic == _OLE2_MAGIC:
        return read_xls(path)
    raise IngestError(path.name, "not a workbook: neither .xlsx (zip) nor .xls (OLE2) content")


def read_xlsx(path: Path) -> Sheets:
    """Read every worksheet of an .xlsx file, once the package has passed the safety checks."""
    limits = Limits.from_env()
    check_zip_package(path, limits)
    # Opened through a handle: openpyxl refuses a file by its name when it is not .xlsx.
    with path.open("rb") as handle:
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
            raise IngestError(path.name, f"not a readable .xlsx workbook ({error})") from error
        try:
            grids = counted_grids(
                path.name,
                ((sheet.title, _xlsx_rows(sheet)) for sheet in workbook.worksheets),
                limits,
            )
            skipped = {sheet.title: CHART_SHEET for sheet in workbook.chartsheets}
        finally:
            workbook.close()
    return grids, skipped


def read_xls(path: Path) -> Sheets:
    """Read every worksheet of a legacy .xls file.

    calamine does not expose number formats: numbers keep the decimals of the stored
    value, as Excel's General format shows it (see docs/ingest-formats.md).
    """
    limits = Limits.from_env()
    try:
        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
            try:
                sheets = workbook.sheets_metadata
                skipped = {s.name: _not_worksheet(s.typ) for s in sheets if _not_worksheet(s.typ)}
                worksheets = [s.name for s in sheets if s.name not in skipped]
                grids = counted_grids(
                    path.name,
                    (
                        (name, _xls_rows(path.name, workbook.get_sheet_by_name(name), limits))
                        for name in worksheets
                    ),
                    limits,
                )
            finally:
                workbook.close()
    except CalamineError as error:
        raise IngestError(path.name, f"not a readable .xls workbook ({error})") from error
    return grids, skipped


def counted_grids(
    file_name: str, sheets: Iterable[tuple[str, Iterable[list[Cell]]]], limits: Limits
) -> list[Grid]:
    """Materialise sheets as grids, refusing the file once it exceeds the cell limit."""
    grids, cells = [], 0
    for name, rows in sheets:
        kept = []
        for row in rows:
            cells += max(len(row), 1)
            check_cell_count(file_name, cells, limits)
            kept.append(row)
        grids.append(Grid(name, kept))
    return grids


def _xlsx_rows(sheet: object) -> Iterator[list[Cell]]:
    # The <dimension> a file declares may be wrong or hostile: without it, each row is as
    # wide as its own last cell instead of being padded to the declared width.
    sheet.reset_dimensions()  # type: ignore[attr-defined]
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        yield [Cell(cell.value, getattr(cell, "number_format", None)) for cell in row]


def _xls_rows(file_name: str, sheet: CalamineSheet, limits: Limits) -> Iterator[list[Cell]]:
    """Rows from A1 (calamine would start at the first used cell), once the sheet's used
    area is known to fit the cell limit."""
    if sheet.end is None:
        return
    check_cell_count(file_name, (sheet.end[0] + 1) * (sheet.end[1] + 1), limits)
    for values in sheet.to_python(skip_empty_area=False):
        yield [Cell(None if value == "" else value) for value in values]


def _not_worksheet(sheet_type: SheetTypeEnum) -> str | None:
    """Why a sheet of this type is skipped; None for a worksheet."""
    if sheet_type == SheetTypeEnum.WorkSheet:
        return None
    if sheet_type == SheetTypeEnum.ChartSheet:
        return CHART_SHEET
    return f"not a worksheet ({sheet_type.name}), no data"
