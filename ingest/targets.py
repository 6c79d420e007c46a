"""Annual targets from a small YAML file or a target table (CSV or sheet).

"地区生产总值增长8.5%以上" is kind growth_pct, value 8.5, comparator at_least. Kinds and
comparators come from closed lists (with the Chinese words offices write), because target
tracking judges "on track" differently for each: a kind or comparator that is not on the
lists stops the file rather than being guessed.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import yaml

from ingest.encoding import UndecodableError, decode
from ingest.errors import IngestError
from ingest.layout import (
    Header,
    body_rows,
    cell_error,
    figure_at,
    header_candidates,
    norm,
    split_unit,
)
from ingest.records import IndicatorTarget, ParsedFile
from ingest.workbook import Grid

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
    """True when a header row names region, indicator, year, target value, kind and comparator."""
    return _find_header(grid) is not None


def parse_target_table(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the table's targets to `parsed`; raise IngestError naming the bad cell."""
    found = _find_header(grid)
    if found is None:
        raise IngestError(file_name, "no target-table header row", sheet=grid.name)
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
