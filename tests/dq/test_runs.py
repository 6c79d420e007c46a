"""The run history: every check appends what it found, per rule, kept across builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from statswh import pipeline
from statswh.reporting import read_only_query
from statswh.rule_catalogue import load_rules
from statswh.settings import Settings

pytestmark = pytest.mark.integration

RUNS = (
    "select run_id, months, gate_passed, rule_code, severity, n_anomalies from marts.dq_runs "
    "order by run_at, rule_code"
)


def test_every_check_appends_a_run_with_counts_per_rule(built: Settings, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "wh" / "stats.duckdb", built.landing)
    shutil.copytree(built.home, settings.home, symlinks=True)
    runs = read_only_query(settings.published, RUNS)
    first = runs[runs["run_id"] == runs["run_id"].iloc[0]]
    assert set(first["rule_code"]) == set(load_rules())
    assert first["months"].unique().tolist() == ["2021-01..2023-12"]
    assert first["gate_passed"].all()
    anomalies = read_only_query(
        settings.published, "select rule_code, count(*) as n from marts.dq_anomalies group by all"
    )
    latest = runs[runs["run_id"] == runs["run_id"].iloc[-1]].set_index("rule_code")
    for rule_code, count in anomalies.itertuples(index=False):
        assert latest.loc[rule_code, "n_anomalies"] == count

    pipeline.check(settings)

    after = read_only_query(settings.warehouse, RUNS)
    assert after["run_id"].nunique() == runs["run_id"].nunique() + 1
    newest = after[after["run_id"] == after["run_id"].iloc[-1]]
    assert newest["months"].unique().tolist() == [""]  # nothing new was loaded
