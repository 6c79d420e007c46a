"""Choosing a reader for a file by its type, and a shape for each sheet of a workbook.

Extension points: READERS (one reader per file suffix) and SHAPES (sheet shapes, tried
in order on every grid a workbook or CSV file yields); NOT_DATA names sheets to skip
before any shape is tried. The file-size limit applies to every reader (`ingest.limits`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.bulletin import read_bulletin
from ingest.csv_grid import read_csv
from ingest.errors import IngestError
from ingest.growth_table import looks_like_growth_table, parse_growth_table
from ingest.indicator_table import looks_like_indicator_table, parse_indicator_table
from ingest.limits import Limits, check_file_size
from ingest.non_data import not_data_reason, year_month_comparison
from ingest.projects import looks_like_project_list, parse_project_list
from ingest.records import ParsedFile
from ingest.region_table import looks_like_region_table, parse_region_table
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
    (looks_like_indicator_table, parse_indicator_table),
    (looks_like_region_table, parse_region_table),
    (looks_like_growth_table, parse_growth_table),
]


def read_grids(grids: list[Grid], file_name: str, skipped: dict[str, str]) -> ParsedFile:
    """Read each grid by the shape it is detected to have; log why the others were skipped."""
    parsed = ParsedFile(skipped_sheets=dict(skipped))
    for grid in grids:
        reason = next((reason for rule in NOT_DATA if (reason := rule(grid))), None)
        parser = None if reason else next((p for detect, p in SHAPES if detect(grid)), None)
        if parser is None:
            parsed.skipped_sheets[grid.name] = reason or not_data_reason(grid)
            continue
        parser(grid, file_name, parsed)
    return parsed


def grid_reader(open_grids: Callable[[Path], Sheets]) -> Callable[[Path], ParsedFile]:
    """A file reader that opens a file as grids and reads each by its shape."""

    def read(path: Path) -> ParsedFile:
        grids, skipped = open_grids(path)
        return read_grids(grids, path.name, skipped)

    return read


# One reader per file type; each returns what it found and raises IngestError on bad input.
READERS: dict[str, Callable[[Path], ParsedFile]] = {
    ".xlsx": grid_reader(read_spreadsheet),
    ".xls": grid_reader(read_spreadsheet),
    ".csv": grid_reader(read_csv),
    ".txt": read_bulletin,
    ".html": read_bulletin,
    ".htm": read_bulletin,
    ".yaml": read_targets_yaml,
    ".yml": read_targets_yaml,
}


def parse_file(path: Path) -> ParsedFile:
    """What the file's reader finds in it, even no fact at all (`statswh ingest --explain`);
    IngestError (naming file, sheet, row) if it cannot be read."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(
            path.name,
            f"unsupported file type {path.suffix!r} (supported: {', '.join(sorted(READERS))})",
        )
    check_file_size(path, Limits.from_env())
    return reader(path)


def read_file(path: Path) -> ParsedFile:
    """Parse a bureau file; raise IngestError (naming file, sheet, row) if it is bad."""
    parsed = parse_file(path)
    if parsed.n_facts == 0:
        raise IngestError(
            path.name,
            "no figures found in a shape this reader knows "
            f"(skipped: {parsed.skipped_sheets or 'none'})",
        )
    return parsed
