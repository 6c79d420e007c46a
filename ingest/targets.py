"""Annual targets from a small YAML file or a target table (CSV or sheet).

"地区生产总值增长8.5%以上" is kind growth_pct, value 8.5, comparator at_least. Kinds and
comparators come from closed lists (with the Chinese words offices write), because target
tracking judges "on track" differently for each: a kind or comparator that is not on the
lists stops the file rather than being guessed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath

import yaml
from openpyxl.utils import get_column_letter

from ingest.column_table import looks_like_column_table, parse_column_table, split_label_unit
from ingest.encoding import UndecodableError, decode
from ingest.errors import IngestError
from ingest.layout import (
    FOOTNOTE,
    Header,
    body_rows,
    cell_error,
    figure_at,
    header_candidates,
    norm,
    read_metadata,
    split_unit,
)
from ingest.numbers import parse_cell
from ingest.records import IndicatorTarget, ParsedFile, UnreadFigure
from ingest.table_context import TableContext, is_total, region_of_row
from ingest.workbook import EMPTY, Cell, Grid

KINDS = {
    "growth_pct": "growth_pct",
    "level": "level",
    "rate": "rate",
    "增速": "growth_pct",
    "增长": "growth_pct",
    "增幅": "growth_pct",
    "总量": "level",
    "绝对值": "level",
    "数量": "level",
    "比率": "rate",
    "比重": "rate",
    "占比": "rate",
}
COMPARATORS = {
    "at_least": "at_least",
    "at_most": "at_most",
    "about": "about",
    "以上": "at_least",
    "不低于": "at_least",
    "至少": "at_least",
    ">=": "at_least",
    "≥": "at_least",
    "以内": "at_most",
    "以下": "at_most",
    "不超过": "at_most",
    "不高于": "at_most",
    "<=": "at_most",
    "≤": "at_most",
    "左右": "about",
    "上下": "about",
    "约": "about",
    # Printed before or after the figure in published tables ("<4", "力争9%", "超过80%").
    ">": "at_least",
    "大于": "at_least",
    "高于": "at_least",
    "超过": "at_least",
    "力争": "at_least",
    "达到": "at_least",
    "<": "at_most",
    "小于": "at_most",
    "低于": "at_most",
}
# Growth and rate targets are in per cent unless the file says otherwise.
PERCENT_KINDS = {"growth_pct": "%", "rate": "%"}
# Header labels of the target table, English or Chinese (a "(...)" in them is ignored).
_TABLE_COLUMNS = {
    "region": ("region", "地区", "区域"),
    "indicator": ("indicator", "指标", "指标名称"),
    "year": ("year", "年份", "年度"),
    "target_value": ("target_value", "目标值", "目标"),
    "unit": ("unit", "单位"),
    "kind": ("kind", "目标类型", "类型"),
    "comparator": ("comparator", "比较", "比较方式"),
}
_REQUIRED_COLUMNS = ("region", "indicator", "year", "target_value", "kind", "comparator")
_YEAR_TEXT = re.compile(r"^(\d{4})年?$")
_YAML_TOP_KEYS = {"region", "year", "targets", "publisher", "release_date"}
_YAML_TARGET_KEYS = {"indicator", "kind", "value", "comparator", "unit"}


class TargetError(ValueError):
    """A target that is not well formed; `field` names what is wrong, callers add where."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field


def make_target(
    region: str,
    indicator: str,
    year: int,
    value: float,
    unit: str | None,
    kind: str,
    comparator: str,
) -> IndicatorTarget:
    """A validated target; kind and comparator may be given by a Chinese synonym (以上, 左右)."""
    for field, text in (("region", region), ("indicator", indicator)):
        if not norm(text):
            raise TargetError(field, f"{field} must not be empty")
    normalised_kind = KINDS.get(norm(kind).lower())
    if normalised_kind is None:
        raise TargetError(
            "kind", f"kind {kind!r} is not one of growth_pct, level, rate (or {_zh(KINDS)})"
        )
    normalised_comparator = COMPARATORS.get(norm(comparator).lower())
    if normalised_comparator is None:
        raise TargetError(
            "comparator",
            f"comparator {comparator!r} is not one of at_least, at_most, about "
            f"(or {_zh(COMPARATORS)})",
        )
    if normalised_kind == "rate" and not 0 <= value <= 100:
        raise TargetError("target_value", f"a rate of {value} is outside 0..100 %")
    if normalised_kind == "level" and value < 0:
        raise TargetError("target_value", f"a level of {value} is negative")
    return IndicatorTarget(
        region_name=norm(region),
        indicator_name=norm(indicator),
        year=year,
        target_value=value,
        target_unit=norm(unit) if unit else PERCENT_KINDS.get(normalised_kind),
        target_kind=normalised_kind,
        comparator=normalised_comparator,
    )


def _zh(synonyms: dict[str, str]) -> str:
    return ", ".join(word for word in synonyms if not word.isascii())


# --- YAML -----------------------------------------------------------------------------------


def read_targets_yaml(path: Path) -> ParsedFile:
    """A YAML target file: region, year and a list of {indicator, kind, value, comparator}."""
    try:
        document = yaml.safe_load(decode(path.read_bytes()).text)
    except (UndecodableError, yaml.YAMLError) as error:
        raise IngestError(path.name, f"not a readable YAML file ({error})") from error
    if not isinstance(document, dict):
        raise IngestError(path.name, "expected a mapping with region, year and targets")
    if unknown := set(document) - _YAML_TOP_KEYS:
        raise IngestError(path.name, f"unknown keys {sorted(unknown)} (known: {_YAML_TOP_KEYS})")
    region, year, items = document.get("region"), document.get("year"), document.get("targets")
    if not isinstance(region, str) or not _is_int(year) or not isinstance(items, list):
        raise IngestError(
            path.name, "region (text), year (a number such as 2023) and a targets list are needed"
        )
    release_date = document.get("release_date")
    if release_date is not None and not isinstance(release_date, date):
        raise IngestError(path.name, f"release_date {release_date!r} is not a date (2023-01-10)")
    parsed = ParsedFile(publisher=document.get("publisher"), release_date=release_date)
    for number, item in enumerate(items, start=1):
        parsed.targets.append(_yaml_target(item, region, year, f"targets item {number}", path))
    return parsed


def _yaml_target(item: object, region: str, year: int, where: str, path: Path) -> IndicatorTarget:
    if not isinstance(item, dict):
        raise IngestError(path.name, f"{where}: expected a mapping, got {item!r}")
    where = f"{where} ({item.get('indicator')})"
    if unknown := set(item) - _YAML_TARGET_KEYS:
        raise IngestError(path.name, f"{where}: unknown keys {sorted(unknown)}")
    if missing := {"indicator", "kind", "value", "comparator"} - set(item):
        raise IngestError(path.name, f"{where}: missing {sorted(missing)}")
    value = item["value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise IngestError(path.name, f"{where}: value {value!r} is not a number")
    try:
        return make_target(
            region,
            str(item["indicator"]),
            year,
            float(value),
            None if item.get("unit") is None else str(item["unit"]),
            str(item["kind"]),
            str(item["comparator"]),
        )
    except TargetError as error:
        raise IngestError(path.name, f"{where}: {error}") from error


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- target tables (CSV or sheet) -----------------------------------------------------------


def looks_like_target_table(grid: Grid) -> bool:
    """True when a header row names region, indicator, year, target value, kind and comparator,
    or the sheet is a published target table (a target column beside its row labels)."""
    return _find_header(grid) is not None or _published_layout(grid) is not None


def parse_target_table(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the table's targets to `parsed`; raise IngestError naming the bad cell."""
    found = _find_header(grid)
    if found is None:
        if (layout := _published_layout(grid)) is None:
            raise IngestError(file_name, "no target-table header row", sheet=grid.name)
        _PublishedReader(grid, file_name, layout, parsed).read()
        return
    header, columns = found
    for row_number, indicator in body_rows(grid, header):
        parsed.targets.append(_table_target(grid, row_number, indicator, columns, file_name))


def _table_target(
    grid: Grid, row_number: int, indicator: str, columns: dict[str, int], file_name: str
) -> IndicatorTarget:
    def fail(role: str, problem: str) -> IngestError:
        return cell_error(grid, file_name, row_number, columns[role], problem)

    texts = {role: norm(grid.cell(row_number, index).text) for role, index in columns.items()}
    year = _YEAR_TEXT.match(texts["year"].removesuffix(".0"))
    if year is None:
        raise fail("year", f"year {texts['year']!r} is not a year such as 2023")
    value = figure_at(grid, file_name, row_number, columns["target_value"], "target value")
    if value is None:
        raise fail("target_value", "no target value")
    try:
        return make_target(
            texts["region"],
            indicator,
            int(year.group(1)),
            value.value,
            texts.get("unit") or None,
            texts["kind"],
            texts["comparator"],
        )
    except TargetError as error:
        raise fail(error.field, str(error)) from error


def _find_header(grid: Grid) -> tuple[Header, dict[str, int]] | None:
    """A header row naming the indicator and every other required column."""
    for header in header_candidates(grid, lambda label: _role(label) == "indicator"):
        columns: dict[str, int] = {}
        for column in range(header.width):
            if role := _role(header.label(column)):
                columns.setdefault(role, column)
        if all(role in columns for role in _REQUIRED_COLUMNS):
            return header, columns
    return None


@functools.lru_cache(maxsize=16384)  # every header cell of every sheet is asked about
def _role(label: str) -> str | None:
    text = split_unit(label)[0].lower()
    return next((role for role, names in _TABLE_COLUMNS.items() if text in names), None)


# --- published target tables ----------------------------------------------------------------
#
# What offices print: row labels (indicators, or regions) and a target column whose header
# says so (2020年目标值, 2016GDP增长预期, 本年计划); each target cell holds a figure with its
# comparator ("10%以上", "≥ 15", "<4"); beside it perhaps the year's actual or estimate, a
# unit column, a status or source column. Kind and unit come from the unit and the labels.

# Stub labels: rows are indicators, or rows are regions (the indicator is the column's).
_INDICATOR_STUBS = frozenset({"指标", "指标名称", "主要指标", "项目"})
_REGION_STUBS = frozenset(
    {
        "地区",
        "区域",
        "省份",
        "城市",
        "地市",
        "市州",
        "县区",
        "区县",
        "县市区",
        "县(市、区)",
        "县(市、区、旗)",
        "镇街",
        "乡镇",
        "镇(街道)",
    }
)
# A column of actual figures or estimates beside a target (预计完成, 1-6月完成, 实际增幅):
# its numbers are the indicator tables', handed to the column model or else reported unread.
_ACTUAL_COLUMN = re.compile(r"实际|预计|完成|执行")
_ESTIMATE = re.compile(r"预计|预测|估计")
_PERIOD_COLUMN = re.compile(
    r"\d{1,2}[-—~至]\d{1,2}月|\d{1,2}月|季度|上半年|前三季度|累计|本月|当月"
)
_PROGRESS_COLUMN = re.compile(r"完成率|完成目标|完成计划|占目标|占计划|占年度|进度")
_PROGRESS_REASON = "progress against the target (完成率): derived from target and actual"
_TARGET_COLUMN = re.compile(r"目标|预期|计划")
_TEXT_COLUMN = re.compile(r"来源|情况|责任|属性|备注|部门")
_UNIT_COLUMN = re.compile(r"^(计量)?单位")
_YEAR_IN_LABEL = re.compile(r"((?:19|20)\d{2})(?:年|年度)?")
_TARGET_SUFFIX = re.compile(r"(全年|年度|本年|当年)?(预期目标|目标值|目标|预期|计划|任务)$")
_GROWTH_WORDS = re.compile(r"增长|增速|增幅|涨幅")
# A target in per cent of a ratio (城镇化率, 占GDP比重) is a rate; of a quantity
# (地区生产总值 7%) it is that quantity's growth.
_RATIO_WORDS = re.compile(r"率|比重|比例|占")
_GROWTH_COLUMN = re.compile(r"(比上年)?(增长|增速|增幅|增减)(%|±%)?|±%")
_GROWTH_SUFFIX = re.compile(r"(增长|增速|增幅)$")
_FIGURE_AND_UNIT = re.compile(r"([+-]?\d+(?:\.\d+)?)(%|‰|[\u4e00-\u9fff]{1,3})?")
# A target printed as a figure alone is one to reach: the plan's figure is the floor.
BARE_COMPARATOR = "at_least"
# Comparator words as printed, longest first ("不超过" before "超过", ">=" before ">").
_PRINTED_COMPARATORS = sorted(
    (w for w in COMPARATORS if w not in COMPARATORS.values()), key=len, reverse=True
)
# Growth words printed before a target's figure ("增长8%左右", "下降3%以上"), and falls.
_DIRECTIONS = ("增长", "增速", "增幅", "上涨", "下降", "降低")
_FALLS = ("下降", "降低")
_FLIPPED = {"at_least": "at_most", "at_most": "at_least"}
_LEADING_WORDS = sorted((*_PRINTED_COMPARATORS, *_DIRECTIONS), key=len, reverse=True)
_RANGE = re.compile(r"\d+(\.\d+)?%?[-~～—至]\d+(\.\d+)?%?")
_BRACKETS = re.compile(r"\(([^()]+)\)")
_WHOLE_REGION = re.compile(r"^(全国|全省|全市|全区|全县|全州)")
_ACTUAL_REASON = "an actual or estimate beside a target (read from indicator tables, not here)"


@dataclass(frozen=True)
class _Published:
    """Where a published target table's parts are: header, name, target and other columns."""

    header: Header
    names: tuple[int, ...]  # the stub column and the item columns right of it (指标名称 spans)
    rows_are_regions: bool
    targets: tuple[int, ...]
    actuals: tuple[int, ...]
    unit_column: int | None
    growth_of: dict[int, int]  # a growth column beside a plan column -> that plan column
    others: tuple[int, ...]  # unit, source and status columns: text, not figures
    progress: tuple[int, ...]  # 完成率, 完成目标%: the actual against the target, derived


def _published_layout(grid: Grid) -> _Published | None:
    """A header with a target column, whose other columns with figures are all actuals."""
    if "published_targets" in grid.found:
        return grid.found["published_targets"]  # type: ignore[return-value]
    layout = next(
        (found for header in header_candidates(grid, _is_stub) if (found := _layout(grid, header))),
        None,
    )
    grid.found["published_targets"] = layout
    return layout


def _is_stub(label: str) -> bool:
    return label in _INDICATOR_STUBS or label in _REGION_STUBS


def _layout(grid: Grid, header: Header) -> _Published | None:
    """The columns under `header`, or None when a figure column is neither target nor actual."""
    stub = header.stub_column
    stub_label = norm(header.label(stub))
    names = [stub]
    while names[-1] + 1 < header.width and norm(header.label(names[-1] + 1)) in ("", stub_label):
        names.append(names[-1] + 1)
    targets: list[int] = []
    actuals: list[int] = []
    others: list[int] = []
    progress: list[int] = []
    unit_column, growth_of = None, {}
    for column in range(names[-1] + 1, header.width):
        label = norm(header.label(column))
        if _UNIT_COLUMN.match(label):
            unit_column = column
            others.append(column)
        elif _PROGRESS_COLUMN.search(label):
            progress.append(column)
        elif _ACTUAL_COLUMN.search(label):
            actuals.append(column)
        elif _TARGET_COLUMN.search(label):
            targets.append(column)
        elif _PERIOD_COLUMN.search(label):  # "1-6月" beside "全年目标": what was done so far
            actuals.append(column)
        elif _is_growth_column(header, column) and column - 1 in targets + actuals:
            # "2023年计划 | 增长%": the growth of the column on its left, target or actual.
            (targets if column - 1 in targets else actuals).append(column)
            growth_of[column] = growth_of.get(column - 1, column - 1)
        elif not _TEXT_COLUMN.search(label) and _has_figures(grid, header, column):
            return None  # a figure column that is neither target nor actual: an indicator table
        else:
            others.append(column)
    if not targets:
        return None
    return _Published(
        header,
        tuple(names),
        any(norm(header.label(column)) in _REGION_STUBS for column in names),
        tuple(targets),
        tuple(actuals),
        unit_column,
        growth_of,
        tuple(others),
        tuple(progress),
    )


def _is_growth_column(header: Header, column: int) -> bool:
    """ "增长%" as the column's own (lowest) label, under its indicator's group or alone."""
    return bool(_GROWTH_COLUMN.fullmatch(split_unit(norm(header.labels(column)[-1]))[0]))


def _has_figures(grid: Grid, header: Header, column: int) -> bool:
    return any(
        _has_digit(grid.cell(row, column)) for row in range(header.last_row + 1, len(grid.rows) + 1)
    )


def _first_text(grid: Grid, row: int) -> str:
    return next((cell.text for cell in grid.rows[row - 1] if cell.text), "")


def _has_digit(cell: Cell) -> bool:
    return cell.is_number or any(character.isdigit() for character in cell.text)


class _PublishedReader:
    """One published target table read row by row; every number is read or reported."""

    def __init__(self, grid: Grid, file_name: str, layout: _Published, parsed: ParsedFile) -> None:
        self.grid, self.layout, self.parsed, self.file_name = grid, layout, parsed, file_name
        title = tuple(
            c.text for row in grid.rows[: layout.header.first_row - 1] for c in row if c.text
        )
        self.context = TableContext(title, grid.name, PurePath(file_name).stem, grid.folder)
        self.region = self.context.region().value
        period = self.context.period()
        self.year = int(period.value[:4]) if period else None
        # The body: from below the header to the first notes row (注: ...), if any.
        body = range(layout.header.last_row + 1, len(grid.rows) + 1)
        self.notes_row = next(
            (row for row in body if FOOTNOTE.match(norm(_first_text(grid, row)))),
            len(grid.rows) + 1,
        )
        self.body = range(layout.header.last_row + 1, self.notes_row)

    def read(self) -> None:
        read_metadata(self.grid, self.layout.header.first_row, self.parsed)
        # With its actuals read by the indicator tables, the rest of the sheet is accounted
        # for there: only the target cells are left to read here.
        targets_only = self._actuals_to_indicator_tables()
        for row in self.body:
            if not targets_only:
                self._account_row(row)
            for column in self.layout.progress:
                if _has_digit(self.grid.cell(row, column)):
                    self._unread(row, column, _PROGRESS_REASON)
            self._read_targets(row)
        if not targets_only:
            for row in range(self.notes_row, len(self.grid.rows) + 1):
                numbers = sum(cell.looks_numeric for cell in self.grid.rows[row - 1])
                self.parsed.figures.skip("notes under the table", numbers)

    def _actuals_to_indicator_tables(self) -> bool:
        """Hand the actual columns of a tracking table (全年目标 | 1-6月 | 增长%) to the column
        model, as the sheet with its target and progress cells emptied; True when it read
        them. Estimates (预计) are not handed over: the column model would read them as the
        year's figures."""
        header, layout = self.layout.header, self.layout
        labels = [norm(header.label(column)) for column in layout.actuals]
        if not labels or any(_ESTIMATE.search(label) for label in labels):
            return False
        emptied = {*layout.targets, *layout.progress}
        rows = [
            [EMPTY if number in self.body and i in emptied else c for i, c in enumerate(r)]
            for number, r in enumerate(self.grid.rows, start=1)
        ]
        actuals = replace(self.grid, rows=rows)
        other = ParsedFile()
        try:
            if not looks_like_column_table(actuals):
                return False
            parse_column_table(actuals, self.file_name, other)
        except IngestError:
            return False  # a cell the column model refuses ("9%左右"): reported unread here
        if not other.observations:
            return False
        self.parsed.observations.extend(other.observations)
        self.parsed.figures.read += other.figures.read
        for reason, count in other.figures.skipped.items():
            self.parsed.figures.skip(reason, count)
        self.parsed.figures.unread.extend(other.figures.unread)
        return True

    def _account_row(self, row: int) -> None:
        """Every number of a row outside its target cells: skipped or reported unread."""
        for column in range(self.layout.names[0]):
            if _has_digit(self.grid.cell(row, column)):
                self.parsed.figures.skip("serial numbers (序号)")
        for column in self.layout.actuals:
            if _has_digit(self.grid.cell(row, column)):
                self._unread(row, column, _ACTUAL_REASON)
        for column in self.layout.others:
            if self.grid.cell(row, column).looks_numeric:
                self._unread(row, column, "a number in a unit, source or status column")

    def _read_targets(self, row: int) -> None:
        name = next(
            (
                text
                for c in reversed(self.layout.names)
                if (text := norm(self.grid.cell(row, c).text))
            ),
            "",
        )
        for column in self.layout.targets:
            if not self.grid.cell(row, column).text:
                continue
            try:
                targets = self._targets(row, column, name)
            except TargetError as error:
                self._unread(row, column, str(error))
                continue
            self.parsed.targets.extend(targets)
            self.parsed.figures.read += len(targets)

    def _targets(self, row: int, column: int, name: str) -> list[IndicatorTarget]:
        """The targets of one cell: one, or one per name where "A/B" has "x/y"."""
        if not name:
            raise TargetError("indicator", "a target without a row label")
        own_label = norm(self.layout.header.label(column))
        # A growth column beside a plan column is the plan's: its year and indicator.
        label = norm(self.layout.header.label(self.layout.growth_of.get(column, column)))
        region, indicator = self._region_and_indicator(name, label)
        indicator, label_unit = split_label_unit(indicator)
        year_match = _YEAR_IN_LABEL.search(label)
        year = int(year_match.group(1)) if year_match else self.year
        if year is None:
            raise TargetError("year", "no year in the column header, title or file name")
        cell = self.grid.cell(row, column)
        printed = [cell.text] if cell.is_number else norm(cell.text).split("/")
        indicators = indicator.split("/") if len(printed) > 1 else [indicator]
        if len(indicators) != len(printed):
            raise TargetError("target_value", f"{len(printed)} targets for {indicator!r}")
        header_unit = split_unit(own_label)[1]
        found = []
        for named, text in zip(indicators, printed, strict=True):
            one_indicator, said = _cell_target(cell if cell.is_number else text, named)
            growth = said.growth or _says_growth(own_label) or _says_growth(one_indicator)
            # The row's unit (亿元) is the level's; a growth target is in per cent.
            row_unit = None if growth else label_unit or self._unit_column_text(row)
            unit = said.unit or header_unit or row_unit
            kind = _kind(growth, unit, one_indicator)
            read = make_target(region, one_indicator, year, said.value, unit, kind, said.comparator)
            # The cell as printed ("10%以上"), or its part where it holds several.
            found.append(replace(read, source_text=cell.text if len(printed) == 1 else text))
        return found

    def _region_and_indicator(self, name: str, label: str) -> tuple[str, str]:
        if not self.layout.rows_are_regions:
            return self.region, name
        # As the column model names a region row: its full name, within the table's region.
        region = self.region if is_total(name) else region_of_row(name, self.region) or name
        return region, _column_indicator(label)

    def _unit_column_text(self, row: int) -> str | None:
        if self.layout.unit_column is None:
            return None
        return norm(self.grid.cell(row, self.layout.unit_column).text) or None

    def _unread(self, row: int, column: int, reason: str) -> None:
        text = self.grid.cell(row, column).text
        self.parsed.figures.unread.append(
            UnreadFigure(self.grid.name, row, get_column_letter(column + 1), text, reason)
        )


@dataclass(frozen=True)
class _Printed:
    """What one printed target says: "增长8%以上" is 8 %, at_least, a growth."""

    value: float
    unit: str | None
    comparator: str
    growth: bool  # the cell says 增长 or 下降 before its figure


def _cell_target(printed: Cell | str, indicator: str) -> tuple[str, _Printed]:
    """The indicator and what a target cell says. A target in words with a figure in brackets
    ("翻一番(全省人均GDP ≥ 10万元)") is that figure, for the indicator the brackets name
    (after the whole region's 全省, 全市 ...) or else the row's."""
    try:
        return indicator, _printed_target(printed)
    except TargetError:
        bracketed = None if isinstance(printed, Cell) else _BRACKETS.search(norm(printed))
        if bracketed is None:
            raise
        inside = bracketed.group(1)
        start = next(
            (
                i
                for i in range(len(inside))
                for w in _PRINTED_COMPARATORS
                if inside.startswith(w, i)
            ),
            None,
        )
        if start is None:
            raise
        named = _WHOLE_REGION.sub("", inside[:start])
        return named or indicator, _printed_target(inside[start:])


def _printed_target(printed: Cell | str) -> _Printed:
    """A target cell read: "10%以上" is 10 % at_least, "≥ 15" 15 at_least, a bare "9%" a floor;
    "增长8%左右" a growth; "下降3%以上" a growth of -3 at most (a fall of at least 3)."""
    if isinstance(printed, Cell):
        figure = parse_cell(printed.value, printed.number_format)
        assert figure is not None  # a numeric cell
        return _Printed(figure.value, None, BARE_COMPARATOR, False)
    rest, words, direction = norm(printed), [], None
    while leading := next((w for w in _LEADING_WORDS if rest.startswith(w)), None):
        rest = rest[len(leading) :]
        if leading in _DIRECTIONS:
            direction = leading
        else:
            words.append(leading)
    if trailing := next((w for w in _PRINTED_COMPARATORS if rest.endswith(w)), None):
        rest = rest[: -len(trailing)]
        words.append(trailing)
    match = _FIGURE_AND_UNIT.fullmatch(rest)
    if match is None:
        raise TargetError(*_why_not_a_figure(rest, printed))
    if len(words) > 1:
        raise TargetError("comparator", f"two comparators in {printed!r}")
    comparator = COMPARATORS[words[0]] if words else BARE_COMPARATOR
    value = float(match.group(1))
    if direction in _FALLS:  # a fall of at least 3 % is a growth of at most -3 %
        value, comparator = -value, _FLIPPED.get(comparator, comparator)
    return _Printed(value, match.group(2), comparator, direction is not None)


def _why_not_a_figure(rest: str, printed: str) -> tuple[str, str]:
    if rest.startswith("="):
        return "comparator", f"comparator '=' in {printed!r} is not one of at_least, at_most, about"
    if _RANGE.fullmatch(rest):
        return "target_value", f"{printed!r} is a range: a target holds one figure and comparator"
    return "target_value", f"{printed!r} is not a figure (a target in words)"


def _kind(growth: bool, unit: str | None, indicator: str) -> str:
    """Growth when a label or the cell says so; in per cent, a rate of a ratio (城镇化率) and
    the growth of anything else (地区生产总值 7%); else a level."""
    if growth or (unit == "%" and not _RATIO_WORDS.search(indicator)):
        return "growth_pct"
    return "rate" if unit == "%" else "level"


def _says_growth(label: str) -> bool:
    """A growth target: the column or the indicator says 增长, 增速 or 增幅 (else a target in
    per cent is a rate, any other a level)."""
    return bool(_GROWTH_WORDS.search(label))


def _column_indicator(label: str) -> str:
    """The indicator a region table's target column names: "2016GDP增长预期" -> "GDP"."""
    text = _YEAR_IN_LABEL.sub("", split_unit(label)[0])
    text = _TARGET_SUFFIX.sub("", text)
    return _GROWTH_SUFFIX.sub("", text) or text
