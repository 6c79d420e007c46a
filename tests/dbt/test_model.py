"""The warehouse model: vintages and revisions, derived figures, projects, targets, docs.

Runs on a copy of the session's sample warehouse that also received a revised workbook,
key-project lists and the 2023 targets, built incrementally (see model_warehouse.py).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from model_warehouse import (
    ACCOUNTED_FILE,
    CORRECTED_JUNE,
    HUAIYANG_CODE,
    ORIGINAL_RELEASE,
    REVISED_FACT,
    REVISED_RELEASE,
    REVISION,
    SPELLED_IN_JUNE,
    TARGETS_2023,
    TARGETS_FILE,
    ModelWarehouse,
    prepare_model_warehouse,
    run_results,
    snapshot_marts,
)
from sample_landing import Sample

from statswh.settings import Settings
from tests.fixtures.projects.build_real_lists import XINDU

pytestmark = pytest.mark.integration

REVISED_WHERE = (
    f"region_code = '{REVISED_FACT['region_code']}' "
    f"and indicator_code = '{REVISED_FACT['indicator_code']}' "
    f"and period_end = date '{REVISED_FACT['period_end']}'"
)


@pytest.fixture(scope="session")
def model(
    built: Settings, sample: Sample, tmp_path_factory: pytest.TempPathFactory
) -> ModelWarehouse:
    return prepare_model_warehouse(built, sample.landing, tmp_path_factory.mktemp("model"))


def published_value(sample: Sample) -> float:
    """The revised figure as the original 2023-03 workbook published it (the sample's truth)."""
    with (sample.truth / "observations.csv").open(encoding="utf-8") as handle:
        [row] = [
            row
            for row in csv.DictReader(handle)
            if (row["region_code"], row["indicator_code"], row["period_end"])
            == tuple(REVISED_FACT.values())
            and row["period_type"] == "ytd"
        ]
    return float(row["value_text"])


# --- vintages --------------------------------------------------------------------------------


REVISED_FILE = "(select source_file_id from marts.dim_source_file where file_name like '%(修订)%')"


def test_a_revised_file_adds_a_vintage_and_keeps_the_earlier_ones(
    model: ModelWarehouse, sample: Sample
) -> None:
    history = model.query(
        "select value, valid_from, valid_to, is_current, is_revision, "
        f"source_file_id in {REVISED_FILE} as from_revised_file "
        f"from marts.fct_indicator_observation_history where {REVISED_WHERE} "
        "order by vintage_number"
    )
    original = published_value(sample)
    earlier, [revised] = history[:-1], history[-1:].itertuples(index=False)
    assert revised.from_revised_file and revised.is_current and revised.is_revision
    assert revised.value == pytest.approx(original + REVISION)
    assert revised.valid_from.date() == REVISED_RELEASE and pd.isna(revised.valid_to)
    # the original workbook's vintage(s): same figure, published 04-15, superseded on 05-20
    assert len(earlier) >= 1 and not earlier["from_revised_file"].any()
    assert earlier["value"].tolist() == pytest.approx([original] * len(earlier))
    assert set(earlier["valid_from"].dt.date) == {ORIGINAL_RELEASE}
    assert earlier["valid_to"].dt.date.iloc[-1] == REVISED_RELEASE
    assert not earlier["is_current"].any() and not earlier["is_revision"].any()


def test_the_latest_view_shows_only_the_revised_figure(
    model: ModelWarehouse, sample: Sample
) -> None:
    latest = model.query(
        f"select value, published_on from marts.fct_indicator_observation where {REVISED_WHERE}"
    )
    assert latest["value"].tolist() == pytest.approx([published_value(sample) + REVISION])
    assert latest["published_on"].dt.date.tolist() == [REVISED_RELEASE]


def test_republished_unchanged_figures_are_vintages_but_not_revisions(
    model: ModelWarehouse,
) -> None:
    resent = model.query(
        "select region_code, indicator_code, is_revision "
        f"from marts.fct_indicator_observation_history where source_file_id in {REVISED_FILE}"
    )
    assert set(resent["region_code"]) == {REVISED_FACT["region_code"]}
    assert len(resent) > 1, "the correction re-sends all of 川江区's figures of the month"
    revised = resent[resent["is_revision"]]
    assert revised["indicator_code"].tolist() == [REVISED_FACT["indicator_code"]]


def test_as_published_on_answers_for_any_date_in_dbt_and_in_plain_sql(
    model: ModelWarehouse, sample: Sample
) -> None:
    dates = ("2023-04-14", "2023-04-30", "2023-05-20", "2023-12-31")
    through_dbt = model.show(
        " union all ".join(
            f"select '{day}' as published_on, value from {{{{ as_published_on('{day}') }}}} "
            f"as published where {REVISED_WHERE}"
            for day in dates
        )
    )
    plain_sql = model.query(
        " union all ".join(
            f"select '{day}' as published_on, value from marts.fct_indicator_observation_history "
            f"where {REVISED_WHERE} and valid_from <= date '{day}' "
            f"and (valid_to is null or valid_to > date '{day}')"
            for day in dates
        )
    )
    original = published_value(sample)
    expected = {"2023-04-30": original, "2023-05-20": original + REVISION}
    expected["2023-12-31"] = expected["2023-05-20"]  # before 04-15 it was not published yet
    for rows in (through_dbt, plain_sql.to_dict("records")):
        found = {row["published_on"]: row["value"] for row in rows}
        assert found == pytest.approx(expected)


def test_derived_months_use_the_revised_figure(model: ModelWarehouse) -> None:
    ytd = model.query(
        "select month(period_end) as month, value from marts.fct_indicator_observation "
        "where region_code = '411602' and indicator_code = 'retail_sales' "
        "and period_type = 'ytd' and year(period_end) = 2023 and month(period_end) <= 4"
    ).set_index("month")["value"]
    months = model.query(
        "select month(period_end) as month, value from marts.fct_indicator_single_period "
        "where region_code = '411602' and indicator_code = 'retail_sales' and grain = 'month' "
        "and year(period_end) = 2023 and month(period_end) in (3, 4)"
    ).set_index("month")["value"]
    assert months[3] == pytest.approx(ytd[3] - ytd[2])
    assert months[4] == pytest.approx(ytd[4] - ytd[3])


def test_an_incremental_build_equals_a_full_refresh(model: ModelWarehouse) -> None:
    [history_run] = [
        result
        for result in model.incremental_results
        if result["unique_id"] == "model.stats_warehouse.fct_indicator_observation_history"
    ]
    assert "changed_facts" in history_run["compiled_code"], "the build was not incremental"
    model.dbt("build", "--full-refresh")
    after_full_refresh = snapshot_marts(model.settings.warehouse)
    assert sorted(after_full_refresh) == sorted(model.marts_after_incremental_build)
    for table, frame in model.marts_after_incremental_build.items():
        pd.testing.assert_frame_equal(after_full_refresh[table], frame, obj=table)


# --- derived figures (the sample's 川江区 series) ---------------------------------------------


def test_january_and_february_are_one_period_when_january_is_not_published(
    model: ModelWarehouse,
) -> None:
    rows = model.query(
        "select period_type, period_start, months_covered, value from "
        "marts.fct_indicator_single_period where region_code = '411602' "
        "and indicator_code = 'retail_sales' and grain = 'month' "
        "and period_end = date '2023-02-28'"
    )
    [(period_type, period_start, months_covered, value)] = rows.itertuples(index=False)
    ytd = model.query(
        "select value from marts.fct_indicator_observation where region_code = '411602' "
        "and indicator_code = 'retail_sales' and period_type = 'ytd' "
        "and period_end = date '2023-02-28'"
    )
    assert (period_type, str(period_start.date()), months_covered) == ("ytd", "2023-01-01", 2)
    assert value == ytd["value"].item()


def test_single_months_add_up_to_the_year_and_quarters_of_gdp_too(model: ModelWarehouse) -> None:
    sums = model.query(
        "select indicator_code, grain, sum(single.value) as total, "
        "sum(single.value_half_width) as rounding, count(*) as n "
        "from marts.fct_indicator_single_period as single where region_code = '411602' "
        "and year(period_end) = 2022 group by all"
    )
    years = model.query(
        "select indicator_code, value from marts.fct_indicator_observation "
        "where region_code = '411602' and period_type = 'year' and period_end = date '2022-12-31'"
    ).set_index("indicator_code")["value"]
    counts = {(row.indicator_code, row.grain): row.n for row in sums.itertuples()}
    assert counts[("retail_sales", "month")] == 11  # 1-2月, then March to December
    assert counts[("budget_revenue", "month")] == 12  # January is published alone
    assert counts[("gdp", "quarter")] == 4
    assert ("gdp", "month") not in counts
    for row in sums.itertuples():
        assert row.total == pytest.approx(years[row.indicator_code], abs=1e-9)


def test_growth_recomputed_from_levels_sits_beside_the_published_growth(
    model: ModelWarehouse,
) -> None:
    rows = model.query(
        "select indicator_code, yoy_growth_pct, yoy_growth_from_levels_pct, last_year_value "
        "from marts.mart_indicator_growth where region_code = '411602' "
        "and period_type = 'year' and period_end = date '2022-12-31'"
    ).set_index("indicator_code")
    # seed-facts: 161.5 亿元 at +3.0 % implies about 156.8 in 2021
    assert rows.loc["retail_sales", "last_year_value"] == pytest.approx(156.8, abs=0.05)
    assert rows.loc["retail_sales", "yoy_growth_from_levels_pct"] == pytest.approx(3.0, abs=0.05)
    assert rows.loc["retail_sales", "yoy_growth_pct"] == 3.0


def test_a_city_is_compared_with_the_sum_of_its_districts_and_counties(
    model: ModelWarehouse,
) -> None:
    rollup = model.query(
        "select children_value, n_children_reporting, n_children, is_complete, is_consistent "
        "from marts.mart_region_rollup where region_code = '411600' "
        "and indicator_code = 'retail_sales' and period_type = 'year' "
        "and period_end = date '2022-12-31'"
    )
    districts = model.query(
        "select sum(value) as total, count(*) as n from marts.fct_indicator_observation "
        "where region_code in (select region_code from marts.dim_region "
        "where parent_region_code = '411600') and indicator_code = 'retail_sales' "
        "and period_type = 'year' and period_end = date '2022-12-31'"
    )
    [row] = rollup.itertuples(index=False)
    assert row.children_value == pytest.approx(districts["total"].item())
    assert (row.n_children_reporting, row.n_children) == (districts["n"].item(), 10)
    assert not row.is_complete and pd.isna(row.is_consistent)


# --- projects ----------------------------------------------------------------------------------


def test_the_project_marts_list_the_projects_with_their_latest_stage(
    model: ModelWarehouse,
) -> None:
    projects = model.query(
        f"select project_name, stage from marts.dim_project where region_code = '{HUAIYANG_CODE}'"
    )
    assert dict(zip(projects["project_name"], projects["stage"], strict=True)) == {
        "羲皇文化旅游区一期": "投产",
        "淮阳智能装备产业园二期": "投产",
        "龙湖湿地生态修复工程": "竣工",
        "淮阳区人民医院新院区": "新开工",
        "淮阳冷链物流园": "新开工",
        "太昊陵历史文化街区": "竣工",
    }


def test_a_project_spelled_differently_keeps_one_code(model: ModelWarehouse) -> None:
    [(name, spelled)] = SPELLED_IN_JUNE.items()
    rows = model.query(
        "select project_code, count(*) as n from marts.mart_project_tracking "
        f"where project_name = '{name}' group by project_code"
    )
    assert rows["n"].tolist() == [3], f"{spelled} in June is {name}, reported three times"


def test_projects_behind_plan_use_the_corrected_list(model: ModelWarehouse) -> None:
    behind = model.query(
        "select project_name, completed_investment_ytd, schedule_gap_pp "
        f"from marts.mart_project_tracking where region_code = '{HUAIYANG_CODE}' "
        "and is_behind_plan and period_end = date '2023-06-30'"
    ).set_index("project_name")
    assert set(behind.index) == {"龙湖湿地生态修复工程", "淮阳区人民医院新院区", "淮阳冷链物流园"}
    [(name, completed)] = CORRECTED_JUNE.items()
    assert behind.loc[name, "completed_investment_ytd"] == completed
    assert behind.loc[name, "schedule_gap_pp"] == pytest.approx(completed / 25 * 100 - 50)


def test_stage_changes_name_the_stages_and_the_month(model: ModelWarehouse) -> None:
    changes = model.query(
        "select project_name, from_stage, to_stage, changed_in_month, is_step_back "
        "from marts.mart_project_stage_changes where project_code in "
        f"(select project_code from marts.dim_project where region_code = '{HUAIYANG_CODE}')"
    )
    assert set(changes.drop(columns="is_step_back").itertuples(index=False, name=None)) == {
        ("淮阳智能装备产业园二期", "续建", "投产", 6),  # listed as 已投产 in June
        ("龙湖湿地生态修复工程", "续建", "竣工", 9),  # listed as 在建 in March
        ("淮阳区人民医院新院区", "前期", "新开工", 6),
        ("淮阳冷链物流园", "前期", "新开工", 9),
    }
    assert not changes["is_step_back"].any()


# --- targets -----------------------------------------------------------------------------------


def test_every_target_of_the_work_report_maps_to_an_indicator(model: ModelWarehouse) -> None:
    """Each 2023 target, from whichever file states it last, is its own mapped row."""
    targets = model.query(
        "select indicator_code, target_kind, target_value from marts.fct_indicator_target "
        "where region_code = '411602' and year = 2023 and indicator_code is not null"
    )
    by_kind = targets.set_index(["indicator_code", "target_kind"])["target_value"]
    mapped = model.query(
        "select distinct indicator_name_published, indicator_code "
        "from intermediate.int_targets_mapped "
        "where source_file_id in (select source_file_id from marts.dim_source_file "
        f"where file_name = '{TARGETS_FILE}')"
    )
    assert mapped["indicator_code"].notna().all(), mapped
    assert len(by_kind) >= len(TARGETS_2023) - 1, "each target is its own row"
    assert by_kind.loc[("market_entities", "level")] == pytest.approx(8.6)
    assert by_kind.loc[("gdp", "growth_pct")] == pytest.approx(8.5)


def test_growth_is_tracked_against_the_targets_with_the_published_growth(
    model: ModelWarehouse, sample: Sample
) -> None:
    with (sample.truth / "observations.csv").open(encoding="utf-8") as handle:
        december = {
            row["indicator_code"]: float(row["growth_text"])
            for row in csv.DictReader(handle)
            if row["region_code"] == HUAIYANG_CODE
            and row["period_type"] == "year"
            and row["period_end"] == "2023-12-31"
        }
    targets = {
        (name, kind): (value, comparator) for name, kind, value, _, comparator in TARGETS_2023
    }
    tracked = model.query(
        "select indicator_code, indicator_name, target_value, actual_value, on_track "
        f"from marts.mart_target_tracking where region_code = '{HUAIYANG_CODE}' "
        "and target_kind = 'growth_pct' and period_end = date '2023-12-31'"
    )
    assert set(tracked["indicator_code"]) == set(december)
    for row in tracked.itertuples():
        target, comparator = targets[(row.indicator_name, "growth_pct")]
        shortfall = target - december[row.indicator_code]
        expected = {"at_least": shortfall <= 0, "at_most": shortfall >= 0}.get(
            comparator,
            shortfall <= 0.5,  # about: up to var target_about_tolerance short
        )
        assert (row.target_value, row.actual_value, row.on_track) == (
            target,
            december[row.indicator_code],
            expected,
        ), row.indicator_code
    months = model.query(
        "select count(*) as n from marts.mart_target_tracking "
        f"where region_code = '{HUAIYANG_CODE}' and indicator_code = 'retail_sales'"
    )
    assert months["n"].item() == 11  # 1-2月 to 1-12月


# --- ranks, provenance and unread numbers (the accounted file) ----------------------------------

ACCOUNTED_FACT = (
    f"region_code = '{HUAIYANG_CODE}' and indicator_code = 'digital_park_new_entrants' "
    "and period_type = 'ytd' and period_end = date '2023-09-30'"
)


def test_a_rank_is_an_attribute_of_the_figure_it_ranks(model: ModelWarehouse) -> None:
    columns = "value, yoy_growth_pct, value_rank, growth_rank, region_source, period_source"
    assert model.rows(
        f"select {columns} from marts.fct_indicator_observation where {ACCOUNTED_FACT}"
    ) == [(12.0, 20.0, 2, 1, "sheet", "file_name")]
    assert model.rows(
        f"select {columns}, sheet_name, source_row_number, source_column_name"
        f" from marts.fct_indicator_observation_history where {ACCOUNTED_FACT}"
    ) == [(12.0, 20.0, 2, 1, "sheet", "file_name", "淮阳区", 4, "C")]


def test_a_file_with_unread_numbers_raises_one_unread_figures_warning(
    model: ModelWarehouse,
) -> None:
    flags = model.query(
        "select severity, region_code, indicator_name, period_type, period_end, observed,"
        " expected_high, diagnosis, message, accepted"
        " from marts.dq_anomalies where rule_code = 'unread_figures'"
        f" and indicator_name <> '{XINDU.file_name}'"
    )
    assert len(flags) == 1, "the sample's files leave no number unread"
    [flag] = flags.itertuples()
    assert (flag.severity, flag.region_code, flag.indicator_name) == (
        "warning",
        HUAIYANG_CODE,
        ACCOUNTED_FILE,
    )
    assert (flag.period_type, str(flag.period_end.date())) == ("ytd", "2023-09-30")
    assert (flag.observed, flag.expected_high, flag.diagnosis) == (2.0, 0.0, "not_read")
    assert "工作表淮阳区第4行F列“35.6”" in flag.message
    assert "句子“园区入驻率达到85%左右。”" in flag.message
    assert 'sheet 淮阳区, row 4, column F "35.6" (no header names this column)' in flag.message
    assert not flag.accepted


def test_the_file_registry_keeps_the_account_of_every_number(model: ModelWarehouse) -> None:
    assert model.rows(
        "select numbers_read, numbers_skipped, numbers_unread, numbers_skipped_reasons"
        f" from marts.dim_source_file where file_name = '{ACCOUNTED_FILE}'"
    ) == [(4, 2, 2, '{"rank": 2}')]


# --- a real list of names (新都区 2009): no figures, stated counts not reached -----------------


def test_a_list_of_names_flows_into_the_project_marts(model: ModelWarehouse) -> None:
    projects = model.query(
        "select project_name, region_code, responsible_unit, stage, total_investment"
        " from marts.dim_project where region_code = '510114'"
    )
    assert len(projects) == 43
    assert projects["total_investment"].isna().all()
    assert dict(projects.groupby("responsible_unit").size()) == {
        "區經濟局": 1,
        "工業區管委會": 19,
        "區家具產業發展局": 12,
        "區建設局(新城區指揮部)": 11,
    }
    # 竣工 as listed; 加快建设 is 续建 and 新开工 stays, through the stage synonyms.
    assert dict(projects.groupby("stage").size()) == {"竣工": 17, "续建": 8, "新开工": 18}
    progress = model.query(
        "select period_end, annual_plan_investment, completion_rate_pct, is_behind_plan"
        " from marts.fct_project_progress where project_code in"
        " (select project_code from marts.dim_project where region_code = '510114')"
    )
    assert len(progress) == 43
    assert {str(day.date()) for day in progress["period_end"]} == {"2009-12-31"}
    assert progress.drop(columns="period_end").isna().all().all()  # unknown, not false


def test_counts_a_list_does_not_reach_raise_its_unread_figures_warning(
    model: ModelWarehouse,
) -> None:
    [flag] = model.query(
        "select severity, region_name, period_end, observed, message from marts.dq_anomalies"
        f" where rule_code = 'unread_figures' and indicator_name = '{XINDU.file_name}'"
    ).itertuples()
    assert (flag.severity, flag.region_name, str(flag.period_end.date())) == (
        "warning",
        "新都区",
        "2009-12-31",
    )
    assert flag.observed == 2.0
    assert "合計(129項)" in flag.message and "projects stated: 129, listed: 43" in flag.message
    assert "projects stated: 31, listed: 11" in flag.message


# --- documentation -----------------------------------------------------------------------------

# Owned by the data-quality rules, documented with them.
DQ_MODELS = ("dq_anomalies",)


def test_docs_generate_documents_every_model_column_and_names_the_exposures(
    model: ModelWarehouse, tmp_path: Path
) -> None:
    model.dbt("docs", "generate")
    manifest = json.loads((model.target_path / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((model.target_path / "catalog.json").read_text(encoding="utf-8"))
    undocumented = []
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model" or node["name"] in DQ_MODELS:
            continue
        if node["original_file_path"].startswith("models/dq/"):
            continue
        if not node["description"]:
            undocumented.append(node["name"])
        columns = catalog["nodes"][unique_id]["columns"]
        undocumented += [
            f"{node['name']}.{name}"
            for name in columns
            if not node["columns"].get(name, {}).get("description")
        ]
    assert undocumented == []
    exposed = {
        parent.rsplit(".", 1)[-1]
        for exposure in manifest["exposures"].values()
        for parent in exposure["depends_on"]["nodes"]
    }
    marts = {name for name in snapshot_marts(model.settings.warehouse)}
    assert marts - exposed == set(), "every mart is read by someone"
    assert run_results(model.target_path), "docs generate wrote its results"
