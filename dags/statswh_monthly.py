"""
### Stats Warehouse: monthly pipeline

For one reporting month (the run's data interval, in Asia/Shanghai), load the
bureau files in `$STATSWH_LANDING/YYYY-MM/`, build the marts with dbt, run the
data-quality gate, and publish a read-only copy for analysts and BI tools.

* Params: `month` (YYYY-MM) overrides the data interval; `first_month` makes one
  run cover every month from it to `month` (a catch-up or backfill in one build).
* A rerun of a month changes nothing: files are loaded once (by sha256) and the
  marts are rebuilt from raw.
* Errors found by the gate fail `check` and nothing is published; the previous
  published copy stays as it was.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

TIMEZONE = "Asia/Shanghai"


@dag(
    dag_id="statswh_monthly",
    schedule=CronDataIntervalTimetable("0 6 1 * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2021, 1, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    max_active_tasks=1,
    tags=["statswh", "monthly"],
    default_args={
        "owner": "statswh",
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
    },
    params={
        "month": Param(None, type=["null", "string"], pattern=r"^\d{4}-\d{2}$"),
        "first_month": Param(None, type=["null", "string"], pattern=r"^\d{4}-\d{2}$"),
    },
    doc_md=__doc__,
)
def statswh_monthly() -> None:
    @task(retries=0)
    def plan_months(data_interval_start=None, params=None) -> list[str]:
        from statswh.orchestration import months_to_process

        return months_to_process(data_interval_start, params["month"], params["first_month"])

    @task(map_index_template="{{ task.op_kwargs['month'] }}")
    def ingest_month(month: str) -> list[str]:
        from statswh.orchestration import ingest_month

        lines = ingest_month(month)
        print("\n".join(lines))
        return lines

    @task
    def build() -> dict[str, int]:
        from statswh.orchestration import build

        return build()

    @task(retries=0)
    def check() -> dict[str, int]:
        from statswh.orchestration import check

        return check()

    @task
    def publish() -> dict[str, int]:
        from statswh.orchestration import publish

        return publish()

    loaded = ingest_month.expand(month=plan_months())
    loaded >> build() >> check() >> publish()


statswh_monthly()
