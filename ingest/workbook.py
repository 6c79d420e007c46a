"""Opening spreadsheet workbooks as plain grids of cells, one per sheet.

Readers of sheet shapes work on `Grid`s, so they do not care whether a grid came from
.xlsx, legacy .xls (python-calamine) or CSV (`ingest.csv_grid`). The content decides how
a workbook is opened, not its suffix: an .xlsx saved under an .xls name is common.

An .xlsx is read with python-calamine (a Rust parser, several times faster than openpyxl's
reader, see docs/benchmarks.md); the number formats that carry each figure's published
decimals, which calamine does not expose, come from styles.xml and each cell's style
index in the sheet XML; its merged ranges, which say how far a header label spans, from
calamine too (`Grid.merged`, for .xls as well). The grid is the one openpyxl gives
(openpyxl still reads a sheet whose used area is larger than the cell limit, counting the
cells it really holds).

Every reader counts the cells it materialises and stops at the limit its caller passes
(`ingest.limits`), so a sheet claiming a cell at XFD1048576 cannot exhaust memory.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import xlrd
from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, SheetTypeEnum

from ingest.errors import IngestError
from ingest.limits import Limits, check_cell_count, check_zip_package
from ingest.numbers import is_figure_text

CHART_SHEET = "chart sheet, no data"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Excel, openpyxl, LibreOffice and XlsxWriter write a cell's attributes in schema order
# (r, s, t), so one pattern finds every styled cell; a sheet where that does not account
# for every style attribute (` s="` on cells and rows) takes the general, slower pattern.
_STYLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)" s="([0-9]+)"')
_STYLED_ROW = re.compile(rb'<row\s[^>]*\ss="')
_ROW_OR_CELL = re.compile(rb"<(row|c)(\s[^>]*)?>")
_ATTRIBUTE = re.compile(rb'\s(r|s)="([^"]*)"')
_REFERENCE = re.compile(rb"([A-Z]{1,3})([0-9]+)")
# Error values (#DIV/0!, #N/A): calamine reads them as empty; openpyxl gives their text.
_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*\st="e"[^>]*>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?'
    rb"<v>([^<]*)</v>"
)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's value and the number format it is displayed with."""

    value: object
    number_format: str | None = None
    # The value as trimmed text ('' for empty): worked out once, as every reader asks for it.
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = "" if self.value is None else str(self.value).strip()
        object.__setattr__(self, "text", text)

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)

    @property
    def looks_numeric(self) -> bool:
        """A number, or text that reads as one ("１６１．５", "3.0%"), as in CSV files."""
        return self.is_number or (isinstance(self.value, str) and is_figure_text(self.value))


EMPTY = Cell(None)

# A merged range: first row, first column, last row, last column (rows 1-based, columns
# 0-based, as `Grid.cell` counts them).
Merge = tuple[int, int, int, int]


@dataclass(frozen=True)
class Grid:
    """A sheet as rows of cells; row numbers are 1-based like Excel's, columns 0-based."""

    name: str
    rows: list[list[Cell]]
    folder: str | None = None  # the folder the file landed in ("2023-06"), a period of last resort
    # The sheet's merged ranges, or None where the format or reader does not keep them (CSV,
    # openpyxl's read-only mode): a header label then spans as far as the layout suggests.
    merged: tuple[Merge, ...] | None = None
    # Lines printed above this table elsewhere on the sheet (the sheet's title over the first
    # of several stacked tables): read after the table's own title lines.
    heading: tuple[str, ...] = ()
    # What a shape's detector found in the grid (a table's layout), kept for its parser.
    found: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row - 1]
        return cells[column] if column < len(cells) else EMPTY


Sheets = tuple[list[Grid], dict[str, str]]  # the grids, and the sheets skipped with a reason


def read_spreadsheet(path: Path, limits: Limits) -> Sheets:
    """Read an .xlsx or .xls workbook, whichever its content turns out to be."""
    with path.open("rb") as handle:
        magic = handle.read(len(_OLE2_MAGIC))
    if magic.startswith(_ZIP_MAGIC):
        return read_xlsx(path, limits)
    if magic == _OLE2_MAGIC:
        return read_xls(path, limits)
    raise IngestError(path.name, "not a workbook: neither .xlsx (zip) nor .xls (OLE2) content")


def read_xlsx(path: Path, limits: Limits) -> Sheets:
    """Read every worksheet of an .xlsx file, once the package has passed the safety checks."""
    worksheets = check_zip_package(path, limits, keep=_is_worksheet_part)
    try:
        sheets = _read_xlsx_with_calamine(path, limits, worksheets)
    except (CalamineError, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise IngestError(path.name, f"not a readable .xlsx workbook ({error})") from error
    return sheets if sheets is not None else _read_xlsx_with_openpyxl(path, limits)


def _is_worksheet_part(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _read_xlsx_with_calamine(
    path: Path, limits: Limits, worksheets: dict[str, bytes]
) -> Sheets | None:
    """Values from calamine, number formats from the package (its worksheets' XML as the
    package check unpacked it); None when a sheet's used area exceeds the cell limit
    (openpyxl then counts the cells it really holds)."""
    with path.open("rb") as handle, zipfile.ZipFile(path) as package:
        workbook = CalamineWorkbook.from_filelike(handle)
        try:
            formats = _style_formats(package)
            parts = _sheet_parts(package)
            cells_of = _CalamineCells()
            sheets = []
            skipped = {}
            merged: dict[str, tuple[Merge, ...]] = {}
            area = 0
            for sheet in workbook.sheets_metadata:
                if sheet.typ == SheetTypeEnum.ChartSheet:
                    skipped[sheet.name] = CHART_SHEET
                elif sheet.typ == SheetTypeEnum.WorkSheet:
                    values = workbook.get_sheet_by_name(sheet.name)
                    if values.end is not None:
                        area += (values.end[0] + 1) * (values.end[1] + 1)
                    if area > limits.max_cells:
                        return None
                    part = parts[sheet.name]
                    xml = worksheets[part] if part in worksheets else package.read(part)
                    sheets.append((sheet.name, _calamine_rows(values, xml, formats, cells_of)))
                    merged[sheet.name] = _merges(values)
            return counted_grids(path.name, sheets, limits, merged), skipped
        finally:
            workbook.close()


def _read_xlsx_with_openpyxl(path: Path, limits: Limits) -> Sheets:
    """openpyxl's read-only reader: it counts the cells it materialises."""
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


def read_xls(path: Path, limits: Limits) -> Sheets:
    """Read every worksheet of a legacy .xls file: values with calamine, each cell's number
    format (its published decimals) with xlrd, which reads the formatting records."""
    try:
        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
            try:
                sheets = workbook.sheets_metadata
                skipped = {s.name: _not_worksheet(s.typ) for s in sheets if _not_worksheet(s.typ)}
                worksheets = [s.name for s in sheets if s.name not in skipped]
                formats = _xls_number_formats(path)
                merged: dict[str, tuple[Merge, ...]] = {}

                def sheets_of() -> Iterator[tuple[str, Iterator[list[Cell]]]]:
                    """Each sheet's rows, its merges noted as it is opened."""
                    for name in worksheets:
                        sheet = workbook.get_sheet_by_name(name)
                        merged[name] = _merges(sheet)
                        yield name, _xls_rows(path.name, sheet, formats(name), limits)

                grids = counted_grids(path.name, sheets_of(), limits, merged)
            finally:
                workbook.close()
    except CalamineError as error:
        raise IngestError(path.name, f"not a readable .xls workbook ({error})") from error
    return grids, skipped


def counted_grids(
    file_name: str,
    sheets: Iterable[tuple[str, Iterable[list[Cell]]]],
    limits: Limits,
    merged: dict[str, tuple[Merge, ...]] | None = None,
) -> list[Grid]:
    """Materialise sheets as grids, refusing the file once it exceeds the cell limit; with
    `merged`, each sheet's merged ranges are kept with its grid."""
    grids, cells = [], 0
    for name, rows in sheets:
        kept = []
        for row in rows:
            cells += max(len(row), 1)
            check_cell_count(file_name, cells, limits)
            kept.append(row)
        grids.append(Grid(name, kept, merged=None if merged is None else merged.get(name, ())))
    return grids


def _merges(sheet: CalamineSheet) -> tuple[Merge, ...]:
    """The sheet's merged ranges, counted as the grid counts rows and columns."""
    return tuple(
        (first[0] + 1, first[1], last[0] + 1, last[1])
        for first, last in sheet.merged_cell_ranges or ()
    )


def _xlsx_rows(sheet: object) -> Iterator[list[Cell]]:
    # The <dimension> a file declares may be wrong or hostile: without it, each row is as
    # wide as its own last cell instead of being padded to the declared width.
    sheet.reset_dimensions()  # type: ignore[attr-defined]
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        yield [Cell(cell.value, getattr(cell, "number_format", None)) for cell in row]


def _calamine_rows(
    sheet: CalamineSheet, xml: bytes, formats: list[str], cells_of: _CalamineCells
) -> list[list[Cell]]:
    """Rows from A1, each as wide as its last value or styled cell (as openpyxl reads them
    with its dimensions reset): int for whole numbers, datetime for dates, None for empty;
    equal cells of the workbook are one (`cells_of`)."""
    values = sheet.to_python(skip_empty_area=False) if sheet.end is not None else []
    _put_errors(values, xml)
    styled = _cell_formats(xml, formats)
    rows: list[list[Cell]] = []
    for number in range(1, max(len(values), max(styled, default=0)) + 1):
        row_values = values[number - 1] if number <= len(values) else []
        row_formats = styled.get(number, {})
        width = len(row_values)
        while width and row_values[width - 1] == "":
            width -= 1
        number_format = row_formats.get
        cells = [
            cells_of[type(value), value, number_format(column)]
            for column, value in enumerate(row_values[:width])
        ]
        if row_formats:  # styled cells right of the last value
            cells += [
                cells_of[str, "", number_format(column)]
                for column in range(width, max(row_formats) + 1)
            ]
        rows.append(cells)
    return rows


class _CalamineCells(dict[tuple[type, object, str | None], Cell]):
    """The cell of each (type, value, number format) of a workbook, made once: labels, empty
    cells, formats and many figures repeat, and cells are immutable, so equal cells share one."""

    def __missing__(self, key: tuple[type, object, str | None]) -> Cell:
        cell = self[key] = _calamine_cell(*key)
        return cell


def _calamine_cell(kind: type, value: object, number_format: str | None) -> Cell:
    """A calamine value ("" for empty) of its type, and its cell's number format, as
    openpyxl reads them."""
    if kind is float:
        return Cell(int(value) if value.is_integer() else value, number_format or "General")
    if kind is str and not value:
        return EMPTY if number_format is None else Cell(None, number_format)
    if kind is date:
        value = datetime(value.year, value.month, value.day)
    return Cell(value, number_format or "General")


def _style_formats(package: zipfile.ZipFile) -> list[str]:
    """The number format of each cell style (cellXfs), named as openpyxl names them."""
    try:
        root = ElementTree.fromstring(package.read("xl/styles.xml"))
    except KeyError:
        return []
    custom = {
        int(code.get("numFmtId", "0")): code.get("formatCode", "General")
        for code in root.iterfind("main:numFmts/main:numFmt", _NS)
    }
    formats = []
    for style in root.iterfind("main:cellXfs/main:xf", _NS):
        number_format_id = int(style.get("numFmtId", "0"))
        formats.append(
            custom.get(number_format_id) or BUILTIN_FORMATS.get(number_format_id, "General")
        )
    return formats


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML."""
    relations = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for relation in relations.iterfind("rel:Relationship", _NS)
    }
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    parts = {}
    for sheet in workbook.iterfind("main:sheets/main:sheet", _NS):
        target = targets.get(sheet.get(_REL_ID), "")
        parts[sheet.get("name", "")] = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
    return parts


_COLUMNS: dict[bytes, int] = {}


def _column(letters: bytes) -> int:
    """0-based index of column 'A', 'AB', ..."""
    index = _COLUMNS.get(letters)
    if index is None:
        index = 0
        for letter in letters:
            index = index * 26 + letter - 64
        index = _COLUMNS[letters] = index - 1
    return index


def _cell_formats(xml: bytes, formats: list[str]) -> dict[int, dict[int, str]]:
    """Row -> column -> number format of every cell that has a style."""
    styled = _STYLED_CELL.findall(xml)
    if xml.count(b' s="') == len(styled) + len(_STYLED_ROW.findall(xml)):
        cells = [(int(row), _column(letters), int(style)) for letters, row, style in styled]
    else:
        cells = _styled_cells_in_any_order(xml)
    by_row: dict[int, dict[int, str]] = {}
    for row, column, style in cells:
        by_row.setdefault(row, {})[column] = formats[style] if style < len(formats) else "General"
    return by_row


def _styled_cells_in_any_order(xml: bytes) -> list[tuple[int, int, int]]:
    """(row, column, style) of styled cells; a row or cell without its reference (r) is
    the one after the previous, as openpyxl reads it."""
    styled = []
    row, column = 0, -1
    for tag, attribute_text in _ROW_OR_CELL.findall(xml):
        attributes = dict(_ATTRIBUTE.findall(attribute_text))
        reference = attributes.get(b"r")
        if tag == b"row":
            row, column = (int(reference) if reference else row + 1), -1
            continue
        match = _REFERENCE.fullmatch(reference) if reference else None
        column = _column(match.group(1)) if match else column + 1
        if b"s" in attributes:
            styled.append((row, column, int(attributes[b"s"])))
    return styled


def _put_errors(values: list[list[object]], xml: bytes) -> None:
    """Write the text of error cells into calamine's values, where it left them empty."""
    if b't="e"' not in xml:
        return
    errors = _ERROR_CELL.findall(xml)
    if len(errors) != xml.count(b't="e"'):
        raise ValueError("a cell error value without its cell reference (r attribute)")
    for letters, row, text in errors:
        values.extend([] for _ in range(int(row) - len(values)))
        row_values, column = values[int(row) - 1], _column(letters)
        row_values.extend([""] * (column + 1 - len(row_values)))
        row_values[column] = text.decode("utf-8")


def _xls_rows(
    file_name: str, sheet: CalamineSheet, number_format: CellFormat, limits: Limits
) -> Iterator[list[Cell]]:
    """Rows from A1 (calamine would start at the first used cell), once the sheet's used
    area is known to fit the cell limit; numbers carry their cell's number format."""
    if sheet.end is None:
        return
    check_cell_count(file_name, (sheet.end[0] + 1) * (sheet.end[1] + 1), limits)
    for row, values in enumerate(sheet.to_python(skip_empty_area=False)):
        yield [
            EMPTY
            if value == ""
            else Cell(value, number_format(row, column) if _is_number(value) else None)
            for column, value in enumerate(values)
        ]


CellFormat = Callable[[int, int], str | None]


def _xls_number_formats(path: Path) -> Callable[[str, str], CellFormat]:
    """Sheet name -> (row, column) -> the cell's number format ('0.0'), None where xlrd
    cannot say: the figure then keeps the decimals of its stored value, as Excel's General
    format shows it (docs/ingest-formats.md)."""
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, logfile=io.StringIO())
    except Exception:  # xlrd raises many types; calamine has read the values already
        return lambda name: lambda row, column: None

    def sheet_formats(name: str) -> CellFormat:
        try:
            sheet = book.sheet_by_name(name)
        except xlrd.XLRDError:
            return lambda row, column: None

        def number_format(row: int, column: int) -> str | None:
            if row >= sheet.nrows or column >= sheet.row_len(row):
                return None
            xf = book.xf_list[sheet.cell_xf_index(row, column)]
            found = book.format_map.get(xf.format_key)
            return found.format_str if found is not None else None

        return number_format

    return sheet_formats


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _not_worksheet(sheet_type: SheetTypeEnum) -> str | None:
    """Why a sheet of this type is skipped; None for a worksheet."""
    if sheet_type == SheetTypeEnum.WorkSheet:
        return None
    if sheet_type == SheetTypeEnum.ChartSheet:
        return CHART_SHEET
    return f"not a worksheet ({sheet_type.name}), no data"
