"""The region-table sheet shape: one row per region, indicators across the top.

    周口市各县区主要经济指标(2023年1-6月)
    地区 | 地区生产总值                       | 规模以上工业增加值
         | 绝对值(亿元) | 增速(%) | 位次     | 增速(%) | 位次
    川江 | 170.2        | 5.1     | 2        | 8.0     | 1
    全市 | ...
    注: ...

Each indicator spans value / growth / rank sub-columns (merged header cells). A single
header row works too ("地区生产总值(亿元) | 增速(%) | 位次"): a column that names only a
growth or rank belongs to the indicator on its left. A sub-column naming something else
("比上年增减(百分点)") becomes an indicator of its own, so nothing published is dropped.
Region names are kept as published (short names such as 川江 are matched to codes in dbt);
a total row (全市, 合计) stands for the title's region. The period comes from the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.errors import IngestError
from ingest.layout import (
    TOTAL_ROWS,
    FigureColumns,
    Header,
    PublishedPeriod,
    body_rows,
    cell_error,
    figure_role,
    header_candidates,
    read_metadata,
    read_title,
    row_observations,
    split_unit,
)
from ingest.periods import UnknownPeriodError
from ingest.records import ParsedFile
from ingest.workbook import Grid

_STUB = re.compile(
    r"^(地区|地区名称|区域|县区|区县|县市区|市县|县\(市、?区\)|市\(县、?区\)|县\(市\))$"
)


@dataclass(frozen=True)
class _Column:
    """What one header column says: whose figure it holds, which one, and in what unit."""

    index: int
    indicator: str
    role: str  # value | growth | rank
    qualifier: str  # "增速" of "增速位次"
    unit: str | None


@dataclass(frozen=True)
class _Indicator:
    name: str
    unit: str | None
    columns: FigureColumns


def looks_like_region_table(grid: Grid) -> bool:
    """True when a header near the top names the region column (地区) and indicator columns."""
    return _find_header(grid) is not None


def parse_region_table(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append each region's figures to `parsed`; raise IngestError naming the bad cell."""
    header = _find_header(grid)
    if header is None:
        raise IngestError(file_name, "no header row naming 地区 and indicators", sheet=grid.name)
    indicators = _indicators(grid, file_name, header)
    title = read_title(grid, header.first_row)
    read_metadata(grid, header.first_row, parsed)
    if title.period is None:
        raise IngestError(
            file_name, "no period in the title (e.g. '...(2023年1-6月)')", sheet=grid.name
        )
    try:
        period = PublishedPeriod.parse(title.period, title.year)
    except UnknownPeriodError as error:
        raise IngestError(file_name, f"title: {error}", sheet=grid.name) from error
    for row, label in body_rows(grid, header):
        region = title.region if label in TOTAL_ROWS and title.region else label
        for indicator in indicators:
            parsed.observations += row_observations(
                grid,
                file_name,
                row,
                region=region,
                indicator=indicator.name,
                unit=indicator.unit,
                period=lambda: period,
                columns=indicator.columns,
            )


def _find_header(grid: Grid) -> Header | None:
    for header in header_candidates(grid, lambda label: bool(_STUB.match(label))):
        if _columns(header):
            return header
    return None


def _columns(header: Header) -> list[_Column]:
    """The figure columns right of the region column, each tied to its indicator."""
    columns: list[_Column] = []
    current = ""
    for index in range(header.stub_column + 1, header.width):
        labels = [label for label in header.labels(index) if label]
        if not labels:
            continue
        # The bottom label names the figure when the column has one of its own; the nearest
        # label above it names the indicator (a merged label spanning its sub-columns).
        sub_text, sub_unit = split_unit(labels[-1] if len(labels) > 1 else "")
        top_text, top_unit = split_unit(labels[-2] if len(labels) > 1 else labels[0])
        role, before = figure_role(sub_text or top_text)
        if sub_text:
            indicator, qualifier = (top_text, before) if role else (top_text + sub_text, "")
        else:
            indicator, qualifier = (before if role else top_text), ""
        current = indicator or current
        if current:
            columns.append(
                _Column(index, current, role or "value", qualifier, sub_unit or top_unit)
            )
    return columns


def _indicators(grid: Grid, file_name: str, header: Header) -> list[_Indicator]:
    """The columns grouped per indicator; two value (or growth) columns for one are refused."""
    found: dict[str, _Indicator] = {}
    for column in _columns(header):
        indicator = found.get(column.indicator) or _Indicator(
            column.indicator, None, FigureColumns()
        )
        figures = indicator.columns
        if column.role == "rank":
            suffix = column.qualifier + "位次"
            taken = any(name == suffix for name, _ in figures.ranks)
            figures = replace(figures, ranks=(*figures.ranks, (suffix, column.index)))
        else:
            taken = getattr(figures, column.role) is not None
            figures = replace(figures, **{column.role: column.index})
        if taken:
            raise cell_error(
                grid,
                file_name,
                header.last_row,
                column.index,
                f"a second {column.role} column for {column.indicator}; a region table has "
                "one value, one growth and one rank of each kind per indicator",
            )
        unit = column.unit if column.role == "value" else indicator.unit
        found[column.indicator] = _Indicator(column.indicator, unit, figures)
    return list(found.values())
