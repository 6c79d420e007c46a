"""The indicator-table sheet shape: indicator | period | value | unit | growth %.

A title row above the header names the region and period ("川江区主要经济指标(2023年1-6月)");
the header may span several rows with merged cells; a unit may sit in its own column, in
the header ("绝对值(万元)") or after the indicator name ("固定资产投资(亿元)"); a rank column
("位次") becomes an indicator of its own; footnotes (注: ...) end the table.

Rows may be industries (行业) rather than indicators: their names are then qualified by the
title's topic ("规模以上工业增加值:纺织业"), so an industry is never read as an indicator.
The growth-only shape (`ingest.growth_table`) is this table without a value column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.errors import IngestError
from ingest.layout import (
    TOTAL_ROWS,
    FigureColumns,
    Header,
    PublishedPeriod,
    Title,
    body_rows,
    cell_error,
    figure_role,
    header_candidates,
    norm,
    read_metadata,
    read_title,
    row_observations,
    split_unit,
)
from ingest.periods import UnknownPeriodError
from ingest.records import ParsedFile
from ingest.workbook import Grid

_STUB = re.compile(r"^.{0,4}(指标|项目|行业|门类|产业)(名称|类别)?$")  # "主要经济指标"; not a title
_BREAKDOWN_STUB = re.compile(r"行业|门类|产业")
_PERIOD_WORDS = ("时期", "期别", "时间", "月份")
# What a title adds to the measure it is about: "规模以上工业[分行业]增加值[增速]".
_TOPIC_NOISE = re.compile(
    r"分行业|分门类|分产业|按行业分|(增长速度|增长情况|增速|情况|统计表|表)+$"
)


@dataclass(frozen=True)
class RowTable:
    """Where an indicator table's parts are: its header and the role of each column."""

    header: Header
    figures: FigureColumns
    unit: int | None
    period: int | None
    header_unit: str | None  # "数值(亿元)": the unit of every value in the table
    breakdown: bool  # rows are industries, not indicators


def find_row_table(grid: Grid) -> RowTable | None:
    """The first header near the top naming 指标 (or 行业) and a value or growth column."""
    for header in header_candidates(grid, lambda label: bool(_STUB.match(split_unit(label)[0]))):
        if table := _row_table(header):
            return table
    return None


def looks_like_indicator_table(grid: Grid) -> bool:
    """True when a header near the top names an indicator column and a value column."""
    table = find_row_table(grid)
    return table is not None and table.figures.value is not None


def parse_indicator_table(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the sheet's observations to `parsed`; raise IngestError naming the bad cell."""
    table = find_row_table(grid)
    if table is None:
        raise IngestError(
            file_name, "no header row naming 指标 and a value or growth column", sheet=grid.name
        )
    read_row_table(grid, table, file_name, parsed)


def read_row_table(grid: Grid, table: RowTable, file_name: str, parsed: ParsedFile) -> None:
    """Every row's figures as observations; the title gives region, year and default period."""
    header = table.header
    title = read_title(grid, header.first_row)
    read_metadata(grid, header.first_row, parsed)
    region = title.region or grid.name.strip()
    topic = _measure(title, grid) if table.breakdown else ""
    for row, label in body_rows(grid, header):
        name, unit_in_name = split_unit(label)
        if table.breakdown and topic:
            name = topic if name in TOTAL_ROWS else f"{topic}:{name}"
        unit = norm(grid.cell(row, table.unit).text) if table.unit is not None else ""
        parsed.observations += row_observations(
            grid,
            file_name,
            row,
            region=region,
            indicator=name,
            unit=unit or unit_in_name or table.header_unit,
            period=_row_period(grid, table, title, file_name, row),
            columns=table.figures,
        )


def _row_table(header: Header) -> RowTable | None:
    roles: dict[str, int] = {}
    ranks: list[tuple[str, int]] = []
    header_unit = None
    for column in range(header.width):
        text, unit = split_unit(header.label(column))
        if column == header.stub_column or not text:
            continue
        if text.endswith("单位") and "编制" not in text:
            role = "unit"
        elif any(word in text for word in _PERIOD_WORDS):
            role = "period"
        else:
            role, qualifier = figure_role(text)
            if role is None and unit not in (None, "%"):
                role = "value"  # "增加值(亿元)": a figure in a unit of its own
            if role == "rank":
                ranks.append((qualifier + "位次", column))
                continue
            if role == "value" and "value" not in roles:
                header_unit = unit
        if role is not None:
            roles.setdefault(role, column)
    if not {"value", "growth"} & roles.keys():
        return None
    stub_label = header.label(header.stub_column)
    return RowTable(
        header=header,
        figures=FigureColumns(roles.get("value"), roles.get("growth"), tuple(ranks)),
        unit=roles.get("unit"),
        period=roles.get("period"),
        header_unit=header_unit,
        breakdown=bool(_BREAKDOWN_STUB.search(stub_label)),
    )


def _row_period(
    grid: Grid, table: RowTable, title: Title, file_name: str, row: int
) -> Callable[[], PublishedPeriod]:
    """The row's period label (or the title's), parsed only when the row has a figure."""

    def parse() -> PublishedPeriod:
        column = table.period
        label = norm(grid.cell(row, column).text) if column is not None else ""
        try:
            return PublishedPeriod.parse(label or title.period or "", title.year)
        except UnknownPeriodError as error:
            where = column if column is not None else table.header.stub_column
            raise cell_error(grid, file_name, row, where, str(error)) from error

    return parse


def _measure(title: Title, grid: Grid) -> str:
    """What an industry table measures, from its title or else its sheet name."""
    for text in (title.topic, norm(grid.name)):
        if measure := _TOPIC_NOISE.sub("", text):
            return measure
    return ""
