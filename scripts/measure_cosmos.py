"""Measure what astronomer-cosmos costs over a plain `dbt build` on the same warehouse.

Why: rendering the dbt project as one Airflow task per node makes the build visible,
but every task is a separate dbt invocation. This script times, on a copy of a
warehouse that already holds raw data:

* the plain `dbt build` the pipeline runs,
* the per-layer `dbt build --select` steps the monthly DAG runs (orchestration.build_layer),
* a cosmos DbtTaskGroup rendered from the manifest (LoadMode.DBT_MANIFEST,
  ExecutionMode.LOCAL, InvocationMode.DBT_RUNNER, TestBehavior.BUILD), run with `dag.test()`,
  which runs tasks in-process: the scheduler's per-task overhead comes on top of this.

Usage (an AIRFLOW_HOME with a migrated metadata DB, STATSWH_WAREHOUSE pointing at a built
warehouse, e.g. after `make demo`):

    python scripts/measure_cosmos.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from statswh.settings import DBT_PROJECT_DIR, Settings


def _timed(label: str, action) -> float:
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(f"{label:<55} {seconds:6.1f} s", flush=True)
    return seconds


def main() -> None:
    source = Settings.from_env()
    scratch = Path(tempfile.mkdtemp(prefix="statswh-cosmos-"))
    warehouse = scratch / "stats.duckdb"
    shutil.copy(source.warehouse, warehouse)
    os.environ["STATSWH_WAREHOUSE"] = str(warehouse)
    settings = Settings(warehouse, source.landing)
    dbt = str(Path(sys.executable).with_name("dbt"))
    target = scratch / "target"
    subprocess.run(
        [dbt, "parse", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir",
         str(DBT_PROJECT_DIR), "--target-path", str(target)],
        check=True, capture_output=True,
    )  # fmt: skip

    from statswh import orchestration, pipeline

    plain = _timed("plain dbt build", lambda: pipeline.build(settings))
    _timed(
        "per-layer dbt build --select steps (monthly DAG)",
        lambda: [orchestration.build_layer(layer) for layer, _ in orchestration.DBT_LAYERS],
    )

    started = time.perf_counter()
    from airflow.sdk import DAG
    from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
    from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior

    with DAG("cosmos_measure", schedule=None) as dag:
        group = DbtTaskGroup(
            group_id="dbt",
            project_config=ProjectConfig(
                manifest_path=target / "manifest.json", project_name="stats_warehouse"
            ),
            profile_config=ProfileConfig(
                profile_name="stats_warehouse",
                target_name="duckdb",
                profiles_yml_filepath=DBT_PROJECT_DIR / "profiles.yml",
            ),
            execution_config=ExecutionConfig(
                execution_mode=ExecutionMode.LOCAL,
                invocation_mode=InvocationMode.DBT_RUNNER,
                dbt_project_path=DBT_PROJECT_DIR,
            ),
            render_config=RenderConfig(
                load_method=LoadMode.DBT_MANIFEST, test_behavior=TestBehavior.BUILD
            ),
        )
    render = time.perf_counter() - started
    print(f"{'cosmos import + render from manifest':<55} {render:6.1f} s")
    print(f"cosmos tasks: {len(group.children)} groups/tasks, {len(dag.tasks)} tasks")
    cosmos = _timed("cosmos DbtTaskGroup, dag.test()", dag.test)
    print(f"cosmos overhead over plain dbt build: x{cosmos / plain:.1f}")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
