"""The growth-only sheet shape: indicator or industry | period | growth %, without levels.

"规模以上工业分行业增加值增速" lists industries as rows and publishes only their growth.
It is an indicator table without a value column and is read by the same code
(`ingest.indicator_table`): each row gives an Observation whose value is None, and industry
rows are named after the title's topic ("规模以上工业增加值:纺织业").
"""

from __future__ import annotations

from ingest.errors import IngestError
from ingest.indicator_table import find_row_table, read_row_table
from ingest.records import ParsedFile
from ingest.workbook import Grid


def looks_like_growth_table(grid: Grid) -> bool:
    """True when a header near the top names 指标 or 行业 and a growth column, but no value."""
    table = find_row_table(grid)
    return table is not None and table.figures.value is None


def parse_growth_table(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the sheet's growth rates to `parsed`; raise IngestError naming the bad cell."""
    table = find_row_table(grid)
    if table is None or table.figures.value is not None:
        raise IngestError(
            file_name, "no header row naming 指标 or 行业 and only a growth column", sheet=grid.name
        )
    read_row_table(grid, table, file_name, parsed)
