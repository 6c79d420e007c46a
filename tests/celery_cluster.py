"""Airflow with the CeleryExecutor on this machine, for tests: the deployment of
docs/deployment.md (the celery profile of docker-compose.yml) as local processes.

PostgreSQL (tests/postgres_server.py) holds Airflow's metadata and Celery's results, Debian's
redis-server is the broker, and the api-server, dag-processor, scheduler and N Celery
workers run from this checkout's venv in one temporary AIRFLOW_HOME. Everything listens on
127.0.0.1 only; on exit every process is stopped (its whole process group) and its ports
are free again.

Workers on one machine would all report the same host name, so each worker process gets
its own through Airflow's `[core] hostname_callable` (`worker_hostname` below): the task
instances it runs record that name, as they would record a real host's.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx
from postgres_server import PostgresServer, free_port, postgres_server

from statswh.orchestration import WAREHOUSE_POOL

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
PROJECT = Path(__file__).resolve().parents[1]
REDIS_SERVER = Path("/usr/bin/redis-server")
WORKER_NAME_VARIABLE = "STATSWH_CELERY_WORKER"
USER = "statswh"


def worker_hostname() -> str:
    """`[core] hostname_callable` of a test worker: the name it was started with."""
    return os.environ[WORKER_NAME_VARIABLE]


@dataclass
class CeleryCluster:
    """The running cluster: its REST API (logged in), the names of its workers, and the
    ports and process groups it holds (all gone once the cluster has stopped)."""

    home: Path
    workers: tuple[str, ...]
    client: httpx.Client
    ports: tuple[int, ...]
    process_groups: tuple[int, ...]

    def get(self, path: str, **params: object) -> dict:
        response = self.client.get(path, params=params)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, body: dict) -> dict:
        response = self.client.post(path, json=body)
        response.raise_for_status()
        return response.json()

    def wait_for_run(self, dag_id: str, run_id: str, timeout: float) -> dict:
        """The run once it has finished (success or failed)."""
        run: dict = {}

        def finished() -> bool:
            nonlocal run
            run = self.get(f"/dags/{dag_id}/dagRuns/{run_id}")
            return run["state"] in {"success", "failed"}

        _wait(finished, timeout, f"run {run_id} to finish", self.home)
        return run


def _wait(condition: Callable[[], bool], timeout: float, what: str, home: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}; logs in {home}")


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class _Processes:
    """Long-running processes, each in its own process group with its log in `home`."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, command: list[str], env: Mapping[str, str]) -> None:
        with (self.home / f"{name}.log").open("w") as log:
            self.started.append(
                subprocess.Popen(
                    command, env=dict(env), stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )  # fmt: skip

    def stop(self) -> None:
        """Stop each group, newest first (the broker outlives its workers): SIGTERM, then
        SIGKILL for what is still there after 30 s or outlived its leader."""
        for process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _airflow_env(
    home: Path, postgres: PostgresServer, redis_port: int, api_port: int, extra: Mapping[str, str]
) -> dict[str, str]:
    """The settings every component shares, as the compose file's x-airflow-common does."""
    database = (
        f"postgresql+psycopg2://{postgres.user}:{postgres.password}"
        f"@{postgres.host}:{postgres.port}/{postgres.database}"
    )
    return {
        **os.environ,
        **extra,
        # The hostname callable lives in this folder; the DAGs import the project's packages.
        "PYTHONPATH": os.pathsep.join([str(PROJECT), str(Path(__file__).parent)]),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USER}:admin",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": database,
        "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "AIRFLOW__CELERY__RESULT_BACKEND": f"db+{database}",
        # The scheduler sends tasks to the broker itself, without a pool of processes.
        "AIRFLOW__CELERY__SYNC_PARALLELISM": "1",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(api_port),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(16),
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        # Only the runs a test starts: no run of the DAG's own schedule queues before them.
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
    }


def _login(url: str, home: Path) -> httpx.Client:
    passwords = home / "simple_auth_manager_passwords.json.generated"
    password = json.loads(passwords.read_text(encoding="utf-8"))[USER]
    response = httpx.post(
        f"{url}/auth/token", json={"username": USER, "password": password}, timeout=10
    )
    response.raise_for_status()
    token = response.json()["access_token"]
    return httpx.Client(
        base_url=f"{url}/api/v2", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


@contextmanager
def celery_cluster(
    home: Path,
    env: Mapping[str, str],
    dag_id: str,
    workers: tuple[str, ...] = ("worker-a", "worker-b"),
) -> Iterator[CeleryCluster]:
    """Start the cluster with `env` (the project's STATSWH_* settings) in every component;
    yield once `dag_id` is parsed and unpaused and every worker takes tasks."""
    if not REDIS_SERVER.exists():
        raise RuntimeError(
            f"no {REDIS_SERVER}: install Debian's redis-server (scripts/install_system_packages.sh)"
        )
    with ExitStack() as stack:
        postgres = stack.enter_context(postgres_server())
        processes = _Processes(home)
        stack.callback(processes.stop)
        redis_port, api_port = free_port(), free_port()
        processes.start(
            "redis",
            [
                str(REDIS_SERVER), "--bind", "127.0.0.1", "--port", str(redis_port),
                "--dir", str(home), "--save", "", "--appendonly", "no",
            ],
            os.environ,
        )  # fmt: skip
        airflow_env = _airflow_env(home, postgres, redis_port, api_port, env)
        pool = f"{AIRFLOW} pools set {WAREHOUSE_POOL} 1 'One writer on the working warehouse'"
        subprocess.run(
            ["sh", "-c", f"{AIRFLOW} db migrate && {pool}"],
            env=airflow_env, check=True, capture_output=True,
        )  # fmt: skip
        _wait(lambda: _accepts(redis_port), 30, "redis-server", home)

        processes.start("api-server", [AIRFLOW, "api-server"], airflow_env)
        processes.start("dag-processor", [AIRFLOW, "dag-processor"], airflow_env)
        # Log servers listen on every interface: skipped, the logs are files in this home.
        # Tasks (their runners call the api-server) are queued only once a test starts a run.
        processes.start("scheduler", [AIRFLOW, "scheduler", "--skip-serve-logs"], airflow_env)
        for name in workers:
            processes.start(
                name,
                [
                    AIRFLOW, "celery", "worker", "--celery-hostname", name,
                    "--concurrency", "1", "--skip-serve-logs",
                ],
                {
                    **airflow_env,
                    WORKER_NAME_VARIABLE: name,
                    "AIRFLOW__CORE__HOSTNAME_CALLABLE": f"{__name__}.worker_hostname",
                },
            )  # fmt: skip
        url = f"http://127.0.0.1:{api_port}"
        _wait(
            lambda: httpx.get(f"{url}/api/v2/monitor/health", timeout=5).is_success,
            120,
            "the api-server",
            home,
        )
        cluster = CeleryCluster(
            home,
            workers,
            stack.enter_context(_login(url, home)),
            ports=(postgres.port, redis_port, api_port),
            process_groups=tuple(process.pid for process in processes.started),
        )
        _wait(
            lambda: not cluster.get(f"/dags/{dag_id}")["is_paused"], 120, f"{dag_id} parsed", home
        )
        for name in workers:
            log, ready = home / f"{name}.log", f"celery@{name} ready."
            _wait(lambda log=log, ready=ready: ready in log.read_text(), 120, repr(ready), home)
        yield cluster
