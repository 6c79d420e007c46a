"""Deterministic sample data: the files a district statistics office receives, and their truth.

The warehouse needs realistic input to develop and test against without real bureau files.
`generate_sample` writes, for 周口市 and its district 川江区:
- 36 monthly report workbooks (Jan 2021 .. Dec 2023) with one indicator table per region, a
  region table with ranks and a growth-by-industry table, five known anomalies injected;
- 西华县's June 2023 table again as a GBK CSV (the same figures: a duplicate, not a conflict);
- a key-project list for every month of 2023 (117 projects, 736 亿元, 253 亿元 planned);
- the 2023 targets as YAML, and the work report stating 2022 results and 2023 targets.
The ground truth (every published row, the project rows, the targets and the anomaly list)
goes to a separate directory so that checks can be scored against it. Output is
byte-identical across runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samples.common import FIXED_TIMESTAMP, ZIP_DATE_TIME, write_csv
from samples.figures import ANOMALY_COLUMNS, anomaly_row, build_figures
from samples.monthly_report import (
    INDUSTRY_GROWTH_COLUMNS,
    OBSERVATION_COLUMNS,
    REGION_TABLE_COLUMNS,
    write_monthly_reports,
)
from samples.projects import PROJECT_COLUMNS, build_projects, write_project_lists
from samples.targets import TARGET_COLUMNS, write_targets

__all__ = ["FIXED_TIMESTAMP", "ZIP_DATE_TIME", "SampleSummary", "generate_sample"]


@dataclass(frozen=True)
class SampleSummary:
    """What generate_sample wrote, for callers that log or assert on it."""

    files: list[Path]
    n_facts: int
    n_anomalies: int


def generate_sample(landing_dir: Path, truth_dir: Path) -> SampleSummary:
    """Write the bureau files into landing_dir and the ground truth into truth_dir.

    The truth is kept out of landing_dir so that ingest never mistakes it for a bureau file.
    n_facts counts the published facts the truth lists: indicator rows of every sheet shape,
    project rows and targets (anomalies.csv lists no new facts).
    """
    landing_dir, truth_dir = Path(landing_dir), Path(truth_dir)
    if truth_dir.resolve().is_relative_to(landing_dir.resolve()):
        raise ValueError("truth_dir must not be inside landing_dir")
    figures, anomalies = build_figures()
    reports = write_monthly_reports(landing_dir, figures)
    project_files, projects = write_project_lists(landing_dir, build_projects())
    target_files, targets = write_targets(landing_dir)

    facts = {
        "observations.csv": (OBSERVATION_COLUMNS, reports.observations),
        "region_table.csv": (REGION_TABLE_COLUMNS, reports.region_table),
        "industry_growth.csv": (INDUSTRY_GROWTH_COLUMNS, reports.industry_growth),
        "projects.csv": (PROJECT_COLUMNS, projects),
        "targets.csv": (TARGET_COLUMNS, targets),
    }
    truth_files = [write_csv(truth_dir / name, *table) for name, table in facts.items()]
    anomaly_rows = [anomaly_row(anomaly) for anomaly in anomalies]
    truth_files.append(write_csv(truth_dir / "anomalies.csv", ANOMALY_COLUMNS, anomaly_rows))
    return SampleSummary(
        files=[*reports.files, *project_files, *target_files, *truth_files],
        n_facts=sum(len(rows) for _, rows in facts.values()),
        n_anomalies=len(anomalies),
    )
