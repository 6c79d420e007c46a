"""A generated history, ingested and built as the benchmark does it, raises no anomalies.

The generator writes consistent figures (bench/generate.py), so every anomaly here is a
misread or a rule flagging consistent data. The first city's counties include 安丰县, 安凤县
and 安高县, whose names end with listed counties' (丰县, 凤县, 高县): the ingest once filed
them under those, and at province scale ten counties collapsed onto one region.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from bench.generate import generate, layout
from bench.home import prepare_home, taken
from bench.runner import Runner, environment
from bench.scales import Scale

pytestmark = pytest.mark.integration

PROJECT = Path(__file__).resolve().parents[2]
# Ten indicators: one with real growth, one withholding January; two years of history.
SLICE = Scale("slice", counties=10, indicators=10, months=25)


def test_a_generated_history_keeps_its_counties_and_raises_no_anomalies(tmp_path: Path) -> None:
    regions = layout(SLICE, *taken(PROJECT))
    files = [written.path for written in generate(SLICE, tmp_path / "landing", regions, jobs=2)]
    home = prepare_home(PROJECT, tmp_path / "home", regions)
    warehouse = tmp_path / "warehouse" / "stats.duckdb"
    env = environment(tmp_path, home, tmp_path / "landing")
    runner = Runner({**env, "STATSWH_WAREHOUSE": str(warehouse)}, log=lambda line: None)
    runner.stage("ingest", "ingest", files=files, warehouse=str(warehouse))
    runner.stage("build", "build", warehouse=str(warehouse), landing=str(tmp_path / "landing"))

    with closing(duckdb.connect(str(warehouse), read_only=True)) as connection:
        codes = connection.sql(
            "select distinct region_code from marts.fct_indicator_observation"
        ).fetchall()
        anomalies = connection.sql(
            "select rule_code, count(*) from marts.dq_anomalies group by rule_code"
        ).fetchall()
    assert {code for (code,) in codes} == {county.region_code for county in regions.counties}
    assert dict(anomalies) == {}
