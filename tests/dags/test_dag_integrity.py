"""DAG integrity: the files import cleanly and follow the project's conventions."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from statswh.orchestration import (
    WAREHOUSE_POOL,
    files_to_ingest,
    month_of,
    months_to_process,
)
from statswh.settings import Settings

DAGS_FOLDER = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dag_bag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_FOLDER))


def test_dags_import_without_errors(dag_bag) -> None:
    assert dag_bag.import_errors == {}
    assert "statswh_monthly" in dag_bag.dags


def test_dags_follow_the_conventions(dag_bag) -> None:
    for dag_id, dag in dag_bag.dags.items():
        assert dag.tags, f"{dag_id} has no tags"
        assert dag.doc_md, f"{dag_id} has no documentation"
        assert dag.max_active_runs == 1, f"{dag_id} allows two writers"
        assert dag.start_date.tzinfo is not None
        for task in dag.tasks:
            assert task.owner == "statswh"


def test_retries_only_where_they_can_help(dag_bag) -> None:
    dag = dag_bag.dags["statswh_monthly"]
    tasks = {task.task_id: task for task in dag.tasks}
    for task_id in ("check", "plan"):
        assert tasks[task_id].retries == 0, f"retrying {task_id} cannot change its outcome"
    for task_id in ("parse_file", "load_files", "build_warehouse", "publish"):
        assert tasks[task_id].retries > 0, task_id
        assert tasks[task_id].retry_exponential_backoff, task_id
        assert tasks[task_id].max_retry_delay is not None, task_id
    for task in dag.tasks:
        assert task.on_failure_callback, f"{task.task_id} leaves no failure record"


def test_one_writer_at_a_time(dag_bag) -> None:
    dag = dag_bag.dags["statswh_monthly"]
    writers = {task.task_id for task in dag.tasks if task.pool == WAREHOUSE_POOL}
    assert writers == {"load_files", "build_warehouse", "check", "publish"}
    assert dag.max_active_runs == 1


def test_files_are_parsed_in_parallel_and_written_once_and_the_build_goes_on_past_a_bad_file(
    dag_bag,
) -> None:
    dag = dag_bag.dags["statswh_monthly"]
    chain = ["plan", "parse_file", "load_files", "build_warehouse", "check", "publish"]
    for upstream, downstream in itertools.pairwise(chain):
        assert dag.get_task(upstream).downstream_task_ids >= {downstream}
    assert dag.max_active_tasks > 1, "parse tasks of one run run side by side"
    # A rejected file fails its parse task; the writer still runs, records it, loads the rest.
    assert dag.get_task("load_files").trigger_rule == "all_done_min_one_success"
    assert dag.get_task("load_files").upstream_task_ids == {"plan", "parse_file"}


def test_every_task_does_work_and_the_steps_are_named_after_what_they_build(dag_bag) -> None:
    dag = dag_bag.dags["statswh_monthly"]
    assert sorted(task.task_id for task in dag.tasks) == [
        "build_warehouse",
        "check",
        "load_files",
        "parse_file",
        "plan",
        "publish",
        "publish_postgres",
    ]
    assert not [task for task in dag.tasks if task.inherits_from_empty_operator]


def test_runs_start_on_schedule_and_when_files_land(dag_bag) -> None:
    from airflow.sdk import Asset, AssetOrTimeSchedule

    dag = dag_bag.dags["statswh_monthly"]
    assert isinstance(dag.timetable, AssetOrTimeSchedule)
    [landing] = dag.timetable.asset_condition.objects
    assert isinstance(landing, Asset)
    [watcher] = landing.watchers
    assert type(watcher.trigger).__name__ == "LandingFilesTrigger"
    assert dag.get_task("publish").outlets[0].name == "statswh_published"


def test_the_dag_file_is_configuration_only(tmp_path: Path) -> None:
    """Parsing imports no warehouse, dataframe, dbt or validation library (they cost seconds).

    Airflow itself (its plugins) is loaded first, on an empty folder, so only what the DAG
    file adds is counted.
    """
    code = (
        "import sys, time; from airflow.dag_processing.dagbag import DagBag; "
        "DagBag(dag_folder=sys.argv[2]); before = set(sys.modules); "
        "start = time.perf_counter(); bag = DagBag(dag_folder=sys.argv[1]); "
        "print(time.perf_counter() - start); assert not bag.import_errors, bag.import_errors; "
        "heavy = {'duckdb', 'pandas', 'dbt', 'great_expectations', 'cosmos', 'ingest'}; "
        "print(sorted(heavy & {name.split('.')[0] for name in set(sys.modules) - before}))"
    )
    for dag_file in sorted(DAGS_FOLDER.glob("*.py")):
        completed = subprocess.run(
            [sys.executable, "-c", code, str(dag_file), str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, imported = completed.stdout.strip().splitlines()[-2:]
        assert imported == "[]", f"{dag_file.name} imports {imported} when parsed"
        assert float(seconds) < 1.0, f"{dag_file.name} takes {seconds} s to parse"


def test_a_run_covers_the_month_of_its_data_interval_in_beijing_time() -> None:
    # 2023-05-31 16:00 UTC is midnight of 1 June in Asia/Shanghai.
    assert month_of(datetime(2023, 5, 31, 16, tzinfo=UTC)) == "2023-06"
    assert months_to_process(datetime(2023, 5, 31, 16, tzinfo=UTC)) == ["2023-06"]


def test_month_params_override_the_interval_and_span_a_range() -> None:
    start = datetime(2023, 5, 31, 16, tzinfo=UTC)
    assert months_to_process(start, month="2022-11", first_month="2022-10") == [
        "2022-10",
        "2022-11",
    ]
    assert len(months_to_process(start, month="2023-12", first_month="2021-01")) == 36


@pytest.mark.parametrize(
    ("month", "first_month"), [("2023-13", None), ("2023-6", None), ("2023-01", "2023-02")]
)
def test_bad_month_params_are_refused(month: str, first_month: str | None) -> None:
    with pytest.raises(ValueError, match="month"):
        months_to_process(datetime(2023, 5, 31, 16, tzinfo=UTC), month, first_month)


@pytest.fixture
def landing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    landing = tmp_path / "landing"
    for name in ("2023-05/a.xlsx", "2023-06/b.xlsx", "2023-06/c.csv", "2023-06/.hidden"):
        (landing / name).parent.mkdir(parents=True, exist_ok=True)
        (landing / name).write_bytes(b"x")
    monkeypatch.setenv("STATSWH_LANDING", str(landing))
    monkeypatch.setenv("STATSWH_WAREHOUSE", str(tmp_path / "warehouse" / "stats.duckdb"))
    assert Settings.from_env().landing == landing
    return landing


def test_a_scheduled_run_loads_its_months_folders(landing: Path) -> None:
    settings = Settings.from_env()
    june = datetime(2023, 5, 31, 16, tzinfo=UTC)
    assert files_to_ingest(settings, june, {}) == ["2023-06/b.xlsx", "2023-06/c.csv"]
    assert files_to_ingest(settings, june, {"month": "2023-06", "first_month": "2023-05"}) == [
        "2023-05/a.xlsx",
        "2023-06/b.xlsx",
        "2023-06/c.csv",
    ]


def test_a_run_started_by_landed_files_loads_exactly_those(landing: Path) -> None:
    settings = Settings.from_env()
    landed = [{"files": ["2023-06/c.csv"]}, {"files": ["2023-05/a.xlsx", "2023-05/gone.xlsx"]}]
    assert files_to_ingest(settings, None, {}, landed) == ["2023-05/a.xlsx", "2023-06/c.csv"]
    # An explicit month wins over the events.
    assert files_to_ingest(settings, None, {"month": "2023-05"}, landed) == ["2023-05/a.xlsx"]


def test_a_manual_run_without_interval_or_month_is_refused(landing: Path) -> None:
    settings = Settings.from_env()
    with pytest.raises(ValueError, match="month param"):
        files_to_ingest(settings, None, {})
