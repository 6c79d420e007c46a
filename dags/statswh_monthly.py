"""
### Stats Warehouse: monthly pipeline

Loads the bureau files of one reporting month, builds the marts with dbt, runs the
data-quality gate and publishes a read-only copy for analysts and BI tools.

* **When**: on the 1st of each month, 06:00 Asia/Shanghai, for the month of the run's
  data interval (`$STATSWH_LANDING/YYYY-MM/`); and whenever new files land in the
  landing folder (the `statswh_landing` asset, watched by the triggerer), for exactly
  those files.
* **Params**: `month` (YYYY-MM) overrides the data interval; `first_month` makes one
  run cover every month from it to `month` (a catch-up in one build).
* **Steps**: `plan` lists the files; `parse_file` parses each file as its own mapped
  task, in parallel, into a staging set beside the archive (a rejected file fails its
  task, with the reason, and the others still load); `load_files` loads every staged
  file of the run in order, each in its own transaction, and quarantines the rejected
  ones; `build_warehouse` runs one `dbt build` (seeds, staging, intermediate, marts and
  the data-quality rules); `check` is the data-quality gate; `publish` swaps in the new
  read-only copy (and updates the `statswh_published` asset); `publish_postgres` copies
  it to PostgreSQL when `STATSWH_PUBLISH_POSTGRES` is set (skipped otherwise).
* **One writer**: every task that writes the working warehouse (`load_files`,
  `build_warehouse`, `check`, `publish`) takes the one slot of the `statswh_warehouse`
  pool, and one run is active at a time; other runs queue. `parse_file` writes only its
  staging set and takes no slot.
* **Reruns** change nothing: files load once (by sha256), the marts are rebuilt from raw.
* **Failures** are retried with exponential back-off where a retry can help (dbt, I/O),
  never for the gate or a rejected file, and recorded in
  `<warehouse folder>/logs/failures.jsonl` (and mailed when SMTP is configured). A run
  whose only failures are rejected files ends as a success once the rest is published.
"""

from __future__ import annotations

import os
from datetime import timedelta
from functools import partial

import pendulum
from airflow.sdk import (
    Asset,
    AssetOrTimeSchedule,
    AssetWatcher,
    CronDataIntervalTimetable,
    Param,
    TriggerRule,
    dag,
    task,
)

# Both are light on purpose (the pipeline is imported inside the task functions' bodies).
from statswh import orchestration
from statswh.landing_trigger import LandingFilesTrigger
from statswh.orchestration import BUREAU_TIMEZONE, WAREHOUSE_POOL
from statswh.settings import Settings

# Read once per process that parses this file (the scheduler's, each task's), passed to tasks.
SETTINGS = Settings.from_env()
LANDING = SETTINGS.landing
# How often the triggerer lists the landing folder; a file is picked up after two listings.
POLL_SECONDS = float(os.environ.get("STATSWH_LANDING_POLL_SECONDS", "30"))
landing_asset = Asset(
    name="statswh_landing",
    uri=LANDING.as_uri(),
    watchers=[
        AssetWatcher(
            name="statswh_landing_files",
            trigger=LandingFilesTrigger(folder=str(LANDING), poll_seconds=POLL_SECONDS),
        )
    ],
)
published_asset = Asset(name="statswh_published", uri=SETTINGS.published.as_uri())


@dag(
    dag_id="statswh_monthly",
    schedule=AssetOrTimeSchedule(
        timetable=CronDataIntervalTimetable("0 6 1 * *", timezone=BUREAU_TIMEZONE),
        assets=[landing_asset],
    ),
    start_date=pendulum.datetime(2021, 1, 1, tz=BUREAU_TIMEZONE),
    catchup=False,
    max_active_runs=1,
    tags=["statswh", "monthly"],
    default_args={
        "owner": "statswh",
        "retries": 3,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=10),
        "on_failure_callback": partial(orchestration.record_failure, settings=SETTINGS),
    },
    params={
        "month": Param(None, type=["null", "string"], pattern=r"^\d{4}-\d{2}$"),
        "first_month": Param(None, type=["null", "string"], pattern=r"^\d{4}-\d{2}$"),
    },
    doc_md=__doc__,
)
def statswh_monthly() -> None:
    @task(retries=0)
    def plan(data_interval_start=None, params=None, triggering_asset_events=None) -> list[str]:
        landed = [
            event.extra.get("payload", {})
            for events in (triggering_asset_events or {}).values()
            for event in events
        ]
        return orchestration.files_to_ingest(SETTINGS, data_interval_start, params, landed)

    @task(map_index_template="{{ task.op_kwargs['name'] }}")
    def parse_file(name: str) -> str:
        """Reads one landing file and writes its staging set: no warehouse, no pool."""
        return orchestration.parse_file(SETTINGS, name)

    # Runs past rejected files (they fail their parse task) and records them; a run
    # without files skips it and everything after it.
    @task(pool=WAREHOUSE_POOL, trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS)
    def load_files(names: list[str]) -> list[str]:
        return orchestration.load_files(SETTINGS, names)

    @task(pool=WAREHOUSE_POOL)
    def build_warehouse() -> dict[str, int]:
        return orchestration.build_warehouse(SETTINGS)

    @task(retries=0, pool=WAREHOUSE_POOL)
    def check() -> dict[str, int]:
        return orchestration.check(SETTINGS)

    @task(outlets=[published_asset], pool=WAREHOUSE_POOL)
    def publish() -> dict[str, int]:
        return orchestration.publish(SETTINGS)

    @task
    def publish_postgres() -> dict[str, int]:
        """Skipped unless $STATSWH_PUBLISH_POSTGRES is set; reads the published copy only."""
        return orchestration.publish_postgres(SETTINGS)

    names = plan()
    loaded = load_files(names)
    parse_file.expand(name=names) >> loaded
    loaded >> build_warehouse() >> check() >> publish() >> publish_postgres()


statswh_monthly()
