"""Choosing a reader for a file by its type, and a shape for each sheet of a workbook.

Extension points: READERS (one reader per file suffix) and SHAPES (sheet shapes, tried
in order on every grid a workbook or CSV file yields); NOT_DATA names sheets to skip
before any shape is tried. The caller passes the limits (`ingest.limits`), read once where the
program starts: the file-size limit applies to every reader, the others to workbooks, CSV and .docx.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from openpyxl.utils import get_column_letter

from ingest.bulletin import read_bulletin
from ingest.column_table import count_numbers, looks_like_column_table, parse_column_table
from ingest.csv_grid import read_csv
from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits, check_file_size
from ingest.non_data import not_data_reason, year_month_comparison
from ingest.projects import looks_like_project_list, parse_project_list
from ingest.records import ParsedFile, UnreadFigure
from ingest.targets import looks_like_target_table, parse_target_table, read_targets_yaml
from ingest.workbook import Grid, Sheets, read_spreadsheet


def file_format(path: Path) -> str:
    """The format name recorded in the registry ('xlsx', ...)."""
    return path.suffix.lower().lstrip(".")


# Sheets that are not data, whatever shape they resemble: each returns a reason or None.
NOT_DATA: list[Callable[[Grid], str | None]] = [year_month_comparison]

# Sheet shapes, tried in order: the first whose detector accepts a grid parses it.
# Project lists and target tables go first: their detectors need columns an indicator table
# does not have (投资 beside 项目名称; 目标类型 and 比较), so they never take one from it.
SHAPES: list[tuple[Callable[[Grid], bool], Callable[[Grid, str, ParsedFile], None]]] = [
    (looks_like_project_list, parse_project_list),
    (looks_like_target_table, parse_target_table),
    (looks_like_column_table, parse_column_table),
]


def read_grids(grids: list[Grid], file_name: str, skipped: dict[str, str]) -> ParsedFile:
    """Read each grid by the shape it is detected to have; log why the others were skipped."""
    parsed = ParsedFile(skipped_sheets=dict(skipped))
    for grid in grids:
        reason = next((reason for rule in NOT_DATA if (reason := rule(grid))), None)
        parser = None if reason else next((p for detect, p in SHAPES if detect(grid)), None)
        if parser is None:
            parsed.skipped_sheets[grid.name] = reason or not_data_reason(grid)
            _account_skipped_sheet(grid, reason, parsed)
            continue
        parser(grid, file_name, parsed)
    return parsed


def _account_skipped_sheet(grid: Grid, reason: str | None, parsed: ParsedFile) -> None:
    """The numbers of a sheet no shape reads: skipped for a known reason (chart data), else
    unread, so a table in a layout nobody knows is never dropped in silence."""
    for row, column, cell in count_numbers(grid):
        if reason:
            parsed.figures.skip(reason)
        else:
            parsed.figures.unread.append(
                UnreadFigure(
                    grid.name,
                    row,
                    get_column_letter(column + 1),
                    cell.text,
                    "no table header this reader knows",
                )
            )


# A reader takes a file and the limits it must keep to.
Reader = Callable[[Path, Limits], ParsedFile]


def grid_reader(open_grids: Callable[[Path, Limits], Sheets]) -> Reader:
    """A file reader that opens a file as grids and reads each by its shape."""

    def read(path: Path, limits: Limits) -> ParsedFile:
        grids, skipped = open_grids(path, limits)
        landed = [replace(grid, folder=path.parent.name or None) for grid in grids]
        return read_grids(landed, path.name, skipped)

    return read


def text_reader(read_text: Callable[[Path], ParsedFile]) -> Reader:
    """A reader of a text file, which the file-size limit alone bounds."""

    def read(path: Path, limits: Limits) -> ParsedFile:
        return read_text(path)

    return read


# One reader per file type; each returns what it found and raises IngestError on bad input.
READERS: dict[str, Reader] = {
    ".xlsx": grid_reader(read_spreadsheet),
    ".xlsm": grid_reader(read_spreadsheet),  # a workbook with macros, never run
    ".xls": grid_reader(read_spreadsheet),
    ".csv": grid_reader(read_csv),
    ".txt": text_reader(read_bulletin),
    ".html": text_reader(read_bulletin),
    ".htm": text_reader(read_bulletin),
    ".docx": read_bulletin,  # a zip package: the limits on packages apply
    ".yaml": text_reader(read_targets_yaml),
    ".yml": text_reader(read_targets_yaml),
}


def parse_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParsedFile:
    """What the file's reader finds in it, even no fact at all (`statswh ingest --explain`);
    IngestError (naming file, sheet, row) if it cannot be read."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(
            path.name,
            f"unsupported file type {path.suffix!r} (supported: {', '.join(sorted(READERS))})",
        )
    check_file_size(path, limits)
    return reader(path, limits)


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParsedFile:
    """Parse a bureau file; raise IngestError (naming file, sheet, row) if it is bad."""
    parsed = parse_file(path, limits)
    if parsed.n_facts == 0:
        raise IngestError(
            path.name,
            "no figures found in a shape this reader knows "
            f"(skipped: {parsed.skipped_sheets or 'none'})",
        )
    return parsed
