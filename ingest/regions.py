"""Region names as bureaus print them, resolved through the region code list.

Tables print short, spaced or traditional names ("北 京", "湘西自治州", "淮阳", "綿陽"), and
titles and file names name the reporting region in passing ("2023年1-6月川江区主要经济指标").
The code list is the dbt seed `regions.csv` (GB/T 2260: every province, prefecture and
county-level region), so the readers and the warehouse agree on names and codes.

A name can be shared: 朝阳区 is in Beijing and in Changchun, 朝阳 also a city and a county
in Liaoning. A region the table is about (`within`) decides; without one, the larger unit
wins ("吉林" in a table of provinces is 吉林省).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import opencc

REGION_LIST = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "regions.csv"
# Other names of listed regions (the seed dbt maps printed names with): 川汇区 is the name the
# code list's 411602 has in GB/T 2260, where the project's first user is called 川江区.
REGION_SYNONYMS = REGION_LIST.with_name("region_synonyms.csv")
# A region's name of its own: not qualified by its parent (周口市川江区), not 本级 or 全市.
_OTHER_NAME = re.compile(r"^(?:(?![省市州县区旗盟])[\u3400-\u9fff]){2,8}(区|县|市|旗)$")
NATIONAL = "全国"
_LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2}
# What a printed name adds to the listed short name ("湘西自治州", "湘西州", "北京市").
_PRINTED_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|区|县|盟|旗)$")
_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_HAN = re.compile(r"[\u3400-\u9fff]")
# What a region's name may follow in a text: its parent's suffix (周口市川江区), a period
# (2023年1-6月川江区, 上半年, 一季度) or a conjunction (西华县与淮阳区); any other character
# makes it the tail of a longer name (城和县 is not 和县).
_BEFORE_NAME = frozenset("省市区县旗州盟年月份度与及和暨")


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Simplified characters, full-width forms folded, spaces removed: "綿 陽" -> "绵阳"."""
    text = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "").strip()
    return _TO_SIMPLIFIED.convert(text)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str
    parent_code: str | None


class RegionNames:
    """Look-ups of printed region names on the code list."""

    def __init__(self, regions: list[Region]) -> None:
        self.regions = regions
        self._by_code = {region.code: region for region in regions}
        self._by_name: dict[str, list[Region]] = {}
        self._by_short_name: dict[str, list[Region]] = {}
        for region in regions:
            self._by_name.setdefault(region.name, []).append(region)
            if region.short_name:
                self._by_short_name.setdefault(region.short_name, []).append(region)
        # For find_in: the names a text may contain, each with its regions' places in the list.
        self._full_names = _NameIndex(regions, lambda region: region.name)
        self._upper_short_names = _NameIndex(
            regions,
            lambda r: r.short_name if _LEVEL_RANK[r.level] <= 1 and len(r.short_name) >= 2 else "",
        )

    @classmethod
    @functools.cache
    def load(cls, path: Path = REGION_LIST) -> RegionNames:
        """The code list at `path` (cached: every sheet of every file asks), with the other
        names of its regions that the synonyms beside it give as a region's name of its own
        (川汇区; not 全市 or 川江区本级, which stand for a region only in context)."""
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        regions = [
            Region(
                row["region_code"],
                row["name_zh"],
                row["short_name"],
                row["level"],
                row["parent_region_code"] or None,
            )
            for row in rows
        ]
        by_code = {region.code: region for region in regions}
        synonyms = path.with_name(REGION_SYNONYMS.name)
        if synonyms.exists():
            with synonyms.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    name, listed = row["synonym"], by_code.get(row["region_code"])
                    if listed and _OTHER_NAME.match(name):
                        stem = _PRINTED_SUFFIX.sub("", name)
                        regions.append(
                            Region(listed.code, name, stem, listed.level, listed.parent_code)
                        )
        return cls(regions)

    def resolve(self, printed: str, within: str | None = None) -> Region | None:
        """The listed region a printed name stands for, or None if it names none.

        Tried in order: the full name, the short name, the name without its suffix
        ("湘西自治州" -> 湘西). `within` (a full name or code) decides between namesakes.
        """
        name = fold(printed)
        stem = _PRINTED_SUFFIX.sub("", name)
        for candidates in (
            self._by_name.get(name),
            self._by_short_name.get(name),
            self._by_short_name.get(stem) if len(stem) >= 2 else None,
        ):
            if candidates:
                return self._choose(candidates, within)
        return None

    def full_name(self, printed: str, within: str | None = None) -> str | None:
        """The full name of a printed region name ("全 国" -> 全国), or None."""
        if fold(printed) == NATIONAL:
            return NATIONAL
        region = self.resolve(printed, within)
        return region.name if region else None

    def find_in(self, text: str) -> str | None:
        """The most specific region a title or file name names, else None.

        Full names count where they begin a name ("周口市川江区" -> 川江区), not as the end of
        a longer one: "城和县主要经济指标" names 城和县, a county not on the list, not 和县. A
        short name counts for provinces and prefectures only ("綿陽主要經濟指標" -> 绵阳市),
        since short county names are common words.
        """
        folded = fold(text)
        named = [
            region
            for region in self._full_names.regions_in(folded)
            if _begins_a_name(region.name, folded)
        ] or self._upper_short_names.regions_in(folded)
        if not named:
            return NATIONAL if NATIONAL in folded else None
        codes = {region.code for region in named}
        # Prefer a region whose parent the text also names (北京市朝阳区), then the smallest.
        best = max(
            named,
            key=lambda r: (r.parent_code in codes, _LEVEL_RANK[r.level], len(r.name)),
        )
        return best.name

    def _choose(self, candidates: list[Region], within: str | None) -> Region:
        if len(candidates) > 1 and within:
            inside = [r for r in candidates if self._is_within(r, within)]
            candidates = inside or candidates
        return min(candidates, key=lambda r: _LEVEL_RANK[r.level])

    def _is_within(self, region: Region, within: str) -> bool:
        """Whether `within` (a full name or code) is the region or one of its ancestors."""
        current: Region | None = region
        while current is not None:
            if within in (current.name, current.code):
                return True
            current = self._by_code.get(current.parent_code or "")
        return False


class _NameIndex:
    """Regions by a name of theirs, to find the names a text contains: each piece of the
    text as long as some name is looked up, rather than every name searched for in the text."""

    def __init__(self, regions: list[Region], name_of: Callable[[Region], str]) -> None:
        self._places: dict[str, list[tuple[int, Region]]] = {}
        for place, region in enumerate(regions):
            if name := name_of(region):
                self._places.setdefault(name, []).append((place, region))
        self._lengths = sorted({len(name) for name in self._places})

    def regions_in(self, text: str) -> list[Region]:
        """The regions whose name occurs in the text, in the order of the list."""
        names = {
            piece
            for length in self._lengths
            for start in range(len(text) - length + 1)
            if (piece := text[start : start + length]) in self._places
        }
        return [
            region for _, region in sorted(item for name in names for item in self._places[name])
        ]


def _begins_a_name(name: str, text: str) -> bool:
    """Whether `name` occurs in `text` somewhere not glued to a preceding Han character
    other than a region suffix or the end of a period."""
    start = text.find(name)
    while start >= 0:
        before = text[start - 1] if start else ""
        if not _HAN.match(before) or before in _BEFORE_NAME:
            return True
        start = text.find(name, start + 1)
    return False
