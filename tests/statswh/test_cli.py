"""The `statswh` command line, run in-process against the session's sample warehouse."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sample_landing import Sample

from statswh.cli import main
from statswh.reporting import read_only_query
from statswh.settings import DBT_TARGET_DIR, Settings

pytestmark = pytest.mark.integration

RETAIL_2022 = (
    "select value, unit, yoy_growth_pct from marts.fct_indicator_observation "
    "where region_name = '川江区' and indicator_code = 'retail_sales' and period_type = 'year' "
    "and period_end = '2022-12-31'"
)


def statswh(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sql_reads_the_published_marts(built: Settings, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = statswh(
        capsys, "--warehouse", str(built.warehouse), "sql", RETAIL_2022, "--format", "json"
    )
    assert code == 0
    assert json.loads(out) == [{"value": 161.5, "unit": "亿元", "yoy_growth_pct": 3.0}]


def test_sql_cannot_change_the_published_marts(
    built: Settings, capsys: pytest.CaptureFixture
) -> None:
    code, _, err = statswh(
        capsys,
        "--warehouse",
        str(built.warehouse),
        "sql",
        "delete from marts.fct_indicator_observation",
    )
    assert code == 1
    assert "read-only" in err


def test_anomalies_lists_every_flag(
    built: Settings, sample: Sample, capsys: pytest.CaptureFixture
) -> None:
    code, out, _ = statswh(
        capsys, "--warehouse", str(built.warehouse), "anomalies", "--format", "csv"
    )
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("rule_code,severity,region_code")
    assert len(lines) == 1 + len(sample.expected_flags())


def test_ingest_reports_one_line_per_file(built: Settings, capsys: pytest.CaptureFixture) -> None:
    month = built.landing / "2022-12"
    code, out, _ = statswh(capsys, "--warehouse", str(built.warehouse), "ingest", str(month))
    assert code == 0
    assert out.strip().endswith("unchanged (already loaded)")


def test_status_says_how_to_query(built: Settings, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = statswh(capsys, "--warehouse", str(built.warehouse), "status")
    assert code == 0
    assert "fct_indicator_observation" in out
    assert "statswh sql" in out


def test_a_missing_warehouse_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    code, _, err = statswh(capsys, "--warehouse", str(tmp_path / "none.duckdb"), "sql", "select 1")
    assert code == 1
    assert "does not exist yet" in err and "statswh run" in err


def test_build_full_refresh_rebuilds_the_incremental_models_to_the_same_marts(
    built: Settings, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    shutil.copytree(built.home, tmp_path / "wh", symlinks=True)
    warehouse = tmp_path / "wh" / built.warehouse.name
    facts = "select * from marts.fct_indicator_observation order by all"
    before = read_only_query(warehouse, facts)

    code, out, _ = statswh(capsys, "--warehouse", str(warehouse), "build", "--full-refresh")

    assert code == 0 and "dbt build:" in out
    results = json.loads((DBT_TARGET_DIR / "run_results.json").read_text())
    assert results["args"]["full_refresh"] is True
    assert read_only_query(warehouse, facts).equals(before)
