"""Narrative bulletins and reports (.txt, .html): the figures in their sentences, as records.

The document supplies what a sentence leaves out. Its title names the region and the
period ("2023年1-9月川江区经济运行情况", "川江区2022年国民经济和社会发展统计公报":
a year alone is the whole year). A clause opening with a period ("1-9月，", "全年",
"2022年") turns the rest of its paragraph to that period. A passage sets targets
rather than reports results when it is under a heading about targets ("2023年主要预期
目标"), when its sentence says so (预期目标, 力争, 争取), or when it pairs 以上 / 以内 /
左右 with a year after the one reported on. A government work report (政府工作报告)
given in year Y reviews year Y-1 and sets targets for Y.

`ingest.bulletin_grammar` reads the sentences; this module places each statement in
its region and period and turns it into warehouse records: a level and a growth of
the same indicator in one sentence become one Observation, a share becomes an
Observation named "<part>占<whole>比重", a target an IndicatorTarget. Changes of growth
rates (growth_change) and contributions are extracted but not stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from ingest.bulletin_grammar import (
    CONTRIBUTION,
    GROWTH,
    GROWTH_CHANGE,
    LEVEL,
    PERCENT,
    PERIOD_PART,
    SHARE,
    PeriodMarker,
    Statement,
    Subject,
    normalise,
    scan_sentence,
)
from ingest.document_text import read_paragraphs
from ingest.errors import IngestError
from ingest.periods import Period, parse_period, split_year
from ingest.records import IndicatorTarget, Observation, ParsedFile

TARGET = "target"
_Record = TypeVar("_Record", Observation, IndicatorTarget)
# Fields that say where a record was stated rather than what it states.
_NO_PLACE: dict[type, dict[str, None]] = {
    Observation: {"row_number": None, "source_char_start": None, "source_char_end": None}
}
FACT_KINDS = (LEVEL, GROWTH, GROWTH_CHANGE, SHARE, CONTRIBUTION, TARGET)

_TITLE_SEARCH_PARAGRAPHS = 5
_HEADING_MAX_CHARS = 40
_YEAR = re.compile(r"(\d{4})\s*年")
_TITLE_PERIOD = re.compile(rf"(\d{{4}})\s*年\s*(?P<part>{PERIOD_PART})?")
# One administrative unit: at least two characters before 省/市/区/县 (so 地区 of 地区生产总值
# and 全区 are not regions); a region is one or more units (周口市川江区).
_UNIT = r"(?:(?![省市区县旗])[\u4e00-\u9fff]){2,7}(?:省|自治区|市|区|县|旗)"
_REGION = re.compile(rf"^(?:{_UNIT})+")
_PUBLISHER_REGION = re.compile(rf"((?:{_UNIT})+)统计局")
_WORK_REPORT = re.compile(r"工作报告")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
_SENTENCE_END = ("。", "！", "？", "!", "?", "；", ";")
_TARGET_WORDS = re.compile(r"预期目标|主要目标|目标是|目标为|力争|争取")
_TARGET_HEADING = re.compile(r"目标|预期")
_DATELINE_MAX_CHARS = 60
# A date standing alone, after 发布时间/日期, or opening a work report's "——...在...会议上".
_RELEASE_DATE = re.compile(
    r"(?:^|发布(?:时间|日期)[:：]?\s*|^——)"
    r"(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})-(\d{1,2})-(\d{1,2})\b)"
)
# Not 上下: "全区上下" (the whole district) is common in work reports.
_TARGET_COMPARATOR = re.compile(r"以上|以内|以下|左右")


@dataclass(frozen=True)
class DocumentContext:
    """What the title says: whose figures, for which period, targets for which year."""

    region: str
    title_year: int
    year: int  # the year results are reported for unless a sentence says otherwise
    period_part: str  # "1-9月", "全年" ...
    is_work_report: bool
    title_paragraph: int  # 1-based; the title and the lines above it head no section

    @property
    def default_period(self) -> tuple[int, str]:
        return self.year, self.period_part


@dataclass(frozen=True)
class Fact:
    """One statement of a document, placed in its region and period.

    Growth is in per cent with the decimals it was published with ("增长12.7倍" is
    1270.0 with growth_decimals -1, see `ingest.bulletin_grammar.Statement`).
    growth_change and contribution are in percentage points (value, unit 个百分点);
    a share is value + "%"; a target is value + unit with target_kind and comparator.
    start and end are the span of the figure in `sentence`.
    """

    kind: str
    indicator: str
    region: str
    period: Period
    period_label: str
    value: float | None
    value_decimals: int | None
    unit: str | None
    growth_pct: float | None
    growth_decimals: int | None
    sentence: str
    start: int
    end: int
    paragraph: int
    comparator: str | None = None
    target_kind: str | None = None
    relative_to: str | None = None


def read_bulletin(path: Path) -> ParsedFile:
    """The observations and targets stated in a .txt or .html bulletin, and who released
    it when, from the lines under its title."""
    paragraphs = read_paragraphs(path)
    parsed = to_parsed_file(extract_facts(paragraphs, path.name))
    parsed.publisher, parsed.release_date = dateline(paragraphs)
    return parsed


def dateline(paragraphs: list[str]) -> tuple[str | None, date | None]:
    """The publisher (a 统计局) and release date written near the top: "川江区统计局" and
    "2023年3月20日" on lines of their own, "发布时间：2023-10-20  来源：川江区统计局", or a
    work report's "——2023年1月10日在川江区第三届人民代表大会...". Sentences are not read:
    a date in the text is a date of the figures, not of the release."""
    publisher = released = None
    for paragraph in (normalise(p) for p in paragraphs[:_TITLE_SEARCH_PARAGRAPHS]):
        if paragraph.endswith(_SENTENCE_END) or len(paragraph) > _DATELINE_MAX_CHARS:
            continue
        if publisher is None and (match := _PUBLISHER_REGION.search(paragraph)):
            publisher = match.group()
        if released is None and (match := _RELEASE_DATE.search(paragraph)):
            try:
                released = date(*(int(part) for part in match.groups() if part))
            except ValueError:  # 2023年2月30日: not a date, not a dateline
                continue
    return publisher, released


def read_facts(path: Path) -> list[Fact]:
    """Every fact the rules find in a bulletin file, in document order."""
    return extract_facts(read_paragraphs(path), path.name)


def extract_facts(paragraphs: list[str], file_name: str) -> list[Fact]:
    """Every fact stated in the paragraphs of one document, in document order."""
    context = document_context(paragraphs, file_name)
    facts: list[Fact] = []
    target_year: int | None = None  # set while inside a passage about targets
    for number, paragraph in enumerate(paragraphs, start=1):
        if number > context.title_paragraph and _is_heading(paragraph):
            target_year = _heading_target_year(paragraph, context)
        reader = _ParagraphReader(context, number, target_year)
        for match in _SENTENCE.finditer(paragraph):
            facts.extend(reader.read(match.group().strip()))
        target_year = reader.section_target_year
    return facts


def document_context(paragraphs: list[str], file_name: str) -> DocumentContext:
    """Region, year and period from the title (the first short line naming a year)."""
    title_number = next(
        (
            number
            for number, paragraph in enumerate(paragraphs[:_TITLE_SEARCH_PARAGRAPHS], start=1)
            if _YEAR.search(paragraph) and not paragraph.endswith(_SENTENCE_END)
        ),
        None,
    )
    if title_number is None:
        raise IngestError(file_name, "no title naming the year in the first lines")
    title = normalise(paragraphs[title_number - 1])
    match = _TITLE_PERIOD.search(title)
    assert match is not None  # the title was chosen for naming a year
    without_period = (title[: match.start()] + title[match.end() :]).removeprefix("关于")
    region_match = _REGION.match(without_period.strip())
    region = region_match.group() if region_match else _region_of_publisher(paragraphs)
    if not region:
        raise IngestError(file_name, f"no region named in the title {title!r}")
    title_year = int(match.group(1))
    is_work_report = bool(_WORK_REPORT.search(title))
    part = re.sub(r"\s+", "", match.group("part") or "全年")
    return DocumentContext(
        region=region,
        title_year=title_year,
        year=title_year - 1 if is_work_report else title_year,
        period_part="全年" if is_work_report else part,
        is_work_report=is_work_report,
        title_paragraph=title_number,
    )


def _region_of_publisher(paragraphs: list[str]) -> str:
    """The region of a '...统计局' named near the top, for titles that say only 全区."""
    for paragraph in paragraphs[:_TITLE_SEARCH_PARAGRAPHS]:
        if match := _PUBLISHER_REGION.search(normalise(paragraph)):
            return match.group(1)
    return ""


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= _HEADING_MAX_CHARS and not paragraph.endswith(_SENTENCE_END)


def _heading_target_year(heading: str, context: DocumentContext) -> int | None:
    """The target year of a heading about targets or about a later year's work, else None."""
    latest = max((int(year) for year in _YEAR.findall(normalise(heading))), default=None)
    if _TARGET_HEADING.search(heading):
        return latest or context.title_year
    if latest is not None and latest > context.year:
        return latest  # "三、2023年重点工作" in a report on 2022
    return None


class _ParagraphReader:
    """Reads the sentences of one paragraph, carrying its period and subject along."""

    def __init__(self, context: DocumentContext, number: int, target_year: int | None) -> None:
        self.context = context
        self.number = number
        self.section_target_year = target_year
        self.period = context.default_period
        self.subject = Subject("")

    def read(self, sentence: str) -> list[Fact]:
        scanned = scan_sentence(sentence, self.subject, self.context.region[-1])
        target_year = self._target_year(normalise(sentence))
        markers = list(scanned.markers)
        facts = []
        for statement in scanned.statements:
            while markers and markers[0].position < statement.start:
                self._turn_to(markers.pop(0))
            fact = self._fact(statement, sentence, target_year)
            facts.append(fact)
        for marker in markers:
            self._turn_to(marker)
        return facts

    def _turn_to(self, marker: PeriodMarker) -> None:
        """Apply a period named at the start of a clause to the rest of the paragraph."""
        label, context = marker.label, self.context
        if label in ("今年", "今年以来"):
            self.period = (
                (context.title_year, "全年") if context.is_work_report else context.default_period
            )
        elif label in ("去年", "过去一年"):
            self.period = (context.title_year - 1, "全年")
        elif label.endswith("同期"):  # the same months of an earlier year
            year, _ = split_year(label)
            self.period = (year or self.period[0] - 1, self.period[1])
        else:
            year, part = split_year(label)
            self.period = (year or self.period[0], part or "全年")

    def _target_year(self, sentence: str) -> int | None:
        """The year a sentence sets targets for, or None when it reports results."""
        years = [int(year) for year in _YEAR.findall(sentence)]
        future = max((year for year in years if year > self.context.year), default=None)
        if self.section_target_year is not None:
            return future or self.section_target_year
        if _TARGET_WORDS.search(sentence):
            if ":" in sentence:  # "主要预期目标是：" opens a list of targets
                self.section_target_year = future or self.context.title_year
            return future or self.context.title_year
        speaks_of_this_year = self.context.is_work_report and "今年" in sentence
        if _TARGET_COMPARATOR.search(sentence) and (future or speaks_of_this_year):
            return future or self.context.title_year
        return None

    def _fact(self, statement: Statement, sentence: str, target_year: int | None) -> Fact:
        figure = statement.figure
        target_kind = _target_kind(statement) if target_year is not None else None
        if target_kind is not None and target_year is not None:
            year, part = target_year, "全年"
        else:
            year, part = self.period
        is_growth = statement.kind == GROWTH and target_kind is None
        return Fact(
            kind=TARGET if target_kind else statement.kind,
            indicator=statement.indicator,
            region=self.context.region,
            period=parse_period(part, default_year=year),
            period_label=f"{year}年" if part == "全年" else f"{year}年{part}",
            value=None if is_growth else figure.value,
            value_decimals=None if is_growth else figure.decimals,
            unit=None if is_growth else statement.unit,
            growth_pct=figure.value if is_growth else None,
            growth_decimals=figure.decimals if is_growth else None,
            sentence=sentence,
            start=statement.start,
            end=statement.end,
            paragraph=self.number,
            comparator=(statement.comparator or "about") if target_kind else statement.comparator,
            target_kind=target_kind,
            relative_to=statement.relative_to,
        )


def _target_kind(statement: Statement) -> str | None:
    """growth_pct for a growth, rate for a share or a level in %, level for other levels."""
    if statement.kind == GROWTH:
        return "growth_pct"
    if statement.kind == SHARE or (statement.kind == LEVEL and statement.unit == PERCENT):
        return "rate"
    if statement.kind == LEVEL:
        return "level"
    return None  # a growth_change or contribution in a plan stays what it is


def to_parsed_file(facts: list[Fact]) -> ParsedFile:
    """Observations (level + growth of one indicator in one sentence together) and targets.

    A figure a document restates (a target in the list of targets and again in the
    section on the work) is kept once: the first statement, with its sentence.
    """
    parsed = ParsedFile()
    groups: list[list[Fact]] = []
    latest: dict[tuple[int, str, str, str], list[Fact]] = {}
    for fact in facts:
        if fact.kind == TARGET:
            parsed.targets.append(_target(fact))
        elif fact.kind == SHARE:
            groups.append([fact])
        elif fact.kind in (LEVEL, GROWTH):
            key = (fact.paragraph, fact.sentence, fact.indicator, fact.period_label)
            group = latest.get(key)
            if group is None or any(other.kind == fact.kind for other in group):
                group = latest[key] = []
                groups.append(group)
            group.append(fact)
    parsed.observations.extend(_observation(group) for group in groups)
    parsed.observations = _first_statements(parsed.observations)
    parsed.targets = _first_statements(parsed.targets)
    return parsed


def _first_statements(records: list[_Record]) -> list[_Record]:
    """The records without restatements: equal but for where they were stated."""
    seen: set[_Record] = set()
    kept = []
    for record in records:
        what = replace(record, source_text=None, **_NO_PLACE.get(type(record), {}))
        if what not in seen:
            seen.add(what)
            kept.append(record)
    return kept


def _observation(group: list[Fact]) -> Observation:
    """One observation from a level and/or growth (or a share) of one indicator."""
    level = next((fact for fact in group if fact.kind in (LEVEL, SHARE)), None)
    growth = next((fact for fact in group if fact.kind == GROWTH), None)
    first = group[0]
    return Observation(
        sheet_name=None,
        row_number=first.paragraph,
        region_name=first.region,
        indicator_name=first.indicator,
        period_label=first.period_label,
        period_type=first.period.period_type,
        period_start=first.period.start,
        period_end=first.period.end,
        value_published=level.value if level else None,
        value_decimals=level.value_decimals if level else None,
        unit_published=level.unit if level else None,
        yoy_growth_pct=growth.growth_pct if growth else None,
        growth_decimals=growth.growth_decimals if growth else None,
        source_text=first.sentence,
        source_char_start=min(fact.start for fact in group),
        source_char_end=max(fact.end for fact in group),
    )


def _target(fact: Fact) -> IndicatorTarget:
    assert fact.value is not None and fact.target_kind is not None
    assert fact.comparator is not None
    return IndicatorTarget(
        region_name=fact.region,
        indicator_name=fact.indicator,
        year=fact.period.start.year,
        target_value=fact.value,
        target_unit=fact.unit,
        target_kind=fact.target_kind,
        comparator=fact.comparator,
        source_text=fact.sentence,
    )
