"""Where a table's region, period and quantity come from when its cells do not say.

A sheet names its reporting region and period in a title line ("川江区主要经济指标(2023年
1-6月)"), else its sheet name, its file name ("北京市2018年1-8月分区社会消费品零售总额.xlsx"),
the landing folder (2023-06/) or a release date ("(2012年5月15日发布)": the month before).
Each source is tried in that order and the one used is recorded (`ingest.records.PROVENANCE`).
Printed region names ("西华", "湘西自治州", "綿陽") are resolved on the region code list.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ingest.periods import fold_range_dash
from ingest.regions import NATIONAL, RegionNames
from ingest.regions import fold as simplified

# Layout marks of a total row: it stands for the reporting region (or the whole quantity).
TOTAL_ROWS = frozenset(
    {"全市", "全区", "全县", "全省", "全国", "全市合计", "全市总计", "合计", "总计", "全部", "总体"}
)
_TOTAL_SUFFIX = re.compile(r"(合计|总计)$")
_PERIOD = re.compile(
    r"(\d{4})\s*年\s*(1\s*[-－—~至]\s*\d{1,2}\s*月份?|\d{1,2}\s*月份?|1-[2-4]季度|"
    r"第?[一二三四1-4]\s*季度|上半年|前三季度|全年)"
)
_PERIOD_WITHOUT_YEAR = re.compile(
    r"(?<!\d)(1-\d{1,2}月|1-[2-4]季度|上半年|前三季度|[一二三四]季度|(?:1[0-2]|0?[1-9])月(?!\d))"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_RELEASE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日发布")
LANDING_FOLDER = re.compile(r"^(\d{4})-(\d{2})$")
# Where a title turns from its region to its topic ("周口市|各县区主要经济指标").
_TOPIC = re.compile(
    r"主要|国民经济|经济运行|经济指标|统计|指标|月报|快报|数据|规模以上|规上|分行业|分地区|各县|"
    r"各区|各乡|各市|县区"
)
_MAX_REGION_CHARS = 12
_REGION_SUFFIX = re.compile(r"^.+?(自治州|自治县|地区|[省市区县旗州盟])")
# Title words that are not the quantity: "规模以上工业[分行业]增加值[增速分组资料]".
_NOT_QUANTITY = re.compile(
    r"[(（][^()（）]*[)）]|^指标[:：]|分行业|分门类|分产业|按行业分组?|分组资料|资料|分区|分地区|"
    r"各地区|各市州|各县区|各县|各区|主要|及其增长速度|增长速度|增速|情况|统计表|数据|及排序"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
# A yearbook table's number before its title ("5-5 分行业从业人员", "表2-1 历年总户数"), not a
# period (1-6月) nor a part of the quantity.
_TABLE_NUMBER = re.compile(r"^表?\d{1,2}-\d{1,3}(?![\d月季])(续表)?")
# Functional zones named after their parent region (经济技术开发区, 城乡一体化示范区): not on
# the code list, kept as printed.
_ZONE = re.compile(
    r"^[\u3400-\u9fff]{0,12}?(开发区|示范区|高新区|新区|园区|试验区|实验区|合作区|集聚区)"
)
_TITLE_GROWTH = re.compile(r"同比增长|增长速度|增速|增幅")
# A measure written after the quantity, as the national statistical database names its
# series ("社会消费品零售总额_累计值(亿元)"): (year to date, growth).
SERIES_MEASURES = {
    "当期值": (False, False),
    "累计值": (True, False),
    "同比增长": (False, True),
    "累计增长": (True, True),
}
# A database export's lines about the query, not about the table's quantity.
_QUERY_LINE = re.compile(r"^(数据库|时间|地区|数据来源|频度)[:：]")
_TRAILING_UNIT = re.compile(r"[(（][^()（）]*[)）]$")
# "金华市区历年…": a city's urban districts (市区), a statistical area of its own; not 市区县
# (the city's districts and counties), 市区域 or 市区划.
_URBAN_DISTRICTS = re.compile(r"^市区(?![县域划])")


# Cached, as the look-ups below: the same labels and titles recur on every sheet.
@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC, without spaces and line breaks, one dash in a range: "地 区" and "地区" are one
    label, "1—3月" and "1-3月" one period."""
    return fold_range_dash(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def is_zone(label: str) -> bool:
    """北京经济技术开发区: a functional zone, reported as a region of its own."""
    return bool(_ZONE.fullmatch(fold(label)))


def is_total(label: str) -> bool:
    """全市, 合计, 规模以上工业合计: a row standing for the whole."""
    folded = fold(label)
    return folded in TOTAL_ROWS or bool(_TOTAL_SUFFIX.search(folded))


@functools.lru_cache(maxsize=16384)
def region_of_row(label: str, within: str | None) -> str | None:
    """The full name of a printed region name ("北 京", "湘西自治州", "綿陽"), else None."""
    return RegionNames.load().full_name(label, within) if fold(label) else None


@functools.lru_cache(maxsize=4096)
def region_in_text(text: str) -> str | None:
    """The region a title or file name names: a listed full name, else the name before its
    topic ("西华主要经济指标" -> 西华县)."""
    folded = simplified(text)
    names = RegionNames.load()
    if found := names.find_in(folded):
        # A zone named after a listed region is not that region: 周口市城乡一体化示范区 and
        # 北京经济技术开发区 keep their names.
        region = names.resolve(found)
        for printed in (found, region.short_name if region else ""):
            if printed and printed in folded:
                zone = _ZONE.match(folded[folded.index(printed) + len(printed) :])
                return printed + zone.group() if zone else _urban_districts(found, folded)
        return found
    words = _PERIOD.sub("", folded)
    words = _YEAR.sub("", words).strip("(（)）_-")
    topic = _TOPIC.search(words)
    before_topic = words[: topic.start()] if topic else words
    candidate = before_topic
    if named := _REGION_SUFFIX.match(candidate):
        candidate = named.group()
    if not candidate:
        return None
    if listed := region_of_row(candidate, None):
        return listed
    # A name not on the code list ("安城县主要经济指标": a new or renamed county) is kept as
    # printed, to be flagged unmapped downstream, never replaced by a default region.
    unlisted = len(before_topic) <= _MAX_REGION_CHARS and _REGION_SUFFIX.fullmatch(before_topic)
    return before_topic if unlisted else None


def _urban_districts(city: str, text: str) -> str:
    """The city's urban districts (金华市区) where the text names them ("金华市区历年…"), else
    the city: a yearbook's 市区 tables are of that area, not of the whole city."""
    stem = city.removesuffix("市")
    start = text.find(stem)
    if city.endswith("市") and start >= 0 and _URBAN_DISTRICTS.match(text[start + len(stem) :]):
        return city + "区"
    return city


@dataclass(frozen=True)
class Sourced:
    """A value and where it was read (one of ingest.records.PROVENANCE)."""

    value: str
    source: str | None  # None: nothing named it, the default was taken


@dataclass(frozen=True)
class TableContext:
    """What the frame of one sheet says: title lines, sheet name, file name and folder."""

    title_lines: tuple[str, ...]
    sheet_name: str
    file_name: str
    folder: str | None

    def texts(self) -> list[tuple[str, str]]:
        """Each text that may name the region or period, with its provenance, in order."""
        found = [(line, "title") for line in self.title_lines]
        found += [(self.sheet_name, "sheet"), (self.file_name, "file_name")]
        return found

    def region(self) -> Sourced:
        """The reporting region; a table that names none anywhere is national."""
        for text, source in self.texts():
            if source == "sheet" and region_of_row(text, None) is None:
                continue  # a sheet name counts only when it is a region's name
            if region := region_in_text(text):
                return Sourced(region, source)
        return Sourced(NATIONAL, None)

    def period(self) -> Sourced | None:
        """The table's own period label with its year ("2023年1-6月", "2016年"), if any."""
        for text, source in self.texts():
            folded = fold(text)
            if _RELEASE.search(folded):
                continue  # a release date is not the period (see below)
            if match := _PERIOD.search(folded):
                return Sourced(f"{match.group(1)}年{match.group(2)}", source)
            if (match := _PERIOD_WITHOUT_YEAR.search(folded)) and (year := self._year()):
                return Sourced(f"{year}年{match.group(1)}", source)
            if match := _YEAR.search(folded):
                return Sourced(f"{match.group(1)}年", source)
        if self.folder and (match := LANDING_FOLDER.match(self.folder)):
            return Sourced(f"{match.group(1)}年1-{int(match.group(2))}月", "folder")
        if release := self.release_date():
            month = release.month - 1 or 12
            year = release.year if release.month > 1 else release.year - 1
            return Sourced(f"{year}年1-{month}月", "release_date")
        return None

    def _year(self) -> int | None:
        for text, _ in self.texts():
            if match := _YEAR.search(fold(text)):
                return int(match.group(1))
        return None

    def release_date(self) -> date | None:
        for text, _ in self.texts():
            if match := _RELEASE.search(fold(text)):
                return date(*(int(part) for part in match.groups()))
        return None

    def quantity(self) -> tuple[str, bool] | None:
        """The quantity a title, sheet or file name is about, and whether it speaks of growth:
        "指标:工业增加值_同比增长(%)" -> ("工业增加值", True)."""
        for text, source in self.texts():
            if source == "sheet" and not _CJK.search(text):
                continue  # "Sheet1" names nothing
            folded = simplified(text) if source == "file_name" else fold(text)
            if _QUERY_LINE.match(folded):
                continue
            topic, _, measure = folded.partition("_")
            if (measure := _TRAILING_UNIT.sub("", measure)) in SERIES_MEASURES:
                topic = f"{_NOT_QUANTITY.sub('', topic)}_{measure}"  # the rows say what it is
                measure = ""
            growth = bool(_TITLE_GROWTH.search(topic + measure))
            if region := region_in_text(topic):
                for name in (region, region[:-1]):
                    topic = topic.replace(name, "")
            topic = _YEAR.sub("", _PERIOD.sub("", topic))
            topic = _TABLE_NUMBER.sub("", topic)
            topic = _NOT_QUANTITY.sub("", _PERIOD_WITHOUT_YEAR.sub("", topic)).strip("-_ ")
            if topic and not topic.isdigit() and not topic.startswith("单位"):
                return topic, growth
        return None
