"""Tables read by what each figure column means: its measure, its period and its unit.

Every bureau table is a stub column of row labels and figure columns under a header of one
or more rows (merged cells span their sub-columns). Each figure column is classified:

- measure: level, growth (同比增长, 增速, ±%), rank (位次), or not a fact (较去年同期±百分点,
  a change of a growth rate); a column whose header says only a period or a unit is a level,
  or a growth when the title says the whole table is growth ("指标:工业增加值_同比增长(%)");
- period: its own header (1-9月, 本月, 累计, 上年同期, 2016, 2020年11月, "20221-8"), else the
  group header above it, else the table's period (title, sheet name, file name, folder,
  release date: `ingest.table_context`); 上年... columns are the previous year's level;
- quantity: the header's words other than those (主营业务收入 over 1-2月, 产销率(%));
- unit: a 单位 column, the row label ("工业产销率(%)"), the header ("绝对量(亿元)"), or a
  "单位:万元" line above the header.

Columns of one quantity and period form a group (level, growth, and the ranks of each): a
row yields one fact per group it fills. A growth column without a period of its own belongs
to the nearest current level column on its left. Rows are indicators (named by the path of
the quantity they break down, `ingest.row_paths`), industries (the quantity comes from the
column or the title), regions (resolved to full names; 全市/全省 is the reporting region) or
periods. Every numeric cell of the body is accounted for: read, skipped with a reason, or
unread (a column whose header nobody understands).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePath

from openpyxl.utils import get_column_letter

from ingest.errors import IngestError
from ingest.layout import FOOTNOTE, cell_error, filled_levels, read_metadata
from ingest.numbers import (
    CIRCLED_NUMBERS,
    Figure,
    NotANumberError,
    is_figure_text,
    parse_cell,
    parse_growth_cell,
    parse_text,
)
from ingest.periods import (
    Period,
    UnknownPeriodError,
    header_period_label,
    is_stock,
    parse_period,
)
from ingest.records import Observation, ParsedFile, UnreadFigure
from ingest.regions import fold as simplified
from ingest.row_paths import (
    FOOTNOTE_MARK,
    SUM_TOLERANCE,
    RowLabel,
    is_structured,
    row_paths,
    strip_marks,
)
from ingest.table_context import (
    SERIES_MEASURES,
    TOTAL_ROWS,
    Sourced,
    TableContext,
    fold,
    is_total,
    is_zone,
    region_of_row,
)
from ingest.workbook import Cell, Grid

HEADER_SEARCH_ROWS = 12
COLUMN_CODES = "column codes (甲 1 2 3)"
REPEATED_HEADER = "the header repeated (a new page)"
CHANGE_OF_GROWTH = "change of a growth rate (百分点)"
TARGET = "a target, not a figure of the period (目标, 计划)"
SINCE_YEAR_START = "a change since the start of the year (比年初增加), not a figure of the period"
UNKNOWN_COLUMN = "a column whose header names no measure, period or unit"
RANK_WITHOUT_FIGURE = "rank of a figure the row does not publish"
LEFT_OF_STUB = "row numbers or ranks left of the row labels (序号, 排行)"
_LAYOUT = "column_table.layout"  # the key of the layout found in `Grid.found`

_REGION_WORDS = r"地区|地區|区域|區域|县区|区县|县市区|市县|县\(市、?区\)|市\(县、?区\)|县\(市\)"
# "指标(单位:亿元)": the table's unit printed in the stub's header.
_STUB_UNIT = r"\((?:单位:)?([^()]{1,8})\)"
_STUB_WORD = (
    rf"([一二三四]级)?(指标|指標|项目|項目|行业|行業|门类|产业|名称|类别|類別|年份|年度|时期|时间|月份|{_REGION_WORDS})"
    r"(名称|名稱|类别)?"
)
# "年份/地区": a stub whose rows are of either kind (years, then regions), each row saying which.
_STUB = re.compile(rf"^{_STUB_WORD}(/{_STUB_WORD})?({_STUB_UNIT})?$")
_YEARS_THEN_REGIONS = re.compile(rf"^(年份|年度)/({_REGION_WORDS})$")
_GROUP_STUB = re.compile(r"^[一二三]级指标$")
_INDICATOR_STUB = re.compile(r"^(指标|指標|项目|項目)(名称|名稱)?$")
_REGION_STUB = re.compile(rf"^({_REGION_WORDS})")
# "按经济区域分", "按地区分": a section whose rows are regions, listed or not (珠三角九市).
_REGION_SECTION = re.compile(r"^(按|分).*(地区|地區|区域|區域)分?$")
_ROW_NUMBERS = "序号"  # a column of row numbers left of the stub
# A column of ranks left of the stub's own header word (GDP排行 | 區域): it is no stub.
_RANKS_FIRST = re.compile(r"^.{0,8}(排行|排名|位次|名次)$")
_PERIOD_STUB = re.compile(r"^(年份|年度|时期|时间|月份)$")
_BREAKDOWN_STUB = re.compile(r"行业|行業|门类|产业")
_BREAKDOWN_TITLE = re.compile(r"分行业|按行业")
_CODE_STUBS = frozenset({"甲", "乙", "栏次", "代码", "序号"})
# "单位:万元", also after the year it is for: "(2002年) 单位:万元".
_INDICATOR_LINE = re.compile(r"^指标(?:名称)?[:：].*[(（]([^()（）]+)[)）]$")
_UNIT_LINE = re.compile(r"^(?:[(（][^()（）]*[)）])?(金额|计量)?单位[:：]\s*(.+)$")
# An index table's base in its title: "地区生产总值指数(1978-2010年,1978=100)".
# The base may be written in words: "(以上年为100)" is the same unit as "(上年=100)".
_INDEX_BASE = re.compile(r"[(（,，]以?((?:19|20)\d{2}年?|上年)(?:=|为)100[)）]")
# A price index column named by its base: "以上月价格为100" -> 上月=100.
_INDEX_HEADER = re.compile(r"^以(.{1,8}?)(价格)?为100$")
_UNIT_COLUMN = re.compile(r"^(计量|计算)?单位$")
_PERIOD_COLUMN = re.compile(r"^(时期|期别|时间|月份|日期)$")
_UNIT = re.compile(
    r"^(%|‰|[^=]{1,6}=100|(个)?百分点|[万亿千百十]*(元|美元|吨|人|户|个|辆|台|件|千瓦时|千瓦|"
    r"立方米|平方米|米|公里|公顷|亩|头|只|套|家|项|张|册|次|人次|床|所|箱|部|标准箱|吨公里|人公里)|"
    r"億元|萬元|萬人|[万亿]*元/.+)$"
)
# "269万吨": a level printed with its unit, as communiqués list products.
_FIGURE_WITH_UNIT = re.compile(r"^([+-]?\d+(?:\.\d+)?)(\D.*)$")
# The closing bracket may be lost at the end of a cell ("构成(%"); the unit check still applies.
_TRAILING_PARENS = re.compile(r"\s*[(（]\s*([^()（）]*?)\s*[)）]?\s*$")
_LEADING_PARENS = re.compile(r"^\s*[(（]\s*(?:单位[:：]\s*)?([^()（）]*?)\s*[)）]")
_RANK = re.compile(r"(位次|排名|排位|名次)$")
# "2011年为上年%": the year's figure as a per cent of the base's, an index (上年=100).
_INDEX_OF_BASE = re.compile(r"为(上年|(?:19|20)\d{2})年?%$")
# A column of each row's share of the whole: 结构(%), 构成, 比重, 占地区生产总值比重.
_SHARE = re.compile(r"结构|构成|比重|比例")
# How far, in percentage points, a printed share may be from the one its amounts give.
_SHARE_TOLERANCE = 0.1
# "占地区生产总值比重": each row's share of a whole the header names.
_SHARE_OF = re.compile(r"^占(.+?)的?(比重|比例)$")
# "(按可比价计算)" under a header: a note on how the figures were computed, not a name or unit.
_NOTE_LINE = re.compile(r"^[(（][^()（）]*[)）]$")
# Columns that are not facts of the period, and why their numbers are skipped.
_NOT_FACTS = (
    (re.compile(r"百分点"), CHANGE_OF_GROWTH),
    (re.compile(r"目标|计划"), TARGET),
    (re.compile(r"^(比|较)年初"), SINCE_YEAR_START),
)
_NOT_FACT_REASONS = frozenset(reason for _, reason in _NOT_FACTS)
_GROWTH = re.compile(
    r"(比上年同期|比去年同期|比上年同月|比去年同月|比上年同季|比去年同季|较上年同期|较上年|比上年|同比)?"
    r"(增长|增速|增幅|增减|±)(率|速度|%)?$|^±"
)
_GROWTH_BASE = re.compile(
    r"^(比上年同期|比去年同期|比上年同月|比去年同月|比上年同季|比去年同季|较上年同期|较上年|比上年|同比)$"
)
_LEVEL = re.compile(r"(绝对值|绝对数|绝对额|绝对量|数量|数值|总量|金额|完成额|完成数|余额)$")
# Period words of a header, and the period each stands for relative to the table's period.
_RELATIVE_PERIODS = (
    ("上年1-本月", "prior_ytd"),
    ("上年累计", "prior_ytd"),
    ("上年本月", "prior_month"),
    ("上年同月", "prior_month"),
    ("上年同期", "prior_same"),
    ("上年同季", "prior_quarter"),
    ("同期", "prior_same"),  # beside 本期: the same period a year earlier
    ("1-本月", "ytd"),
    ("本年累计", "ytd"),
    ("自年初累计", "ytd"),
    ("累计", "ytd"),
    ("累計", "ytd"),
    # "本月止累计" (to this month, summed) is the year to date, not this month.
    ("本月止累计", "ytd"),
    ("本月止累計", "ytd"),
    ("至本月累计", "ytd"),
    ("至本月平均", "ytd"),  # a price index averaged over the year so far
    ("本月", "month"),
    ("当月", "month"),
    ("本季度", "quarter"),  # the quarter the table's month ends
    ("本季", "quarter"),
    ("当季", "quarter"),
    ("本年", "same"),
    ("本期", "same"),
)
# A note giving a column's period: "利税总额增长速度为1-3月数据".
_NOTE_PERIOD = re.compile(r"([^\d、,，;；:：]{2,}?)(?:增长速度|增速)?为(1-\d{1,2}月|\d{1,2}月)数据")
# "1-3月累计": the word adds nothing to a year-to-date period printed before it.
_YTD_WORD = re.compile(r"(累计|累計)$")
_YTD_PREFIX = re.compile(r"^(\d{4}年)?1-\d{1,2}月(份)?(累计|累計)$")
_YTD_LABEL = re.compile(r"^(\d{4}年)?1-\d{1,2}月$")
_RELATIVE_KINDS = frozenset(kind for _, kind in _RELATIVE_PERIODS)
_ENGLISH = re.compile(r"^[\x00-\x7f]*[A-Za-z][\x00-\x7f]*$")
# "指数(上年=100) Indices (preceding year=100)": a bilingual cell's English after the Chinese.
# "其中 of Which" too, but not "人均GDP": the tail has a word in lower case.
_ENGLISH_TAIL = re.compile(r"(?<=[\u3400-\u9fff)])(?=[\x00-\x7f]*[a-z]{2})[A-Za-z][\x00-\x7f]*$")
_ENGLISH_GLOSS = re.compile(r"\([\x00-\x7f]*[A-Za-z][\x00-\x7f]*\)$")
# "单位:万户,万人": a unit line naming several units, one for each kind of quantity.
_UNIT_LIST = re.compile(r"[,、;]")
# "其中" over columns: the columns under it are parts of the one left of it.
_OF_WHICH_HEADER = re.compile(r"^其中[:：]?$")
# "按性别分" over 男性 | 女性: a header naming how the columns under it break a quantity down.
_SECTION_HEADER = re.compile(r"^按.{1,10}分$")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_YEAR_LABEL = re.compile(r"(19|20)\d{2}(年)?")
_WITH_YEAR = re.compile(r"^\d{4}年")
_YEAR_THEN_NAME = re.compile(r"^((?:19|20)\d{2}年)(?![为比较与])([A-Za-z\u3400-\u9fff].*)$")


@dataclass(frozen=True)
class FigureColumn:
    """What one column holds: a measure of a quantity for a period, in a unit."""

    index: int
    measure: str  # level | growth | rank, or why the column is not a fact
    quantity: str
    period: str | None  # a header period label, a _RELATIVE_PERIODS kind, or None
    period_source: str  # column | group
    unit: str | None
    explicit_measure: bool
    region: str | None = None  # a column headed by a region's name (全市 | 川汇区 | 淮阳区)


@dataclass
class Group:
    """The columns of one quantity and period: a row yields one fact from them."""

    quantity: str
    period: str | None
    period_source: str
    level: FigureColumn | None = None
    growth: FigureColumn | None = None
    value_rank: int | None = None
    growth_rank: int | None = None
    region: str | None = None


@dataclass
class Layout:
    """Where a table's parts are."""

    first_header_row: int
    last_header_row: int
    stub: int
    groups: list[Group]
    unit_column: int | None
    period_column: int | None
    ignored: dict[int, str]  # column -> why its numbers are not figures
    unknown: set[int]  # columns whose header names no measure, period or unit
    # A table folded into blocks side by side: this block's columns [left, right) and the
    # blocks right of it, each a layout of its own.
    left: int = 0
    right: int | None = None
    folded: list[Layout] = field(default_factory=list)
    region_column: int | None = None  # a long table's column of regions left of the stub


def looks_like_column_table(grid: Grid) -> bool:
    """True when a header above the first row of figures names at least one figure column.

    The layout found is kept with the grid: the reader parses the sheet next, and finding
    the layout again would cost as much as a fifth of reading the sheet.
    """
    grid.found[_LAYOUT] = layout = find_layout(grid)
    return layout is not None


def parse_column_table(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the sheet's facts and its account of numbers to `parsed`."""
    # Taken, not read: the reader changes the layout (periods from notes), so a second
    # parse of the grid finds it afresh.
    layout = grid.found.pop(_LAYOUT, None) or find_layout(grid)
    if layout is None:
        raise IngestError(file_name, "no header naming a figure column", sheet=grid.name)
    for table, table_layout in _stacked_tables(grid, layout):
        for block in (table_layout, *table_layout.folded):  # a table folded side by side
            _refuse_two_levels(table, file_name, block)
            _TableReader(table, file_name, block, parsed).read()


def _stacked_tables(grid: Grid, layout: Layout) -> list[tuple[Grid, Layout]]:
    """The tables printed one under another on one sheet (a monthly report's 工业 table, an
    empty row, then its 投资 table with a title and header of its own). Each keeps the sheet's
    row numbers, the rows of the others left empty; a table below takes the lines above the
    first table (the sheet's title) as a heading after its own."""
    tables = []
    while (split := _next_table(grid, layout)) is not None:
        number, below, below_layout = split
        above = _only_rows(grid, 1, number - 1)
        tables.append((above, find_layout(above) or layout))
        grid, layout = below, below_layout
    tables.append((grid, layout))
    return tables


def _next_table(grid: Grid, layout: Layout) -> tuple[int, Grid, Layout] | None:
    """Where the next table begins: a row after an empty one, with no figure, from which a
    header of a table of its own can be found; None for one table (sections and notes
    under a table have no header)."""
    rows = grid.rows
    for number in range(layout.last_header_row + 2, len(rows) + 1):
        if _has_text(rows[number - 2]) or not _has_text(rows[number - 1]):
            continue
        if any(_looks_numeric(cell) for cell in rows[number - 1]):
            continue
        heading = grid.heading or tuple(
            cell.text for row in rows[: layout.first_header_row - 1] for cell in row if cell.text
        )
        below = replace(_only_rows(grid, number, len(rows)), heading=heading)
        if (below_layout := find_layout(below)) is not None:
            return number, below, below_layout
    return None


def _only_rows(grid: Grid, first: int, last: int) -> Grid:
    """The grid with the rows outside first..last left empty (their numbers kept) and the
    merged ranges that start inside."""
    rows = [row if number >= first else [] for number, row in enumerate(grid.rows[:last], 1)]
    merged = grid.merged and tuple(m for m in grid.merged if first <= m[0] <= last)
    return replace(grid, rows=rows, merged=merged)


def _refuse_two_levels(grid: Grid, file_name: str, layout: Layout) -> None:
    """Two level columns of one quantity and period would publish two values for one fact; an
    index of the quantity beside its amount (上年=100 beside 万元) is another measure, and so is
    one printed in another unit (生产总值 in 万元 and, per head, in 元)."""
    seen: dict[tuple[str, str | None, bool, str | None], set[str | None]] = {}
    for group in layout.groups:
        if group.level is None:
            continue
        unit = group.level.unit
        key = (group.quantity, group.period, _is_ratio(unit), group.region)
        units = seen.setdefault(key, set())
        if units and (unit is None or None in units or unit in units):
            raise cell_error(
                grid,
                file_name,
                layout.last_header_row,
                group.level.index,
                f"a second value column for {group.quantity or 'the row'} in one period",
            )
        units.add(unit)


# --- the header ------------------------------------------------------------------------------


def find_layout(grid: Grid) -> Layout | None:
    stub = _stub_column(grid)
    first_data = _first_data_row(grid, stub)
    if first_data is None:
        return None
    last = next((r for r in range(first_data - 1, 0, -1) if _is_header_row(grid, r, stub)), None)
    if last is None:
        return None
    first = last
    while first > 1 and not _STUB.match(fold(grid.cell(first, stub).text)):
        above = first - 1
        while above > 1 and _is_blank_row(grid, above) and _merged_across(grid, above):
            above -= 1  # an empty row inside the header, its merged cells running through it
        if not _is_header_row(grid, above, stub):
            break
        first = above
    stub_row = first
    # The stub's word printed lower than the header's top (a label centred in its cell, the
    # merge lost): rows above it labelled over the first figure column are header rows too.
    data = grid.rows[first_data - 1]
    figure = next((i for i in range(stub + 1, len(data)) if _looks_numeric(data[i])), None)
    while (
        figure is not None
        and first > 1
        and not grid.cell(first - 1, stub).text
        and grid.cell(first - 1, figure).text
        and _is_header_row(grid, first - 1, stub)
    ):
        first -= 1
    # 一级指标 | 二级指标 | 计量单位 | 1-3月: the rows are the second level's, the first
    # level's labels only group them.
    while _GROUP_STUB.match(fold(grid.cell(stub_row, stub).text)) and _STUB.match(
        fold(grid.cell(stub_row, second := _next_labelled_column(grid, stub_row, stub)).text)
    ):
        stub = second
    # 地区 | 指标 | 单位 | 1-6月: a long table, each region's rows under its name (printed
    # once, its cell merged down): the region column names the rows' region.
    region_column = None
    if _REGION_STUB.match(fold(grid.cell(stub_row, stub).text)) and _INDICATOR_STUB.match(
        fold(grid.cell(stub_row, second := _next_labelled_column(grid, stub_row, stub)).text)
    ):
        region_column, stub = stub, second
    starts = _block_starts(grid, first, last, stub)
    blocks = []
    for start, end in itertools.pairwise([stub, *starts, None]):
        block = _classify(grid, first, last, start, end)
        block.left, block.right = (0 if start == stub else start), end
        blocks.append(block)
    layout, *folded = blocks
    layout.folded = [block for block in folded if block.groups]
    layout.region_column = region_column
    return layout if layout.groups else None


def _stub_label(grid: Grid, first: int, last: int, stub: int) -> str:
    """The stub's own header word (指标, 年份, 地区), on whichever header row it is printed."""
    return next(
        (label for r in range(first, last + 1) if (label := fold(grid.cell(r, stub).text))), ""
    )


def _block_starts(grid: Grid, first: int, last: int, stub: int) -> list[int]:
    """Where the blocks of a table folded side by side begin: the columns right of the stub
    whose header repeats the stub's own word (年 份 | 总人口 | … | 年 份 | 总人口 | …)."""
    word = _stub_label(grid, first, last, stub)
    if not _STUB.match(word):
        return []
    width = max(len(grid.rows[r - 1]) for r in range(first, last + 1))
    return [
        index
        for index in range(stub + 2, width)
        if any(fold(grid.cell(r, index).text) == word for r in range(first, last + 1))
    ]


def _stub_column(grid: Grid) -> int:
    """The leftmost column with text (a sheet may start further in), or the one right of a
    column of row numbers (序号)."""
    first = _top_row(grid)
    filled = [
        next((index for index, cell in enumerate(row) if cell.text), None)
        for row in grid.rows[first - 1 : first - 1 + HEADER_SEARCH_ROWS + 4]
    ]
    stub = min((index for index in filled if index is not None), default=0)
    numbered = next(
        (
            r
            for r in range(first, min(len(grid.rows), first - 1 + HEADER_SEARCH_ROWS) + 1)
            if (label := fold(grid.cell(r, stub).text)) == _ROW_NUMBERS
            or (
                _RANKS_FIRST.match(label)
                and _STUB.match(fold(grid.cell(r, _next_labelled_column(grid, r, stub)).text))
            )
        ),
        None,
    )
    return stub if numbered is None else _next_labelled_column(grid, numbered, stub)


def _top_row(grid: Grid) -> int:
    """The first row with anything in it: the header is looked for from there (a sheet may
    start lower down, and a table stacked under another starts where that one ended)."""
    return next((number for number, row in enumerate(grid.rows, 1) if _has_text(row)), 1)


def _has_text(cells: list[Cell]) -> bool:
    return any(cell.text for cell in cells)


def _next_labelled_column(grid: Grid, row: int, column: int) -> int:
    """The next column right of `column` with a header label in `row`: a spacer column left
    empty between 序号 (or 一级指标) and the labels is passed over."""
    width = len(grid.rows[row - 1])
    return next(
        (index for index in range(column + 1, width) if grid.cell(row, index).text), column + 1
    )


def _first_data_row(grid: Grid, stub: int) -> int | None:
    """The first row with a label in the stub and a number right of it."""
    first = _top_row(grid)
    for number in range(first, min(len(grid.rows), first - 1 + HEADER_SEARCH_ROWS + 4) + 1):
        row = grid.rows[number - 1]
        cell = grid.cell(number, stub)
        label = fold(cell.text)
        if not label or _STUB.match(label) or label in _CODE_STUBS:
            continue
        if _looks_numeric(cell) and not _is_year(cell):  # "1978" labels a row of a series
            continue
        if any(_looks_numeric(cell) for cell in row[stub + 1 :]):
            return number
    return None


def _is_header_row(grid: Grid, number: int, stub: int) -> bool:
    """Labels right of the stub other than a unit line (English ones are dropped later), and
    in the stub nothing but the stub's own header (指标, 地区, ...)."""
    stub_label = fold(grid.cell(number, stub).text)
    if stub_label and not _STUB.match(stub_label) and not _ENGLISH.match(stub_label):
        return False
    cells = grid.rows[number - 1][stub + 1 :]
    labels = [fold(cell.text) for cell in cells if cell.text]
    if any(_looks_numeric(cell) and not _is_year(cell) for cell in cells):
        return _is_code_row(grid, number, stub)
    return any(not _UNIT_LINE.match(label) for label in labels)


def _is_blank_row(grid: Grid, number: int) -> bool:
    return not any(cell.text for cell in grid.rows[number - 1])


def _merged_across(grid: Grid, number: int) -> bool:
    """Whether a merged cell runs from a row above this one to a row below it: the row is
    inside a header, however empty."""
    return any(top < number < bottom for top, _, bottom, _ in grid.merged or ())


def _is_english_row(grid: Grid, number: int) -> bool:
    labels = [fold(cell.text) for cell in grid.rows[number - 1] if cell.text]
    return bool(labels) and all(_ENGLISH.match(label) for label in labels)


def _is_year(cell: Cell) -> bool:
    return bool(_YEAR_LABEL.fullmatch(fold(cell.text)))


def _is_code_row(grid: Grid, number: int, stub: int) -> bool:
    """甲 | 1 | 2 | 3 ...: the column codes some forms print under their header."""
    if fold(grid.cell(number, stub).text) in _CODE_STUBS:
        return True
    expected = 1  # the labels right of the stub must count 1, 2, 3 ..., at least to 2
    for cell in grid.rows[number - 1][stub + 1 :]:
        if text := cell.text:
            if fold(text) != str(expected):
                return False
            expected += 1
    return expected > 2


def _classify(grid: Grid, first: int, last: int, stub: int, end: int | None = None) -> Layout:
    # An English row of a bilingual header is dropped before spans are filled: its labels
    # under every column would spread the Chinese labels above over empty cells; an empty row
    # inside the header (its merged cells running through it) has no labels to give.
    header_rows = [
        r
        for r in range(first, last + 1)
        if not _is_code_row(grid, r, stub)
        and not _is_english_row(grid, r)
        and not _is_blank_row(grid, r)
    ]
    levels = _units_into_labels(filled_levels(grid, header_rows, stub), stub)
    width = max(len(level) for level in levels)
    if end is not None:  # a table folded into blocks: this block's columns only
        width = min(width, end)
    context = _context(grid, first, "")
    title_growth = (context.quantity() or ("", False))[1]
    period_rows = bool(_PERIOD_STUB.match(_stub_label(grid, first, last, stub)))
    columns: list[FigureColumn] = []
    unit_column = period_column = None
    ignored: dict[int, str] = {}
    unknown: dict[int, list[str]] = {}
    for index in range(stub + 1, width):
        labels = _column_labels(grid, header_rows, levels, index)
        if not labels:
            unknown[index] = labels
            continue
        if _UNIT_COLUMN.match(_plain(labels[-1])):
            unit_column = index
        elif _PERIOD_COLUMN.match(_plain(labels[-1])):
            period_column = index
        elif column := _period_row_column(index, labels, period_rows):
            if column.measure in _NOT_FACT_REASONS:
                ignored[index] = column.measure
            columns.append(column)
        else:
            unknown[index] = labels
    # A table none of whose columns names a measure or a period (类别 | 企业单位数(个) | 工业
    # 总产值 | 资产合计) publishes the levels of the quantities its columns name, when a unit
    # says that they are amounts (a 备注 column alone is not).
    amounts = _units_say_amounts(columns, context.title_lines)
    if amounts and not any(c.explicit_measure or c.period for c in columns):
        for index, labels in list(unknown.items()):
            if labels and (column := _figure_column(index, labels, named_only=True)):
                columns.append(column)
                del unknown[index]
        columns.sort(key=lambda c: c.index)
    columns = _regions_of_quantities(columns) + _region_columns(unknown, columns)
    columns.sort(key=lambda c: c.index)
    columns = _sub_item_units(grid, header_rows, columns)
    columns = _of_which_parts(grid, header_rows, levels, columns)
    # A growth word in the title ("…收支及增长速度") makes the columns growth rates only when
    # they do not say what they hold themselves.
    says = any(c.explicit_measure for c in columns) or _units_say_amounts(
        columns, context.title_lines
    )
    if title_growth and not says:
        columns = [_as_growth(c) for c in columns]
    groups = _one_period(_groups(columns))
    return Layout(first, last, stub, groups, unit_column, period_column, ignored, set(unknown))


def _names_region(label: str) -> bool:
    return is_total(label) or bool(region_of_row(label, None)) or is_zone(label)


def _regions_of_quantities(columns: list[FigureColumn]) -> list[FigureColumn]:
    """Regions over groups of measures (全市 | 淮阳区 over 绝对值(亿元) | 增长(%) each): where
    two or more columns' quantities are regions' names, those are the columns' regions, and
    the rows name the quantity."""
    regions = {c.quantity for c in columns if c.quantity and _names_region(c.quantity)}
    if len(regions) < 2:
        return columns
    return [
        replace(c, region=c.quantity, quantity="") if c.quantity in regions else c for c in columns
    ]


def _region_columns(
    unknown: dict[int, list[str]], columns: list[FigureColumn]
) -> list[FigureColumn]:
    """Regions across the columns (指标 | 单位 | 全市 | 川汇区 | 淮阳区): where no column names a
    measure or a period and two or more are headed by a region's name (or 全市), each holds the
    level of the row's quantity for its region (taken out of `unknown`)."""
    if any(c.explicit_measure or c.period for c in columns):
        return []
    regional = {
        index: label
        for index, labels in unknown.items()
        if labels
        and (label := split_label_unit(labels[-1], header=True)[0])
        and _names_region(label)
    }
    if len(regional) < 2:
        return []
    for index in regional:
        del unknown[index]
    return [
        FigureColumn(index, "level", "", None, "column", None, False, region=label)
        for index, label in regional.items()
    ]


def _period_row_name(column: str, quantity: tuple[str, bool] | None, breakdown: bool) -> str:
    """The quantity of a column in a table whose rows are periods: the column's own, except
    under a title by industry (分行业从业人员), whose columns of industries are parts of the
    title's quantity (从业人员/采掘业) and whose total column (合计) is that quantity."""
    title = quantity[0] if quantity else ""
    if breakdown and title and column:
        return title if is_total(column) else f"{title}/{column}"
    return column or title


def _one_period(groups: list[Group]) -> list[Group]:
    """A level column naming no period (结构(%)) beside columns that all name one and the same
    (1-4月 累计) is of that period: the table's other period (its file name's month) is not
    printed over any column."""
    named = {group.period for group in groups if group.period is not None}
    if len(named) != 1:
        return groups
    [period] = named
    for group in groups:
        if group.period is None and group.level is not None:
            group.period, group.period_source = period, "group"
    return groups


def _units_say_amounts(columns: list[FigureColumn], title_lines: tuple[str, ...]) -> bool:
    """A unit line (单位:万元) or a column's unit other than per cent (个, 上年=100): the
    figures are amounts or indices, not growth rates."""
    units = [c.unit for c in columns] + [_line_unit(line) for line in title_lines]
    return any(unit not in (None, "%") for unit in units)


def _unit_for(line_unit: str | None, name: str) -> str | None:
    """A unit line's unit for one quantity: a line naming several ("万户,万人") gives each the
    one whose counted thing (户, 人) its name names; otherwise the line as printed."""
    units = [unit for unit in _UNIT_LIST.split(line_unit or "") if unit]
    if len(units) < 2 or not all(_UNIT.match(unit) for unit in units):
        return line_unit
    named = [unit for unit in units if unit[-1] in name]
    return named[0] if len(named) == 1 else line_unit


def _stub_unit(stub: str) -> str | None:
    """The unit a stub's header gives the whole table ("指标(单位:亿元)" -> 亿元)."""
    match = re.search(rf"{_STUB_UNIT}$", stub)
    return match.group(1) if match and _STUB.match(stub) and _UNIT.match(match.group(1)) else None


def _line_unit(line: str) -> str | None:
    """The unit a unit line names ("单位:万元"), without an English gloss ("(10 000 yuan)"),
    or the one after an export's indicator line ("指标:地区生产总值(亿元)")."""
    folded = fold(line)
    if (match := _INDICATOR_LINE.match(folded)) and _UNIT.match(match.group(1)):
        return match.group(1)
    match = _UNIT_LINE.match(folded)
    return _ENGLISH_GLOSS.sub("", match.group(2)) or None if match else None


def _units_into_labels(
    levels: tuple[tuple[str, ...], ...], stub: int
) -> tuple[tuple[str, ...], ...]:
    """A header line of units alone under the labels ("" | "亿元" | "%") gives each column its
    unit, as if printed after its label ("同比增长(%)"), rather than a label of its own."""
    rows = [list(level) for level in levels]
    for depth, row in enumerate(rows[1:], start=1):
        units = {index: _bare(text) for index, text in enumerate(row) if index > stub and text}
        if not units or not all(_UNIT.match(unit) for unit in units.values()):
            continue
        for index, unit in units.items():
            above = next((r for r in reversed(rows[:depth]) if index < len(r) and r[index]), None)
            if above is not None:
                above[index] = f"{above[index]}({unit})"
                row[index] = ""
    return tuple(tuple(row) for row in rows)


def _bare(text: str) -> str:
    """A header cell without the brackets around it: "(亿元)" -> "亿元"."""
    match = _LEADING_PARENS.fullmatch(text)
    return match.group(1) if match else text


def _column_labels(
    grid: Grid, rows: list[int], levels: tuple[tuple[str, ...], ...], index: int
) -> list[str]:
    """A column's header labels, top to bottom, English lines and notes in brackets
    ("(按可比价计算)") left out; the lines printed in the column itself that are all words of a
    name ("工 业" / "总 产 值", "企 业" / "单 位 数") are one label, as a yearbook page breaks a
    cell's text over rows. A label spread over the column from a neighbour's span is a level of
    its own ("2008" over "增 长")."""
    labels: list[str] = []
    joinable = False
    for row, level in zip(rows, levels, strict=True):
        label = _ENGLISH_TAIL.sub("", fold(level[index])) if index < len(level) else ""
        if not label or _ENGLISH.match(label) or _is_note_line(label):
            continue
        spans = index + 1 < len(level) and level[index + 1] == level[index]
        own = grid.cell(row, index).text and not (spans and not grid.cell(row, index + 1).text)
        own_word = bool(own) and _is_name_words(label)
        if own_word and joinable:
            labels[-1] += label
        else:
            labels.append(label)
        joinable = own_word
    return labels


def _is_name_words(label: str) -> bool:
    """A header line that is part of a name: no period, measure or unit of its own."""
    text, unit = split_label_unit(label, header=True)
    plain = _plain(text)
    return (
        bool(text)
        and unit is None
        and not _INDEX_HEADER.match(plain)
        and not _INDEX_OF_BASE.search(plain)
        and not _printed_period(text)
        and not any(pattern.search(plain) for pattern in (_RANK, _GROWTH, _LEVEL, _GROWTH_BASE))
    )


def _sub_item_units(grid: Grid, rows: list[int], columns: list[FigureColumn]) -> list[FigureColumn]:
    """A `#` column is a part of the column on its left ("企业单位数(个)" | "#亏损企业"): with no
    unit of its own it counts in that column's unit, not in the table's unit line."""
    by_index = {column.index: column for column in columns}
    kept = []
    for column in columns:
        left = by_index.get(column.index - 1)
        own = next((text for r in rows if (text := fold(grid.cell(r, column.index).text))), "")
        if left and left.unit and column.unit is None and own.startswith(("#", "＃")):
            column = replace(column, unit=left.unit)
        kept.append(column)
    return kept


def _of_which_parts(
    grid: Grid, rows: list[int], levels: tuple[tuple[str, ...], ...], columns: list[FigureColumn]
) -> list[FigureColumn]:
    """总人口 | 其中 over 男性 | 女性: a column naming only a quantity under a header "其中"
    spanning columns is a part of the column left of the span (总人口/男性)."""
    kept = []
    whole: FigureColumn | None = None
    for column in columns:
        labels = _column_labels(grid, rows, levels, column.index)
        if not (labels and _OF_WHICH_HEADER.match(labels[0])):
            whole = column
        elif whole and not (column.explicit_measure or column.period):
            column = replace(column, quantity=f"{whole.quantity}/{column.quantity}")
        kept.append(column)
    return kept


def _period_row_column(index: int, labels: list[str], period_rows: bool) -> FigureColumn | None:
    """The column as its words say; where the rows are periods, a column that says only its
    quantity and unit (no measure, no period) is named by its header path, as one that says
    only its quantity is ("生产总值(万元)" over "第一产业" -> 生产总值/第一产业 in 万元)."""
    column = _figure_column(index, labels)
    if period_rows and (column is None or not (column.explicit_measure or column.period)):
        return _quantity_column(index, labels)
    return column


def _quantity_column(index: int, labels: list[str]) -> FigureColumn:
    """A column of a table whose rows are periods (年份 | 地区生产总值 | 第一产业): its header
    names a quantity, and over several rows a breakdown of it, as row labels do down a table
    ("地区生产总值" over "第二产业" over "#工业" -> 地区生产总值/第二产业/工业). A total under
    the quantity (合计) is the quantity itself."""
    path: list[str] = []
    unit = None
    for label in labels:
        text, label_unit = split_label_unit(label, header=True)
        unit = label_unit or unit
        name = strip_marks(text)
        if _SECTION_HEADER.match(_plain(text)):  # "按性别分" over 男性 | 女性
            continue
        if name and name not in path and not (path and is_total(name)):
            path.append(name)
    return FigureColumn(index, "level", "/".join(path), None, "column", unit, False)


def _as_growth(column: FigureColumn) -> FigureColumn:
    return FigureColumn(
        column.index, "growth", column.quantity, column.period, column.period_source, None, True
    )


def _figure_column(index: int, labels: list[str], named_only: bool = False) -> FigureColumn | None:
    """Measure, quantity, period and unit from a column's labels, top to bottom; with
    `named_only`, a column naming only its quantity is that quantity's level."""
    measure, explicit, unit, period, period_source = "level", False, None, None, "column"
    quantity = []
    for depth, raw in enumerate(labels):
        text, label_unit = split_label_unit(raw, header=True)
        if base := _INDEX_HEADER.match(_plain(text)):
            text, label_unit = "", f"{base.group(1)}=100"
        elif base := _INDEX_OF_BASE.search(_plain(text)):
            text, label_unit = text[: base.start()], f"{base.group(1)}=100"
        elif text.endswith("%") and len(text) > 1:  # "比重%": per cent, as "比重(%)" says
            text, label_unit = text[:-1], label_unit or "%"
        unit = label_unit or unit
        is_last = depth == len(labels) - 1
        if not text:
            continue
        if found_period := _printed_period(text):
            period, text = found_period
            period_source = "column" if is_last else "group"
        if not text:
            continue
        for pattern, reason in _NOT_FACTS:
            if pattern.search(_plain(text) + (label_unit or "")):
                return FigureColumn(index, reason, "", None, "column", None, True)
        for kind, pattern in (("rank", _RANK), ("growth", _GROWTH), ("level", _LEVEL)):
            if match := pattern.search(_plain(text)):
                measure, explicit = kind, True
                text = text[: match.start()]
                break
        if text and (found := _printed_period(text)):
            period, text = found
            period_source = "column" if is_last else "group"
        if text and not _GROWTH_BASE.match(_plain(text)):  # "比上年同期" over "增长"
            quantity.append(text)
    if not (explicit or period or unit or (named_only and quantity)):
        return None
    if measure == "growth" and unit == "%":
        unit = None
    # Over several header rows the lowest quantity is the column's ("工业" / "工业投资").
    name = strip_marks(quantity[-1]) if quantity else ""
    return FigureColumn(index, measure, name, period, period_source, unit, explicit)


def _is_note_line(label: str) -> bool:
    """A header line wholly in brackets that is not a unit ("(按可比价计算)")."""
    return bool(_NOTE_LINE.match(label)) and split_label_unit(label, header=True)[1] is None


def _plain(text: str) -> str:
    """Header words in simplified characters ("絕對數" -> "绝对数"), so that the measure and
    period words match on reposted pages; the printed text when folding changes its length,
    as names are cut from the printed text at the positions found in this one."""
    plain = simplified(text)
    return plain if len(plain) == len(text) else text


def _printed_period(text: str) -> tuple[str, str] | None:
    """The period a header names at its start, and the rest of the printed header."""
    found = _header_period(_plain(text))
    return None if found is None else (found[0], text[len(text) - len(found[1]) :])


def _period_label(text: str) -> str | None:
    """The label as a period ("2022年", "1-6月", "2021"), or None when it is not one."""
    found = _header_period(fold(text))
    return found[0] if found and not found[1] and found[0] not in _RELATIVE_KINDS else None


@functools.lru_cache(maxsize=16384)  # the same labels recur on every sheet and row
def _header_period(text: str) -> tuple[str, str] | None:
    """The period a header names at its start, and the rest of it."""
    for word, kind in _RELATIVE_PERIODS:
        if text.startswith(word):
            return kind, text[len(word) :]
    label = header_period_label(_YTD_WORD.sub("", text) if _YTD_PREFIX.match(text) else text)
    try:
        parse_period(label, default_year=2000)
    except UnknownPeriodError:
        # "2021年GDP": the year of the quantity named after it ("2011年为上年%" compares).
        if match := _YEAR_THEN_NAME.match(text):
            return match.group(1), match.group(2)
        return None
    return label, ""


def _groups(columns: list[FigureColumn]) -> list[Group]:
    """Columns of one quantity and period together; ranks rank the column on their left."""
    groups: list[Group] = []
    previous: tuple[Group, str] | None = None
    for column in columns:
        if column.measure in _NOT_FACT_REASONS:
            previous = None
            continue
        if column.measure == "rank":
            if previous is not None:
                group, ranked = previous
                if ranked == "growth":
                    group.growth_rank = column.index
                else:
                    group.value_rank = column.index
            continue
        group = _group_for(groups, column)
        if group is None:
            group = Group(column.quantity, column.period, column.period_source)
            group.region = column.region
            groups.append(group)
        setattr(group, column.measure, column)
        previous = (group, column.measure)
    return groups


def _group_for(groups: list[Group], column: FigureColumn) -> Group | None:
    """The group a growth column completes: same period, or the nearest current level."""
    if column.measure != "growth":
        return None
    for group in reversed(groups):
        if group.growth is not None or group.level is None or _is_prior(group.period):
            continue
        same_quantity = not column.quantity or column.quantity == group.quantity
        if not same_quantity:
            continue
        if column.period is None or _same_period(column.period, group.period):
            return group
    return None


def _same_period(one: str, other: str | None) -> bool:
    """A growth "累计增长" completes a level "1-3月累计": both are the year to date."""
    pair = {one, other or ""}
    return one == other or ("ytd" in pair and any(_YTD_LABEL.match(label) for label in pair))


def _is_prior(period: str | None) -> bool:
    return period is not None and period.startswith("prior")


def split_label_unit(label: str, header: bool = False) -> tuple[str, str | None]:
    """A label and the unit in parentheses at its end, when it is one ("总产出(亿元)");
    "(现价)" and "(CPI)" stay in the name. Headers may put it first: "(亿元)绝对值"."""
    if (match := _TRAILING_PARENS.search(label)) and _UNIT.match(fold(match.group(1))):
        return label[: match.start()].strip(), fold(match.group(1))
    if header and (match := _LEADING_PARENS.match(label)) and _UNIT.match(fold(match.group(1))):
        return label[match.end() :].strip(), fold(match.group(1))
    return label.strip(), None


def clean_label(printed: str) -> str:
    """A row label as an indicator name: folded, without spaces between Chinese characters and
    without the marks pointing to notes ("东城区①" is the region 东城区)."""
    text = unicodedata.normalize("NFKC", printed.translate(CIRCLED_NUMBERS))
    text = FOOTNOTE_MARK.sub("", text).strip()
    return re.sub(r"\s+", " ", _CJK_GAP.sub("", text))


@functools.lru_cache(maxsize=16384)  # the same row labels recur on every sheet
def _row_label_parts(printed: str) -> tuple[str, str, str | None]:
    """A printed row label cleaned, and its name and unit without the layout marks."""
    text = clean_label(printed)
    return (text, *split_label_unit(strip_marks(text)))


@functools.lru_cache(maxsize=16384)  # most cells are labels that recur on every sheet
def _note_periods(text: str) -> tuple[tuple[str, str], ...]:
    """(subject, period label) of each "...为1-3月数据" in a cell's text."""
    return tuple(_NOTE_PERIOD.findall(fold(text)))


def _is_ratio(unit: str | None) -> bool:
    """Per cent and index units: the parts of a ratio are not smaller than the whole."""
    return unit is not None and (unit in ("%", "‰") or unit.endswith("=100"))


def _figure_with_unit(cell: Cell) -> tuple[str, str] | None:
    """The number and the unit of a level printed with its unit ("269万吨" -> 269, 万吨)."""
    match = _FIGURE_WITH_UNIT.match(fold(cell.text))
    return (match[1], match[2]) if match and _UNIT.match(match[2]) else None


def _looks_numeric(cell: Cell) -> bool:
    """A number, or text that reads as one ("1,475.21", "1.6倍")."""
    return cell.is_number or (isinstance(cell.value, str) and is_figure_text(cell.value, True))


def _with_row_measures(observations: list[Observation]) -> list[Observation]:
    """One fact per quantity and period: a fact whose row names a measure after "_" moves to
    its quantity and period (a 累计值 is the year to date, a 同比增长 or 累计增长 the growth of
    the level of the same quantity and period), and a level and a growth of the same fact,
    from two rows of measures or from a growth column printed before its level's, become one
    (a growth without its level stays a fact of its own)."""
    placed: dict[tuple[object, ...], int] = {}  # a fact's key -> its place in result
    result: list[Observation] = []
    for observation in observations:
        quantity, _, measure = observation.indicator_name.rpartition("_")
        if quantity and measure in SERIES_MEASURES:
            observation = _moved_to_quantity(observation, quantity, *SERIES_MEASURES[measure])
            row = None  # the measures of one quantity stand on rows of their own
        else:
            row = observation.row_number
        key = (
            row,
            observation.region_name,
            observation.indicator_name,
            observation.period_type,
            observation.period_start,
            observation.period_end,
        )
        if (place := placed.get(key)) is not None and _fills(result[place], observation):
            result[place] = _combined(result[place], observation)
            continue
        placed[key] = len(result)
        result.append(observation)
    return result


def _moved_to_quantity(
    observation: Observation, quantity: str, to_date: bool, growth: bool
) -> Observation:
    end = observation.period_end
    moved = replace(
        observation,
        indicator_name=quantity,
        period_type="ytd" if to_date else observation.period_type,
        period_start=date(end.year, 1, 1) if to_date else observation.period_start,
    )
    if growth and observation.value_published is not None:
        moved = replace(
            moved,
            value_published=None,
            value_decimals=None,
            unit_published=None,
            yoy_growth_pct=observation.value_published,
            growth_decimals=observation.value_decimals,
        )
    return moved


def _fills(first: Observation, second: Observation) -> bool:
    """One of the two has the level and the other the growth."""
    return (first.value_published is None) != (second.value_published is None) and (
        first.yoy_growth_pct is None
    ) != (second.yoy_growth_pct is None)


def _combined(first: Observation, second: Observation) -> Observation:
    level, growth = (first, second) if first.value_published is not None else (second, first)
    return replace(
        level, yoy_growth_pct=growth.yoy_growth_pct, growth_decimals=growth.growth_decimals
    )


def _line_of(cells: list[Cell]) -> tuple[str, ...]:
    """A row's texts in their columns, to tell a repeated header or title line ("" when
    empty)."""
    texts = [fold(cell.text) for cell in cells]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def _context(grid: Grid, first_header_row: int, file_name: str) -> TableContext:
    lines = (
        tuple(cell.text for row in grid.rows[: first_header_row - 1] for cell in row if cell.text)
        + grid.heading
    )
    return TableContext(lines, grid.name, PurePath(file_name).stem, grid.folder)


# --- the body --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    number: int
    text: str  # the printed label folded, without its note marks
    label: RowLabel
    name: str
    unit: str | None


class _TableReader:
    """One sheet's body read through its layout."""

    def __init__(self, grid: Grid, file_name: str, layout: Layout, parsed: ParsedFile) -> None:
        self.grid, self.file_name, self.layout, self.parsed = grid, file_name, layout, parsed
        self.context = _context(grid, layout.first_header_row, file_name)
        self.stub_label = _stub_label(
            grid, layout.first_header_row, layout.last_header_row, layout.stub
        )
        self.figures = parsed.figures
        # What the whole sheet shares, worked out once rather than per row or per figure.
        self.unit_line = next(
            (
                unit
                for line in self.context.title_lines
                if (unit := _line_unit(line))
                or (unit := (m := _INDEX_BASE.search(fold(line))) and f"{m.group(1)}=100")
            ),
            None,
        ) or _stub_unit(fold(grid.cell(layout.first_header_row, layout.stub).text))
        # Numbers outside the figure columns: in an ignored column skipped with its reason,
        # in an unknown one (all left of the header's right edge) or right of the header unread.
        others = {index: None for index in layout.unknown} | layout.ignored
        self.other_columns: list[tuple[int, str | None]] = sorted(others.items())
        self.header_width = max(
            len(grid.rows[r - 1])
            for r in range(layout.first_header_row, layout.last_header_row + 1)
        )
        self.figure_columns = [c for g in layout.groups for c in (g.level, g.growth) if c]
        # A long table printed over pages repeats its title and header rows in its body.
        self.repeated_lines = {
            line for row in grid.rows[: layout.last_header_row] if (line := _line_of(row))
        }
        self.repeated_first_texts = {
            next(text for text in line if text) for line in self.repeated_lines
        }
        self.group_periods: dict[int, tuple[str, Period, str | None]] = {}  # by id(group)
        # Under a title's index base (以上年为100) no column holds amounts to compare.
        self.level_column = next(
            (
                c
                for g in layout.groups
                if (c := g.level) and not _is_ratio(c.unit or self.unit_line)
            ),
            None,
        )

    def read(self) -> None:
        first_fact = len(self.parsed.observations)
        self._read_rows()
        self.parsed.observations[first_fact:] = _with_row_measures(
            self.parsed.observations[first_fact:]
        )

    def _read_rows(self) -> None:
        read_metadata(self.grid, self.layout.first_header_row, self.parsed)
        self._periods_in_notes()
        rows = list(self._body())
        self._share_periods(rows)
        self._part_units(rows)
        # "年份/地区": the regions listed below the years are of the latest year above them.
        regions_of_latest = self._years_then_regions()
        regions = not regions_of_latest and self._rows_are_regions(rows)
        periods = regions_of_latest or (not regions and self._rows_are_periods(rows))
        reporting = self.context.region()
        breakdown = self._is_breakdown()
        labels = [row.label for row in rows]
        if is_structured(labels):  # only a breakdown compares a part's amount with its whole's
            labels = [replace(row.label, level_value=self._level_value(row.number)) for row in rows]
        paths = row_paths(labels, [row.name for row in rows])
        units = self._row_units(rows, paths)
        quantity = self.context.quantity()
        # Rows mostly of regions under a stub that does not say so may mix in rows of a
        # breakdown (在总计中: 轻工业 | 重工业 | 在总计中: 广州市 ...): those are parts.
        mixed = regions and not self._region_stub()
        region_section = False
        latest: str | None = None
        carried_regions = self._carried_regions(rows)
        for row, path, row_unit in zip(rows, paths, units, strict=True):
            if not row.label.has_figures:
                region_section = bool(_REGION_SECTION.match(fold(row.text)))
                continue
            part = mixed and not (
                is_total(row.text)
                or region_section
                or is_zone(row.name)
                or region_of_row(row.name, None)
            )
            if part:
                region = reporting
            elif regions:
                region = (
                    Sourced(reporting.value, reporting.source)
                    if is_total(row.text)
                    else Sourced(region_of_row(row.name, reporting.value) or row.name, "row")
                )
            else:
                region = reporting
            if (printed := carried_regions.get(row.number)) is not None:
                region = (
                    reporting
                    if is_total(printed)
                    else Sourced(region_of_row(printed, reporting.value) or printed, "row")
                )
            row_period = _period_label(row.text) if periods else None
            if row_period:
                latest = row_period
            elif regions_of_latest and latest and (place := region_of_row(row.name, None)):
                row_period = latest
                region = Sourced(region_of_row(row.name, reporting.value) or place, "row")
            row_region = region
            for group in self.layout.groups:
                region = self._column_region(group, reporting) or row_region
                if row_period:  # the row is a period: the quantity is the column's or title's
                    name = _period_row_name(group.quantity, quantity, breakdown) or row.name
                elif part:
                    whole = group.quantity or (quantity[0] if quantity else "")
                    parts = [p for p in path if not is_total(p)] or [row.name]
                    name = "/".join([whole, *parts]).strip("/")
                else:
                    name = self._indicator(group, path, row, regions, breakdown, quantity)
                self._fact(row, group, region, name, row_unit, row_period)
            self._account_others(row)

    def _carried_regions(self, rows: list[_Row]) -> dict[int, str]:
        """In a long table, each row's region: the last one printed in the region column at
        or above it (a region is printed once over its rows)."""
        column = self.layout.region_column
        if column is None:
            return {}
        carried, current = {}, ""
        for row in rows:
            current = clean_label(self.grid.cell(row.number, column).text) or current
            if current:
                carried[row.number] = current
        return carried

    @staticmethod
    def _column_region(group: Group, reporting: Sourced) -> Sourced | None:
        """The region a column is headed by: a listed region's full name, the reporting
        region for 全市, a zone as printed."""
        if group.region is None:
            return None
        if is_total(group.region):
            return reporting
        return Sourced(region_of_row(group.region, reporting.value) or group.region, "column")

    def _periods_in_notes(self) -> None:
        """A note may give one column's period ("利税总额增长速度为1-3月数据")."""
        for row in self.grid.rows[self.layout.last_header_row :]:
            for cell in row:
                if not isinstance(cell.value, str):  # a number or date is never a note
                    continue
                for subject, label in _note_periods(cell.text):
                    for group in self.layout.groups:
                        if group.period is None and subject and subject in group.quantity:
                            group.period, group.period_source = label, "text"

    def _share_periods(self, rows: list[_Row]) -> None:
        """A share column naming no period (结构(%) beside 3月 and 1-3月累计) is the share of the
        amounts whose ratios to the whole (the row at 100) it prints: it takes their period."""
        amounts = [
            g for g in self.layout.groups if g.period and g.level and not _is_ratio(g.level.unit)
        ]
        for group in self.layout.groups:
            share = group.level
            if (
                group.period
                or share is None
                or share.unit != "%"
                or not _SHARE.search(group.quantity)
            ):
                continue
            found = [g for g in amounts if g.level and self._are_shares(rows, share, g.level)]
            if len(found) == 1:
                group.period, group.period_source = found[0].period, found[0].period_source

    def _part_units(self, rows: list[_Row]) -> None:
        """Level columns printing no unit right of one that prints it, and adding up to it on
        every row (从业人员 (人) | 第一产业 | 第二产业 | 第三产业), are its parts: they count in
        its unit, as a `#` column does in its left neighbour's."""
        groups = [g for g in self.layout.groups if g.level]
        groups.sort(key=lambda g: g.level.index if g.level else 0)
        for number, group in enumerate(groups):
            whole = group.level
            if whole is None or whole.unit is None or _is_ratio(whole.unit):
                continue
            parts: list[Group] = []
            for later in groups[number + 1 :]:
                if later.level is None or later.level.unit is not None:
                    break
                parts.append(later)
                columns = [part.level for part in parts if part.level]
                if len(parts) > 1 and self._add_up(rows, whole, columns):
                    for part, column in zip(parts, columns, strict=True):
                        part.level = replace(column, unit=whole.unit)
                    break

    def _add_up(self, rows: list[_Row], whole: FigureColumn, parts: list[FigureColumn]) -> bool:
        """Whether the parts' figures sum to the whole's on every row printing them all."""
        checked = 0
        for row in rows:
            total = self._quiet_figure(row.number, whole)
            figures = [self._quiet_figure(row.number, part) for part in parts]
            if total is None or any(figure is None for figure in figures):
                continue
            if abs(sum(f.value for f in figures) - total.value) > SUM_TOLERANCE * abs(total.value):
                return False
            checked += 1
        return checked > 0

    def _are_shares(self, rows: list[_Row], share: FigureColumn, amount: FigureColumn) -> bool:
        """Whether each row's share is its amount over the amount of the row at 100."""
        pairs = [
            (s.value, a.value)
            for row in rows
            if (s := self._quiet_figure(row.number, share))
            and (a := self._quiet_figure(row.number, amount))
        ]
        whole = next((a for s, a in pairs if s == 100), None)
        if not whole or len(pairs) < 2:
            return False
        return all(abs(a / whole * 100 - s) <= _SHARE_TOLERANCE for s, a in pairs)

    def _quiet_figure(self, number: int, column: FigureColumn) -> Figure | None:
        """The number in a cell, or None for an empty cell or anything else (reported later)."""
        cell = self.grid.cell(number, column.index)
        try:
            return parse_cell(cell.value, cell.number_format)
        except NotANumberError:
            return None

    # rows

    def _body(self) -> Iterator[_Row]:
        layout = self.layout
        for number in range(layout.last_header_row + 1, len(self.grid.rows) + 1):
            cells = self.grid.rows[number - 1]
            first_text = next((text for cell in cells if (text := cell.text)), "")
            if FOOTNOTE.match(fold(first_text)):
                self._skip_numbers(number, len(self.grid.rows), "notes under the table")
                return
            if _is_code_row(self.grid, number, layout.stub):
                self._skip_numbers(number, number, COLUMN_CODES)
                continue
            if fold(first_text) in self.repeated_first_texts and _line_of(cells) in (
                self.repeated_lines
            ):
                self._skip_numbers(number, number, REPEATED_HEADER)
                continue
            printed = self.grid.cell(number, layout.stub).value
            printed = "" if printed is None else str(printed)
            if not printed.strip():
                self._unread_all(number, "a number in a row without a label")
                continue
            text, name, unit = _row_label_parts(printed)
            # A row whose figure cells hold anything (a number, "—") is a data row; a row with
            # all of them empty is a section or heading.
            has_figures = any(self.grid.cell(number, c.index).text for c in self.figure_columns)
            label = RowLabel(
                text=text,
                indent=len(printed) - len(printed.lstrip()),
                has_figures=has_figures,
                level_value=None,  # read only when the table turns out to be a breakdown
                unit=unit,
            )
            yield _Row(number, text, label, name, unit)

    def _level_value(self, number: int) -> float | None:
        """The row's first amount (not a ratio), to check that a part fits its whole."""
        if self.level_column is None:
            return None
        figure = self._quiet_figure(number, self.level_column)
        return figure.value if figure else None

    def _region_stub(self) -> bool:
        """The stub's header says its rows are regions (地区, 县区)."""
        return bool(_REGION_STUB.match(self.stub_label))

    def _years_then_regions(self) -> bool:
        """The stub's header says its rows are years, then regions ("年份/地区")."""
        return bool(_YEARS_THEN_REGIONS.match(self.stub_label))

    def _rows_are_regions(self, rows: list[_Row]) -> bool:
        if self._region_stub():
            return True
        data = [row for row in rows if row.label.has_figures]
        named = sum(1 for row in data if is_total(row.text) or region_of_row(row.text, None))
        return bool(data) and named * 2 > len(data)

    def _rows_are_periods(self, rows: list[_Row]) -> bool:
        """Rows labelled 2021年, 2022年 or 1-3月, 1-6月: a series down the table."""
        data = [row for row in rows if row.label.has_figures]
        dated = sum(1 for row in data if _period_label(row.text))
        return bool(data) and dated * 2 > len(data)

    def _is_breakdown(self) -> bool:
        titles = " ".join(text for text, _ in self.context.texts())
        return bool(_BREAKDOWN_STUB.search(self.stub_label) or _BREAKDOWN_TITLE.search(titles))

    def _row_units(self, rows: list[_Row], paths: list[tuple[str, ...]]) -> list[str | None]:
        """A row's own unit, else the unit of the quantity it breaks down, else that of the
        heading it is under ("农村基层组织情况 (个)" over 乡镇数 | 村民委员会)."""
        by_root: dict[str, str | None] = {}
        heading: str | None = None
        units = []
        for row, path in zip(rows, paths, strict=True):
            if not row.label.has_figures:
                heading = row.unit
            if row.unit and path:
                by_root[path[0]] = row.unit
            units.append(row.unit or (by_root.get(path[0]) if path else None) or heading)
        return units

    def _indicator(
        self,
        group: Group,
        path: tuple[str, ...],
        row: _Row,
        regions: bool,
        breakdown: bool,
        quantity: tuple[str, bool] | None,
    ) -> str:
        title_quantity = quantity[0] if quantity else ""
        if regions:
            return group.quantity or title_quantity or row.name
        parts = [part for part in path if not is_total(part)]
        if breakdown:
            return "/".join([group.quantity or title_quantity, *parts]).strip("/")
        if share := _SHARE_OF.match(_plain(group.quantity)):
            # a row's share of the whole is named by the row; the whole's own (100) by the share
            return "/".join([group.quantity, *[p for p in parts if p != share.group(1)]])
        if group.quantity:  # it takes the place of the root, a total row (总计) too
            return "/".join([group.quantity, *[p for p in path[1:] if not is_total(p)]])
        if len(path) > 1 and is_total(path[0]) and fold(path[0]) not in TOTAL_ROWS:
            # "工商税收收入合计" over 1、增值税 …: nothing else names the whole the parts are of
            parts = [path[0], *parts]
        return "/".join(parts) or row.name

    # figures

    def _fact(
        self,
        row: _Row,
        group: Group,
        region: Sourced,
        name: str,
        row_unit: str | None,
        row_period: str | None,
    ) -> None:
        value = self._figure(row.number, group.level, "value")
        growth = self._figure(row.number, group.growth, "growth rate")
        value_rank = self._rank(row.number, group.value_rank)
        growth_rank = self._rank(row.number, group.growth_rank)
        if value is None and growth is None:
            for column in (group.value_rank, group.growth_rank):
                if column is not None and self._is_number(row.number, column):
                    self.figures.skip(RANK_WITHOUT_FIGURE)
            return
        label, period, period_source = self._period(row.number, group, row_period)
        if period.period_type == "ytd" and is_stock(name.split("/")[0]):
            # a stock under "1-3月累计" is the number at the end of March
            label = f"{period.end.year}年{period.end.month}月"
            period = parse_period(label)
        # Counted by identity: tuple.count(None) would compare each Figure with None by ==.
        self.figures.read += (
            (value is not None)
            + (growth is not None)
            + (value_rank is not None)
            + (growth_rank is not None)
        )
        figure_column = group.level if value is not None and group.level else group.growth
        self.parsed.observations.append(
            Observation(
                sheet_name=self.grid.name,
                row_number=row.number,
                region_name=region.value,
                indicator_name=name,
                period_label=label,
                period_type=period.period_type,
                period_start=period.start,
                period_end=period.end,
                value_published=value.value if value else None,
                value_decimals=value.decimals if value else None,
                unit_published=self._unit(row, group, row_unit, name) if value else None,
                yoy_growth_pct=growth.value if growth else None,
                growth_decimals=growth.decimals if growth else None,
                value_rank=value_rank,
                growth_rank=growth_rank,
                region_source=region.source,
                period_source=period_source,
                column_name=get_column_letter(figure_column.index + 1) if figure_column else None,
            )
        )

    def _figure(self, number: int, column: FigureColumn | None, what: str) -> Figure | None:
        if column is None:
            return None
        cell = self.grid.cell(number, column.index)
        parse = parse_growth_cell if column.measure == "growth" else parse_cell
        try:
            return parse(cell.value, cell.number_format)
        except NotANumberError as error:
            if column.measure == "level" and (glued := _figure_with_unit(cell)):
                return parse_text(glued[0])
            problem = f"{what} {error}"
            raise cell_error(self.grid, self.file_name, number, column.index, problem) from error

    def _rank(self, number: int, column: int | None) -> int | None:
        if column is None:
            return None
        cell = self.grid.cell(number, column)
        try:
            figure = parse_cell(cell.value, cell.number_format)
        except NotANumberError as error:
            raise cell_error(self.grid, self.file_name, number, column, f"rank {error}") from error
        return None if figure is None else int(figure.value)

    def _is_number(self, number: int, column: int) -> bool:
        return _looks_numeric(self.grid.cell(number, column))

    def _unit(self, row: _Row, group: Group, row_unit: str | None, name: str) -> str | None:
        level = group.level
        if level is not None and (
            glued := _figure_with_unit(self.grid.cell(row.number, level.index))
        ):
            return glued[1]
        if level is not None and _is_ratio(level.unit):  # "结构(%)" beside a 单位 column
            return level.unit
        column = self.layout.unit_column
        if column is not None and (unit := fold(self.grid.cell(row.number, column).text)):
            return unit
        return row_unit or (level.unit if level else None) or _unit_for(self.unit_line, name)

    def _period(
        self, number: int, group: Group, row_period: str | None
    ) -> tuple[str, Period, str | None]:
        """The group's period label with its year, the period, and where it came from."""
        if row_period:
            return self._parsed_period(row_period, self.table_year, number, None, "row")
        column = self.layout.period_column
        if column is not None and (label := fold(self.grid.cell(number, column).text)):
            return self._parsed_period(label, self.table_year, number, column, "row")
        found = self.group_periods.get(id(group))
        if found is None:
            found = self.group_periods[id(group)] = self._group_period(number, group)
        return found

    def _group_period(self, number: int, group: Group) -> tuple[str, Period, str | None]:
        """The period of the group's header or of the table: the same on every row, so worked
        out on the first (a bad one is reported there, as it was when asked on each row)."""
        own = group.period
        if own is not None and own not in _RELATIVE_KINDS:  # "1-2月", "2018年8月", "2016年"
            return self._parsed_period(own, self.table_year, number, None, group.period_source)
        table = self.table_period
        if table is None:
            raise IngestError(
                self.file_name,
                "no period in the column headers, title, sheet name, file name or folder",
                sheet=self.grid.name,
            )
        if own is None or own == "same":
            return self._parsed_period(table.value, None, number, None, table.source)
        end = parse_period(table.value).end
        year = end.year - 1 if own.startswith("prior") else end.year
        label = {
            "ytd": f"{year}年1-{end.month}月",
            "prior_ytd": f"{year}年1-{end.month}月",
            "month": f"{year}年{end.month}月",
            "prior_month": f"{year}年{end.month}月",
            "quarter": f"{year}年{(end.month + 2) // 3}季度",
            "prior_quarter": f"{year}年{(end.month + 2) // 3}季度",
        }.get(own, re.sub(r"^\d{4}", str(year), table.value))  # 上年同期: the same span
        return self._parsed_period(label, None, number, None, group.period_source)

    @functools.cached_property
    def table_period(self) -> Sourced | None:
        """The table's own period (title, sheet, file name, folder, release date)."""
        return self.context.period()

    @functools.cached_property
    def table_year(self) -> int | None:
        """The year of the table's period (asked only when a label lacks its year)."""
        table = self.table_period
        return parse_period(table.value).end.year if table else None

    def _parsed_period(
        self, label: str, year: int | None, number: int, column: int | None, source: str | None
    ) -> tuple[str, Period, str | None]:
        try:
            period = parse_period(label, default_year=year)
        except UnknownPeriodError as error:
            where = column if column is not None else self.layout.stub
            raise cell_error(self.grid, self.file_name, number, where, str(error)) from error
        with_year = label if _WITH_YEAR.match(label) else f"{period.start.year}年{label}"
        return with_year, period, source

    # accounting

    def _account_others(self, row: _Row) -> None:
        """Numbers of the row outside the figure columns: skipped with a reason, or unread."""
        cells = self.grid.rows[row.number - 1]
        for cell in cells[self.layout.left : self.layout.stub]:
            if _looks_numeric(cell):
                self.figures.skip(LEFT_OF_STUB)
        end = len(cells) if self.layout.right is None else min(self.layout.right, len(cells))
        beyond = range(max(self.header_width, self.layout.stub + 1), end)
        for index, reason in [*self.other_columns, *((index, None) for index in beyond)]:
            if index >= len(cells) or not _looks_numeric(cell := cells[index]):
                continue
            if reason:
                self.figures.skip(reason)
            else:
                self._unread(row.number, index, cell, UNKNOWN_COLUMN)

    def _skip_numbers(self, first: int, _last: int, reason: str) -> None:
        for number in range(
            first, len(self.grid.rows) + 1 if reason.startswith("notes") else first + 1
        ):
            for _, cell in self._block_cells(number):
                if _looks_numeric(cell):
                    self.figures.skip(reason)

    def _unread_all(self, number: int, reason: str) -> None:
        for index, cell in self._block_cells(number):
            if _looks_numeric(cell):
                self._unread(number, index, cell, reason)

    def _block_cells(self, number: int) -> list[tuple[int, Cell]]:
        """The row's cells in this block's columns (all of them unless the table is folded)."""
        cells = list(enumerate(self.grid.rows[number - 1]))
        return cells[self.layout.left : self.layout.right]

    def _unread(self, number: int, index: int, cell: Cell, reason: str) -> None:
        self.figures.unread.append(
            UnreadFigure(self.grid.name, number, get_column_letter(index + 1), cell.text, reason)
        )


def count_numbers(grid: Grid) -> list[tuple[int, int, Cell]]:
    """Every numeric cell of a grid (row, column, cell): for sheets no shape reads."""
    return [
        (number, index, cell)
        for number, row in enumerate(grid.rows, start=1)
        for index, cell in enumerate(row)
        if _looks_numeric(cell)
    ]
