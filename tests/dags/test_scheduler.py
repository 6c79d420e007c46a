"""The monthly DAG under a real Airflow: api-server, scheduler, dag-processor and triggerer on
SQLite, listening on 127.0.0.1 only. Files dropped into the landing folder start a run
(through the triggerer's asset watcher); the test follows it through the REST API and
checks the published marts, while another process queries the published warehouse in a
loop and must never see an error. A second drop with a broken file shows that file fail
alone while the others load and are published."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sample_landing import Sample

from statswh import pipeline
from statswh.reporting import read_only_query
from statswh.settings import Settings

pytestmark = pytest.mark.integration

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DAG_ID = "statswh_monthly"
USER = "statswh"

READER = """
import json, sys, time
from pathlib import Path
import duckdb

published, stop, out = (Path(arg) for arg in sys.argv[1:])
queries, errors = 0, []
while not stop.exists():
    try:
        with duckdb.connect(str(published), read_only=True) as connection:
            connection.execute(
                "select count(*), max(period_end) from marts.fct_indicator_observation"
            ).fetchone()
        queries += 1
    except Exception as error:
        errors.append(repr(error))
    time.sleep(0.1)
out.write_text(json.dumps({"queries": queries, "errors": errors}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Airflow:
    url: str
    home: Path
    settings: Settings
    client: httpx.Client | None = None
    finished_runs: set[str] = field(default_factory=set)

    def login(self) -> None:
        passwords = self.home / "simple_auth_manager_passwords.json.generated"
        password = json.loads(passwords.read_text(encoding="utf-8"))[USER]
        response = httpx.post(
            f"{self.url}/auth/token", json={"username": USER, "password": password}, timeout=10
        )
        response.raise_for_status()
        token = response.json()["access_token"]
        self.client = httpx.Client(
            base_url=f"{self.url}/api/v2",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )

    def get(self, path: str, **params) -> dict:
        response = self.client.get(path, params=params)
        response.raise_for_status()
        return response.json()

    def wait_for_run(self, done: set[str], states: set[str], timeout: float) -> dict:
        """The oldest asset-triggered run not in `done`, once it is in one of `states`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                runs = self.get(f"/dags/{DAG_ID}/dagRuns", order_by="run_after")["dag_runs"]
            except httpx.TimeoutException:  # SQLite is busy: ask again
                continue
            waiting = [
                run
                for run in runs
                if run["run_type"] == "asset_triggered" and run["dag_run_id"] not in done
            ]
            if waiting and waiting[0]["state"] in states:
                return waiting[0]
            time.sleep(1)
        raise AssertionError(f"no run got to {states} in {timeout} s; see the logs in {self.home}")

    def task_states(self, run_id: str) -> dict[str, str]:
        instances = self.get(f"/dags/{DAG_ID}/dagRuns/{run_id}/taskInstances")["task_instances"]
        return {
            ti["rendered_map_index"] if ti["map_index"] >= 0 else ti["task_id"]: ti["state"]
            for ti in instances
        }


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def airflow(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Airflow]:
    home = tmp_path_factory.mktemp("airflow-home")
    settings = Settings(home / "warehouse" / "stats.duckdb", home / "landing")
    settings.landing.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USER}:admin",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(16),
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "STATSWH_WAREHOUSE": str(settings.warehouse),
        "STATSWH_LANDING": str(settings.landing),
        "STATSWH_LANDING_POLL_SECONDS": "2",
    }
    airflow = str(BIN / "airflow")
    setup = subprocess.Popen(
        [
            "sh", "-c",
            f"{airflow} db migrate && {airflow} pools set statswh_warehouse 1 'one writer'",
        ],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # Meanwhile give readers something to read from the start: January, built and published.
    january = pipeline.landing_files(Settings(settings.warehouse, sample.landing), "2021-01")
    pipeline.ingest(settings, january)
    pipeline.build(settings)
    pipeline.publish(settings)
    assert setup.wait(timeout=120) == 0, "airflow db migrate / pools set failed"

    commands = {
        "api-server": [airflow, "api-server", "--host", "127.0.0.1", "--port", str(port)],
        # Log servers listen on every interface: skipped, the logs are local files.
        "scheduler": [airflow, "scheduler", "--skip-serve-logs"],
        "dag-processor": [airflow, "dag-processor"],
        "triggerer": [airflow, "triggerer", "--skip-serve-logs"],
    }
    processes: list[subprocess.Popen] = []

    def start(name: str) -> None:
        log = (home / f"{name}.log").open("w")
        processes.append(
            subprocess.Popen(
                commands[name], env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )  # fmt: skip

    try:
        # Task runners call the api-server: the scheduler starts once it answers.
        start("api-server")
        start("dag-processor")
        start("triggerer")
        instance = Airflow(f"http://127.0.0.1:{port}", home, settings)
        _wait(
            lambda: httpx.get(f"{instance.url}/api/v2/monitor/health", timeout=5).is_success,
            90,
            "the api-server",
        )
        start("scheduler")
        instance.login()
        _wait(lambda: not instance.get(f"/dags/{DAG_ID}")["is_paused"], 60, "the DAG to be parsed")
        yield instance
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _published_months(settings: Settings) -> list[str]:
    return read_only_query(
        settings.published,
        "select distinct strftime(period_end, '%Y-%m') as month "
        "from marts.fct_indicator_observation where period_type <> 'year' order by month",
    )["month"].tolist()


def test_files_landing_start_a_run_that_publishes_while_readers_query(
    airflow: Airflow, sample: Sample
) -> None:
    settings = airflow.settings
    stop, out = airflow.home / "reader.stop", airflow.home / "reader.json"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(settings.published), str(stop), str(out)]
    )
    try:
        for month in ("2021-02", "2021-03"):
            shutil.copytree(sample.landing / month, settings.landing / month)
        airflow.wait_for_run(set(), {"running"}, timeout=120)
        # More files, one of them broken, land while the run writes: a second run must
        # queue behind it (one writer), not fail. The next test follows that run.
        shutil.copytree(sample.landing / "2021-04", settings.landing / "2021-04")
        (settings.landing / "2021-04" / "broken.xlsx").write_bytes(b"not a workbook")
        run = airflow.wait_for_run(set(), {"success", "failed"}, timeout=300)
        airflow.finished_runs.add(run["dag_run_id"])
    finally:
        stop.touch()
        reader.wait(timeout=30)

    assert run["state"] == "success", airflow.task_states(run["dag_run_id"])
    states = airflow.task_states(run["dag_run_id"])
    assert sorted(states) == sorted(
        [
            *(
                f"{m}/{f.name}"
                for m in ("2021-02", "2021-03")
                for f in (sample.landing / m).iterdir()
            ),
            "plan",
            "load_files",
            "build_warehouse",
            "check",
            "publish",
            "publish_postgres",
        ]
    )
    assert set(states.values()) == {"success", "skipped"}
    assert states["publish_postgres"] == "skipped", "no PostgreSQL target is configured"
    assert _published_months(settings) == ["2021-01", "2021-02", "2021-03"]
    readings = json.loads(out.read_text())
    assert readings["errors"] == []
    assert readings["queries"] > 10, "the reader ran alongside the pipeline"


def test_files_landing_during_a_run_queue_and_a_broken_file_fails_alone(
    airflow: Airflow,
) -> None:
    settings = airflow.settings
    run = airflow.wait_for_run(airflow.finished_runs, {"success", "failed"}, timeout=300)
    [first] = airflow.finished_runs
    previous = airflow.get(f"/dags/{DAG_ID}/dagRuns/{first}")
    events = airflow.get(f"/dags/{DAG_ID}/dagRuns/{run['dag_run_id']}/upstreamAssetEvents")
    landed = min(event["timestamp"] for event in events["asset_events"])
    # The files landed while the first run was writing; this run waited for it to end.
    assert landed < previous["end_date"] <= run["start_date"]

    states = airflow.task_states(run["dag_run_id"])
    # The broken file's parse task is red; the writer recorded it and loaded the others.
    assert states["2021-04/broken.xlsx"] == "failed"
    assert {states[name] for name in ("load_files", "build_warehouse", "check", "publish")} == {
        "success"
    }
    assert run["state"] == "success", states
    assert _published_months(settings)[-1] == "2021-04"

    failures = settings.home / "logs" / "failures.jsonl"
    [record] = [json.loads(line) for line in failures.read_text(encoding="utf-8").splitlines()]
    assert record["dag"] == DAG_ID
    assert record["run"] == run["dag_run_id"]
    assert record["task"].startswith("parse_file[")
    assert "broken.xlsx" in record["error"] and "quarantined" in record["error"]
