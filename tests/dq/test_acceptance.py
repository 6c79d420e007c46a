"""A reviewer accepts a warning with a reason: stored, shown, not raised again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sample_landing import Sample

from statswh import pipeline, reporting
from statswh.cli import main
from statswh.settings import Settings

pytestmark = pytest.mark.integration

# 西华县 retail sales 1-6月 2023: growth published 5 pp too high (the sample's injection).
FLAGGED = (
    "select anomaly_id, observed, accepted, accepted_reason, accepted_by from marts.dq_anomalies "
    "where rule_code = 'growth_level_mismatch' and region_code = '411622' "
    "and period_end = '2023-06-30'"
)


@pytest.fixture
def settings(built: Settings, sample: Sample, tmp_path: Path) -> Settings:
    """A copy of the built warehouse, so acceptances do not leak into other tests."""
    copy = Settings(tmp_path / "wh" / "stats.duckdb", sample.landing)
    shutil.copytree(built.home, copy.home, symlinks=True)
    return copy


def statswh(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> tuple:
    code = main(["--warehouse", str(settings.warehouse), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_accepted_warning_is_shown_and_not_raised_again(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    [(anomaly_id, observed, accepted, *_)] = reporting.read_only_query(
        settings.warehouse, FLAGGED
    ).itertuples(index=False)
    assert not accepted

    reason, reviewer = "促销月,已与商务局核实", "王统计"
    code, out, _ = statswh(
        capsys, settings, "accept", anomaly_id, "--reason", reason, "--by", reviewer
    )

    assert code == 0, out
    assert "accepted growth_level_mismatch for 西华县" in out and "17.5" in out
    shown = reporting.read_only_query(settings.warehouse, FLAGGED).iloc[0].tolist()
    assert shown == [anomaly_id, observed, True, reason, reviewer]

    # the next run (a full rebuild) keeps it accepted, publishes it, counts it, and keeps
    # the run history it appends to
    runs_before = reporting.read_only_query(
        settings.warehouse, "select count(distinct run_id) from raw.dq_runs"
    ).iloc[0, 0]
    pipeline.run(settings)
    assert reporting.read_only_query(settings.published, FLAGGED).iloc[0].tolist() == shown
    counts = reporting.anomaly_counts(reporting.anomalies(settings.published))
    assert "growth_level_mismatch    warning  4 (1 accepted)" in counts
    latest = reporting.read_only_query(
        settings.published,
        "select n_anomalies, n_accepted, n_open from marts.dq_runs "
        "where rule_code = 'growth_level_mismatch' order by run_at desc limit 1",
    )
    assert latest.iloc[0].tolist() == [4, 1, 3]
    runs = reporting.read_only_query(
        settings.published, "select count(distinct run_id) from marts.dq_runs"
    )
    assert runs.iloc[0, 0] == runs_before + 1


def test_an_unknown_anomaly_is_a_clear_error(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = statswh(capsys, settings, "accept", "0000", "--reason", "r")
    assert code == 1
    assert "no anomaly '0000'" in err
