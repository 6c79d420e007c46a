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
    # A rank (位次) is an attribute of the figure it ranks, never a fact of its own.
    value_rank: int | None = None
    growth_rank: int | None = None
    # Where the region and the period were read from (see PROVENANCE).
    region_source: str | None = None
    period_source: str | None = None
    column_name: str | None = None  # the figure's column letter in a sheet


# Where a fact's region or period came from, most specific first.
PROVENANCE = (
    "row",  # the row's own label (a region row; a period row)
    "column",  # the figure's column header
    "group",  # a header spanning several columns above it
    "text",  # the sentence of a bulletin
    "title",  # the table's or text's title line
    "sheet",  # the sheet name
    "file_name",  # the file name
    "html_title",  # the <title> of a saved page
    "folder",  # the landing folder (YYYY-MM/)
    "publisher",  # the publisher line (编制单位, 发布机构)
    "release_date",  # a period inferred from the release date
)


@dataclass(frozen=True)
class UnreadFigure:
    """A number the reader saw but turned into no fact: reported, never dropped in silence."""

    sheet_name: str | None
    row_number: int | None
    column_name: str | None  # column letter in a sheet; None in a text
    text: str  # the cell's text, or the sentence around the number
    reason: str


@dataclass
class FigureAccount:
    """Every numeric cell (or number with a statistical unit in a text) of a file, accounted for.

    read + skipped + unread = all numbers seen in the data areas. Skipped numbers carry the
    reason they are not facts (a chart-data sheet, a rank, a change of a growth rate, a
    footnote); unread ones are listed so a person can see what the reader missed.
    """

    read: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    unread: list[UnreadFigure] = field(default_factory=list)

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    @property
    def total(self) -> int:
        return self.read + self.n_skipped + len(self.unread)

    def summary(self) -> str:
        """ "118 of 120 numbers read, 2 skipped (chart data), 0 unread"."""
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.skipped.items())
        skipped = f"{self.n_skipped} skipped" + (f" ({reasons})" if reasons else "")
        return f"{self.read} of {self.total} numbers read, {skipped}, {len(self.unread)} unread"


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
    figures: FigureAccount = field(default_factory=FigureAccount)

    @property
    def n_facts(self) -> int:
        return len(self.observations) + len(self.projects) + len(self.targets)
