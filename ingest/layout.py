"""What every sheet shape shares: the title, the header block, footnotes and figure cells.

Bureau tables differ in their body, not in their frame. A title row above the header names
the region and period ("川江区主要经济指标(2023年1-6月)"); publisher lines may follow; the
header may span several rows, and a merged header cell arrives as one label followed by
empty cells (openpyxl's read-only mode and calamine drop merge ranges); footnotes (注: ...)
end the table. Every figure cell follows the same conventions ("—", "-", "…" or blank for not
available, full-width digits, "1,234.5", "3.0%"), and a bad one is reported with its file,
sheet, row and column.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from openpyxl.utils import get_column_letter

from ingest.errors import IngestError
from ingest.numbers import NOT_AVAILABLE, Figure, NotANumberError, parse_cell
from ingest.periods import Period, parse_period, split_year
from ingest.records import Observation, ParsedFile
from ingest.workbook import Cell, Grid

HEADER_SEARCH_ROWS = 12
RANK_UNIT = "位"
# Row labels that stand for the whole area the table covers (the title's region).
TOTAL_ROWS = frozenset(
    {"全市", "全区", "全县", "全省", "全市合计", "全市总计", "合计", "总计", "全部", "总体"}
)
_FOOTNOTE = re.compile(r"^(注|备注|说明|资料来源|数据来源|制表|填表|审核|统计负责人|单位负责人)")
_TITLE_PERIOD = re.compile(
    r"(\d{4})\s*年\s*(1\s*[-－—~至]\s*\d{1,2}\s*月|\d{1,2}\s*月|第?[一二三四1-4]\s*季度|上半年|前三季度|全年)"
)
# Where a title turns from the region to the topic ("周口市|各县区主要经济指标").
_TITLE_TOPIC = re.compile(
    r"主要|国民经济|经济运行|经济指标|统计|指标|月报|快报|数据|规模以上|规上|分行业|分地区|各县|各区|各乡|各市|县区"
)
_REGION_NAME = re.compile(r"^.+[省市区县旗州盟]")  # up to the last administrative suffix
_PARENS = re.compile(r"[(（]\s*(?:单位[:：]\s*)?([^()（）]*?)\s*[)）]")
_PUBLISHER = re.compile(r"编制单位[:：]\s*([^\s:：]+?)(?=发布日期|\s|$)")
_RELEASE_DATE = re.compile(r"发布日期[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_ROW_LABEL_PREFIX = re.compile(r"^(其中[:：]?|[0-9一二三四五六七八九十]+[.、．]\s*|[#＃]+)")
# The figure a column holds, named at the end of its label ("地区生产总值增速", "绝对值").
_RANK = re.compile(r"(位次|排名|排位|名次)$")
_GROWTH = re.compile(
    r"((比上年同期|比上年|比去年同期|较上年同期|较上年|同比)(增长|增速|增幅|±)?|增长|增速|增幅|±)"
    r"(率|速度)?$"
)
_VALUE = re.compile(
    r"(本期|本年|本月)?(累计)?(绝对值|绝对数|绝对额|总量|数值|金额|完成额|完成数|完成|本期数|累计|本期)$"
)


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Full-width forms folded (NFKC) and spaces removed: "地 区" and "地区" are one label.

    Cached: indicator names, units and period labels repeat on every sheet.
    """
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")


def split_unit(label: str) -> tuple[str, str | None]:
    """A label without its parenthesised parts, and the last of them as the unit.

    "绝对值(亿元)" -> ("绝对值", "亿元"); "增速(%)" -> ("增速", "%").
    """
    units = _PARENS.findall(label)
    return _PARENS.sub("", label), (units[-1] or None) if units else None


def figure_role(label: str) -> tuple[str | None, str]:
    """What figure a column label names at its end (rank, growth or value) and what precedes it.

    "地区生产总值增速" -> ("growth", "地区生产总值"); "位次" -> ("rank", "");
    a label naming none of them -> (None, label).
    """
    label = label.removesuffix("%")
    for role, pattern in (("rank", _RANK), ("growth", _GROWTH), ("value", _VALUE)):
        if match := pattern.search(label):
            return role, label[: match.start()]
    return None, label


# --- title and publisher lines ---------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    """What a title row says: "川江区|规模以上工业分行业增加值增速|(2023年|1-6月)"."""

    region: str | None
    topic: str
    year: int | None
    period: str | None


def read_title(grid: Grid, header_row: int) -> Title:
    """The first cell above the header that names a period is the title."""
    for row in grid.rows[: header_row - 1]:
        for cell in row:
            text = norm(cell.text)
            if match := _TITLE_PERIOD.search(text):
                words = text[: match.start()].strip("(（") or text[match.end() :].strip(")）")
                topic_at = _TITLE_TOPIC.search(words)
                region = words[: topic_at.start()] if topic_at else words
                if named := _REGION_NAME.match(region):
                    region = named.group()
                return Title(region or None, words[len(region) :], int(match.group(1)), match[2])
    return Title(None, "", None, None)


def read_metadata(grid: Grid, header_row: int, parsed: ParsedFile) -> None:
    """Publisher and release date from the lines above the header ("编制单位:...发布日期:...")."""
    for row in grid.rows[: header_row - 1]:
        for cell in row:
            text = unicodedata.normalize("NFKC", cell.text)
            if parsed.publisher is None and (match := _PUBLISHER.search(text)):
                parsed.publisher = match.group(1)
            if parsed.release_date is None and (match := _RELEASE_DATE.search(text)):
                parsed.release_date = date(*(int(part) for part in match.groups()))


# --- header block and body -------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """A table's header block: its rows, the stub column and each column's labels per row.

    `levels` holds one tuple of labels per header row, top first, with a merged label
    repeated over the columns it spans.
    """

    first_row: int
    last_row: int
    stub_column: int
    levels: tuple[tuple[str, ...], ...]

    @property
    def width(self) -> int:
        return len(self.levels[0])

    def labels(self, column: int) -> tuple[str, ...]:
        """The column's label in each header row, top first."""
        return tuple(level[column] for level in self.levels)

    def label(self, column: int) -> str:
        """The column's labels joined: "本期" over "数值" is "本期数值"."""
        return "".join(self.labels(column))


def header_candidates(grid: Grid, is_stub: Callable[[str], bool]) -> Iterator[Header]:
    """Each row near the top with a stub label (指标, 地区, ...), with its sub-header rows."""
    for row_number in range(1, min(len(grid.rows), HEADER_SEARCH_ROWS) + 1):
        labels = [norm(cell.text) for cell in grid.rows[row_number - 1]]
        stub = next((index for index, label in enumerate(labels) if is_stub(label)), None)
        if stub is None:
            continue
        last = row_number
        while last < len(grid.rows) and _is_sub_header(grid.rows[last], stub):
            last += 1
        yield Header(row_number, last, stub, _filled_levels(grid, row_number, last, stub))


def _is_sub_header(row: list[Cell], stub: int) -> bool:
    """Labels only (no figure, no "—"), and nothing under the stub column."""
    labelled = [cell for cell in row if cell.text]
    if not labelled or any(
        cell.looks_numeric or norm(cell.text) in NOT_AVAILABLE for cell in labelled
    ):
        return False
    return stub >= len(row) or not row[stub].text


def _filled_levels(grid: Grid, first: int, last: int, stub: int) -> tuple[tuple[str, ...], ...]:
    """Header labels with merged cells restored: a label spans right over empty cells
    whose sub-header is labelled (bottom rows first, so spans nest)."""
    width = max(len(grid.rows[row - 1]) for row in range(first, last + 1))
    levels = [
        [norm(grid.cell(row, c).text) for c in range(width)] for row in range(first, last + 1)
    ]
    for upper, lower in zip(reversed(levels[:-1]), reversed(levels[1:]), strict=True):
        for column in range(stub + 2, width):
            if not upper[column] and lower[column] and upper[column - 1]:
                upper[column] = upper[column - 1]
    return tuple(tuple(level) for level in levels)


def body_rows(grid: Grid, header: Header) -> Iterator[tuple[int, str]]:
    """Each row below the header with its stub label, until a footnote (注: ...) ends the table.

    Rows with an empty stub are passed over; a "其中:", "1." or "#" before the label is dropped.
    """
    for row_number in range(header.last_row + 1, len(grid.rows) + 1):
        first_text = next((cell.text for cell in grid.rows[row_number - 1] if cell.text), "")
        if _FOOTNOTE.match(norm(first_text)):
            return
        label = norm(grid.cell(row_number, header.stub_column).text)
        if label:
            yield row_number, _ROW_LABEL_PREFIX.sub("", label)


# --- figures and observations ----------------------------------------------------------------


def cell_error(grid: Grid, file_name: str, row: int, column: int, problem: str) -> IngestError:
    """An IngestError naming the file, sheet, row and column letter."""
    return IngestError(
        file_name, problem, sheet=grid.name, row=row, column=get_column_letter(column + 1)
    )


def figure_at(grid: Grid, file_name: str, row: int, column: int, what: str) -> Figure | None:
    """The figure in a cell (None if not available); a bad cell raises naming it."""
    cell = grid.cell(row, column)
    try:
        return parse_cell(cell.value, cell.number_format)
    except NotANumberError as error:
        raise cell_error(grid, file_name, row, column, f"{what} {error}") from error


@dataclass(frozen=True)
class PublishedPeriod:
    """A period as stored: its label with the year ("2023年1-6月") and its normalised span."""

    label: str
    period: Period

    @classmethod
    def parse(cls, label: str, default_year: int | None) -> PublishedPeriod:
        """Normalise a label; raises UnknownPeriodError. A label without year takes the default."""
        period = parse_period(label, default_year=default_year)
        year, _ = split_year(label)
        return cls(label if year else f"{period.start.year}年{label}", period)


@dataclass(frozen=True)
class FigureColumns:
    """Where one indicator's figures sit in a row; ranks as (name suffix, column)."""

    value: int | None = None
    growth: int | None = None
    ranks: tuple[tuple[str, int], ...] = ()


def row_observations(
    grid: Grid,
    file_name: str,
    row: int,
    *,
    region: str,
    indicator: str,
    unit: str | None,
    period: Callable[[], PublishedPeriod],
    columns: FigureColumns,
) -> list[Observation]:
    """One indicator's figures in one row: value and growth together, each rank on its own.

    A rank is an indicator of its own, "<indicator>位次" in the unit 位, so that it never
    mixes with the level. Nothing is emitted for figures that are all not available, and
    `period` is asked only when there is a figure (a section row may have no period).
    """

    def read(column: int | None, what: str) -> Figure | None:
        return None if column is None else figure_at(grid, file_name, row, column, what)

    def observation(
        name: str, value: Figure | None, value_unit: str | None, growth: Figure | None
    ) -> Observation:
        published = period()
        return Observation(
            sheet_name=grid.name,
            row_number=row,
            region_name=region,
            indicator_name=name,
            period_label=published.label,
            period_type=published.period.period_type,
            period_start=published.period.start,
            period_end=published.period.end,
            value_published=value.value if value else None,
            value_decimals=value.decimals if value else None,
            unit_published=value_unit if value else None,
            yoy_growth_pct=growth.value if growth else None,
            growth_decimals=growth.decimals if growth else None,
        )

    found = []
    value, growth = read(columns.value, "value"), read(columns.growth, "growth rate")
    if value is not None or growth is not None:
        found.append(observation(indicator, value, unit, growth))
    for suffix, column in columns.ranks:
        if (rank := read(column, "rank")) is not None:
            found.append(observation(indicator + suffix, rank, RANK_UNIT, None))
    return found
