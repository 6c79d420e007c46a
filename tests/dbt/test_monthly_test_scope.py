"""A monthly build's data tests read the months it changed; a full refresh reads everything.

Through the real pipeline (statswh.pipeline.ingest and build), on three months of the sample:
the history is 2023-10 and 2023-11, built month by month, then 2023-12 arrives. The bad rows
come from a faulty reader (registered for the test, as a reader with a bug would write them):
a figure of a period type no rule knows, which the raw → marts path lets through to
stg_raw__indicator_observations, whose `accepted_values` test on period_type stops the build.
One such row sits in October, loaded with the history before that test existed (the history
builds leave it out); another arrives with December in one of the tests.
"""

from __future__ import annotations

import json
import shutil
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sample_landing import Sample

import ingest.readers
from ingest.limits import Limits
from ingest.records import FigureAccount, Observation, ParsedFile
from statswh import pipeline
from statswh.settings import DBT_TARGET_DIR, Settings

pytestmark = pytest.mark.integration

PERIOD_TYPE_TEST = (
    "accepted_values_stg_raw__indicator_observations_period_type__month__ytd__quarter__year"
)
FAULTY_SUFFIX = ".faulty"
HISTORY = ("2023-10", "2023-11")
NEW_MONTH = "2023-12"


def read_faulty(path: Path, limits: Limits) -> ParsedFile:
    """The test's faulty reader: one figure, of the period its file states (a tiny JSON file:
    no limit to check)."""
    fault = json.loads(path.read_text(encoding="utf-8"))
    period_end = date.fromisoformat(fault["period_end"])
    figure = Observation(
        sheet_name=None,
        row_number=1,
        region_name="川江区",
        indicator_name="社会消费品零售总额",
        period_label=fault["period_label"],
        period_type=fault["period_type"],
        period_start=period_end.replace(day=21),
        period_end=period_end,
        value_published=5.1,
        value_decimals=1,
        unit_published="亿元",
        yoy_growth_pct=None,
        growth_decimals=None,
    )
    return ParsedFile(observations=[figure], figures=FigureAccount(read=1))


def load(settings: Settings, paths: list[Path]) -> None:
    """Ingest files, the faulty reader's among them; every one must load."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(ingest.readers.READERS, FAULTY_SUFFIX, read_faulty)
        results = pipeline.ingest(settings, paths)
    assert [result.status for result in results] == ["loaded"] * len(paths), results


def faulty_file(folder: Path, period_type: str, period_label: str, period_end: str) -> Path:
    path = folder / f"川江区{period_label}{FAULTY_SUFFIX}"
    fault = {"period_type": period_type, "period_label": period_label, "period_end": period_end}
    path.write_text(json.dumps(fault), encoding="utf-8")
    return path


def run_results(settings: Settings, **build: object) -> list[dict]:
    """Run a pipeline build; dbt's result of every node it ran."""
    results_file = DBT_TARGET_DIR / "run_results.json"
    results_file.unlink(missing_ok=True)  # a build that stops before writing it shows no results
    with suppress(pipeline.StepFailed):
        pipeline.build(settings, **build)
    return json.loads(results_file.read_text(encoding="utf-8"))["results"]


def failed_tests(settings: Settings, **build: object) -> dict[str, int]:
    """Run a pipeline build; the nodes that failed or erred, with the rows each test returned."""
    return {
        result["unique_id"].split(".")[2]: result["failures"]
        for result in run_results(settings, **build)
        if result["status"] in ("fail", "error")
    }


@dataclass(frozen=True)
class History:
    settings: Settings
    first_build_failures: dict[str, int]

    def copy(self, folder: Path) -> Settings:
        """The history in another folder, for a test to add its month to."""
        with closing(pipeline.connect(self.settings)) as connection:
            connection.execute("checkpoint")
        copy = Settings(folder / self.settings.warehouse.name, self.settings.landing)
        shutil.copyfile(self.settings.warehouse, copy.warehouse)
        return copy


@pytest.fixture(scope="module")
def history(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> History:
    """October (with the old bad row) and November, each built as a monthly run would."""
    root = tmp_path_factory.mktemp("test-scope")
    settings = Settings(root / "stats.duckdb", sample.landing)
    old_fault = faulty_file(root, "week", "10月第5周", "2023-10-31")
    load(settings, [old_fault, *pipeline.landing_files(settings, HISTORY[0])])
    first_build_failures = failed_tests(settings)
    assert failed_tests(settings, exclude=[PERIOD_TYPE_TEST]) == {}
    load(settings, pipeline.landing_files(settings, HISTORY[1]))
    assert failed_tests(settings, exclude=[PERIOD_TYPE_TEST]) == {}
    # the whole project, as a monthly run builds it: the warehouse records the project's files
    assert failed_tests(settings) == {}
    return History(settings, first_build_failures)


def test_a_first_build_tests_every_month(history: History) -> None:
    assert history.first_build_failures == {PERIOD_TYPE_TEST: 1}


def test_a_monthly_build_fails_on_a_bad_row_in_its_new_month(
    history: History, tmp_path: Path
) -> None:
    settings = history.copy(tmp_path)
    new_fault = faulty_file(tmp_path, "ten_days", "12月下旬", "2023-12-31")
    load(settings, [*pipeline.landing_files(settings, NEW_MONTH), new_fault])
    # one bad period type found: December's ("ten_days"), not October's ("week")
    assert failed_tests(settings) == {PERIOD_TYPE_TEST: 1}


def test_a_monthly_build_leaves_untouched_months_untested_and_a_full_refresh_tests_them(
    history: History, tmp_path: Path
) -> None:
    settings = history.copy(tmp_path)
    load(settings, pipeline.landing_files(settings, NEW_MONTH))
    assert failed_tests(settings) == {}
    with closing(pipeline.connect(settings, read_only=True)) as connection:
        [(in_view,)] = connection.execute(
            "select count(*) from staging.stg_raw__indicator_observations "
            "where period_type = 'week'"
        ).fetchall()
    assert in_view == 1  # the October row is there, in the tested view
    assert failed_tests(settings, full_refresh=True) == {PERIOD_TYPE_TEST: 1}


def test_a_monthly_build_leaves_out_what_only_the_project_files_decide(
    history: History, tmp_path: Path
) -> None:
    """Seeds, seed-only models and views are as the last build left them while the project's
    files are the same; once they differ from those the warehouse was built with, the whole
    project is built again."""
    settings = history.copy(tmp_path)
    load(settings, pipeline.landing_files(settings, NEW_MONTH))
    monthly = {result["unique_id"] for result in run_results(settings)}
    assert not {node for node in monthly if node.startswith("seed.")}
    assert "model.stats_warehouse.dim_region" not in monthly  # reads only the code lists
    assert "model.stats_warehouse.stg_raw__indicator_observations" not in monthly  # a view
    assert {
        "model.stats_warehouse.fct_indicator_observation",  # incremental
        "model.stats_warehouse.dq_anomalies",  # a table read again whole
    } <= monthly
    assert any(PERIOD_TYPE_TEST in node for node in monthly)  # a view's tests still run
    with closing(pipeline.connect(settings)) as connection:
        connection.execute(f"update {pipeline.FINGERPRINT_TABLE} set fingerprint = 'older files'")
    rebuilt = {result["unique_id"] for result in run_results(settings)}
    assert {"seed.stats_warehouse.regions", "model.stats_warehouse.dim_region"} <= rebuilt
    assert len(rebuilt) > len(monthly)
    with closing(pipeline.connect(settings, read_only=True)) as connection:
        assert pipeline.built_fingerprint(connection) == pipeline.project_fingerprint()
