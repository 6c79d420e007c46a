"""Anomalies of every rule type, injected at known places into a copy of the sample.

The data-quality rules are only as good as their precision and recall on data whose
errors are known. This module takes the clean sample (statswh.sample) and writes a
copy in which each rule of the catalogue has something to find: cells changed the way
bureau files go wrong (a 万元 figure labelled 亿元, a digit dropped, a growth published as
a ratio), supplementary sheets (single months, GDP by sector, a city total, rates, names
not on the code lists), a second publisher's file, a revision file, and a month's report
that never arrived. Beside them it writes what must stay clean: figures exactly on their
rounding boundaries, a part equal to its total, a revision by the same publisher, a
comparable-basis (同口径) base revision. The ground truth is every flag the copy should
raise, including the ones an injection causes elsewhere (a slipped value also shrinks the
next month's year to date).
"""

from __future__ import annotations

import calendar
import csv
import re
import shutil
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from statswh import pipeline
from statswh.rule_catalogue import load_rules
from statswh.sample import generate_sample
from statswh.sample.figures import INDICATORS, REGIONS
from statswh.sample.monthly_report import FILE_STEM, PUBLISHER
from statswh.settings import Settings

FlagKey = tuple[str, str, str, str, str]  # rule, region, indicator, period type, period end
FLAG_COLUMNS = ("rule_code", "region", "indicator", "period_type", "period_end", "injection")
CITY = ("411600", "周口市")
ZONE = "周口市城乡一体化示范区"  # a functional zone, not a GB/T 2260 region
DISTRICT_PUBLISHER = "川江区统计局"
NUMBER_FORMATS = {0: "0", 1: "0.0", 2: "0.00", 3: "0.000"}
DASH = "—"
ROBUST_SCALE = 1.4826  # MAD to standard deviation, as in dq_outlier


@dataclass(frozen=True)
class Row:
    """One row of a supplementary sheet: indicator | period | value | unit | growth %."""

    name: str
    label: str
    value: float | None
    decimals: int
    unit: str
    growth: float | None


@dataclass(frozen=True)
class Injection:
    """What one injection did and the flags it should raise (none for a clean case)."""

    name: str
    description: str
    flags: tuple[FlagKey, ...]


@dataclass(frozen=True)
class _Figure:
    """A figure as the sample published it, and where its cells are."""

    path: Path
    sheet: str
    row: int
    value: float | None
    decimals: int
    unit: str
    growth: float | None
    name: str
    label: str
    period_type: str


def _number(text: str) -> float | None:
    return None if text == DASH else float(text)


def _decimals(text: str) -> int:
    return len(text.partition(".")[2]) if text != DASH else 1


def _round(value: float, decimals: int) -> float:
    """Round half away from zero, as bureaus do (round() alone is half-even on floats)."""
    return round(value + (1e-9 if value >= 0 else -1e-9), decimals)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _workbook_path(landing: Path, year: int, month: int) -> Path:
    return landing / f"{year}-{month:02d}" / f"{FILE_STEM}_{year}年{month:02d}月.xlsx"


def _ytd_label(month: int) -> str:
    return "全年" if month == 12 else f"1-{month}月"


def _read_figures(truth: Path, landing: Path) -> dict[tuple[str, str, str], _Figure]:
    """The sample's published figures (truth/observations.csv), keyed by region, indicator
    and period end, with their cells in the workbooks under `landing`."""
    figures = {}
    with (truth / "observations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            year, month = int(row["period_end"][:4]), int(row["period_end"][5:7])
            figures[row["region_code"], row["indicator_code"], row["period_end"]] = _Figure(
                path=landing / f"{year}-{month:02d}" / row["file_name"],
                sheet=row["sheet_name"],
                row=int(row["row_number"]),
                value=_number(row["value_text"]),
                decimals=_decimals(row["value_text"]),
                unit=row["unit_published"],
                growth=_number(row["growth_text"]),
                name=row["indicator_name_published"],
                label=row["period_label"],
                period_type=row["period_type"],
            )
    return figures


class _Landing:
    """A copy of the sample's landing folder, its published figures, and pending edits."""

    def __init__(self, landing: Path, truth: Path) -> None:
        self.landing = landing
        self.figures = _read_figures(truth, landing)
        self._books: dict[Path, Workbook] = {}

    def figure(self, region: str, indicator: str, year: int, month: int) -> _Figure:
        return self.figures[region, indicator, _month_end(year, month).isoformat()]

    def value(self, region: str, indicator: str, year: int, month: int) -> float:
        value = self.figure(region, indicator, year, month).value
        if value is None:
            raise ValueError(f"no published value for {region} {indicator} {year}-{month}")
        return value

    def book(self, path: Path) -> Workbook:
        if path not in self._books:
            self._books[path] = load_workbook(path) if path.exists() else _new_workbook()
        return self._books[path]

    def set_figure(
        self,
        region: str,
        indicator: str,
        year: int,
        month: int,
        *,
        value: float | None = None,
        decimals: int | None = None,
        growth: float | None = None,
    ) -> None:
        """Overwrite a published value and/or growth in its workbook cell."""
        figure = self.figure(region, indicator, year, month)
        sheet = self.book(figure.path)[figure.sheet]
        if value is not None:
            places = figure.decimals if decimals is None else decimals
            cell = sheet.cell(figure.row, 3, int(value) if places == 0 else value)
            cell.number_format = NUMBER_FORMATS[places]
        if growth is not None:
            sheet.cell(figure.row, 5, growth).number_format = NUMBER_FORMATS[1]

    def add_sheet(
        self,
        path: Path,
        sheet_name: str,
        title: str,
        rows: Iterable[Row],
        *,
        publisher: str = PUBLISHER,
        release: date | None = None,
    ) -> None:
        """A table in the sample's layout: title naming region and period, two-row header."""
        sheet = self.book(path).create_sheet(sheet_name)
        _write_table(sheet, title, rows, publisher, release or date(2024, 1, 15))

    def remove_month(self, year: int, month: int) -> None:
        folder = self.landing / f"{year}-{month:02d}"
        shutil.rmtree(folder)
        self._books = {path: book for path, book in self._books.items() if path.parent != folder}

    def save(self) -> None:
        for path, workbook in self._books.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            workbook.save(path)


def _new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def _write_table(
    sheet: Worksheet, title: str, rows: Iterable[Row], publisher: str, release: date
) -> None:
    sheet["A1"] = title
    sheet["A2"] = f"编制单位:{publisher}  发布日期:{release.isoformat()}"
    for column, text in zip("ABCE", ("指标名称", "时期", "本期", "比上年同期增长(%)"), strict=True):
        sheet[f"{column}3"] = text
    sheet["C4"], sheet["D4"] = "数值", "单位"
    for cells in ("A3:A4", "B3:B4", "C3:D3", "E3:E4"):
        sheet.merge_cells(cells)
    for number, row in enumerate(rows, start=5):
        sheet.cell(number, 1, row.name)
        sheet.cell(number, 2, row.label)
        value = sheet.cell(number, 3, DASH if row.value is None else row.value)
        value.number_format = NUMBER_FORMATS[row.decimals]
        sheet.cell(number, 4, row.unit)
        growth = sheet.cell(number, 5, DASH if row.growth is None else row.growth)
        growth.number_format = NUMBER_FORMATS[1]


def _region_name(code: str) -> str:
    return next(region.name for region in REGIONS if region.code == code)


def _key(
    rule: str, region: str, indicator: str, period_type: str, year: int, month: int
) -> FlagKey:
    return rule, region, indicator, period_type, _month_end(year, month).isoformat()


def _flag(
    landing: _Landing, rule: str, region: str, indicator: str, year: int, month: int
) -> FlagKey:
    """The flag on a sample figure, with the period type the sample published it under."""
    period_type = landing.figure(region, indicator, year, month).period_type
    return _key(rule, region, indicator, period_type, year, month)


def _growth(value: float, base: float) -> float:
    return _round((value / base - 1) * 100, 1)


# --- the injections: each returns what it did; `anomalies=False` writes only its clean part ---


def _unit_slip_wan_as_yi(landing: _Landing, anomalies: bool) -> Injection:
    """西华县 retail, Aug 2022: a 万元 figure typed under the 亿元 header."""
    region, indicator = "411622", "retail_sales"
    if not anomalies:
        return Injection("unit_slip_wan_as_yi", "(not injected)", ())
    value = landing.value(region, indicator, 2022, 8)
    landing.set_figure(region, indicator, 2022, 8, value=_round(value * 10_000, 0), decimals=0)
    return Injection(
        "unit_slip_wan_as_yi",
        f"{value} 亿元 published as {value * 10_000:.0f} under 亿元",
        (
            _flag(landing, "unit_magnitude_jump", region, indicator, 2022, 8),
            _flag(landing, "growth_level_mismatch", region, indicator, 2022, 8),
            # the next year to date is smaller, and next year's growth has a slipped base
            _flag(landing, "ytd_decrease", region, indicator, 2022, 9),
            _flag(landing, "growth_level_mismatch", region, indicator, 2023, 8),
        ),
    )


def _unit_slip_yi_as_wan(landing: _Landing, anomalies: bool) -> Injection:
    """商水县 budget revenue (published in 万元), May 2023: the 亿元 figure typed instead."""
    region, indicator = "411623", "budget_revenue"
    if not anomalies:
        return Injection("unit_slip_yi_as_wan", "(not injected)", ())
    value = landing.value(region, indicator, 2023, 5)
    landing.set_figure(region, indicator, 2023, 5, value=_round(value / 10_000, 2), decimals=2)
    return Injection(
        "unit_slip_yi_as_wan",
        f"{value:.0f} 万元 published as {value / 10_000:.2f} under 万元",
        (
            _flag(landing, "unit_magnitude_jump", region, indicator, 2023, 5),
            _flag(landing, "growth_level_mismatch", region, indicator, 2023, 5),
            _flag(landing, "ytd_decrease", region, indicator, 2023, 5),
        ),
    )


def _industrial_investment(landing: _Landing, anomalies: bool) -> Injection:
    """工业投资 beside 固定资产投资 (川江区, Feb-Jun 2023); in June it exceeds its total.

    Clean cases: 淮阳区 publishes in February an industrial investment equal to its total.
    """
    region = "411602"
    flags: list[FlagKey] = []
    for month in range(2, 7):
        total = landing.value(region, "fixed_asset_investment", 2023, month)
        value = _round(total * 0.315, 1)
        if anomalies and month == 6:
            value = _round(total * 1.08, 1)
            flags.append(
                _key("component_exceeds_total", region, "industrial_investment", "ytd", 2023, 6)
            )
        landing.add_sheet(
            _workbook_path(landing.landing, 2023, month),
            f"{_region_name(region)}(投资)",
            f"{_region_name(region)}主要经济指标(2023年1-{month}月)",
            [Row("工业投资", f"1-{month}月", value, 1, "亿元", None)],
        )
    equal = landing.value("411603", "fixed_asset_investment", 2023, 2)
    landing.add_sheet(
        _workbook_path(landing.landing, 2023, 2),
        "淮阳区(投资)",
        "淮阳区主要经济指标(2023年1-2月)",
        [Row("工业投资", "1-2月", equal, 1, "亿元", None)],
    )
    return Injection(
        "industrial_investment",
        "工业投资 at 108 % of 固定资产投资 (川江区 1-6月); clean: 31.5 %, and equal to it",
        tuple(flags),
    )


def _city_totals(landing: _Landing, anomalies: bool) -> Injection:
    """A 周口市 sheet each month of 2023: FAI (all ten counties), IVA growth only.

    FAI is 1.9 times the five sample districts. In February the injected copy publishes
    the city proper's (市本级) figure as the city total, so the larger districts exceed it.
    IVA comes as year-to-date and single-month growth without levels (real growth): the
    year to date is the single months' growth weighted by last year's single-month shares;
    in June the single month loses its leading digit (15.0 -> 5.0).
    """
    code, name = CITY
    districts = [region.code for region in REGIONS]
    shares = next(ind for ind in INDICATORS if ind.code == "industrial_value_added").shares
    single_growth = {
        1: 11.0, 2: 11.0, 3: 12.0, 4: 14.0, 5: 13.0, 6: 15.0,
        7: 12.0, 8: 13.0, 9: 14.0, 10: 12.5, 11: 13.5, 12: 14.5,
    }  # fmt: skip
    flags: list[FlagKey] = []
    weighted = 0.0
    for month in range(1, 13):
        weighted += (shares[month] - shares.get(month - 1, 0.0)) * single_growth[month]
        if month == 1:
            continue
        total = _round(
            1.9 * sum(landing.value(d, "fixed_asset_investment", 2023, month) for d in districts), 1
        )
        if anomalies and month == 2:
            city_proper = _round(total * 0.1, 1)
            for district in districts:
                value = landing.value(district, "fixed_asset_investment", 2023, 2)
                if value - 0.05 > city_proper + 0.05:
                    flags.append(
                        _key(
                            "component_exceeds_total",
                            district,
                            "fixed_asset_investment",
                            "ytd",
                            2023,
                            2,
                        )
                    )
            total = city_proper
        ytd_growth = _round(weighted / shares[month], 1)
        rows = [
            Row("固定资产投资", _ytd_label(month), total, 1, "亿元", None),
            Row("规模以上工业增加值", _ytd_label(month), None, 1, "亿元", ytd_growth),
        ]
        if month >= 3:
            growth = single_growth[month]
            if anomalies and month == 6:
                growth = 5.0
                flags.append(
                    _key("ytd_month_mismatch", code, "industrial_value_added", "month", 2023, 6)
                )
            rows.append(Row("规模以上工业增加值", f"{month}月", None, 1, "亿元", growth))
        landing.add_sheet(
            _workbook_path(landing.landing, 2023, month),
            name,
            f"{name}主要经济指标(2023年{_ytd_label(month)})",
            rows,
        )
    return Injection(
        "city_totals",
        "周口市 FAI 1-2月 2023 is the 市本级 figure; IVA June single-month growth 15.0 -> 5.0",
        tuple(flags),
    )


def _gdp_by_sector(landing: _Landing, anomalies: bool) -> Injection:
    """The three sectors beside GDP each quarter of 2023 (川江区, 项城市).

    Each part is rounded on its own; 项城市's half-year tertiary sector is 0.2 above what
    adds up, exactly (3+1) x 0.05: the rounding boundary, clean. 川江区's first three quarters
    carry a 1.5 transcription error in the tertiary sector.
    """
    flags: list[FlagKey] = []
    labels = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
    for region in ("411602", "411681"):
        for month, label in labels.items():
            gdp = landing.value(region, "gdp", 2023, month)
            primary, secondary = _round(gdp * 0.098, 1), _round(gdp * 0.385, 1)
            tertiary = _round(gdp - primary - secondary, 1)
            if region == "411681" and month == 6:
                tertiary = _round(tertiary + 0.2, 1)
            if anomalies and region == "411602" and month == 9:
                tertiary = _round(tertiary + 1.5, 1)
                flags.append(_flag(landing, "components_sum_mismatch", region, "gdp", 2023, 9))
            landing.add_sheet(
                _workbook_path(landing.landing, 2023, month),
                f"{_region_name(region)}(三次产业)",
                f"{_region_name(region)}主要经济指标(2023年{label})",
                [
                    Row("第一产业增加值", label, primary, 1, "亿元", None),
                    Row("第二产业增加值", label, secondary, 1, "亿元", None),
                    Row("第三产业增加值", label, tertiary, 1, "亿元", None),
                ],
            )
    return Injection(
        "gdp_by_sector",
        "三次产业 of 川江区 1-9月 add up to GDP + 1.5; 项城市 1-6月 to GDP + 0.2 (clean)",
        tuple(flags),
    )


def _rates(landing: _Landing, anomalies: bool) -> Injection:
    """Rates: 城镇调查失业率 monthly for 川江区 (clean); 研发活动覆盖率 yearly, 川江区 2023
    published as 105.9 % (more enterprises with R&D than enterprises); 项城市 at 100.0 %
    exactly (the boundary, clean)."""
    unemployment = [5.6, 5.5, 5.4, 5.3, 5.3, 5.2, 5.2, 5.1, 5.2, 5.3, 5.3]
    for month, rate in zip(range(2, 13), unemployment, strict=True):
        landing.add_sheet(
            _workbook_path(landing.landing, 2023, month),
            "川江区(就业)",
            f"川江区主要经济指标(2023年{month}月)",
            [Row("城镇调查失业率", f"{month}月", rate, 1, "%", None)],
        )
    coverage = {"411602": (86.0, 90.0, 105.9 if anomalies else 92.5), "411681": (97.5, 99.0, 100.0)}
    for region, values in coverage.items():
        for year, value in zip((2021, 2022, 2023), values, strict=True):
            landing.add_sheet(
                _workbook_path(landing.landing, year, 12),
                f"{_region_name(region)}(科技)",
                f"{_region_name(region)}主要经济指标({year}年全年)",
                [Row("规模以上企业研发活动覆盖率", "全年", value, 1, "%", None)],
            )
    flags = (
        (_key("share_out_of_range", "411602", "rd_activity_coverage", "year", 2023, 12),)
        if anomalies
        else ()
    )
    return Injection("rates", "研发活动覆盖率 105.9 % (川江区 2023); 100.0 % (项城市) clean", flags)


def _single_months(landing: _Landing, anomalies: bool) -> Injection:
    """Single-month retail sales of 川江区, Mar-Aug 2023, the year to date's differences.

    April and July are 0.1 off the difference of the rounded year to date, which three
    roundings allow (clean); June's first two digits are transposed in the injected copy.
    """
    region, indicator = "411602", "retail_sales"
    flags: list[FlagKey] = []
    for month in range(3, 9):
        difference = _round(
            landing.value(region, indicator, 2023, month)
            - landing.value(region, indicator, 2023, month - 1),
            1,
        )
        value = _round(difference + 0.1, 1) if month in (4, 7) else difference
        if anomalies and month == 6:
            value = _transpose(difference)
            flags.append(_key("ytd_month_mismatch", region, indicator, "month", 2023, 6))
        landing.add_sheet(
            _workbook_path(landing.landing, 2023, month),
            "川江区(当月)",
            f"川江区主要经济指标(2023年{month}月)",
            [Row("社会消费品零售总额", f"{month}月", value, 1, "亿元", None)],
        )
    return Injection(
        "single_months", "川江区 retail June single month with digits transposed", tuple(flags)
    )


def _transpose(value: float) -> float:
    """Swap the first two digits of a one-decimal figure (14.0 -> 41.0, 7.9 -> 9.7)."""
    digits = f"{value:.1f}".replace(".", "")
    if digits[0] == digits[1]:
        return _round(value + 1.0, 1)
    swapped = digits[1] + digits[0] + digits[2:]
    return float(swapped[:-1] + "." + swapped[-1])


def _real_growth_typo(landing: _Landing, anomalies: bool) -> Injection:
    """淮阳区 industrial value added, 2023 full year: the level typed 40 % too high."""
    region, indicator = "411603", "industrial_value_added"
    if not anomalies:
        return Injection("real_growth_typo", "(not injected)", ())
    value = landing.value(region, indicator, 2023, 12)
    landing.set_figure(region, indicator, 2023, 12, value=_round(value * 1.4, 1))
    return Injection(
        "real_growth_typo",
        f"IVA {value} published as {value * 1.4:.1f}: a deflator of about +43 %",
        (_flag(landing, "real_growth_implausible", region, indicator, 2023, 12),),
    )


def _audit_cut(landing: _Landing, anomalies: bool) -> Injection:
    """项城市 retail, Aug 2023: the year to date cut below July's (核减), growth unchanged."""
    region, indicator = "411681", "retail_sales"
    if not anomalies:
        return Injection("audit_cut", "(not injected)", ())
    july = landing.value(region, indicator, 2023, 7)
    landing.set_figure(region, indicator, 2023, 8, value=_round(july * 0.99, 1))
    return Injection(
        "audit_cut",
        f"1-8月 retail cut to {july * 0.99:.1f}, below 1-7月's {july}",
        (
            _flag(landing, "ytd_decrease", region, indicator, 2023, 8),
            _flag(landing, "growth_level_mismatch", region, indicator, 2023, 8),
        ),
    )


def _boom_year_end(landing: _Landing, anomalies: bool) -> Injection:
    """项城市 retail, 2023 full year: level and growth raised together (consistent with
    last year's level), so only the series' own history can tell: an outlier."""
    region, indicator = "411681", "retail_sales"
    if not anomalies:
        return Injection("boom_year_end", "(not injected)", ())
    value = _round(landing.value(region, indicator, 2023, 12) * 1.35, 1)
    growth = _growth(value, landing.value(region, indicator, 2022, 12))
    landing.set_figure(region, indicator, 2023, 12, value=value, growth=growth)
    return Injection(
        "boom_year_end",
        f"full-year retail {value} at +{growth} %, consistent with its base",
        (_flag(landing, "outlier", region, indicator, 2023, 12),),
    )


def _bei_misread(landing: _Landing, anomalies: bool) -> Injection:
    """商水县 FAI, Mar 2023: growth published as the ratio (113.6 for +13.6 %)."""
    region, indicator = "411623", "fixed_asset_investment"
    if not anomalies:
        return Injection("bei_misread", "(not injected)", ())
    growth = landing.figure(region, indicator, 2023, 3).growth
    if growth is None:
        raise ValueError("the sample has no FAI growth for 商水县 1-3月")
    landing.set_figure(region, indicator, 2023, 3, growth=_round(growth + 100, 1))
    return Injection(
        "bei_misread",
        f"growth {growth} published as {growth + 100:.1f} (ratio read as growth)",
        (
            _flag(landing, "growth_level_mismatch", region, indicator, 2023, 3),
            _flag(landing, "outlier", region, indicator, 2023, 3),
        ),
    )


def _base_revision(landing: _Landing, _anomalies: bool) -> Injection:
    """淮阳区 retail, 1-10月 2023: growth on a comparable (同口径) base 1.2 % below the one
    published a year earlier: a realistic base revision, labelled as such (info)."""
    region, indicator = "411603", "retail_sales"
    value = landing.value(region, indicator, 2023, 10)
    base = landing.value(region, indicator, 2022, 10) * 0.988
    landing.set_figure(region, indicator, 2023, 10, growth=_growth(value, base))
    return Injection(
        "base_revision",
        f"growth {_growth(value, base)} on a base of {base:.2f} (published {base / 0.988:.1f})",
        (_flag(landing, "base_revision", region, indicator, 2023, 10),),
    )


def _missing_month(landing: _Landing, anomalies: bool) -> Injection:
    """The July 2022 report never arrived: every monthly series has a hole there."""
    if not anomalies:
        return Injection("missing_month", "(not injected)", ())
    landing.remove_month(2022, 7)
    monthly = (
        "industrial_value_added",
        "fixed_asset_investment",
        "retail_sales",
        "budget_revenue",
    )  # the region table's ranks are attributes of these figures, not series of their own
    # 川江区's industry breakdown of industrial value added (sheet 分行业增加值增速)
    industries = (
        "building_materials",
        "new_materials",
        "biomedicine",
        "electronics",
        "textiles",
        "equipment",
        "food",
    )
    return Injection(
        "missing_month",
        "landing/2022-07 removed",
        tuple(
            _key("missing_period", region.code, indicator, "ytd", 2022, 7)
            for region in REGIONS
            for indicator in monthly
        )
        + tuple(
            _key("missing_period", "411602", f"iva_{industry}", "ytd", 2022, 7)
            for industry in industries
        ),
    )


def _second_publisher(landing: _Landing, anomalies: bool) -> Injection:
    """川江区's own bureau publishes its 1-6月 2023 figures too (released before the city's).

    The same figures (GDP with one more decimal, which rounding allows) are no conflict; in
    the injected copy its budget revenue is 0.20 亿元 higher, with a growth consistent with
    last year's level. Either file may be the latest vintage (they load in the same second),
    so the conflicting figure is one no other rule derives anything from.
    """
    region = "411602"
    flags: list[FlagKey] = []
    rows = []
    indicators = ("gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales")
    for indicator in (*indicators, "budget_revenue"):
        figure = landing.figure(region, indicator, 2023, 6)
        value, decimals, growth = figure.value, figure.decimals, figure.growth
        if indicator == "gdp" and value is not None:
            value, decimals = _round(value + 0.03, 2), 2
        if anomalies and indicator == "budget_revenue" and value is not None:
            value = _round(value + 0.2, 2)
            growth = _growth(value, landing.value(region, indicator, 2022, 6))
            flags.append(_flag(landing, "conflicting_duplicate", region, indicator, 2023, 6))
        rows.append(Row(figure.name, figure.label, value, decimals, figure.unit, growth))
    landing.add_sheet(
        landing.landing / "2023-06" / "2023年1-6月川江区主要经济指标.xlsx",
        "川江区",
        "川江区主要经济指标(2023年1-6月)",
        rows,
        publisher=DISTRICT_PUBLISHER,
        release=date(2023, 7, 10),
    )
    return Injection(
        "second_publisher",
        "川江区统计局's 1-6月 2023 budget revenue 0.20 above 周口市统计局's",
        tuple(flags),
    )


def _revision_file(landing: _Landing, _anomalies: bool) -> Injection:
    """周口市统计局 revises 淮阳区 FAI 1-5月 2023 by +2 % in a later release: a revision,
    not a conflict (clean)."""
    region, indicator = "411603", "fixed_asset_investment"
    figure = landing.figure(region, indicator, 2023, 5)
    value = _round(landing.value(region, indicator, 2023, 5) * 1.02, 1)
    growth = _growth(value, landing.value(region, indicator, 2022, 5))
    landing.add_sheet(
        landing.landing / "2023-05" / f"{FILE_STEM}_2023年05月_修订.xlsx",
        "淮阳区",
        "淮阳区主要经济指标(2023年1-5月)",
        [Row(figure.name, figure.label, value, 1, figure.unit, growth)],
        release=date(2023, 8, 20),
    )
    return Injection(
        "revision_file", f"淮阳区 FAI 1-5月 revised to {value} by the same publisher", ()
    )


def _unmapped_names(landing: _Landing, anomalies: bool) -> Injection:
    """An indicator (外贸进出口总额) and a zone (城乡一体化示范区) not on the code lists."""
    if not anomalies:
        return Injection("unmapped_names", "(not injected)", ())
    path = _workbook_path(landing.landing, 2023, 6)
    landing.add_sheet(
        path,
        "川江区(外贸)",
        "川江区主要经济指标(2023年1-6月)",
        [Row("外贸进出口总额", "1-6月", 12.6, 1, "亿元", 8.3)],
    )
    landing.add_sheet(
        path,
        "示范区",
        f"{ZONE}主要经济指标(2023年1-6月)",
        [
            Row("社会消费品零售总额", "1-6月", 20.3, 1, "亿元", 9.8),
            Row("固定资产投资", "1-6月", 15.2, 1, "亿元", 12.4),
        ],
    )
    return Injection(
        "unmapped_names",
        "外贸进出口总额 (川江区) and 周口市城乡一体化示范区, 1-6月 2023",
        (
            _key("unmapped_indicator", "411602", "外贸进出口总额", "ytd", 2023, 6),
            _key("unmapped_region", ZONE, "retail_sales", "ytd", 2023, 6),
            _key("unmapped_region", ZONE, "fixed_asset_investment", "ytd", 2023, 6),
        ),
    )


UNREAD_FILE = "川江区2023年6月外贸补充资料.xlsx"


def _unread_column(landing: _Landing, anomalies: bool) -> Injection:
    """A supplementary table with a numeric column under a header nobody knows (核对数):
    its numbers must be reported as unread, not dropped in silence."""
    if not anomalies:
        return Injection("unread_column", "(not injected)", ())
    path = landing.landing / "2023-06" / UNREAD_FILE
    sheet = landing.book(path).create_sheet("川江区")
    sheet["A1"] = "川江区主要经济指标(2023年1-6月)"
    for column, text in enumerate(("指标名称", "单位", "1-6月", "同比增长(%)", "核对数"), start=1):
        sheet.cell(2, column, text)
    for column, number in enumerate((12.6, 8.3, 1207.0), start=3):
        sheet.cell(3, column, number).number_format = NUMBER_FORMATS[1]
    sheet.cell(3, 1, "外贸进出口总额")
    sheet.cell(3, 2, "亿元")
    return Injection(
        "unread_column",
        f"a numeric column under an unknown header (核对数) in {UNREAD_FILE}",
        (
            _key("unread_figures", "411602", UNREAD_FILE, "ytd", 2023, 6),
            _key("unmapped_indicator", "411602", "外贸进出口总额", "ytd", 2023, 6),
        ),
    )


INJECTIONS = (
    _unit_slip_wan_as_yi,
    _unit_slip_yi_as_wan,
    _industrial_investment,
    _city_totals,
    _gdp_by_sector,
    _rates,
    _single_months,
    _real_growth_typo,
    _audit_cut,
    _boom_year_end,
    _bei_misread,
    _base_revision,
    _missing_month,
    _second_publisher,
    _revision_file,
    _unmapped_names,
    _unread_column,
)


def inject_anomalies(
    source_landing: Path,
    source_truth: Path,
    landing: Path,
    truth: Path,
    *,
    anomalies: bool = True,
) -> list[Injection]:
    """Copy the sample to `landing`, inject, and write the ground truth to `truth`.

    The truth is expected_flags.csv (every flag, with the injection causing it) and
    injections.csv (what each injection did).

    With anomalies=False only the clean additions are written (supplementary sheets, the
    second publisher's identical figures, the revision, the base revision): the flags
    then expected are the default sample's own and the base revision's.
    """
    shutil.copytree(source_landing, landing)
    truth.mkdir(parents=True, exist_ok=True)
    copy = _Landing(landing, source_truth)
    injections = [inject(copy, anomalies) for inject in INJECTIONS]
    copy.save()
    flags = {flag: "default sample" for flag in expected_demo_flags(source_truth)}
    for injection in injections:
        flags.update(dict.fromkeys(injection.flags, injection.name))
    with (truth / "expected_flags.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FLAG_COLUMNS)
        writer.writerows([*flag, name] for flag, name in sorted(flags.items()))
    with (truth / "injections.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("injection", "description", "n_flags"))
        writer.writerows((i.name, i.description, len(i.flags)) for i in injections)
    return injections


def expected_flags(truth: Path) -> dict[FlagKey, str]:
    """The flags written by inject_anomalies, each with the injection that causes it."""
    with (truth / "expected_flags.csv").open(encoding="utf-8") as handle:
        return {
            (
                row["rule_code"],
                row["region"],
                row["indicator"],
                row["period_type"],
                row["period_end"],
            ): row["injection"]
            for row in csv.DictReader(handle)
        }


# --- the default sample's own anomalies ------------------------------------------------------

_GROWTH_ERROR = re.compile(r"published (-?\d+(?:\.\d+)?), levels imply (-?\d+(?:\.\d+)?)")


def expected_demo_flags(truth: Path) -> set[FlagKey]:
    """Every flag the default sample (statswh.sample) should raise.

    Its truth/anomalies.csv lists one rule per injected anomaly; the other rules see them
    too: a growth error larger than the outlier rule's band in these smooth series
    (robust_z x 1.4826 x mad_floor_pp, plus rounding) is also an outlier, a value whose
    digits were swapped into something smaller than last month's year to date is also a
    ytd_decrease, and a unit slip is a unit_magnitude_jump that also shrinks next month's
    year to date.
    """
    thresholds = load_rules()["outlier"].thresholds
    outlier_band = thresholds["robust_z"] * ROBUST_SCALE * thresholds["mad_floor_pp"] + 0.05
    published = _read_figures(truth, Path())
    flags: set[FlagKey] = set()
    with (truth / "anomalies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            region, indicator, end = row["region_code"], row["indicator_code"], row["period_end"]
            fact = (region, indicator, row["period_type"], end)
            flags.add((row["rule_code"], *fact))
            description = row["description"]
            year, month = int(end[:4]), int(end[5:7])
            if (growths := _GROWTH_ERROR.search(description)) and abs(
                float(growths[1]) - float(growths[2])
            ) > outlier_band:
                flags.add(("outlier", *fact))
            if description.startswith("Two digits of the value swapped"):
                previous = published[region, indicator, _month_end(year, month - 1).isoformat()]
                this = published[region, indicator, end]
                if (
                    previous.value is not None
                    and this.value is not None
                    and this.value < previous.value
                ):
                    flags.add(("ytd_decrease", *fact))
            if description.startswith("Unit slip"):
                flags.add(("unit_magnitude_jump", *fact))
                following = published[region, indicator, _month_end(year, month + 1).isoformat()]
                flags.add(
                    (
                        "ytd_decrease",
                        region,
                        indicator,
                        following.period_type,
                        _month_end(year, month + 1).isoformat(),
                    )
                )
    return flags


def _rewrite_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(encoding="utf-8") as handle:
        columns = next(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleScore:
    """How one rule did against the ground truth."""

    rule_code: str
    severity: str
    expected: int
    flagged: int
    found: int  # flagged and expected

    @property
    def precision(self) -> float | None:
        return self.found / self.flagged if self.flagged else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None


def score(expected: Iterable[FlagKey], flagged: Iterable[FlagKey]) -> list[RuleScore]:
    """Precision and recall per rule of the catalogue (every rule listed, flagged or not)."""
    expected, flagged = set(expected), set(flagged)
    return [
        RuleScore(
            code,
            rule.severity,
            expected=sum(flag[0] == code for flag in expected),
            flagged=sum(flag[0] == code for flag in flagged),
            found=sum(flag[0] == code for flag in expected & flagged),
        )
        for code, rule in load_rules().items()
    ]


# --- running the pipeline on the copies -------------------------------------------------------

FLAGGED_SQL = """
    select rule_code, coalesce(region_code, region_name), coalesce(indicator_code, indicator_name),
        period_type, cast(period_end as varchar), severity
    from marts.dq_anomalies
"""


@dataclass(frozen=True)
class Scenario:
    """One pipeline run over a copy of the sample, and what its checks flagged."""

    name: str
    gate_passed: bool
    expected: dict[FlagKey, str]  # flag -> the injection that causes it
    flagged: dict[FlagKey, str]  # flag -> severity

    @property
    def scores(self) -> list[RuleScore]:
        return score(self.expected, self.flagged)

    @property
    def errors(self) -> set[FlagKey]:
        return {flag for flag, severity in self.flagged.items() if severity == "error"}


def run_scenario(name: str, sample: Path, workdir: Path, *, anomalies: bool) -> Scenario:
    """Inject into a copy of the sample, run the real ingest, build and check, read the flags."""
    landing, truth = workdir / name / "landing", workdir / name / "truth"
    inject_anomalies(sample / "landing", sample / "truth", landing, truth, anomalies=anomalies)
    return run_checks(name, landing, workdir / name / "warehouse", expected_flags(truth))


def run_checks(name: str, landing: Path, warehouse: Path, expected: dict[FlagKey, str]) -> Scenario:
    """Run the real ingest, build and check on a landing folder and read what was flagged.

    The flags are read from the working warehouse: when the gate fails, nothing is
    published, but the anomalies are there.
    """
    settings = Settings(warehouse / "stats.duckdb", landing)
    pipeline.ingest(settings, pipeline.landing_files(settings))
    pipeline.build(settings)
    try:
        pipeline.check(settings)
        gate_passed = True
    except pipeline.QualityGateFailed:
        gate_passed = False
    with closing(pipeline.connect(settings, read_only=True)) as connection:
        rows = connection.execute(FLAGGED_SQL).fetchall()
    return Scenario(name, gate_passed, expected, {row[:5]: row[5] for row in rows})


def evaluate(workdir: Path) -> tuple[Scenario, Scenario]:
    """Generate the sample and score the rules on its clean and its injected copy."""
    sample = workdir / "sample"
    generate_sample(sample / "landing", sample / "truth")
    clean = run_scenario("clean", sample, workdir, anomalies=False)
    injected = run_scenario("injected", sample, workdir, anomalies=True)
    return clean, injected
