"""Choosing a reader for a file and a shape for each of its sheets."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError
from ingest.indicator_table import looks_like_indicator_table, parse_indicator_table
from ingest.records import ParsedFile
from ingest.workbook import Grid, read_xlsx

SUPPORTED_SUFFIXES = (".xlsx",)


def file_format(path: Path) -> str:
    """The format name recorded in the registry ('xlsx', ...)."""
    return path.suffix.lower().lstrip(".")


def read_file(path: Path) -> ParsedFile:
    """Parse a bureau file into observations; raise IngestError if any data sheet is bad."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(
            path.name,
            f"unsupported file type {path.suffix!r} (supported: {', '.join(SUPPORTED_SUFFIXES)})",
        )
    grids, skipped = read_xlsx(path)
    parsed = ParsedFile(skipped_sheets=dict(skipped))
    for grid in grids:
        reason = _not_data_reason(grid)
        if reason is not None:
            parsed.skipped_sheets[grid.name] = reason
            continue
        parse_indicator_table(grid, path.name, parsed)
    if not parsed.observations:
        raise IngestError(
            path.name,
            "no sheet holds figures in a shape this reader knows "
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
