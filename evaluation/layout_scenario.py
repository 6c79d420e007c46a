"""Two years of monthly figures in two real bureau layouts, with five anomalies of five kinds.

The evaluation of evaluation.injections only sees files in the sample generator's own
layout, which its reader was written for. Here the same figures (samples.figures:
levels and growths consistent within rounding) are written, 2022-2023, one file a month,
in two layouts of real tables (evaluation.corpus_layouts):

- 淮阳区 in the 怀柔区 district industry layout: fixed-asset investment, retail sales and
  budget revenue (in 万元) year to date, beside last year's same period and the growth;
- 川江区 in the national retail layout: retail sales and fixed-asset investment, the single
  month and the year to date, each with its growth.

Five anomalies are injected, all in 2023 (the 上年同期 column of a 2023 file republishes
2022's figures, so a 2022 figure is not the last word), and the ground truth lists every
flag each one should raise. The scenario then runs the real ingest, build and check.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from evaluation.corpus_layouts import (
    Amount,
    MonthRow,
    YearToDateRow,
    write_district_industry_layout,
    write_national_retail_layout,
)
from evaluation.runner import run_checks
from evaluation.scoring import Scenario
from evaluation.truth import FlagKey, Injection, write_expected_flags
from ingest.numbers import round_half_up
from ingest.periods import month_end, ytd_label
from samples.common import require
from samples.figures import INDICATORS, build_figures

YEARS = (2022, 2023)  # written; 2021 is only the base of 2022
GROWTH_DECIMALS = 1
NAME = "corpus_layouts"


@dataclass(frozen=True)
class Series:
    """An indicator of one region as a layout prints it: label, unit factor from 亿元, decimals."""

    region: str
    indicator: str
    label: str
    decimals: int
    factor: int = 1


DISTRICT_REGION, DISTRICT_NAME = "411603", "淮阳区"
NATIONAL_REGION, NATIONAL_NAME = "411602", "川江区"
DISTRICT_SERIES = (
    Series(DISTRICT_REGION, "fixed_asset_investment", "固定资产投资", 1),
    Series(DISTRICT_REGION, "retail_sales", "社会消费品零售总额", 1),
    Series(DISTRICT_REGION, "budget_revenue", "一般公共预算收入(万元)", 0, factor=10_000),
)
NATIONAL_SERIES = (
    Series(NATIONAL_REGION, "retail_sales", "社会消费品零售总额", 1),
    Series(NATIONAL_REGION, "fixed_asset_investment", "固定资产投资", 1),
)

# region, indicator, "ytd" or "month", year, month
Key = tuple[str, str, str, int, int]


@dataclass(frozen=True)
class Published:
    """A published level (None: printed `—`) and its growth over last year in %."""

    value: float | None
    decimals: int
    growth: float | None


def _growth(value: float | None, base: float | None) -> float | None:
    if value is None or base is None:
        return None
    return round_half_up((value / base - 1) * 100, GROWTH_DECIMALS)


# --- the clean figures ------------------------------------------------------------------------


def clean_figures() -> dict[Key, Published]:
    """Every figure both layouts print, taken from the sample's figures.

    The district layout keeps the sample's January (`—` for the figures published with
    February). The national layout needs January for February's single month, so its
    January is the sample's annual level times the January share, as the sample rounds it.
    Single months are differences of the rounded years to date; every growth is computed
    from the published levels (for these nominal indicators it equals the sample's).
    """
    figures, anomalies = build_figures()
    series = DISTRICT_SERIES + NATIONAL_SERIES
    require(
        not {(a.region_code, a.indicator_code) for a in anomalies}
        & {(s.region, s.indicator) for s in series},
        "a sample anomaly lies in a series of the corpus-layout scenario",
    )
    shares = {indicator.code: indicator.shares for indicator in INDICATORS}
    published: dict[Key, Published] = {}
    for one in series:
        ytd: dict[tuple[int, int], float | None] = {}
        for year in (2021, *YEARS):
            for month in range(1, 13):
                value = figures[one.region, one.indicator, year, month].value
                if value is None and one in NATIONAL_SERIES:
                    annual = figures[one.region, one.indicator, year, 12].value
                    value = round_half_up(annual * shares[one.indicator][1], one.decimals)
                ytd[year, month] = (
                    None if value is None else round_half_up(value * one.factor, one.decimals)
                )
        for (year, month), value in ytd.items():
            growth = _growth(value, ytd.get((year - 1, month)))
            sample_growth = figures[one.region, one.indicator, year, month].growth
            require(
                growth is None or sample_growth is None or growth == sample_growth,
                f"{one.region} {one.indicator} {year}-{month}: growth differs from the sample's",
            )
            published[one.region, one.indicator, "ytd", year, month] = Published(
                value, one.decimals, growth
            )
        if one in NATIONAL_SERIES:
            _add_single_months(published, one, ytd)
    return published


def _add_single_months(
    published: dict[Key, Published], series: Series, ytd: dict[tuple[int, int], float | None]
) -> None:
    months = {
        (year, month): round_half_up(value - ytd[year, month - 1], series.decimals)
        if month > 1
        else value
        for (year, month), value in ytd.items()
    }
    for (year, month), value in months.items():
        growth = _growth(value, months.get((year - 1, month)))
        published[series.region, series.indicator, "month", year, month] = Published(
            value, series.decimals, growth
        )


# --- the landing folder ----------------------------------------------------------------------


def _district_path(landing: Path, year: int, month: int) -> Path:
    return (
        landing
        / f"{year}-{month:02d}"
        / f"{DISTRICT_NAME}{year}年{ytd_label(month)}主要经济指标.xlsx"
    )


def _national_title(year: int, month: int) -> str:
    return f"{NATIONAL_NAME}{year}年{ytd_label(month)}份主要经济指标"


def _national_path(landing: Path, year: int, month: int) -> Path:
    return landing / f"{year}-{month:02d}" / f"{_national_title(year, month)}.xlsx"


def _amount(figure: Published) -> Amount:
    return Amount(figure.value, figure.decimals)


def _growth_amount(figure: Published) -> Amount:
    return Amount(figure.growth, GROWTH_DECIMALS)


def write_landing(figures: dict[Key, Published], landing: Path, missing: set[Path]) -> None:
    """One file a month in each layout, except the files in `missing` (never arrived)."""
    for year in YEARS:
        for month in range(1, 13):
            district = _district_path(landing, year, month)
            if district not in missing:
                rows = []
                for one in DISTRICT_SERIES:
                    this = figures[one.region, one.indicator, "ytd", year, month]
                    last = figures[one.region, one.indicator, "ytd", year - 1, month]
                    rows.append(
                        YearToDateRow(one.label, _amount(this), _amount(last), _growth_amount(this))
                    )
                write_district_industry_layout(
                    district, year=year, month=month, topic="主要经济指标", rows=rows
                )
            national = _national_path(landing, year, month)
            if national not in missing:
                rows = []
                for one in NATIONAL_SERIES:
                    single = figures[one.region, one.indicator, "month", year, month]
                    ytd = figures[one.region, one.indicator, "ytd", year, month]
                    rows.append(
                        MonthRow(
                            one.label,
                            _amount(single),
                            _growth_amount(single),
                            _amount(ytd),
                            _growth_amount(ytd),
                        )
                    )
                write_national_retail_layout(
                    national,
                    title=_national_title(year, month),
                    month=month,
                    rows=rows,
                    note="注:增速按现价计算,未扣除价格因素。",
                )


# --- the injections --------------------------------------------------------------------------


@dataclass
class _Copy:
    """The figures to write, and the files that will never arrive."""

    figures: dict[Key, Published]
    landing: Path
    missing: set[Path]


def _flag(rule: str, key: Key) -> FlagKey:
    """The flag on a figure, with the period type the ingest gives its period label."""
    region, indicator, kind, year, month = key
    return rule, region, indicator, _period_type(kind, month), month_end(year, month).isoformat()


def _period_type(kind: str, month: int) -> str:
    if kind == "month" or month == 1:  # January's year to date is its single month
        return "month"
    return "year" if month == 12 else "ytd"


def _unit_slip(copy: _Copy) -> Injection:
    """淮阳区 retail 1-4月 2023: the 万元 figure typed under the table's 单位:亿元."""
    key: Key = (DISTRICT_REGION, "retail_sales", "ytd", 2023, 4)
    figure = copy.figures[key]
    slipped = round_half_up(figure.value * 10_000, 0)
    copy.figures[key] = replace(figure, value=slipped, decimals=0)
    following: Key = (DISTRICT_REGION, "retail_sales", "ytd", 2023, 5)
    return Injection(
        "unit_slip",
        f"{figure.value} 亿元 printed as {slipped:.0f}",
        (
            _flag("unit_magnitude_jump", key),
            _flag("growth_level_mismatch", key),
            _flag("ytd_decrease", following),
        ),
    )


def _audit_cut(copy: _Copy) -> Injection:
    """淮阳区 budget revenue 1-10月 2023 cut below 1-9月 (核减), its growth left as it was."""
    key: Key = (DISTRICT_REGION, "budget_revenue", "ytd", 2023, 10)
    september = copy.figures[DISTRICT_REGION, "budget_revenue", "ytd", 2023, 9].value
    cut = round_half_up(september * 0.99, 0)
    copy.figures[key] = replace(copy.figures[key], value=cut)
    return Injection(
        "audit_cut",
        f"1-10月 budget revenue {cut:.0f} 万元, below 1-9月's {september:.0f}",
        (_flag("ytd_decrease", key), _flag("growth_level_mismatch", key)),
    )


def _booked_early(copy: _Copy) -> Injection:
    """川江区 retail 2023: 60 % of April's sales booked in March.

    Every level still adds up and every growth matches its levels, so only the series'
    own history can tell: March's year to date and single month jump, April's falls.
    (Mid-year on purpose: with two years of history December has too few neighbours for
    the outlier rule's min_points. Not in the district layout either: its 上年同期 column
    republishes 2022 without growth, which leaves the rule no history there.)
    """
    march: Key = (NATIONAL_REGION, "retail_sales", "month", 2023, 3)
    april: Key = (NATIONAL_REGION, "retail_sales", "month", 2023, 4)
    march_ytd: Key = (NATIONAL_REGION, "retail_sales", "ytd", 2023, 3)
    shifted = round_half_up(copy.figures[april].value * 0.6, 1)
    for key, change in ((march, shifted), (march_ytd, shifted), (april, -shifted)):
        level = round_half_up(copy.figures[key].value + change, 1)
        base = copy.figures[(*key[:3], 2022, key[4])].value
        copy.figures[key] = replace(copy.figures[key], value=level, growth=_growth(level, base))
    return Injection(
        "booked_early",
        f"{shifted} 亿元 of April's retail sales booked in March",
        (_flag("outlier", march_ytd), _flag("outlier", march), _flag("outlier", april)),
    )


def _growth_overstated(copy: _Copy) -> Injection:
    """川江区 fixed-asset investment 1-5月 2023: growth 3.0 points above what its levels imply."""
    key: Key = (NATIONAL_REGION, "fixed_asset_investment", "ytd", 2023, 5)
    growth = round_half_up(copy.figures[key].growth + 3.0, GROWTH_DECIMALS)
    copy.figures[key] = replace(copy.figures[key], growth=growth)
    return Injection(
        "growth_overstated",
        f"1-5月 investment growth printed {growth}, levels imply {growth - 3.0:.1f}",
        (_flag("growth_level_mismatch", key),),
    )


def _missing_month(copy: _Copy) -> Injection:
    """川江区's July 2023 table never arrived: both its series miss July, both kinds."""
    missing = _national_path(copy.landing, 2023, 7)
    copy.missing.add(missing)
    return Injection(
        "missing_month",
        f"{missing.name} not written",
        tuple(
            _flag("missing_period", (one.region, one.indicator, kind, 2023, 7))
            for one in NATIONAL_SERIES
            for kind in ("ytd", "month")
        ),
    )


INJECTIONS = (_unit_slip, _audit_cut, _booked_early, _growth_overstated, _missing_month)


def write_scenario(landing: Path, truth: Path) -> dict[FlagKey, str]:
    """Write the landing folder with the anomalies injected; return (and write) the truth."""
    copy = _Copy(clean_figures(), landing, set())
    injections = [inject(copy) for inject in INJECTIONS]
    write_landing(copy.figures, landing, copy.missing)
    expected = {flag: i.name for i in injections for flag in i.flags}
    write_expected_flags(truth, expected)
    return expected


def evaluate_corpus_layouts(workdir: Path) -> Scenario:
    """Write the scenario and score the rules on it with the real pipeline."""
    folder = workdir / NAME
    expected = write_scenario(folder / "landing", folder / "truth")
    return run_checks(NAME, folder / "landing", folder / "warehouse", expected)
