"""The monthly indicators of the sample: five regions of 周口市, 2021-2023, and five anomalies.

Annual levels are built from 川江区's 2022 work-report figures backwards and forwards, spread
over the months by cumulative share profiles, and rounded the way bureaus publish them, so
that every clean figure is consistent with last year's within rounding. Five figures are then
corrupted the way bureau files really go wrong; their list is the anomaly ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations, pairwise

from ingest.numbers import DASH, round_half_up
from ingest.periods import parse_period, ytd_label
from samples.common import require

YEARS = (2021, 2022, 2023)
BASE_YEAR = 2020  # only used as the comparison base of 2021, never written
ANOMALY_COLUMNS = (
    "rule_code",
    "region_code",
    "indicator_code",
    "period_type",
    "period_end",
    "description",
)


@dataclass(frozen=True)
class Region:
    """A county-level unit and the quirks of how its sheet is written."""

    code: str
    name: str
    title_name: str
    industry_name: str = "规模以上工业增加值"
    budget_in_wan: bool = False


@dataclass(frozen=True)
class Indicator:
    """An indicator with its cumulative share profile (month -> share of the annual total)."""

    code: str
    name: str
    decimals: int
    real: bool
    shares: dict[int, float]


@dataclass(frozen=True)
class Figure:
    """One published row's numbers: a year-to-date level and its growth over last year."""

    value: float | None
    decimals: int
    unit: str
    growth: float | None

    @property
    def value_text(self) -> str:
        return DASH if self.value is None else f"{self.value:.{self.decimals}f}"

    @property
    def growth_text(self) -> str:
        return DASH if self.growth is None else f"{self.growth:.1f}"


@dataclass(frozen=True)
class Anomaly:
    """An injected error, keyed the way the checks report it."""

    rule_code: str
    region_code: str
    indicator_code: str
    year: int
    month: int
    description: str


FigureKey = tuple[str, str, int, int]  # region code, indicator code, year, month

REGIONS = (
    Region("411602", "川江区", "川江区"),
    Region("411603", "淮阳区", "淮阳区"),
    Region("411622", "西华县", "西华", industry_name="规上工业增加值"),
    Region("411623", "商水县", "商水县", budget_in_wan=True),
    Region("411681", "项城市", "项城", industry_name="规上工业增加值"),
)
CHUANJIANG = "411602"


def _monthly(*cumulative: float) -> dict[int, float]:
    return dict(enumerate(cumulative, start=1))


INDICATORS = (
    Indicator("gdp", "地区生产总值", 1, True, {3: 0.221, 6: 0.472, 9: 0.727, 12: 1.0}),
    Indicator(
        "industrial_value_added",
        "规模以上工业增加值",
        1,
        True,
        _monthly(0.078, 0.140, 0.224, 0.306, 0.389, 0.477, 0.557, 0.638, 0.724, 0.811, 0.901, 1.0),
    ),
    Indicator(
        "fixed_asset_investment",
        "固定资产投资",
        1,
        False,
        _monthly(0.035, 0.072, 0.150, 0.228, 0.318, 0.432, 0.512, 0.594, 0.690, 0.776, 0.868, 1.0),
    ),
    Indicator(
        "retail_sales",
        "社会消费品零售总额",
        1,
        False,
        _monthly(0.092, 0.172, 0.248, 0.323, 0.400, 0.478, 0.555, 0.633, 0.713, 0.798, 0.889, 1.0),
    ),
    Indicator(
        "budget_revenue",
        "一般公共预算收入",
        2,
        False,
        _monthly(0.112, 0.178, 0.262, 0.352, 0.430, 0.528, 0.606, 0.672, 0.752, 0.826, 0.905, 1.0),
    ),
)
# Published together with February, so January shows "—" for these.
JANUARY_WITHHELD = {"industrial_value_added", "fixed_asset_investment", "retail_sales"}

# 川江区 2022 full-year figures (亿元, growth %) from the district's work report.
ANCHORS_2022 = {
    "gdp": (349.8, 7.0),
    "industrial_value_added": (83.9, 13.5),
    "fixed_asset_investment": (148.8, 24.0),
    "retail_sales": (161.5, 3.0),
    "budget_revenue": (8.26, 19.4),
}
# 川江区 annual growth % (real for gdp and industry); 2023 follows the district's targets.
GROWTH = {
    "gdp": {2021: 8.6, 2023: 8.2},
    "industrial_value_added": {2021: 11.8, 2023: 12.2},
    "fixed_asset_investment": {2021: 9.4, 2023: 16.5},
    "retail_sales": {2021: 12.6, 2023: 11.2},
    "budget_revenue": {2021: 6.3, 2023: 7.1},
}
# Price rise (pp) separating nominal from real growth of the real indicators.
DEFLATOR = {
    "gdp": {2021: 2.6, 2022: 2.5, 2023: 1.7},
    "industrial_value_added": {2021: 3.1, 2022: 2.5, 2023: 1.9},
}
# Size of each other region relative to 川江区, per indicator.
SCALE = {
    "411603": {
        "gdp": 0.78,
        "industrial_value_added": 0.62,
        "fixed_asset_investment": 0.95,
        "retail_sales": 0.71,
        "budget_revenue": 0.66,
    },
    "411622": {
        "gdp": 0.62,
        "industrial_value_added": 0.70,
        "fixed_asset_investment": 0.80,
        "retail_sales": 0.55,
        "budget_revenue": 0.52,
    },
    "411623": {
        "gdp": 0.68,
        "industrial_value_added": 0.58,
        "fixed_asset_investment": 0.82,
        "retail_sales": 0.64,
        "budget_revenue": 0.61,
    },
    "411681": {
        "gdp": 1.18,
        "industrial_value_added": 1.42,
        "fixed_asset_investment": 1.12,
        "retail_sales": 1.05,
        "budget_revenue": 1.21,
    },
}
# Growth of each other region relative to 川江区 (pp), per year.
GROWTH_OFFSET = {
    "411603": {2021: -1.2, 2022: 0.8, 2023: -0.6},
    "411622": {2021: 0.5, 2022: -1.5, 2023: 1.1},
    "411623": {2021: -0.4, 2022: 1.3, 2023: -1.4},
    "411681": {2021: 1.6, 2022: -0.7, 2023: 0.4},
}
GDP_LABELS = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}


# --- numbers -------------------------------------------------------------------------------


def _growth(value: float, base: float) -> float:
    """Growth in % at full precision."""
    return (value / base - 1) * 100


def _published_unit(region: Region, indicator: Indicator) -> tuple[str, int, float]:
    """Unit text, decimals and factor from 亿元 that a region uses for an indicator."""
    if region.budget_in_wan and indicator.code == "budget_revenue":
        return "万元", 0, 10_000.0
    return "亿元", indicator.decimals, 1.0


def _nominal_growth(region: Region, indicator: Indicator, year: int) -> float:
    """Annual nominal growth % of a region's indicator in a year."""
    target = ANCHORS_2022[indicator.code][1] if year == 2022 else GROWTH[indicator.code][year]
    offset = 0.0 if region.code == CHUANJIANG else GROWTH_OFFSET[region.code][year]
    deflator = DEFLATOR[indicator.code][year] if indicator.real else 0.0
    return target + offset + deflator


def _annual_levels() -> dict[tuple[str, str, int], float]:
    """Annual totals in published units, built from the 2022 anchors backwards and forwards."""
    levels = {}
    for region in REGIONS:
        for indicator in INDICATORS:
            _, decimals, factor = _published_unit(region, indicator)
            scale = 1.0 if region.code == CHUANJIANG else SCALE[region.code][indicator.code]
            level = round_half_up(ANCHORS_2022[indicator.code][0] * scale * factor, decimals)
            levels[region.code, indicator.code, 2022] = level
            for year in (2022, 2021):
                rate = _nominal_growth(region, indicator, year)
                level = round_half_up(level / (1 + rate / 100), decimals)
                levels[region.code, indicator.code, year - 1] = level
            rate = _nominal_growth(region, indicator, 2023)
            levels[region.code, indicator.code, 2023] = round_half_up(
                levels[region.code, indicator.code, 2022] * (1 + rate / 100), decimals
            )
    return levels


def _clean_figures(levels: dict[tuple[str, str, int], float]) -> dict[FigureKey, Figure]:
    """Every published figure, internally consistent (before anomalies are injected)."""
    figures = {}
    for region in REGIONS:
        for indicator in INDICATORS:
            unit, decimals, _ = _published_unit(region, indicator)
            for year in YEARS:
                for month, share in indicator.shares.items():
                    key = (region.code, indicator.code, year, month)
                    if month == 1 and indicator.code in JANUARY_WITHHELD:
                        figures[key] = Figure(None, decimals, unit, None)
                        continue
                    value = round_half_up(
                        levels[region.code, indicator.code, year] * share, decimals
                    )
                    base = round_half_up(
                        levels[region.code, indicator.code, year - 1] * share, decimals
                    )
                    growth = _growth(value, base)
                    if indicator.real:
                        growth -= DEFLATOR[indicator.code][year]
                    figures[key] = Figure(value, decimals, unit, round_half_up(growth, 1))
    _require_anchors(figures)
    return figures


def _require_anchors(figures: dict[FigureKey, Figure]) -> None:
    for code, (value, growth) in ANCHORS_2022.items():
        figure = figures[CHUANJIANG, code, 2022, 12]
        require((figure.value, figure.growth) == (value, growth), f"川江区 2022 {code} anchor")


# --- anomalies -----------------------------------------------------------------------------


def _swap_digits(value: float, decimals: int, min_change: float) -> float:
    """The first two-digit swap of a value that moves it by more than min_change (relative)."""
    text = f"{value:.{decimals}f}"
    positions = [i for i, char in enumerate(text) if char.isdigit()]
    for i, j in combinations(positions, 2):
        chars = list(text)
        chars[i], chars[j] = chars[j], chars[i]
        swapped = float("".join(chars))
        if swapped > 0 and abs(swapped / value - 1) > min_change:
            return swapped
    raise RuntimeError(f"no digit swap of {text} changes it by more than {min_change:.0%}")


def _transpose_growth(growth: float) -> float:
    """Swap two adjacent digits of a growth rate (right to left) so it moves by over 1 pp."""
    text = f"{growth:.1f}"
    positions = [i for i, char in enumerate(text) if char.isdigit()]
    for i, j in reversed(list(pairwise(positions))):
        chars = list(text)
        chars[i], chars[j] = chars[j], chars[i]
        transposed = float("".join(chars))
        if abs(transposed - growth) > 1:
            return transposed
    raise RuntimeError(f"no transposition of {text} moves it by more than 1 pp")


def _inject_anomalies(figures: dict[FigureKey, Figure]) -> list[Anomaly]:
    """Corrupt five figures in place, each in a way a bureau file really goes wrong.

    All are warnings or info, so the demo publishes; error-type slips (万元 read as 亿元)
    are injected by the evaluation (evaluation/injections.py).
    """
    anomalies = []

    def inject(key: FigureKey, figure: Figure, rule: str, description: str) -> None:
        figures[key] = figure
        anomalies.append(Anomaly(rule, *key, description))

    key = ("411622", "retail_sales", 2023, 6)
    clean = figures[key]
    inject(
        key,
        replace(clean, growth=round_half_up(clean.growth + 5.0, 1)),
        "growth_level_mismatch",
        f"Growth overstated by 5.0 pp: published {clean.growth + 5.0:.1f}, "
        f"levels imply {clean.growth_text}.",
    )

    key = ("411623", "fixed_asset_investment", 2023, 9)
    clean = figures[key]
    swapped = _swap_digits(clean.value, clean.decimals, 0.20)
    inject(
        key,
        replace(clean, value=swapped),
        "growth_level_mismatch",
        f"Two digits of the value swapped: published {swapped:.1f}, correct {clean.value_text}; "
        "growth left as the correct one.",
    )

    key = (CHUANJIANG, "budget_revenue", 2023, 4)
    clean = figures[key]
    require(clean.growth >= 3.0, "川江区 budget 2023 1-4月 growth below 3.0")
    inject(
        key,
        replace(clean, growth=-clean.growth),
        "growth_level_mismatch",
        f"Growth sign flipped: published -{clean.growth_text}, levels imply {clean.growth_text}.",
    )

    key = ("411681", "fixed_asset_investment", 2022, 5)
    clean = figures[key]
    transposed = _transpose_growth(clean.growth)
    inject(
        key,
        replace(clean, growth=transposed),
        "growth_level_mismatch",
        f"Growth digits transposed: published {transposed:.1f}, levels imply {clean.growth_text}.",
    )

    key = ("411622", "budget_revenue", 2022, 12)
    clean = figures[key]
    published_base = figures["411622", "budget_revenue", 2021, 12]
    revised_base = published_base.value * 1.008
    revised = replace(clean, growth=round_half_up(_growth(clean.value, revised_base), 1))
    require(revised.growth != clean.growth, "base revision does not change the growth")
    inject(
        key,
        revised,
        "base_revision",
        f"Growth {revised.growth_text} computed on a 2021 base revised after publication to "
        f"{revised_base:.4f}, 0.8% above the published {published_base.value_text} "
        f"(which implies {clean.growth_text}).",
    )
    return anomalies


# --- periods -------------------------------------------------------------------------------


def period_label(indicator: Indicator, month: int) -> str:
    if indicator.code == "gdp":
        return GDP_LABELS[month]
    return ytd_label(month)


def build_figures() -> tuple[dict[FigureKey, Figure], list[Anomaly]]:
    """Every published figure, with the five anomalies injected, and the list of those."""
    figures = _clean_figures(_annual_levels())
    anomalies = _inject_anomalies(figures)
    return figures, anomalies


def anomaly_row(anomaly: Anomaly) -> dict[str, str]:
    """An anomaly as a row of anomalies.csv, keyed the way the checks report it."""
    indicator = next(ind for ind in INDICATORS if ind.code == anomaly.indicator_code)
    span = parse_period(period_label(indicator, anomaly.month), anomaly.year)
    return {
        "rule_code": anomaly.rule_code,
        "region_code": anomaly.region_code,
        "indicator_code": anomaly.indicator_code,
        "period_type": span.period_type,
        "period_end": span.end.isoformat(),
        "description": anomaly.description,
    }
