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
    BOUND,
    CONTRIBUTION,
    GROWTH,
    GROWTH_CHANGE,
    LEVEL,
    MONTH_ON_MONTH,
    NATIONAL_LEVEL,
    PERCENT,
    PERIOD_PART,
    REGION_UNIT,
    SECTORS,
    SHARE,
    PeriodMarker,
    Statement,
    Subject,
    is_unit,
    normalise,
    opens_month_on_month_view,
    scan_sentence,
)
from ingest.document_text import (
    ADDRESS,
    flattened_tables,
    is_furniture,
    one_cell_per_line,
    read_document,
    unwrapped,
)
from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.numbers import Figure, NotANumberError, parse_text
from ingest.periods import Period, UnknownPeriodError, is_stock, parse_period, split_year
from ingest.records import FigureAccount, IndicatorTarget, Observation, ParsedFile, UnreadFigure
from ingest.regions import NATIONAL, RegionNames

TARGET = "target"
_Record = TypeVar("_Record", Observation, IndicatorTarget)
# Fields that say where a record was stated rather than what it states.
_NO_PLACE: dict[type, dict[str, None]] = {
    Observation: {
        "row_number": None,
        "source_char_start": None,
        "source_char_end": None,
        "period_source": None,
        "region_source": None,
    }
}
FACT_KINDS = (LEVEL, GROWTH, GROWTH_CHANGE, SHARE, CONTRIBUTION, TARGET)

_TITLE_SEARCH_PARAGRAPHS = 5
_TITLE_SEARCH_LINES = 12  # breadcrumbs and navigation may come first
_TITLE_MAX_CHARS = 60
_TITLE_LABEL = re.compile(r"^(?:原标题|文件名称|标题)\s*[:|]\s*(?P<title>.+)$")
# "柘城县电视台|商丘市1—5月份经济运行…": the broadcaster or paper that republished it.
_MEDIA_PREFIX = re.compile(r"^[^|]{0,20}?(?:电视台|融媒体中心|日报|晚报|新闻网|报社|频道)\s*\|\s*")
_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d+[.、])"
)
_NOT_A_NAME = re.compile(rf"(?:{PERIOD_PART})|[我全本]")
_BRACKETED = re.compile(r"^【[^】]*】")  # "【2022年1-3季度】西海岸新区…"
_NATIONAL = re.compile(r"中华人民共和国|国家统计局|国务院")
# "增速高于全国平均水平": the nation as a yardstick, not the scope of the text.
_NATIONAL_YARDSTICK = re.compile(r"(?:高于|低于|快于|慢于|好于|领先于?|超过|位居|居)全国|全国平均")
# A zone that is no listed region, named by a listed region's short name and its own word
# ("新疆生产建设兵团…公报" is the Corps', not 新疆维吾尔自治区's): its name as printed.
_ZONE = re.compile(
    r"^[\u4e00-\u9fff]{2,10}?(?:生产建设兵团|新区|开发区|高新区|经开区|示范区|试验区)"
)
# "全疆", "全川": a province by its one-character name, as a scope word opening a paragraph.
_PROVINCE_BY_CHARACTER = {
    "疆": "新疆维吾尔自治区", "川": "四川省", "藏": "西藏自治区", "桂": "广西壮族自治区",
    "粤": "广东省", "闽": "福建省", "黔": "贵州省", "滇": "云南省", "陇": "甘肃省", "赣": "江西省",
    "湘": "湖南省", "鄂": "湖北省", "皖": "安徽省", "苏": "江苏省", "浙": "浙江省", "鲁": "山东省",
    "豫": "河南省", "晋": "山西省", "冀": "河北省", "辽": "辽宁省", "琼": "海南省", "渝": "重庆市",
    "沪": "上海市", "陕": "陕西省",
}  # fmt: skip
_PROVINCE_SCOPE = re.compile(
    rf"^(?:(?:{PERIOD_PART}|\d{{4}}年)[,:]?)?全(?P<character>[{''.join(_PROVINCE_BY_CHARACTER)}])"
)
# A year in Chinese numerals (回望二〇二三, 二〇二二年政府工作报告).
_CHINESE_YEAR = re.compile(r"(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}年?")
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_FOLDER = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
# A date in an address: /2013/, 202004173561, t20240909_, 2021_05, /2025/06-17/.
_ADDRESS_MONTH = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})"
    r"(?:(?P<month>0[1-9]|1[0-2])|[_/-](?P<month_alone>1[0-2]|0?[1-9])(?!\d))"
)
# The parts of the country a national release reports on one by one.
# Parts of the document's region that are no administrative unit: 东部地区, 成都平原经济区.
_SHORT_NAME = re.compile(r"(?:省|市|区|县|旗|自治区|自治州|地区|盟)$")
_SUB_REGION = re.compile(
    r"^(?:(?:东部|中部|西部|东北)地区|[\u4e00-\u9fff]{2,6}?(?:经济区|经济圈|经济带|生态示范区))"
)
_EARLY_MONTHS = 2  # a text with no period, published in January or February: last year's
# 附注, or a heading on definitions and scope ("投资统计范围及主要指标解释").
_NOTES_HEADING = re.compile(
    r"^(?:附注|注释|注)\s*[:：]?$|(?:指标解释|名词解释|统计范围|统计口径)\s*[:：]?$"
)
_HEADING_MAX_CHARS = 40
_YEAR = re.compile(r"(\d{4})\s*年")
_TITLE_PERIOD = re.compile(rf"(\d{{4}})\s*年\s*(?P<part>{PERIOD_PART})?")
# A region is one or more administrative units (周口市川江区).
_UNIT = REGION_UNIT
_REGION = re.compile(rf"^(?:{_UNIT})+")
# "如柳南区,2020年上半年地区生产总值…": a sentence opened by a region named alone is that
# region's.
_REGION_ALONE = re.compile(rf"^(?:如|例如|比如)?(?P<name>(?:{_UNIT})+)[,:]")
_PUBLISHER_REGION = re.compile(rf"((?:{_UNIT})+)统计局")
_WORK_REPORT = re.compile(r"工作报告")
# Where a work report names the year it reviews: "一、2019年工作回顾", "2019年,是…的一年",
# "刚刚过去的2020年".
_REVIEWED_YEAR = re.compile(
    r"(?:^(?:[一二三四五六七八九十]+、)?|刚刚过去的)(?P<year>\d{4})年(?:是|,是|工作回顾|和)"
)
_REVIEW_SEARCH_LINES = 20
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
_SENTENCE_END = ("。", "！", "？", "!", "?", "；", ";")
# 争取 aims at a figure when its clause says what is to be reached (争取增长8%, 争取达到…,
# …以上); before funds alone (争取上级转移支付31.8亿元, 争取专项债券…) it is obtaining them.
# "分别高于预期目标1.0和4.2个百分点": results compared with the targets set no target.
_TARGET_WORDS = re.compile(
    r"(?<!高于|低于|超过|超出|快于|慢于)预期目标|主要目标|目标是|目标为|力争|"
    r"争取(?=[^,;，；。]*?(?:增长|达到|实现|突破|超过|控制|提高|以上|左右|以内))"
)
# "…阐述了2019年经济社会发展的预期目标建议。其中…增长6.5%左右": a sentence naming targets
# without a figure announces them; the rest of its paragraph states them (not one that reports
# them met: "主要预期目标全面完成。").
_TARGETS_MET = re.compile(r"完成|实现|达到|超额|高于|低于")
_TARGET_HEADING = re.compile(r"目标|预期")
_RESULTS_HEADING = re.compile(r"完成情况|执行情况|实现情况")  # "(一)主要目标完成情况": results
_DATELINE_MAX_CHARS = 60
# A date standing alone, after 发布时间/日期, or opening a work report's "——...在...会议上".
_RELEASE_DATE = re.compile(
    r"(?:^|发布(?:时间|日期)\s*[:：]?\s*|^——)"
    r"(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})-(\d{1,2})-(\d{1,2})\b)"
)
_SINGLE_QUARTER = re.compile(r"^(?:\d{4}年)?第?[一二三四1-4]季度$")
_YEAR_TO_QUARTER_END = {6: "上半年", 9: "前三季度", 12: "全年"}
_SEASONAL_HARVEST = re.compile(r"^(?:夏粮|早稻|秋粮)(?!.*面积)")
# The area sown with crops or grain is the year's, sown once, in an in-year release too.
_YEAR_AREA = re.compile(r"^(?:农作物|粮食)(?:作物)?总?播种面积$")
# "预计今年重点项目完成投资1300亿元" in a release within the year: a forecast, no result.
_FORECAST = re.compile(r"预计[^。]*?(?:今年|全年|年度)")
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
    title_paragraph: (
        int  # 1-based (0: no title line); the title and the lines above it head no section
    )
    region_source: str | None = None  # PROVENANCE in ingest.records
    period_source: str | None = None
    # The title line names neither the region nor the period: a newspaper's subtitle.
    subtitle: bool = False

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
    region_source: str | None = None  # PROVENANCE in ingest.records
    period_source: str | None = None


def read_bulletin(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParsedFile:
    """The observations and targets stated in a .txt, .html or .docx bulletin, who released
    it when, and an account of every number with a statistical unit in it."""
    document = read_document(path, limits)
    sources = TitleSources(path.name, document.html_title, path.parent.name)
    facts, figures = read_document_facts(document.paragraphs, sources)
    parsed = to_parsed_file(facts)
    parsed.figures = figures
    parsed.publisher, parsed.release_date = dateline(document.paragraphs)
    return parsed


def dateline(paragraphs: list[str]) -> tuple[str | None, date | None]:
    """The publisher (a 统计局) and release date written around the text: "川江区统计局"
    and "2023年3月20日" on lines of their own, "发布时间：2023-10-20  来源：川江区统计局",
    a footer's "主办单位：常州市统计局", or a work report's "——2023年1月10日在川江区第三届
    人民代表大会...". Sentences are not read: a date in the text is a date of the figures,
    not of the release."""
    publisher = released = None
    for paragraph in (normalise(p) for p in _dateline_candidates(paragraphs)):
        if publisher is None and (match := _PUBLISHER_REGION.search(paragraph)):
            publisher = match.group()
        if released is None and (match := _RELEASE_DATE.search(paragraph)):
            try:
                released = date(*(int(part) for part in match.groups() if part))
            except ValueError:  # 2023年2月30日: not a date, not a dateline
                continue
    return publisher, released


def _dateline_candidates(paragraphs: list[str]) -> list[str]:
    """The lines above the text and the page's furniture lines, but no sentence."""
    top = [
        paragraph
        for paragraph in paragraphs[:_TITLE_SEARCH_PARAGRAPHS]
        if not paragraph.endswith(_SENTENCE_END) and len(paragraph) <= _DATELINE_MAX_CHARS
    ]
    return top + [paragraph for paragraph in paragraphs if is_furniture(paragraph)]


def _address_month(paragraphs: list[str]) -> tuple[int, int] | None:
    """The year and month in the address a page was saved from (…/202004173561.html,
    …/art/2021/5/10/…); sites file their pages by the month they publish them."""
    for paragraph in paragraphs:
        if (address := ADDRESS.search(paragraph)) and (
            match := _ADDRESS_MONTH.search(address.group())
        ):
            return int(match["year"]), int(match["month"] or match["month_alone"])
    return None


def read_facts(path: Path) -> list[Fact]:
    """Every fact the rules find in a bulletin file, in document order."""
    document = read_document(path)
    sources = TitleSources(path.name, document.html_title, path.parent.name)
    return read_document_facts(document.paragraphs, sources)[0]


def extract_facts(paragraphs: list[str], file_name: str) -> list[Fact]:
    """Every fact stated in the paragraphs of one document, in document order."""
    return read_document_facts(paragraphs, TitleSources(file_name))[0]


def read_document_facts(
    paragraphs: list[str], sources: TitleSources
) -> tuple[list[Fact], FigureAccount]:
    """The facts of one document, and the account of every number with a unit in it."""
    paragraphs = one_cell_per_line(unwrapped(paragraphs))
    context = document_context(paragraphs, sources)
    facts: list[Fact] = []
    figures = FigureAccount()
    tables = flattened_tables(paragraphs)
    table_cells = {index + 1 for table in tables for index in table}
    target_year: int | None = None  # set while inside a passage about targets
    in_notes = False
    for number, paragraph in enumerate(paragraphs, start=1):
        if is_furniture(paragraph) or number in table_cells:
            continue
        if number == context.title_paragraph:  # read once the text's figures are known
            continue
        if _is_heading(paragraph) and _NOTES_HEADING.search(paragraph):
            in_notes = True
        if number > context.title_paragraph and _is_heading(paragraph):
            target_year = _heading_target_year(paragraph, context)
            if _NUMBERED_HEADING.match(normalise(paragraph)):  # "一、GDP同比增长6.4%"
                _skip_all(figures, HEADING, paragraph)
                continue
        reader = _ParagraphReader(context, number, target_year, figures, in_notes)
        for match in _SENTENCE.finditer(paragraph):
            facts.extend(reader.read(match.group().strip()))
        target_year = reader.section_target_year
    if context.title_paragraph:
        title = paragraphs[context.title_paragraph - 1]
        if context.subtitle:
            facts[:0] = _subtitle_facts(title, context, facts, figures)
        else:  # a title restates a figure of the text
            _skip_all(figures, TITLE_LINE, title)
    facts = _without_restated_structures(facts, figures)
    rows = [row for table in tables for row in _table_rows(table, paragraphs, context, figures)]
    stated: dict[tuple[object, ...], list[str]] = {}
    for fact in facts:
        stated.setdefault(_what(fact), []).append(fact.indicator)
    for row in rows:
        # A row whose level the text states restates it; a row with a level of its own
        # keeps its growth even where some other figure of the text grew as much, and so
        # does a row of growths alone where the figure that grew as much is of another name
        # (a table whose levels lost their unit: 棉花 | 213 | 6.5 beside 牛肉产量…增长6.5%).
        levels = [fact for fact in row if fact.value is not None]
        restated = any(_what(fact) in stated for fact in levels) or (
            not levels
            and any(
                _same_name(fact.indicator, name)
                for fact in row
                for name in stated.get(_what(fact), [])
            )
        )
        for fact in row:
            if restated and _what(fact) in stated:  # the text states the cell's figure
                figures.skip(TABLE_RESTATED)
            else:
                figures.read += 1
                facts.append(fact)
    return facts, figures


def _same_name(first: str, second: str) -> bool:
    """Whether two names may name one quantity: one contains the other."""
    return first in second or second in first


def _subtitle_facts(
    title: str, context: DocumentContext, stated: list[Fact], figures: FigureAccount
) -> list[Fact]:
    """The figures of a subtitle the text does not state again. A title restates a figure
    of the text ("…一季度规模以上工业增加值同比下降8.4%"); a newspaper's subtitle opening the
    page ("实现地区生产总值744.94亿元,同比增长6.3%") may be the only place it is printed."""
    levels = {(f.value, f.unit) for f in stated if f.value is not None}
    growths = [(f.indicator, f.growth_pct) for f in stated if f.growth_pct is not None]

    def restated(fact: Fact) -> bool:
        if fact.value is not None:
            return (fact.value, fact.unit) in levels
        return any(
            growth == fact.growth_pct and (name in fact.indicator or fact.indicator in name)
            for name, growth in growths
        )

    own = FigureAccount()
    reader = _ParagraphReader(context, context.title_paragraph, None, own)
    facts = [
        fact
        for match in _SENTENCE.finditer(title)
        for fact in reader.read(match.group().strip())
        if fact.kind not in _NOT_STORED
    ]
    new = [fact for fact in facts if not restated(fact)]
    figures.read += len(new)
    if skipped := own.total - len(new):
        figures.skip(TITLE_LINE, skipped)
    return new


def _without_restated_structures(facts: list[Fact], figures: FigureAccount) -> list[Fact]:
    """A sector structure restating the sectors' shares just stated ("第一产业增加值比重为
    5.1%…三次产业结构调整为5.1:42.5:52.4") is read once, as those shares."""
    stated = {
        (fact.region, fact.period_label, fact.value, sector)
        for fact in facts
        if fact.unit == PERCENT and "/" not in fact.indicator
        for sector in SECTORS
        if fact.indicator.startswith(sector)
    }
    kept = []
    for fact in facts:
        sector = fact.indicator.rpartition("/")[2]
        if fact.kind == SHARE and (fact.region, fact.period_label, fact.value, sector) in stated:
            figures.read -= 1
            figures.skip(STRUCTURE_RESTATED)
        else:
            kept.append(fact)
    return kept


def _what(fact: Fact) -> tuple[object, ...]:
    """What a level, share or growth states, whatever it is named and wherever it is stated
    (a rate in % is the same statement as a level or as a share: 城镇化率52.3%)."""
    return (fact.region, fact.period_label, fact.value, fact.unit, fact.growth_pct)


def _table_rows(
    cells: list[int], paragraphs: list[str], context: DocumentContext, figures: FigureAccount
) -> list[list[Fact]]:
    """The facts of a flattened table, row by row.

    The first label followed by numbers (or by a unit cell, when the header has a 单位
    column) starts the rows, and the numbers after it give their width; the cells just
    above are the header (the label column, the unit column, then one per figure). A
    header with 增长, 增速 or % is a growth in %, any other a level in the
    unit its header (…(亿元)) or the 单位 line gives. A year in the table's title is its
    period, else the document's; a period opening a header (9月, 1-9月增长%) holds for
    that column and the ones after it. Rows are read while they keep that shape; the numbers
    of a row that breaks it are unread.
    """
    texts = [normalise(paragraphs[index]).replace(" ", "") for index in cells]
    numeric = [_cell_figure(text) is not None for text in texts]
    first_number = next((i for i, is_number in enumerate(numeric) if is_number), len(texts))
    unit_header = next(
        (i for i, text in enumerate(texts[:first_number]) if _UNIT_HEADER.match(text)), None
    )
    numbers = next((n for n, is_number in enumerate(numeric[first_number:]) if not is_number),
                   len(texts) - first_number)  # fmt: skip
    # "计量单位 | 2019年产量 | 比上年增减% | 粮食 | 171337 | -5.5": as many headers after the unit
    # column as the row has numbers, so the page lost the rows' unit cells; their levels
    # have no unit (unread), their growths stand.
    unit_column = unit_header is not None and first_number - 2 - unit_header != numbers
    first = first_number - 1 - unit_column  # the first row's label
    width = 1 + unit_column + numbers
    if first < width or not numbers:
        return []
    header, leading = texts[first - width : first], texts[: first - width]
    unit = next((m["unit"] for text in leading if (m := _UNIT_LINE.match(text))), None)
    title_year = next((int(m.group(1)) for text in leading if (m := _YEAR.search(text))), None)
    year, part = (title_year, "全年") if title_year else context.default_period
    source = "text" if title_year else context.period_source
    columns = []
    for text in header[1 + unit_column :]:  # a period opening a header holds for those after
        if opening := _HEADER_PERIOD.match(text):
            part, source = opening.group(), "text"
        if _SHARE_HEADER.search(text):
            kind, level_unit = SHARE, PERCENT
        else:
            kind = GROWTH if _GROWTH_HEADER.search(text) else LEVEL
            level_unit = None if kind == GROWTH else _header_unit(text) or unit
        columns.append(_Column(kind, level_unit, part, source))
    rows = []
    for start in range(first, len(texts), width):
        row = texts[start : start + width]
        if len(row) != width or numeric[start] or (unit_column and numeric[start + 1]):
            for index in range(start, len(texts)):
                if numeric[index]:
                    figures.unread.append(
                        UnreadFigure(None, cells[index] + 1, None, paragraphs[cells[index]],
                                     f"{texts[index]}: {_UNPLACED_CELL}")
                    )  # fmt: skip
            break
        published = [paragraphs[index] for index in cells[start : start + width]]
        row_unit = row[1] if unit_column else _header_unit(row[0])
        facts = _row_facts(
            row, published, row_unit, columns, cells[start] + 1, year, context, figures
        )
        rows.append(facts)
    return [row for row in rows if row]


@dataclass(frozen=True)
class _Column:
    """What the figures of a flattened table's column are: kind, unit, period, its source."""

    kind: str
    unit: str | None
    part: str
    period_source: str | None


def _row_facts(
    row: list[str],
    published: list[str],
    row_unit: str | None,
    columns: list[_Column],
    paragraph: int,
    year: int,
    context: DocumentContext,
    figures: FigureAccount,
) -> list[Fact]:
    """The level and growth figures of one table row (`row` normalised, `published` as
    printed); the row's unit (its unit cell, or 产量(万吨) in its label) serves its levels.
    Its source text is the row as printed, cells joined by " | ". A level without a unit
    is unread."""
    sentence = " | ".join(published)
    name = _PART_MARK.sub("", _HEADER_UNIT.sub("", row[0]))
    figures_at = len(row) - len(columns)
    facts = []
    offset = len(" | ".join(published[:figures_at]))
    for column, cell, printed in zip(
        columns, row[figures_at:], published[figures_at:], strict=True
    ):
        offset += len(" | ")
        figure = _cell_figure(cell)
        kind, unit, part = column.kind, row_unit or column.unit, column.part
        if figure is not None and kind == LEVEL and not unit:
            figures.unread.append(
                UnreadFigure(None, paragraph, None, sentence, f"{cell}: {_NO_UNIT_CELL}")
            )
        elif figure is not None and kind == SHARE and figure.value == _WHOLE_SHARE:
            figures.skip(WHOLE_SHARE)
        elif figure is not None:
            is_growth = kind == GROWTH
            facts.append(
                Fact(
                    kind=kind,
                    indicator=name,
                    region=context.region,
                    period=parse_period(part, default_year=year),
                    period_label=f"{year}年" if part == "全年" else f"{year}年{part}",
                    value=None if is_growth else figure.value,
                    value_decimals=None if is_growth else figure.decimals,
                    unit=None if is_growth else unit,
                    growth_pct=figure.value if is_growth else None,
                    growth_decimals=figure.decimals if is_growth else None,
                    sentence=sentence,
                    start=offset,
                    end=offset + len(printed),
                    paragraph=paragraph,
                    region_source=context.region_source,
                    period_source=column.period_source,
                )
            )
        offset += len(printed)
    return facts


def _cell_figure(text: str) -> Figure | None:
    """The number a cell holds, None for a label or a not-available mark."""
    try:
        return parse_text(text)
    except NotANumberError:
        return None


def _header_unit(header: str) -> str | None:
    """The unit a header or row label closes with, "产量(万吨)"; not "(含不满18周岁)"."""
    match = _HEADER_UNIT.search(header)
    return match["unit"] if match and is_unit(match["unit"]) else None


@dataclass(frozen=True)
class TitleSources:
    """Where a document may be named when its text has no title line: the <title> of the
    saved page, the file name, the landing folder (YYYY-MM)."""

    file_name: str
    html_title: str | None = None
    folder: str | None = None


def document_context(paragraphs: list[str], sources: TitleSources) -> DocumentContext:
    """Region, year and period from the best source there is.

    The text's own title line, else the page's <title>, else the file name name the
    region and the period; the year comes from the first of them that names one, else
    from the landing folder or the release date (a period ending after the month of
    release is of the year before), else from the first year the text names. The
    region, failing those, comes from the publisher (…统计局) or the first region the
    text names. Only a text in which nothing names a year is refused.
    """
    title_number, title_line = _title_line(paragraphs)
    named = [
        (source, _arabic_years(normalise(text)))
        for source, text in (
            ("title", title_line),
            ("html_title", sources.html_title),
            ("file_name", Path(sources.file_name).stem),
        )
        if text
    ]
    named_sources = [source for source, _ in named]
    is_work_report = any(_WORK_REPORT.search(text) for _, text in named)
    period_part, period_source = next(
        ((part, source) for source, text in named if (part := _period_part(text))),
        (None, None),
    )
    year, year_source = _document_year(named, paragraphs, sources, period_part, is_work_report)
    region, region_source = _document_region(named, paragraphs)
    if not region:
        raise IngestError(sources.file_name, f"no region named in the title {title_line!r}")
    reviewed_year = year - 1 if is_work_report else year
    if is_work_report and (
        _names_the_reviewed_year(named) or _reviews_its_title_year(paragraphs, year)
    ):
        reviewed_year, year = year, year + 1
    return DocumentContext(
        region=region,
        title_year=year,
        year=reviewed_year,
        period_part="全年" if is_work_report or period_part is None else period_part,
        is_work_report=is_work_report,
        title_paragraph=title_number,
        region_source=region_source,
        # The period is as good as the weaker of its two sources.
        period_source=period_source if year_source in named_sources else year_source,
        subtitle=bool(title_line) and "title" not in (region_source, period_source, year_source),
    )


def _arabic_years(text: str) -> str:
    """A year written in Chinese numerals as digits with its 年 ("二〇二三" -> "2023年")."""
    return _CHINESE_YEAR.sub(lambda m: m.group()[:4].translate(_CHINESE_DIGITS) + "年", text)


def _names_the_reviewed_year(named: list[tuple[str, str]]) -> bool:
    """A year printed after 工作报告 ("《政府工作报告》摘要：2021年全县…完成") is the year the
    passage reviews, not the report's own year ("2022年政府工作报告")."""
    for _, text in named:
        if year := _YEAR.search(text):
            report = _WORK_REPORT.search(text)
            return report is not None and report.start() < year.start()
    return False


def _reviews_its_title_year(paragraphs: list[str], year: int) -> bool:
    """A work report whose text reviews the year its title names ("2019年梨树县政府工作报告":
    "2019年,是我县…的一年", "一、2019年工作回顾") is titled by that year, not its own."""
    for paragraph in paragraphs[:_REVIEW_SEARCH_LINES]:
        if reviewed := _REVIEWED_YEAR.search(normalise(paragraph)):
            return int(reviewed["year"]) == year
    return False


def _title_line(paragraphs: list[str]) -> tuple[int, str | None]:
    """The text's own title: a short line above the first sentence that is no furniture,
    heading or salutation ("原标题：…" and "文件名称 | …" lines name it too)."""
    for number, paragraph in enumerate(paragraphs[:_TITLE_SEARCH_LINES], start=1):
        text = _MEDIA_PREFIX.sub("", normalise(paragraph))
        if labelled := _TITLE_LABEL.match(text):
            return number, labelled["title"]
        if is_furniture(paragraph):
            continue
        if text.endswith(_SENTENCE_END) or len(text) > _TITLE_MAX_CHARS:
            return 0, None  # the text starts without a title
        if _NUMBERED_HEADING.match(text) or text.endswith(":") or _is_dateline(text):
            continue
        return number, text
    return 0, None


def _is_dateline(text: str) -> bool:
    """A publisher ("川江区统计局") or date ("2023年3月20日") line of its own."""
    publisher = _PUBLISHER_REGION.search(text)
    if publisher and publisher.end() == len(text):
        return True
    release = _RELEASE_DATE.search(text)  # "青岛西海岸新区政务网 发布日期 : 2022-11-11"
    return release is not None and (release.start() == 0 or "发布" in release.group())


def _period_part(text: str) -> str | None:
    """The period a title names ("1-9月", "一季度", "上半年"); a year alone is the year. A
    later quarter alone ("2018年第三季度经济运行情况") titles the release of the year to its
    end, as quarterly releases are (前三季度)."""
    if match := _TITLE_PERIOD.search(text):
        part = re.sub(r"\s+", "", match["part"] or "全年")
    elif match := re.search(PERIOD_PART, text):
        part = re.sub(r"\s+", "", match.group())
    else:
        return None
    if _SINGLE_QUARTER.match(part):
        return _YEAR_TO_QUARTER_END.get(parse_period(part, default_year=2000).end.month, part)
    return part


def _document_year(
    named: list[tuple[str, str]],
    paragraphs: list[str],
    sources: TitleSources,
    period_part: str | None,
    is_work_report: bool,
) -> tuple[int, str]:
    """The year of the document (a work report's own year) and where it was read."""
    for source, text in named:
        if match := _YEAR.search(text):
            return int(match.group(1)), source
    released = _release_month(paragraphs, sources)
    if released is not None:
        (year, month), source = released
        if is_work_report:
            return year, source
        if period_part is None:  # figures published early in a year are of the year before
            return (year if month > _EARLY_MONTHS else year - 1), source
        last_month = parse_period(period_part, default_year=year).end.month
        published_later_that_year = period_part != "全年" and last_month < month
        return (year if published_later_that_year else year - 1), source
    body_year = next((m for p in paragraphs if (m := _YEAR.search(normalise(p)))), None)
    if body_year is None:
        raise IngestError(
            sources.file_name,
            "no title naming the year in the first lines, and no year in the page title, "
            "the file name, the folder, the dateline or the text",
        )
    return int(body_year.group(1)), "text"


def _release_month(
    paragraphs: list[str], sources: TitleSources
) -> tuple[tuple[int, int], str] | None:
    """The year and month a document was published in, and where that was read: the
    landing folder (YYYY-MM), the dateline, or the address the page was saved from."""
    if folder := _FOLDER.match(sources.folder or ""):
        return (int(folder["year"]), int(folder["month"])), "folder"
    if released := dateline(paragraphs)[1]:
        return (released.year, released.month), "publisher"
    if month := _address_month(paragraphs):
        return month, "publisher"
    return None


def _document_region(
    named: list[tuple[str, str]], paragraphs: list[str]
) -> tuple[str | None, str | None]:
    """The region the document reports on and where it was read."""
    names = RegionNames.load()
    printed: tuple[str, str] | None = None
    for source, text in named:
        region, listed = _region_named(text, names)
        if region and listed:
            return region, source
        if region and printed is None:
            printed = region, source
    if printed:  # a name printed only, when no later source names a listed region
        return printed
    publisher, _ = dateline(paragraphs)
    if publisher and (region := _region_named(publisher, names)[0]):
        return region, "publisher"
    for paragraph in paragraphs:
        if not is_furniture(paragraph) and (region := names.find_in(normalise(paragraph))):
            return region, "text"
    return None, None


def _region_named(text: str, names: RegionNames) -> tuple[str | None, bool]:
    """The region a title, file name or publisher names: a listed region, the nation, a
    zone, or a printed name (周口市川江区) at the start once the period is taken out; and
    whether it is more than a name printed only. A printed name can be a misreading (the
    "实现地区" of a subtitle "实现地区生产总值…"), so a listed region of a later source wins."""
    text = _NATIONAL_YARDSTICK.sub("", text)
    without_period = _TITLE_PERIOD.sub("", _BRACKETED.sub("", text)).removeprefix("关于").strip()
    if (zone := _ZONE.match(without_period)) and not names.full_name(zone.group()):
        return zone.group(), True
    if region := names.find_in(text):
        return region, True
    if _NATIONAL.search(text):
        return NATIONAL, True
    printed = _REGION.match(without_period) or _PUBLISHER_REGION.search(text)
    if printed is None or _NOT_A_NAME.match(printed.group()):  # "上半年我县…", "全市…"
        return None, False
    name = printed.group(1) if printed.re is _PUBLISHER_REGION else printed.group()
    listed = names.full_name(name) or names.full_name(name[:-1])
    return listed or name, listed is not None


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= _HEADING_MAX_CHARS and not paragraph.endswith(_SENTENCE_END)


def _heading_target_year(heading: str, context: DocumentContext) -> int | None:
    """The target year of a heading about targets or about a later year's work, else None."""
    latest = max((int(year) for year in _YEAR.findall(normalise(heading))), default=None)
    if _TARGET_HEADING.search(heading) and not _RESULTS_HEADING.search(heading):
        return latest or context.title_year
    if latest is not None and latest > context.year:
        return latest  # "三、2023年重点工作" in a report on 2022
    return None


# Why the statements the warehouse does not store are left out.
TABLE_RESTATED = "table row restating the text"
EARLIER_BASIS = "growth against a year before the last"
FORECAST = "forecast of the year (预计…全年)"
_SECTOR_SYNONYMS = {"服务业增加值": "第三产业增加值"}
STRUCTURE_RESTATED = "sector structure restating the shares"
WHOLE_SHARE = "the whole's share (100%) in a 比重 column"
_UNPLACED_CELL = "a cell of a flattened table the reader could not place"
_NO_UNIT_CELL = "a level in a flattened table that names no unit"
_UNIT_LINE = re.compile(r"^单位[:：](?P<unit>\S+)$")
_GROWTH_HEADER = re.compile(r"增长|增速|增幅|%")
_SHARE_HEADER = re.compile(r"比重|占比|构成")  # 比重(%): each row's share of the first row
_WHOLE_SHARE = 100  # the first row of a 比重 column, the whole itself: no figure
# "#稻谷", "其中:非农": a part of the row above, named by its own label.
_PART_MARK = re.compile(r"^(?:#|其中[:：]?)")
_HEADER_UNIT = re.compile(r"\((?P<unit>[^()]+)\)$")
_HEADER_PERIOD = re.compile(PERIOD_PART)
_UNIT_HEADER = re.compile(r"^(?:计量)?单位$")
_NOT_STORED = {GROWTH_CHANGE: "change of a growth rate", CONTRIBUTION: "contribution"}
NOTE = "note or definition"
TITLE_LINE = "title line"
HEADING = "numbered heading (restates its section)"
_UNREAD = "no indicator the rules could name"


def _skip_all(figures: FigureAccount, reason: str, text: str) -> None:
    """Count every figure of `text` as skipped for `reason`."""
    scanned = scan_sentence(text, Subject(""), "")
    if count := len(scanned.statements) + len(scanned.skipped):
        figures.skip(reason, count)


class _ParagraphReader:
    """Reads the sentences of one paragraph, carrying its period and subject along, and
    accounts for every figure in them in `figures`."""

    def __init__(
        self,
        context: DocumentContext,
        number: int,
        target_year: int | None,
        figures: FigureAccount,
        in_notes: bool = False,
    ) -> None:
        self.context = context
        self.number = number
        self.section_target_year = target_year
        self.paragraph_target_year: int | None = None  # targets announced in the paragraph
        self.period = context.default_period
        self.period_source = context.period_source
        self.subject = Subject("")
        self.figures = figures
        self.in_notes = in_notes
        self.sub_region_quantity = ""
        self.home_quantity = ""  # the quantity last named for the document's own region
        self.scope: str | None = None  # 全疆 opening the paragraph: the province's figures
        self.sentence_region: str | None = None  # "如柳南区,…": this sentence's region
        self.read_sentences = 0
        self.stated_year_to_date = False  # a year to date named in this paragraph (1-11月,)
        self.month_on_month = False  # "从环比来看," opening the paragraph

    def read(self, sentence: str) -> list[Fact]:
        home = NATIONAL_LEVEL if self.context.region == NATIONAL else self.context.region[-1]
        if self.in_notes:  # 附注: definitions and survey scope, no figures of the period
            _skip_all(self.figures, NOTE, sentence)
            return []
        if self.read_sentences == 0:
            self.scope = self._province_scope(normalise(sentence))
            self.month_on_month = opens_month_on_month_view(sentence)
        self.read_sentences += 1
        scanned = scan_sentence(sentence, self.subject, home)
        self.sentence_region = self._opening_region(normalise(sentence))
        for skipped in scanned.skipped:
            if skipped.reason:
                self.figures.skip(skipped.reason)
            else:
                self._unread(sentence, f"{skipped.text}: {_UNREAD}")
        target_year = self._target_year(normalise(sentence))
        if (
            target_year is not None
            and not scanned.statements
            and not scanned.skipped
            and not _TARGETS_MET.search(sentence)
        ):
            self.paragraph_target_year = target_year
        markers = list(scanned.markers)
        # "一季度增长6.7%，二季度增长6.7%": a list of quarters breaks the figure down; the
        # next sentence is back in the period before it.
        quarters = sum(1 for marker in markers if _SINGLE_QUARTER.match(marker.label))
        # "其中5月份增长14.9%": a month within the period, for this sentence only.
        part_of_period = self._is_month_aside(markers) or any(
            marker.sentence_only or marker.as_of_end is not None for marker in markers
        )
        before_list = (self.period, self.period_source) if quarters > 1 or part_of_period else None
        facts = []
        clause_period = None
        as_of: tuple[int, tuple[tuple[int, str], str]] | None = None
        for statement in scanned.statements:
            if as_of is not None and statement.start > as_of[0]:  # past the date's clauses
                (self.period, self.period_source), as_of = as_of[1], None
            while markers and markers[0].position < statement.start:
                marker = markers.pop(0)
                if marker.clause_only:
                    clause_period = self.period, self.period_source
                if marker.as_of_end is not None:
                    as_of = marker.as_of_end, (self.period, self.period_source)
                self._turn_to(marker, in_list=quarters > 1)
            fact = self._fact(statement, sentence, target_year)
            if clause_period is not None:  # "1—2月份为下降6.5%": back to the period before
                (self.period, self.period_source), clause_period = clause_period, None
            if statement.basis_year not in (None, fact.period.start.year - 1):
                self.figures.skip(EARLIER_BASIS)  # 比2019年同期增长 in 2021: not year on year
                continue
            if self.month_on_month and fact.kind == GROWTH:
                self.figures.skip(MONTH_ON_MONTH)  # "从环比来看,…。其中,城市上涨0.2%"
                continue
            if self._is_forecast(sentence, statement):
                self.figures.skip(FORECAST)
                continue
            if fact.kind in _NOT_STORED:
                self.figures.skip(_NOT_STORED[fact.kind])
            elif statement.bound and fact.kind != TARGET:
                self.figures.skip(BOUND)
                continue
            else:
                self.figures.read += 1
            facts.append(fact)
        for marker in markers:
            self._turn_to(marker, in_list=quarters > 1)
        if before_list is not None:
            self.period, self.period_source = before_list
        return facts

    def _province_scope(self, sentence: str) -> str | None:
        """The province a paragraph opening with 全疆, 全川 … reports on, when it is not the
        document's own region."""
        if (opening := _PROVINCE_SCOPE.match(sentence)) is None:
            return None
        province = _PROVINCE_BY_CHARACTER[opening["character"]]
        return province if province != self.context.region else None

    def _is_forecast(self, sentence: str, statement: Statement) -> bool:
        """A figure of the whole year estimated (预计…今年/全年) in a release within the year;
        a work report's 预计 is its year's result."""
        if self.context.is_work_report or self.context.period_part == "全年":
            return False
        return bool(_FORECAST.search(normalise(sentence)[: statement.start]))

    def _place(self, indicator: str) -> tuple[str, str]:
        """The region and indicator of a name that may open with a region of its own
        ("东部地区增加值", then "中部地区" alone for the same quantity), or that opens with
        another listed region ("川江区工业增加值"; "分县区看，川江区增长6.1%": the quantity
        last named for the document's region, of 川江区), or of a province named as the
        paragraph's scope ("全疆居民消费价格…")."""
        if self.scope is not None:
            return self.scope, re.sub(rf"^全[{''.join(_PROVINCE_BY_CHARACTER)}]", "", indicator)
        if match := _SUB_REGION.match(indicator):
            rest = indicator[match.end() :] or self.sub_region_quantity
            self.sub_region_quantity = rest
            return match.group(), rest
        if (printed := _REGION.match(indicator)) and (region := self._listed_region(printed)):
            rest = indicator[printed.end() :] or self.home_quantity
            if rest:
                return region, rest
        if city := self._city_by_short_name(indicator):  # 甘肃省's "天水GDP总量"
            return city
        self.home_quantity = indicator
        # 江苏全体居民… in 江苏省's text, or its full name: 桂林市农村居民… in 桂林市's.
        for own_name in (self.context.region, _SHORT_NAME.sub("", self.context.region)):
            if len(own_name) > 1 and indicator.startswith(own_name):
                indicator = indicator[len(own_name) :] or indicator
                break
        return self.context.region, indicator

    def _opening_region(self, sentence: str) -> str | None:
        """The region named in a clause of its own before the sentence's figures ("如柳南区,",
        a province's "兰州依旧领先,"): the region of the sentence's figures."""
        if opening := _REGION_ALONE.match(sentence):
            return self._listed_region(opening, "name")
        before_figures = re.split(r"\d", sentence, maxsplit=1)[0]
        for clause in re.split(r"[,:;]", before_figures)[:-1]:  # "从总量看,兰州领先,GDP…"
            if city := self._city_by_short_name(clause):
                return city[0]
        return None

    def _city_by_short_name(self, indicator: str) -> tuple[str, str] | None:
        """A city of the document's province named by its short name at the start of an
        indicator ("兰州GDP总量"), and the rest of the name; short names are taken for the
        cities of the document's own province only, since they are common words elsewhere."""
        names = RegionNames.load()
        home = names.resolve(self.context.region)
        if home is None or home.parent_code is not None:
            return None
        for length in (3, 2):
            city = names.resolve(indicator[:length], within=home.code)
            rest = indicator[length:]
            if (
                city
                and city.parent_code == home.code
                and rest
                and city.short_name == indicator[:length]
            ):
                return city.name, rest
        return None

    def _listed_region(self, printed: re.Match[str], group: int | str = 0) -> str | None:
        """The listed region, other than the document's, that a printed name is."""
        region = RegionNames.load().resolve(printed.group(group), within=self.context.region)
        return region.name if region and region.name != self.context.region else None

    def _unread(self, sentence: str, reason: str) -> None:
        self.figures.unread.append(UnreadFigure(None, self.number, None, sentence, reason))

    def _is_month_aside(self, markers: list[PeriodMarker]) -> bool:
        """A month alone opening a sentence after the paragraph named the year to date ending
        with it ("1-11月,…。11月份,…增长4.9%。…"): an aside, the next sentence is back in
        the year to date."""
        if not (self.stated_year_to_date and markers and markers[0].position == 0):
            return False
        year, part = split_year(markers[0].label)
        month = _parsed_period(year or self.period[0], part)
        current = _parsed_period(*self.period)
        return bool(month and current and month.period_type == "month" and month.end == current.end)

    def _turn_to(self, marker: PeriodMarker, in_list: bool = False) -> None:
        """Apply a period named at the start of a clause to the rest of the paragraph.

        The last quarter of a year-to-date document, named alone ("二季度全县地区生产总值"
        in a half-year bulletin), is the document's period: regional accounts are
        cumulative. In a list of quarters each is the quarter itself."""
        label, context = marker.label, self.context
        self.period_source = "text"
        if label in ("今年", "今年以来"):
            self.period = (
                (context.title_year, "全年") if context.is_work_report else context.default_period
            )
        elif label in ("去年", "过去一年"):
            self.period = (context.title_year - 1, "全年")
        elif label == "当月":  # "其中,当月…": the last month of the months to date (一季度 too)
            parsed = _parsed_period(*self.period)
            if parsed is not None and parsed.period_type in ("ytd", "quarter"):
                self.period = (self.period[0], f"{parsed.end.month}月")
        elif label.endswith("同期"):  # the same months of an earlier year
            year, _ = split_year(label)
            self.period = (year or self.period[0] - 1, self.period[1])
        else:
            year, part = split_year(label)
            year = year or self.period[0]
            if (
                not in_list
                and _SINGLE_QUARTER.match(part)
                and self._ends_document_period(year, part)
            ):
                part = context.period_part
            self.period = (year, part or "全年")
            if part and not marker.sentence_only:
                parsed = _parsed_period(year, part)
                self.stated_year_to_date = parsed is not None and parsed.period_type == "ytd"

    def _ends_document_period(self, year: int, quarter: str) -> bool:
        """Whether `quarter` of `year` is the last quarter of the document's year to date."""
        own = parse_period(self.context.period_part, default_year=self.context.year)
        return (
            own.period_type == "ytd"
            and year == self.context.year
            and parse_period(quarter, default_year=year).end == own.end
        )

    def _target_year(self, sentence: str) -> int | None:
        """The year a sentence sets targets for, or None when it reports results."""
        years = [int(year) for year in _YEAR.findall(sentence)]
        future = max((year for year in years if year > self.context.year), default=None)
        if self.section_target_year is not None:
            return future or self.section_target_year
        if self.paragraph_target_year is not None:
            return future or self.paragraph_target_year
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
            if statement.previous_year:
                year -= 1
            part = statement.period or part
        is_growth = statement.kind == GROWTH and target_kind is None
        region, indicator = self._place(statement.indicator)
        if self.sentence_region and region == self.context.region:
            region = self.sentence_region
        if target_kind is None:
            part = _period_of_quantity(indicator, year, part)
        return Fact(
            kind=TARGET if target_kind else statement.kind,
            indicator=indicator,
            region=region,
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
            region_source=self.context.region_source,
            period_source=(
                "text" if statement.previous_year or statement.period else self.period_source
            ),
        )


def _period_of_quantity(indicator: str, year: int, part: str) -> str:
    """What some quantities mean within an in-year period: a stock (存栏, 余额) stands at the
    end of its last month, a seasonal harvest (夏粮, 早稻) is the year's harvest."""
    if _SEASONAL_HARVEST.match(indicator) or _YEAR_AREA.match(indicator):
        return "全年"
    if is_stock(indicator) and part != "全年":
        return f"{parse_period(part, default_year=year).end.month}月"
    return part


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
    latest: dict[tuple[int, str, str, str, str], list[Fact]] = {}
    previous: Fact | None = None
    for fact in facts:
        if fact.kind == TARGET:
            parsed.targets.append(_target(fact))
        elif fact.kind == SHARE:
            groups.append([fact])
        elif fact.kind in (LEVEL, GROWTH):
            key = (fact.paragraph, fact.sentence, fact.region, fact.indicator, fact.period_label)
            group = latest.get(key)
            if group is None and previous is not None and _continues(previous, fact):
                group = groups[-1]  # "…营业收入10028亿元。营业收入同比增长10.2%。"
            elif group is None or any(other.kind == fact.kind for other in group):
                group = latest[key] = []
                groups.append(group)
            group.append(fact)
        previous = fact
    parsed.observations.extend(_observation(group) for group in groups)
    parsed.observations = _without_restated_levels(
        _without_restated_growths(_first_statements(parsed.observations))
    )
    parsed.targets = _first_statements(parsed.targets)
    return parsed


def _continues(level: Fact, growth: Fact) -> bool:
    """A growth alone in the sentence after a level alone, of the same indicator (one name
    contains the other), region and period: the level's growth."""
    return (
        level.kind == LEVEL
        and growth.kind == GROWTH
        and level.paragraph == growth.paragraph
        and level.sentence != growth.sentence
        and (level.region, level.period_label) == (growth.region, growth.period_label)
        and (level.indicator in growth.indicator or growth.indicator in level.indicator)
    )


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


def _without_restated_growths(observations: list[Observation]) -> list[Observation]:
    """A growth stated again without its level, in a later section ("第二产业增加值67.84亿元,
    增长4.1%" … "第二产业增加值同比增长4.1%"; the tertiary sector as 服务业), is the figure
    already read."""

    def what(observation: Observation) -> tuple[object, ...]:
        return (
            observation.region_name,
            _SECTOR_SYNONYMS.get(observation.indicator_name, observation.indicator_name),
            observation.period_type,
            observation.period_start,
            observation.period_end,
            observation.yoy_growth_pct,
        )

    with_level = {what(o) for o in observations if o.value_published is not None}
    return [o for o in observations if o.value_published is not None or what(o) not in with_level]


def _without_restated_levels(observations: list[Observation]) -> list[Observation]:
    """A level stated again without its growth, later, under a name that contains the first
    name or is contained in it (a report's "收入决算数129748万元,…增长10.59%" and then
    "市级…收入决算数129748万元,加上级补助收入…"), is the figure already read."""
    kept: list[Observation] = []
    for observation in observations:
        restates = observation.yoy_growth_pct is None and any(
            _same_level(earlier, observation) for earlier in kept
        )
        if not restates:
            kept.append(observation)
    return kept


def _same_level(first: Observation, second: Observation) -> bool:
    """Whether two observations state one level: equal region, period, value and unit, and
    one name inside the other."""
    names = (first.indicator_name, second.indicator_name)
    return (
        first.value_published is not None
        and (first.region_name, first.period_type, first.period_start, first.period_end)
        == (second.region_name, second.period_type, second.period_start, second.period_end)
        and (first.value_published, first.value_decimals, first.unit_published)
        == (second.value_published, second.value_decimals, second.unit_published)
        and (names[0] in names[1] or names[1] in names[0])
    )


def _observation(group: list[Fact]) -> Observation:
    """One observation from a level and/or growth (or a share) of one indicator."""
    level = next((fact for fact in group if fact.kind in (LEVEL, SHARE)), None)
    growth = next((fact for fact in group if fact.kind == GROWTH), None)
    first = group[0]
    sentences = list(dict.fromkeys(fact.sentence for fact in group))
    offsets = {sentence: sum(map(len, sentences[:i])) for i, sentence in enumerate(sentences)}
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
        source_text="".join(sentences),
        source_char_start=min(offsets[fact.sentence] + fact.start for fact in group),
        source_char_end=max(offsets[fact.sentence] + fact.end for fact in group),
        region_source=first.region_source,
        period_source=first.period_source,
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


def _parsed_period(year: int, part: str) -> Period | None:
    """The period a label of the text names, or None for one that names none we know."""
    try:
        return parse_period(part, default_year=year)
    except UnknownPeriodError:
        return None
