"""Deterministic county report workbooks at province and national scale.

The figures are internally consistent: each county and indicator has annual levels that
grow year by year, each month publishes the year-to-date level (a fixed cumulative share
of the year), rounded, and its growth computed the way bureaus compute it, from the
unrounded levels, so the data-quality rules have real pairs to compare and find no
errors. Growth taken from the rounded levels would carry their rounding (a January of 0.8
against 0.7 亿元 would publish 14.3 % in a year growing 9.3 %), which the outlier rule
rightly flags. Real-growth indicators publish growth net of a deflator; a few
county-indicator pairs publish in 万元 (0 decimals) instead of 亿元; some indicators
withhold January.

Generation streams: one task per city writes that city's workbook for every month and
keeps nothing; tasks run in parallel processes and the output does not depend on how.
"""

from __future__ import annotations

import itertools
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.scales import Scale
from bench.xlsx import DECIMAL_STYLES, HEADER, TITLE, Number, Sheet, write_workbook
from ingest.numbers import DASH

# Place-name characters; two distinct ones make a name (西宁县, 宁西市, ...).
_NAME_CHARS = (
    "安宝昌城德东丰凤福高光广桂海和河湖华嘉金康乐林龙明南宁平庆清泉山松泰天通文西祥"
    "新兴阳永玉源远云长正中岳峰溪川潭滨江临沙石"
)
PUBLISHER_SUFFIX = "统计局"
FILE_STEM = "县区主要经济指标"
DEFLATOR_PP = 2.0
FOOTNOTE = "注:1.部分指标增速按可比价格计算。2.“—”表示无数据。"
HEADER_TOP = ("指标名称", "时期", "本期", None, "比上年同期增长(%)")
HEADER_SUB = (None, None, "数值", "单位", None)
HEADER_MERGES = ("A1:E1", "A3:A4", "B3:B4", "C3:D3", "E3:E4")


@dataclass(frozen=True)
class Region:
    region_code: str
    name_zh: str
    short_name: str
    level: str
    parent_region_code: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    decimals: int
    real: bool
    withholds_january: bool
    shares: tuple[float, ...]  # cumulative share of the annual total, January .. December


@dataclass(frozen=True)
class Layout:
    """Every region and indicator of a scale, and which counties share a workbook."""

    provinces: list[Region]
    cities: list[Region]
    counties: list[Region]
    indicators: list[Indicator]

    def counties_of(self, city: Region) -> list[Region]:
        return [county for county in self.counties if county.parent_region_code == city.region_code]


def layout(scale: Scale, taken_names: set[str], taken_codes: set[str]) -> Layout:
    """Regions (with codes and names not already on the code list) and indicators."""
    names = (
        a + b
        for a, b in itertools.permutations(_NAME_CHARS, 2)
        if not ({a + b, a + b + "县", a + b + "市", a + b + "省"} & taken_names)
    )
    cities_needed = -(-scale.counties // scale.counties_per_city)
    province_prefixes = (
        p for p in range(11, 100) if not any(code[:2] == str(p) for code in taken_codes)
    )
    provinces: list[Region] = []
    cities: list[Region] = []
    counties: list[Region] = []
    for city_index in range(cities_needed):
        if city_index % 30 == 0:
            prefix = next(province_prefixes)
            short = next(names)
            provinces.append(Region(f"{prefix}0000", short + "省", short, "province", ""))
        province = provinces[-1]
        city_code = f"{province.region_code[:2]}{city_index % 30 + 1:02d}00"
        short = next(names)
        cities.append(Region(city_code, short + "市", short, "city", province.region_code))
        in_city = min(scale.counties_per_city, scale.counties - len(counties))
        for county_index in range(1, in_city + 1):
            short = next(names)
            counties.append(
                Region(
                    f"{city_code[:4]}{county_index:02d}", short + "县", short, "county", city_code
                )
            )
    return Layout(provinces, cities, counties, [_indicator(j) for j in range(scale.indicators)])


def _indicator(j: int) -> Indicator:
    rng = random.Random(f"indicator-{j}")
    steps = [rng.uniform(0.6, 1.4) for _ in range(12)]
    total = sum(steps)
    shares = tuple(sum(steps[: m + 1]) / total for m in range(12))
    return Indicator(
        code=f"bench_{j + 1:03d}",
        name_zh=f"基准指标{j + 1:03d}",
        decimals=2 if j % 3 == 0 else 1,
        real=j % 10 == 9,
        withholds_january=j % 12 == 5,
        shares=shares,
    )


@dataclass(frozen=True)
class _Series:
    """One county's indicator: annual levels by year in its published unit."""

    unit: str
    decimals: int
    levels: dict[int, float]


def _series(county: Region, indicator: Indicator, years: range) -> _Series:
    rng = random.Random(f"{county.region_code}-{indicator.code}")
    in_wan = rng.random() < 0.05
    level = 10 ** rng.uniform(1, 3) * (10_000 if in_wan else 1)
    levels = {years.start - 1: level}
    for year in years:
        level *= 1 + rng.uniform(-5, 15) / 100
        levels[year] = level
    return _Series("万元" if in_wan else "亿元", 0 if in_wan else indicator.decimals, levels)


def _figures(
    series: _Series, indicator: Indicator, year: int, month: int
) -> tuple[Number | str, Number | str]:
    """The published year-to-date value and its growth (or "—" when withheld)."""
    if month == 1 and indicator.withholds_january:
        return DASH, DASH
    value = round(series.levels[year] * indicator.shares[month - 1], series.decimals)
    growth = (series.levels[year] / series.levels[year - 1] - 1) * 100
    growth -= DEFLATOR_PP if indicator.real else 0.0
    if series.decimals == 0:
        value = int(value)
    return Number(value, DECIMAL_STYLES[series.decimals]), Number(round(growth, 1), 4)


def _county_sheet(
    county: Region,
    series: list[_Series],
    indicators: list[Indicator],
    year: int,
    month: int,
    publisher: str,
) -> Sheet:
    period = "1月" if month == 1 else f"1-{month}月"
    release = f"{year + month // 12}-{month % 12 + 1:02d}-15"
    rows: list = [
        (f"{county.name_zh}主要经济指标({year}年{period})",),
        (f"编制单位:{publisher}  发布日期:{release}",),
        HEADER_TOP,
        HEADER_SUB,
    ]
    for indicator, one in zip(indicators, series, strict=True):
        value, growth = _figures(one, indicator, year, month)
        rows.append((indicator.name_zh, period, value, one.unit, growth))
    rows += [(), (FOOTNOTE,)]
    return Sheet(
        name=county.name_zh,
        rows=rows,
        merged=[*HEADER_MERGES, f"A{len(rows)}:E{len(rows)}"],
        widths=(22, 12, 12, 8, 20),
        styled_rows={1: TITLE, 3: HEADER, 4: HEADER},
    )


@dataclass(frozen=True)
class WrittenFile:
    month: str
    path: str
    size_bytes: int
    rows: int


def _write_city(
    landing: str,
    city: Region,
    counties: list[Region],
    indicators: list[Indicator],
    months: list[str],
) -> list[WrittenFile]:
    """Every month's workbook of one city: a notes sheet and one sheet per county."""
    first_year = int(months[0][:4])
    years = range(first_year, int(months[-1][:4]) + 1)
    series = [[_series(county, ind, years) for ind in indicators] for county in counties]
    publisher = city.name_zh + PUBLISHER_SUFFIX
    written = []
    for month_text in months:
        year, month = int(month_text[:4]), int(month_text[5:])
        period = "1月" if month == 1 else f"1-{month}月"
        title = f"{city.name_zh}{FILE_STEM}({year}年{period})"
        notes = Sheet(
            name="说明",
            rows=[
                (title,),
                (f"编制单位:{publisher}综合统计科",),
                ("1.本表为快报数,各县分表填列。",),
            ],
        )
        sheets = [notes] + [
            _county_sheet(county, county_series, indicators, year, month, publisher)
            for county, county_series in zip(counties, series, strict=True)
        ]
        path = Path(landing) / month_text / f"{city.name_zh}{FILE_STEM}_{year}年{month:02d}月.xlsx"
        size = write_workbook(path, sheets, creator=publisher, title=title)
        written.append(WrittenFile(month_text, str(path), size, len(counties) * len(indicators)))
    return written


def generate(
    scale: Scale, landing: Path, layout_: Layout, jobs: int | None = None
) -> list[WrittenFile]:
    """Write every workbook of a scale into landing/YYYY-MM/; return them oldest month first."""
    months = scale.months_list()
    jobs = jobs or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(
                _write_city,
                str(landing),
                city,
                layout_.counties_of(city),
                layout_.indicators,
                months,
            )
            for city in layout_.cities
        ]
        files = [written for future in futures for written in future.result()]
    return sorted(files, key=lambda written: (written.month, written.path))
