"""The scenario runner: the real ingest, build and check on a scenario's landing folder."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from evaluation.injections import inject_anomalies
from evaluation.scoring import Scenario
from evaluation.truth import FlagKey, expected_flags
from samples import generate_sample
from statswh import pipeline
from statswh.settings import Settings

FLAGGED_SQL = """
    select rule_code, coalesce(region_code, region_name), coalesce(indicator_code, indicator_name),
        period_type, cast(period_end as varchar), severity
    from marts.dq_anomalies
"""


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
