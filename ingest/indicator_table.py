"""The indicator-table sheet shape: indicator | period | value | unit | growth %.

A title row above the header names the region and period ("川江区主要经济指标(2023年1-6月)");
the header may span two rows with merged cells; a unit may sit in its own column,
in the header ("数值(亿元)") or after the indicator name; footnotes (注: ...) end the table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from openpyxl.utils import get_column_letter

from ingest.errors import IngestError
from ingest.numbers import Figure, NotANumberError, parse_cell
from ingest.periods import UnknownPeriodError, parse_period, split_year
from ingest.records import Observation, ParsedFile
from ingest.workbook import Cell, Grid

HEADER_SEARCH_ROWS = 12
_FOOTNOTE = re.compile(r"^(注|备注|说明|资料来源|数据来源)")
_TITLE_PERIOD = re.compile(
    r"(\d{4})\s*年\s*(1\s*[-－—~至]\s*\d{1,2}\s*月|\d{1,2}\s*月|第?[一二三四1-4]\s*季度|上半年|前三季度|全年)"
)
_TITLE_SUFFIX = re.compile(r"(主要)?(经济|统计)?(指标|月报|快报|数据).*$")
_UNIT_IN_PARENS = re.compile(r"[(（]\s*(?:单位[:：]\s*)?([^()（）]+?)\s*[)）]\s*$")
_PUBLISHER = re.compile(r"编制单位[:：]\s*([^\s:：]+?)(?=发布日期|\s|$)")
_RELEASE_DATE = re.compile(r"发布日期[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_INDICATOR_PREFIX = re.compile(r"^(其中[:：]?|[0-9一二三四五六七八九十]+[.、．]\s*|[#＃]+)")


@dataclass(frozen=True)
class _Columns:
    indicator: int
    value: int | None
    unit: int | None
    growth: int | None
    period: int | None
    header_unit: str | None


def looks_like_indicator_table(grid: Grid) -> bool:
    """True when a header row in the first rows names an indicator column and a figure column."""
    return _find_header(grid) is not None


def parse_indicator_table(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the sheet's observations to `parsed`; raise IngestError naming the bad cell."""
    found = _find_header(grid)
    if found is None:
        raise IngestError(
            file_name, "no header row naming 指标 and a value or growth column", sheet=grid.name
        )
    header_row, last_header_row, columns = found
    region, title_year, title_period = _title(grid, header_row, file_name)
    _metadata(grid, header_row, parsed)
    for row_number in range(last_header_row + 1, len(grid.rows) + 1):
        first_text = _norm(grid.cell(row_number, columns.indicator).text)
        if _FOOTNOTE.match(first_text):
            break
        if not first_text:
            continue
        observation = _observation(
            grid, row_number, columns, region, title_year, title_period, file_name
        )
        if observation is not None:
            parsed.observations.append(observation)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")


def _find_header(grid: Grid) -> tuple[int, int, _Columns] | None:
    for row_number in range(1, min(len(grid.rows), HEADER_SEARCH_ROWS) + 1):
        labels = [_norm(cell.text) for cell in grid.rows[row_number - 1]]
        if not any("指标" in label for label in labels):
            continue
        last = row_number
        while last < len(grid.rows) and _is_header_continuation(grid.rows[last], labels):
            last += 1
        combined = _combined_labels(grid, row_number, last)
        columns = _columns(combined)
        if columns is not None:
            return row_number, last, columns
    return None


def _is_header_continuation(row: list[Cell], first_labels: list[str]) -> bool:
    """A sub-header row: text only, and empty under the indicator-name column."""
    indicator_column = next(i for i, label in enumerate(first_labels) if "指标" in label)
    texts = [cell for cell in row if cell.text]
    if not texts or any(cell.is_number for cell in row):
        return False
    return indicator_column >= len(row) or not row[indicator_column].text


def _combined_labels(grid: Grid, first: int, last: int) -> list[str]:
    width = max(len(grid.rows[r - 1]) for r in range(first, last + 1))
    return [
        "".join(_norm(grid.cell(r, c).text) for r in range(first, last + 1)) for c in range(width)
    ]


def _columns(labels: list[str]) -> _Columns | None:
    roles: dict[str, int] = {}
    header_unit = None
    for index, label in enumerate(labels):
        if not label:
            continue
        if any(word in label for word in ("增长", "增速", "同比", "±")):
            role = "growth"
        elif label.endswith("单位") and "编制" not in label:
            role = "unit"
        elif any(word in label for word in ("时期", "期别", "时间", "月份")):
            role = "period"
        elif "指标" in label or label == "项目":
            role = "indicator"
        elif any(word in label for word in ("数值", "本期", "绝对", "总量", "累计", "完成")):
            role = "value"
            if unit := _UNIT_IN_PARENS.search(label):
                header_unit = unit.group(1)
        else:
            continue
        roles.setdefault(role, index)
    if "indicator" not in roles or not ({"value", "growth"} & roles.keys()):
        return None
    return _Columns(
        indicator=roles["indicator"],
        value=roles.get("value"),
        unit=roles.get("unit"),
        growth=roles.get("growth"),
        period=roles.get("period"),
        header_unit=header_unit,
    )


def _title(grid: Grid, header_row: int, file_name: str) -> tuple[str, int | None, str | None]:
    """Region and period from the title row; the sheet name stands in for a missing region."""
    for row_number in range(1, header_row):
        for cell in grid.rows[row_number - 1]:
            text = _norm(cell.text)
            match = _TITLE_PERIOD.search(text)
            if match is None:
                continue
            region = _TITLE_SUFFIX.sub("", text[: match.start()]).strip("(（ ")
            return region or grid.name.strip(), int(match.group(1)), match.group(2)
    return grid.name.strip(), None, None


def _metadata(grid: Grid, header_row: int, parsed: ParsedFile) -> None:
    for row in grid.rows[: header_row - 1]:
        for cell in row:
            text = unicodedata.normalize("NFKC", cell.text)
            if parsed.publisher is None and (match := _PUBLISHER.search(text)):
                parsed.publisher = match.group(1)
            if parsed.release_date is None and (match := _RELEASE_DATE.search(text)):
                parsed.release_date = date(*(int(part) for part in match.groups()))


def _observation(
    grid: Grid,
    row_number: int,
    columns: _Columns,
    region: str,
    title_year: int | None,
    title_period: str | None,
    file_name: str,
) -> Observation | None:
    def fail(column: int, problem: str) -> IngestError:
        return IngestError(
            file_name,
            problem,
            sheet=grid.name,
            row=row_number,
            column=get_column_letter(column + 1),
        )

    def figure(column: int | None, what: str) -> Figure | None:
        if column is None:
            return None
        cell = grid.cell(row_number, column)
        try:
            return parse_cell(cell.value, cell.number_format)
        except NotANumberError as error:
            raise fail(column, f"{what} {error}") from error

    name = _norm(grid.cell(row_number, columns.indicator).text)
    name = _INDICATOR_PREFIX.sub("", name)
    unit = _norm(grid.cell(row_number, columns.unit).text) if columns.unit is not None else ""
    if unit_in_name := _UNIT_IN_PARENS.search(name):
        name = name[: unit_in_name.start()]
        unit = unit or unit_in_name.group(1)
    value = figure(columns.value, "value")
    growth = figure(columns.growth, "growth rate")
    if value is None and growth is None:
        return None
    label_column = columns.period
    label = _norm(grid.cell(row_number, label_column).text) if label_column is not None else ""
    label = label or (title_period or "")
    try:
        period = parse_period(label, default_year=title_year)
    except UnknownPeriodError as error:
        raise fail(
            label_column if label_column is not None else columns.indicator, str(error)
        ) from error
    year, _ = split_year(label)
    return Observation(
        sheet_name=grid.name,
        row_number=row_number,
        region_name=region,
        indicator_name=name,
        period_label=label if year else f"{period.start.year}年{label}",
        period_type=period.period_type,
        period_start=period.start,
        period_end=period.end,
        value_published=value.value if value else None,
        value_decimals=value.decimals if value else None,
        unit_published=(unit or columns.header_unit or None) if value else None,
        yoy_growth_pct=growth.value if growth else None,
        growth_decimals=growth.decimals if growth else None,
    )
