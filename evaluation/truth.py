"""The ground truth of the evaluation: the flags each scenario should raise.

A flag is keyed the way marts.dq_anomalies reports it (rule, region, indicator, period
type, period end). The sample's own anomalies (samples: truth/anomalies.csv) raise more
flags than one each: expected_demo_flags derives them; the injections list theirs.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.numbers import DASH
from ingest.periods import month_end
from statswh.rule_catalogue import load_rules
from statswh.settings import DBT_PROJECT_DIR

FlagKey = tuple[str, str, str, str, str]  # rule, region, indicator, period type, period end
FLAG_COLUMNS = ("rule_code", "region", "indicator", "period_type", "period_end", "injection")


@dataclass(frozen=True)
class Injection:
    """What one injection did and the flags it should raise (none for a clean case)."""

    name: str
    description: str
    flags: tuple[FlagKey, ...]


@dataclass(frozen=True)
class PublishedFigure:
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


def read_published_figures(
    truth: Path, landing: Path
) -> dict[tuple[str, str, str], PublishedFigure]:
    """The sample's published figures (truth/observations.csv), keyed by region, indicator
    and period end, with their cells in the workbooks under `landing`."""
    figures = {}
    with (truth / "observations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            year, month = int(row["period_end"][:4]), int(row["period_end"][5:7])
            figures[row["region_code"], row["indicator_code"], row["period_end"]] = PublishedFigure(
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


def write_expected_flags(truth: Path, flags: dict[FlagKey, str]) -> None:
    """truth/expected_flags.csv: every flag, with the injection that causes it."""
    truth.mkdir(parents=True, exist_ok=True)
    with (truth / "expected_flags.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FLAG_COLUMNS)
        writer.writerows([*flag, name] for flag, name in sorted(flags.items()))


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


def outlier_robust_scale() -> float:
    """MAD to standard deviation: the dbt var the outlier rule (dq_outlier) multiplies by."""
    project = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return float(project["vars"]["outlier_robust_scale"])


_GROWTH_ERROR = re.compile(r"published (-?\d+(?:\.\d+)?), levels imply (-?\d+(?:\.\d+)?)")


def expected_demo_flags(truth: Path) -> set[FlagKey]:
    """Every flag the default sample (samples) should raise.

    Its truth/anomalies.csv lists one rule per injected anomaly; the other rules see them
    too: a growth error larger than the outlier rule's band in these smooth series
    (robust_z x outlier_robust_scale x mad_floor_pp, plus rounding) is also an outlier, a
    value whose digits were swapped into something smaller than last month's year to date
    is also a ytd_decrease, and a unit slip is a unit_magnitude_jump that also shrinks next
    month's year to date.
    """
    thresholds = load_rules()["outlier"].thresholds
    outlier_band = (
        thresholds["robust_z"] * outlier_robust_scale() * thresholds["mad_floor_pp"] + 0.05
    )
    published = read_published_figures(truth, Path())
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
                previous = published[region, indicator, month_end(year, month - 1).isoformat()]
                this = published[region, indicator, end]
                if (
                    previous.value is not None
                    and this.value is not None
                    and this.value < previous.value
                ):
                    flags.add(("ytd_decrease", *fact))
            if description.startswith("Unit slip"):
                flags.add(("unit_magnitude_jump", *fact))
                following = published[region, indicator, month_end(year, month + 1).isoformat()]
                flags.add(
                    (
                        "ytd_decrease",
                        region,
                        indicator,
                        following.period_type,
                        month_end(year, month + 1).isoformat(),
                    )
                )
    return flags
