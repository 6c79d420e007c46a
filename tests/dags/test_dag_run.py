"""A full run of the monthly DAG under Airflow (`airflow dags test`, SQLite metadata DB)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sample_landing import Sample

from statswh.reporting import read_only_query

pytestmark = pytest.mark.integration

PROJECT = Path(__file__).resolve().parents[2]
AIRFLOW = str(Path(sys.executable).with_name("airflow"))


@pytest.fixture(scope="module")
def airflow_env(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("airflow")
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "STATSWH_WAREHOUSE": str(home / "warehouse" / "stats.duckdb"),
        "STATSWH_LANDING": str(sample.landing),
    }
    subprocess.run([AIRFLOW, "db", "migrate"], env=env, check=True, capture_output=True)
    return env


def dags_test(env: dict[str, str], conf: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [AIRFLOW, "dags", "test", "statswh_monthly", "-c", json.dumps(conf)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_monthly_dag_loads_builds_checks_and_publishes(airflow_env: dict[str, str]) -> None:
    conf = {"first_month": "2022-11", "month": "2023-01"}
    first = dags_test(airflow_env, conf)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "state=success" in first.stdout + first.stderr
    published = Path(airflow_env["STATSWH_WAREHOUSE"]).parent / "published" / "stats.duckdb"
    months = read_only_query(
        published,
        "select distinct strftime(period_end, '%Y-%m') as month "
        "from marts.fct_indicator_observation order by month",
    )["month"].tolist()
    assert months == ["2022-11", "2022-12", "2023-01"]

    snapshot = read_only_query(
        published, "select * from marts.fct_indicator_observation order by all"
    )
    again = dags_test(airflow_env, conf)
    assert again.returncode == 0
    assert "unchanged (already loaded)" in again.stdout + again.stderr
    rerun = read_only_query(published, "select * from marts.fct_indicator_observation order by all")
    assert rerun.equals(snapshot)
