"""The monthly DAG on Airflow's CeleryExecutor: Redis on loopback and two Celery workers
(tests/celery_cluster.py), as the celery profile of docker-compose.yml runs it.

Airflow's metadata (the REST API's task instances: the host each ran on, start, end, pool)
shows the run spread over both workers while the tasks of the one-slot writer pool never
ran at the same time. The test reads the DAG's tasks rather than naming them: writer tasks
are those in the pool, and mapped tasks outside it are the ones meant to run in parallel.
"""

from __future__ import annotations

import itertools
import os
import socket
from dataclasses import dataclass
from datetime import datetime

import pytest
from celery_cluster import celery_cluster
from sample_landing import Sample

from statswh.orchestration import WAREHOUSE_POOL
from statswh.reporting import read_only_query
from statswh.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.celery]

DAG_ID = "statswh_monthly"
# Two sample months, six files: enough mapped tasks for both workers to take some.
CONF = {"first_month": "2023-01", "month": "2023-02"}


@dataclass(frozen=True)
class FinishedRun:
    """What the metadata said once the run had finished, and what was left after teardown."""

    workers: tuple[str, ...]
    run: dict
    tasks: list[dict]
    instances: list[dict]
    pool_instances: list[dict]
    settings: Settings
    ports: tuple[int, ...]
    process_groups: tuple[int, ...]


@pytest.fixture(scope="module")
def finished(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> FinishedRun:
    home = tmp_path_factory.mktemp("celery")
    settings = Settings(home / "warehouse" / "stats.duckdb", sample.landing)
    env = {"STATSWH_WAREHOUSE": str(settings.warehouse), "STATSWH_LANDING": str(sample.landing)}
    with celery_cluster(home, env, DAG_ID) as cluster:
        started = cluster.post(f"/dags/{DAG_ID}/dagRuns", {"logical_date": None, "conf": CONF})
        run = cluster.wait_for_run(DAG_ID, started["dag_run_id"], timeout=480)
        instances = cluster.get(
            f"/dags/{DAG_ID}/dagRuns/{run['dag_run_id']}/taskInstances", limit=1000
        )["task_instances"]
        # Every run's tasks that held the pool: the one slot is shared by all of them.
        pool_instances = cluster.get(
            "/dags/~/dagRuns/~/taskInstances", pool=WAREHOUSE_POOL, limit=1000
        )["task_instances"]
        tasks = cluster.get(f"/dags/{DAG_ID}/tasks")["tasks"]
    return FinishedRun(
        cluster.workers, run, tasks, instances, pool_instances, settings,
        cluster.ports, cluster.process_groups,
    )  # fmt: skip


def _ran_on_a_worker(instances: list[dict]) -> list[dict]:
    """Task instances a worker ran (the scheduler itself finishes empty and skipped ones)."""
    return [ti for ti in instances if ti["hostname"]]


def test_the_run_loads_builds_and_publishes(finished: FinishedRun) -> None:
    states = {(ti["task_id"], ti["map_index"]): ti["state"] for ti in finished.instances}
    assert finished.run["state"] == "success", states
    months = read_only_query(
        finished.settings.published,
        "select distinct strftime(period_end, '%Y-%m') as month "
        "from marts.fct_indicator_observation where period_type <> 'year' order by month",
    )["month"].tolist()
    assert months == ["2023-01", "2023-02"]


def test_the_tasks_ran_on_both_workers(finished: FinishedRun) -> None:
    ran = _ran_on_a_worker(finished.instances)
    assert {ti["hostname"] for ti in ran} == set(finished.workers)
    mapped = {task["task_id"] for task in finished.tasks if task["is_mapped"]}
    mapped_instances = [ti for ti in finished.instances if ti["task_id"] in mapped]
    assert len(mapped_instances) >= 6, "too few files for the mapped tasks to spread"
    assert all(ti["hostname"] in finished.workers for ti in mapped_instances), mapped_instances
    # Mapped tasks outside the writer pool are the parallel part of the DAG: both take some.
    parallel = {
        task["task_id"]
        for task in finished.tasks
        if task["is_mapped"] and task["pool"] != WAREHOUSE_POOL
    }
    if parallel:
        hosts = {ti["hostname"] for ti in finished.instances if ti["task_id"] in parallel}
        assert hosts == set(finished.workers)


def test_the_writer_pool_never_ran_two_tasks_at_once(finished: FinishedRun) -> None:
    writers = {task["task_id"] for task in finished.tasks if task["pool"] == WAREHOUSE_POOL}
    assert writers, f"no task of {DAG_ID} is in the {WAREHOUSE_POOL} pool"
    in_pool = sorted(
        _ran_on_a_worker(finished.pool_instances),
        key=lambda ti: datetime.fromisoformat(ti["start_date"]),
    )
    assert {ti["task_id"] for ti in in_pool} == writers
    for previous, current in itertools.pairwise(in_pool):
        ended = datetime.fromisoformat(previous["end_date"])
        assert datetime.fromisoformat(current["start_date"]) >= ended, (
            f"{current['task_id']}[{current['map_index']}] on {current['hostname']} started "
            f"before {previous['task_id']}[{previous['map_index']}] on {previous['hostname']} "
            "ended"
        )


def test_the_cluster_is_gone_after_the_test(finished: FinishedRun) -> None:
    for port in finished.ports:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still listens"
    for group in finished.process_groups:
        with pytest.raises(ProcessLookupError):
            os.killpg(group, 0)
