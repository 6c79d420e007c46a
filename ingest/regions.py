"""Region names as bureaus print them, resolved to full names through the region code list.

Tables print short or spaced names ("北 京", "湘西自治州", "淮阳"), and titles and file
names name the reporting region in passing ("2023年1-6月川江区主要经济指标"). The code list
is the dbt seed `regions.csv` (GB/T 2260), so the reader and the warehouse agree on names.
"""

from __future__ import annotations

import csv
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REGION_LIST = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "regions.csv"
NATIONAL = "全国"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "").strip()


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
        self._by_name: dict[str, list[Region]] = {}
        for region in regions:
            for key in {region.name, region.short_name}:
                if key:
                    self._by_name.setdefault(key, []).append(region)

    @classmethod
    @functools.cache
    def load(cls, path: Path = REGION_LIST) -> RegionNames:
        """The code list at `path` (cached: every sheet of every file asks)."""
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        return cls(
            [
                Region(
                    row["region_code"],
                    row["name_zh"],
                    row["short_name"],
                    row["level"],
                    row["parent_region_code"] or None,
                )
                for row in rows
            ]
        )

    def full_name(self, printed: str, within: str | None = None) -> str | None:
        """The full name of a printed region name, or None if it names no listed region.

        `within` (a full name, e.g. the title's region) decides between namesakes.
        """
        name = _fold(printed)
        if name == NATIONAL:
            return NATIONAL
        candidates = self._by_name.get(name, [])
        if len(candidates) > 1 and within:
            parent = next((r.code for r in self.regions if r.name == within), None)
            candidates = [r for r in candidates if r.parent_code == parent] or candidates
        return candidates[0].name if candidates else None

    def find_in(self, text: str) -> str | None:
        """The most specific listed region named in a title or file name, else None."""
        folded = _fold(text)
        named = [r for r in self.regions if r.name in folded]
        if not named:
            return NATIONAL if NATIONAL in folded else None
        order = {"province": 0, "city": 1, "district": 2, "county": 2}
        return max(named, key=lambda r: (order.get(r.level, 0), len(r.name))).name
