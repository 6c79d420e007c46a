"""Choosing a reader for a file by its type, and a shape for each sheet of a workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.errors import IngestError
from ingest.indicator_table import looks_like_indicator_table, parse_indicator_table
from ingest.records import ParsedFile
from ingest.workbook import Grid, read_xlsx


def file_format(path: Path) -> str:
    """The format name recorded in the registry ('xlsx', ...)."""
    return path.suffix.lower().lstrip(".")


def read_workbook(path: Path) -> ParsedFile:
    """Every data sheet of a workbook, each read by the shape it is detected to have."""
    grids, skipped = read_xlsx(path)
    parsed = ParsedFile(skipped_sheets=dict(skipped))
    for grid in grids:
        reason = _not_data_reason(grid)
        if reason is not None:
            parsed.skipped_sheets[grid.name] = reason
            continue
        parse_indicator_table(grid, path.name, parsed)
    return parsed


# One reader per file type; each returns what it found and raises IngestError on bad input.
READERS: dict[str, Callable[[Path], ParsedFile]] = {
    ".xlsx": read_workbook,
}


def read_file(path: Path) -> ParsedFile:
    """Parse a bureau file; raise IngestError (naming file, sheet, row) if it is bad."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(
            path.name,
            f"unsupported file type {path.suffix!r} (supported: {', '.join(sorted(READERS))})",
        )
    parsed = reader(path)
    if parsed.n_facts == 0:
        raise IngestError(
            path.name,
            "no figures found in a shape this reader knows "
            f"(skipped: {parsed.skipped_sheets or 'none'})",
        )
    return parsed


def _not_data_reason(grid: Grid) -> str | None:
    """Why a sheet is not a data table, or None when it should be parsed.

    A recognised header decides, not numeric cells: figures written as text
    (full-width digits) are still figures.
    """
    if looks_like_indicator_table(grid):
        return None
    if not any(cell.is_number for row in grid.rows for cell in row):
        return "no numeric cells and no table header (notes or cover sheet)"
    return "no header row naming 指标 and a value or growth column"
