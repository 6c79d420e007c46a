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
    source_char_start: int | None = None
    source_char_end: int | None = None


@dataclass(frozen=True)
class ProjectProgress:
    """One row of a key-project list: a project's plan and progress as of a period end."""

    sheet_name: str | None
    row_number: int | None
    project_name: str
    industry_chain: str | None
    region_name: str | None
    period_end: date
    total_investment: float | None  # 亿元, as converted by the reader
    annual_plan_investment: float | None  # 亿元
    completed_investment_ytd: float | None  # 亿元
    completion_rate_pct: float | None
    stage: str | None  # 新开工 | 续建 | 竣工 | 投产, as published
    responsible_unit: str | None
    planned_start: date | None = None
    planned_completion: date | None = None


@dataclass(frozen=True)
class IndicatorTarget:
    """An annual target: "地区生产总值增长8.5%以上" is growth_pct 8.5 at_least."""

    region_name: str
    indicator_name: str
    year: int
    target_value: float
    target_unit: str | None
    target_kind: str  # growth_pct | level | rate
    comparator: str  # at_least | at_most | about
    source_text: str | None = None


@dataclass
class ParsedFile:
    """What a reader found in one file: its records, the sheets it skipped and why."""

    observations: list[Observation] = field(default_factory=list)
    projects: list[ProjectProgress] = field(default_factory=list)
    targets: list[IndicatorTarget] = field(default_factory=list)
    skipped_sheets: dict[str, str] = field(default_factory=dict)
    publisher: str | None = None
    release_date: date | None = None

    @property
    def n_facts(self) -> int:
        return len(self.observations) + len(self.projects) + len(self.targets)
