"""DAG integrity: the files import cleanly and follow the project's conventions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from statswh.orchestration import month_of, months_to_process

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
    retries = {task.task_id: task.retries for task in dag.tasks}
    assert retries["check"] == 0, "a failed quality gate cannot be fixed by retrying"
    assert retries["build"] > 0
    assert retries["ingest_month"] > 0


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
