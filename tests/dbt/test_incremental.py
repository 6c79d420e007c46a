"""A monthly (incremental) build gives exactly the warehouse a full refresh gives.

The sample is loaded without its last month and built; then, as in production,
 1. the held-back month is ingested and the monthly (incremental) `dbt build` runs, with the
    selection statswh.pipeline.build makes when the project's files have not changed;
 2. five late files revising earlier months are ingested (川江区's sheets re-sent long after
    the months they cover: 2022-06 and 2023-03 with retail sales changed, 2023-04 with the
    sign of the budget revenue's growth corrected, which resolves two flagged anomalies,
    2022-09 with a unit slip in fixed-asset investment, 2022-05 with retail sales' growth 30
    points too high, an outlier of an earlier year whose deviation is a reference of the
    next year's outlier scores) and the monthly build runs again;
 3. November and then June to October 2022 are re-sent once more, retail sales' growth 5
    points lower in each, the monthly build running after each batch: they reach back to the
    outlier flagged in 2022-05 (they move its year's median).
After each step a copy of the warehouse file is rebuilt with `dbt build --full-refresh`, and
every table the build writes (marts, data-quality results, materialised intermediate
models) must equal the incremental build's, row for row. The comparison names the
run-time columns it leaves out; there are none today: both builds read the same raw rows
(load times included), and no model stamps its own build time.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from model_warehouse import CHUANJIANG, MONTHLY_REPORT, run_dbt
from openpyxl import load_workbook
from sample_landing import Sample

from statswh import pipeline
from statswh.review_store import ensure_dq_tables
from statswh.settings import Settings

pytestmark = pytest.mark.integration

# Columns filled at run time, left out of the comparison by name (table -> columns).
RUN_TIME_COLUMNS: dict[str, set[str]] = {}
# The schemas dbt writes tables to (views are recomputed on read and need no comparison).
BUILT_SCHEMAS = ("marts", "dq", "intermediate")
# Unit tests run with fixed rows, not on the warehouse: the other dbt tests run them.
BUILD = ("build", "--exclude-resource-type", "unit_test")
# A monthly build as statswh.pipeline.build runs it on a warehouse built by the same project
# files: seeds, seed-only models and views left as the previous build left them.
MONTHLY_BUILD = (*BUILD, "--select", *pipeline.MONTHLY_SELECTION)

# The late files: 川江区's sheet of an earlier month re-sent with one figure changed.
# (month, release date, indicator as written, column: 2 value / 4 growth, change)
RETAIL_SALES = "社会消费品零售总额"
REVISION = 2.3
LATE_FILES = (
    ("2022-06", date(2024, 1, 20), RETAIL_SALES, 2, lambda value: round(value + REVISION, 1)),
    ("2023-03", date(2024, 1, 21), RETAIL_SALES, 2, lambda value: round(value + REVISION, 1)),
    # the sample's injected sign error (-7.2 for +7.2), corrected
    ("2023-04", date(2024, 1, 22), "一般公共预算收入", 4, abs),
    # a unit slip: 万元 figures labelled 亿元 (a value ten thousand times its neighbours)
    ("2022-09", date(2024, 1, 23), "固定资产投资", 2, lambda value: value * 10_000),
    # a growth 30 points off in an earlier year: the series rules recompute from its year on
    ("2022-05", date(2024, 1, 24), RETAIL_SALES, 4, lambda growth: round(growth + 30, 1)),
)


@dataclass(frozen=True)
class Monthly:
    """The incremental warehouse after a step, and the same data rebuilt in full."""

    incremental: Path
    full_refresh: Path
    target_path: Path


def tables(warehouse: Path) -> list[str]:
    with closing(duckdb.connect(str(warehouse), read_only=True)) as connection:
        rows = connection.execute(
            "select schema_name || '.' || table_name from duckdb_tables() "
            f"where schema_name in {BUILT_SCHEMAS} order by 1"
        ).fetchall()
    return [name for (name,) in rows]


def table_rows(warehouse: Path, table: str) -> pd.DataFrame:
    excluded = RUN_TIME_COLUMNS.get(table.split(".")[1], set())
    with closing(duckdb.connect(str(warehouse), read_only=True)) as connection:
        frame = connection.execute(f"select * from {table} order by all").df()
    return frame.drop(columns=sorted(excluded))


def incremental_models(target_path: Path) -> set[str]:
    """schema.table of every model the project builds incrementally (from dbt's manifest)."""
    manifest = json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))
    return {
        f"{node['schema']}.{node['alias']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"
    }


def revise(
    original: Path,
    revised: Path,
    release: date,
    indicator: str,
    column: int,
    change: Callable[[float], float],
) -> None:
    """川江区's sheet alone, one figure changed, and a (late) release date."""
    workbook = load_workbook(original)
    for name in workbook.sheetnames:
        if name != CHUANJIANG:
            del workbook[name]
    sheet = workbook[CHUANJIANG]
    [row] = [row for row in sheet.iter_rows(min_row=3) if row[0].value == indicator]
    row[column].value = change(row[column].value)
    sheet["A2"] = re.sub(r"\d{4}-\d{2}-\d{2}", release.isoformat(), sheet["A2"].value)
    workbook.save(revised)


def full_target(target_path: Path) -> Path:
    return target_path.with_name("dbt-full")


def full_refresh_copy(monthly: Path, name: str, target_path: Path) -> Path:
    copy = monthly.with_name(f"{name}.duckdb")
    shutil.copyfile(monthly, copy)
    run_dbt(*BUILD, "--full-refresh", warehouse=copy, target_path=target_path)
    return copy


@pytest.fixture(scope="module")
def warehouse(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The sample without its last month, built (every model built in full)."""
    root = tmp_path_factory.mktemp("incremental")
    settings = Settings(root / "stats.duckdb", sample.landing)
    months = sorted(path.name for path in sample.landing.iterdir() if path.is_dir())
    history = [path for month in months[:-1] for path in pipeline.landing_files(settings, month)]
    assert all(result.status == "loaded" for result in pipeline.ingest(settings, history))
    with closing(pipeline.connect(settings)) as connection:
        ensure_dq_tables(connection)
    run_dbt(*BUILD, warehouse=settings.warehouse, target_path=root / "dbt-target")
    return settings


@pytest.fixture(scope="module")
def new_month(warehouse: Settings, sample: Sample) -> Monthly:
    """The held-back month ingested and built incrementally, and a full refresh of a copy."""
    last_month = sorted(path.name for path in sample.landing.iterdir() if path.is_dir())[-1]
    results = pipeline.ingest(warehouse, pipeline.landing_files(warehouse, last_month))
    assert results and all(result.status == "loaded" for result in results)
    target_path = warehouse.warehouse.parent / "dbt-target"
    run_dbt(*MONTHLY_BUILD, warehouse=warehouse.warehouse, target_path=target_path)
    run_results = json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))
    incremental = incremental_models(target_path)
    compiled = {
        result["unique_id"].split(".")[-1]: result.get("compiled_code") or ""
        for result in run_results["results"]
    }
    for model in incremental:
        code = compiled[model.split(".")[1]]
        assert "incremental_watermarks" in code or "changed_facts" in code, model
    snapshot = warehouse.warehouse.with_name("after-new-month.duckdb")
    shutil.copyfile(warehouse.warehouse, snapshot)
    full = full_refresh_copy(warehouse.warehouse, "new-month-full", full_target(target_path))
    return Monthly(snapshot, full, target_path)


def ingest_late(warehouse: Settings, sample: Sample, files: tuple, name: str) -> None:
    """川江区's sheets of earlier months, revised as `files` says, ingested."""
    folder = warehouse.warehouse.parent / name
    folder.mkdir()
    paths = []
    for month, release, indicator, column, change in files:
        [original] = (sample.landing / month).glob(f"{MONTHLY_REPORT}_*.xlsx")
        paths.append(folder / original.name.replace(".xlsx", "(修订).xlsx"))
        revise(original, paths[-1], release, indicator, column, change)
    results = pipeline.ingest(warehouse, paths)
    assert [result.status for result in results] == ["loaded"] * len(files)


@pytest.fixture(scope="module")
def late_files(new_month: Monthly, warehouse: Settings, sample: Sample) -> Monthly:
    """The late files, ingested and built incrementally."""
    ingest_late(warehouse, sample, LATE_FILES, "late")
    run_dbt(*MONTHLY_BUILD, warehouse=warehouse.warehouse, target_path=new_month.target_path)
    full = full_refresh_copy(warehouse.warehouse, "late-full", full_target(new_month.target_path))
    return Monthly(warehouse.warehouse, full, new_month.target_path)


@pytest.fixture(scope="module")
def a_later_revision(late_files: Monthly, warehouse: Settings, sample: Sample) -> Monthly:
    """After the late files, November and then June to October 2022 re-sent once more,
    retail sales' growth 5 points lower in each (their values as first published), each
    batch built incrementally. Together they move the median of 2022's other periods for the
    outlier flagged in 2022-05, a flag older than the last build's watermark: a build that
    recomputed only from the earliest changed month on would keep it stale."""
    target_path = late_files.target_path
    for name, months in (("later-11", (11,)), ("later-6-10", range(6, 11))):
        files = tuple(
            (f"2022-{month:02d}", date(2024, 2, month), RETAIL_SALES, 4, lambda g: round(g - 5, 1))
            for month in months
        )
        ingest_late(warehouse, sample, files, name)
        run_dbt(*MONTHLY_BUILD, warehouse=warehouse.warehouse, target_path=target_path)
    full = full_refresh_copy(warehouse.warehouse, "later-full", full_target(target_path))
    return Monthly(warehouse.warehouse, full, target_path)


def assert_same_tables(monthly: Monthly) -> None:
    built = tables(monthly.incremental)
    assert built == tables(monthly.full_refresh)
    assert incremental_models(monthly.target_path) <= set(built)
    for table in built:
        incremental = table_rows(monthly.incremental, table)
        full_refresh = table_rows(monthly.full_refresh, table)
        pd.testing.assert_frame_equal(incremental, full_refresh, obj=table)


def test_a_new_month_built_incrementally_equals_a_full_refresh(new_month: Monthly) -> None:
    assert_same_tables(new_month)


def test_late_files_revising_earlier_months_built_incrementally_equal_a_full_refresh(
    late_files: Monthly,
) -> None:
    assert_same_tables(late_files)


def test_the_late_files_reach_the_months_after_them_and_a_year_later(
    new_month: Monthly, late_files: Monthly
) -> None:
    """The revisions change more than their own rows: the comparison above has work to do."""
    query = (
        "select period_end, value from marts.fct_indicator_single_period "
        "where region_code = '411602' and indicator_code = 'retail_sales' and grain = 'month' "
        "and period_end in ('2022-06-30', '2022-07-31', '2023-03-31', '2023-04-30') order by 1"
    )
    before = table_rows_of(new_month.incremental, query)
    after = table_rows_of(late_files.incremental, query)
    differences = [round(b - a, 6) for (_, a), (_, b) in zip(before, after, strict=True)]
    assert differences == [REVISION, -REVISION, REVISION, -REVISION]
    growth = (
        "select last_year_value from marts.mart_indicator_growth "
        "where region_code = '411602' and indicator_code = 'retail_sales' "
        "and period_type = 'ytd' and period_end = '2023-06-30'"
    )
    [(last_year_before,)] = table_rows_of(new_month.incremental, growth)
    [(last_year_after,)] = table_rows_of(late_files.incremental, growth)
    assert last_year_after == pytest.approx(last_year_before + REVISION)
    # flags raised in the revised months and a year later, and flags resolved by a correction
    flags = (
        "select rule_code, indicator_code, cast(period_end as varchar) from marts.dq_anomalies "
        "where region_code = '411602'"
    )
    before, after = (
        set(table_rows_of(new_month.incremental, flags)),
        set(table_rows_of(late_files.incremental, flags)),
    )
    assert ("unit_magnitude_jump", "fixed_asset_investment", "2022-09-30") in after - before
    before, after = (
        {flag for flag in flags_of_rows if flag[1] != "fixed_asset_investment"}
        for flags_of_rows in (before, after)
    )
    assert after - before == {
        ("growth_level_mismatch", "retail_sales", "2022-05-31"),
        ("outlier", "retail_sales", "2022-05-31"),
        ("growth_level_mismatch", "retail_sales", "2022-06-30"),
        ("growth_level_mismatch", "retail_sales", "2023-03-31"),
        ("growth_level_mismatch", "retail_sales", "2023-06-30"),
    }
    assert before - after == {
        ("growth_level_mismatch", "budget_revenue", "2023-04-30"),
        ("outlier", "budget_revenue", "2023-04-30"),
    }


def table_rows_of(warehouse: Path, sql: str) -> list[tuple]:
    with closing(duckdb.connect(str(warehouse), read_only=True)) as connection:
        return connection.execute(sql).fetchall()


def test_a_revision_reaching_back_to_an_earlier_flag_built_incrementally_equals_a_full_refresh(
    a_later_revision: Monthly,
) -> None:
    assert_same_tables(a_later_revision)
