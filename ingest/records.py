"""The normalised records readers produce and the loader writes to `raw`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Observation:
    """One published figure: an indicator's value and/or growth for a region and period.

    Names are kept as published; dbt maps them to codes, so an unknown name is
    flagged rather than dropped.
    """

    sheet_name: str | None
    row_number: int | None
    region_name: str
    indicator_name: str
    period_label: str
    period_type: str
    period_start: date
    period_end: date
    value_published: float | None
    value_decimals: int | None
    unit_published: str | None
    yoy_growth_pct: float | None
    growth_decimals: int | None
    source_text: str | None = None


@dataclass
class ParsedFile:
    """What a reader found in one file: its records, the sheets it skipped and why."""

    observations: list[Observation] = field(default_factory=list)
    skipped_sheets: dict[str, str] = field(default_factory=dict)
    publisher: str | None = None
    release_date: date | None = None
