"""Measure what astronomer-cosmos costs over a plain `dbt build` on the same warehouse.

Why: rendering the dbt project as one Airflow task per node makes the build visible,
but every task is a separate dbt invocation. This script times, on a copy of a
warehouse that already holds raw data:

* the plain `dbt build` the pipeline and the monthly DAG's `build_warehouse` step run,
* parsing a DAG file with a cosmos DbtTaskGroup rendered from the manifest
  (LoadMode.DBT_MANIFEST, ExecutionMode.LOCAL, InvocationMode.DBT_RUNNER,
  TestBehavior.BUILD: one `dbt build` per node),
* running that DAG with `airflow dags test`, which runs the tasks one after the other in
  one process (minus the command's start-up, timed on an empty DAG); under the scheduler
  each task also pays for its own worker process on top. It runs on a copy of the
  project, whose manifest it writes there.

Usage (an AIRFLOW_HOME with a migrated metadata DB, STATSWH_WAREHOUSE pointing at a built
warehouse, e.g. after `make demo`):

    python scripts/measure_cosmos.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from statswh.settings import DBT_PROJECT_DIR, Settings

COSMOS_DAG = """
import os
from pathlib import Path

from airflow.sdk import DAG
from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior

project = Path(os.environ["STATSWH_DBT_PROJECT"])
with DAG("cosmos_measure", schedule=None):
    DbtTaskGroup(
        group_id="dbt",
        project_config=ProjectConfig(
            manifest_path=os.environ["STATSWH_COSMOS_MANIFEST"], project_name="stats_warehouse"
        ),
        profile_config=ProfileConfig(
            profile_name="stats_warehouse",
            target_name="duckdb",
            profiles_yml_filepath=project / "profiles.yml",
        ),
        execution_config=ExecutionConfig(
            execution_mode=ExecutionMode.LOCAL,
            invocation_mode=InvocationMode.DBT_RUNNER,
            dbt_project_path=project,
        ),
        render_config=RenderConfig(
            load_method=LoadMode.DBT_MANIFEST, test_behavior=TestBehavior.BUILD
        ),
    )
with DAG("cosmos_measure_empty", schedule=None):
    pass
"""


def _timed(label: str, action: Callable[[], object]) -> float:
    """Run `action`; print and return its CPU seconds in child processes (where all the work
    happens), which a machine shared with other jobs disturbs less than wall-clock time."""
    started, cpu = time.perf_counter(), _children_cpu()
    action()
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    print(f"{label:<58} {seconds:6.1f} s wall {cpu:6.1f} s cpu", flush=True)
    return cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _project_copy(folder: Path) -> Path:
    """A copy of the dbt project (every seed is inside it), so its manifest stays apart."""
    shutil.copytree(DBT_PROJECT_DIR, folder, ignore=shutil.ignore_patterns("target", "logs"))
    return folder


def _run(*command: str, env: dict[str, str]) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout[-3000:]}")


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="statswh-cosmos-"))
    warehouse = scratch / "stats.duckdb"
    shutil.copy(Settings.from_env().warehouse, warehouse)
    os.environ["STATSWH_WAREHOUSE"] = str(warehouse)
    bin_dir = Path(sys.executable).parent
    project_copy = _project_copy(scratch / "dbt_project")
    manifest = project_copy / "target" / "manifest.json"
    dags = scratch / "dags"
    dags.mkdir()
    (dags / "cosmos_measure.py").write_text(COSMOS_DAG, encoding="utf-8")
    env = {
        **os.environ,
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
        "STATSWH_COSMOS_MANIFEST": str(manifest),
        "STATSWH_DBT_PROJECT": str(project_copy),
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    project = ["--project-dir", str(project_copy), "--profiles-dir", str(project_copy)]
    _run(str(bin_dir / "dbt"), "parse", *project, "--target-path", str(manifest.parent), env=env)

    from statswh import pipeline

    settings = Settings.from_env()
    plain = _timed("plain dbt build", lambda: pipeline.build(settings))
    parse = _timed(
        "cosmos DAG file parse (import + render from manifest)",
        lambda: _run(
            sys.executable, "-c", "import runpy, sys; runpy.run_path(sys.argv[1])",
            str(dags / "cosmos_measure.py"), env=env,
        ),
    )  # fmt: skip
    airflow = str(bin_dir / "airflow")
    cosmos = _timed(
        "cosmos DbtTaskGroup, `airflow dags test`",
        lambda: _run(airflow, "dags", "test", "cosmos_measure", env=env),
    )
    startup = _timed(
        "  `airflow dags test` start-up (empty DAG)",
        lambda: _run(airflow, "dags", "test", "cosmos_measure_empty", env=env),
    )
    print(f"CPU, cosmos (less start-up) / plain dbt build: x{(cosmos - startup) / plain:.1f}")
    print(f"CPU, cosmos DAG file parse: {parse:.1f} s (a python start-up included)")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
