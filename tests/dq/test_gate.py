"""The publishing gate: errors stop publishing, the previous published state stays intact."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from expectations.catalogue import load_rules
from expectations.validation import validate
from statswh import pipeline
from statswh.reporting import read_only_query
from statswh.settings import Settings


def anomalies(*severities: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"rule_code": ["growth_level_mismatch"] * len(severities), "severity": list(severities)}
    )


def test_the_gate_passes_warnings_and_info(tmp_path: Path) -> None:
    outcome = validate(anomalies("warning", "info"), "dq_gate", tmp_path)
    assert outcome.success
    assert outcome.data_docs.exists()


def test_the_gate_fails_on_an_error(tmp_path: Path) -> None:
    outcome = validate(anomalies("warning", "error"), "dq_gate", tmp_path)
    assert not outcome.success
    assert "expect_no_error_anomalies" in outcome.failures[0]


def test_the_catalogue_gives_every_rule_a_known_severity() -> None:
    rules = load_rules()
    assert rules["growth_level_mismatch"].severity == "warning"
    assert rules["base_revision"].severity == "info"


def test_an_unknown_severity_in_the_catalogue_is_refused(tmp_path: Path) -> None:
    catalogue = tmp_path / "rules.csv"
    catalogue.write_text(
        "rule_code,severity,threshold,threshold_meaning,applies_to,description_en,description_zh\n"
        "x,fatal,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown severity 'fatal'"):
        load_rules(catalogue)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.integration
def test_an_error_stops_publishing_and_readers_keep_the_previous_state(
    built: Settings, tmp_path: Path
) -> None:
    """A revised December file with an impossible growth rate (-150 %) fails the gate."""
    settings = Settings(tmp_path / "wh" / "stats.duckdb", tmp_path / "landing")
    shutil.copytree(built.home, settings.home, symlinks=True)
    published_before = sha(settings.published)
    original = next((built.landing / "2023-12").glob("周口市县区主要经济指标_*.xlsx"))
    revised = settings.landing / "2023-12" / ("修订_" + original.name)
    revised.parent.mkdir(parents=True)
    workbook = openpyxl.load_workbook(original)
    workbook["川江区"]["E8"] = -150.0
    workbook.save(revised)

    with pytest.raises(pipeline.QualityGateFailed, match="expect_growth_rates_possible"):
        pipeline.run(settings, ["2023-12"])

    assert sha(settings.published) == published_before
    growth = read_only_query(
        settings.published,
        "select yoy_growth_pct from marts.fct_indicator_observation where region_code = '411602' "
        "and indicator_code = 'retail_sales' and period_end = '2023-12-31'",
    )
    assert growth.iloc[0, 0] > 0
