"""The marts built from the sample files: seed facts, contract columns, anomalies, reruns."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from sample_landing import Sample

from statswh import pipeline
from statswh.reporting import read_only_query
from statswh.settings import DBT_TARGET_DIR, Settings

pytestmark = pytest.mark.integration

CONTRACT_COLUMNS = {
    "dim_indicator": [
        "indicator_code",
        "name_zh",
        "name_en",
        "canonical_unit",
        "measure_type",
        "growth_basis",
        "parent_indicator_code",
        "category",
    ],
    "dim_region": ["region_code", "name_zh", "short_name", "level", "parent_region_code"],
    "dim_period": [
        "period_key",
        "period_type",
        "period_start",
        "period_end",
        "year",
        "quarter",
        "month",
    ],
    "dim_source_file": [
        "source_file_id",
        "file_name",
        "sha256",
        "format",
        "publisher",
        "release_date",
        "loaded_at",
        "status",
    ],
    "fct_indicator_observation": [
        "region_code",
        "region_name",
        "indicator_code",
        "indicator_name",
        "period_type",
        "period_start",
        "period_end",
        "value",
        "unit",
        "value_published",
        "unit_published",
        "yoy_growth_pct",
        "source_file_id",
        "source_text",
        "vintage_at",
    ],
    "dq_anomalies": [
        "anomaly_id",
        "rule_code",
        "severity",
        "region_code",
        "indicator_code",
        "period_type",
        "period_end",
        "observed",
        "expected_low",
        "expected_high",
        "message",
        "source_file_id",
        "detected_at",
        "diagnosis",
        "accepted",
        "accepted_reason",
    ],
    "dq_runs": [
        "run_id",
        "run_at",
        "months",
        "gate_passed",
        "rule_code",
        "severity",
        "n_anomalies",
        "n_accepted",
    ],
}

# 川江区, full year 2022, from ../shared/seed-facts.md.
SEED_2022 = {
    "gdp": (349.8, 7.0),
    "industrial_value_added": (83.9, 13.5),
    "fixed_asset_investment": (148.8, 24.0),
    "retail_sales": (161.5, 3.0),
    "budget_revenue": (8.26, 19.4),
    # Stated only in the district's work report (the sample's .txt).
    "industrial_investment": (46.8, 107.5),
    "strategic_emerging_investment": (39.1, 1270.0),
    "livelihood_expenditure": (13.0, None),
}


def published(settings: Settings, sql: str) -> list[tuple]:
    """Rows as tuples, nulls as None (NaN would never compare equal to itself)."""
    frame = read_only_query(settings.published, sql)
    return list(frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None))


@pytest.mark.parametrize("table", sorted(CONTRACT_COLUMNS))
def test_contract_tables_have_the_contract_columns_and_rows(built: Settings, table: str) -> None:
    columns = read_only_query(built.published, f"select * from marts.{table} limit 0").columns
    assert [c for c in CONTRACT_COLUMNS[table] if c not in columns] == []
    assert published(built, f"select count(*) from marts.{table}")[0][0] > 0


def test_chuanjiang_2022_matches_the_seed_facts(built: Settings) -> None:
    rows = published(
        built,
        "select indicator_code, value, unit, yoy_growth_pct from marts.fct_indicator_observation "
        "where region_code = '411602' and period_type = 'year' and period_end = '2022-12-31'",
    )
    found = {
        code: (value, None if growth is None or math.isnan(growth) else growth)
        for code, value, unit, growth in rows
        if unit == "亿元" and code in SEED_2022
    }
    assert found == SEED_2022


def test_wan_yuan_figures_are_converted_to_the_canonical_unit(built: Settings) -> None:
    rows = published(
        built,
        "select value, value_published, unit_published from marts.fct_indicator_observation "
        "where region_code = '411623' and indicator_code = 'budget_revenue' "
        "and period_end = '2022-12-31'",
    )
    [(value, value_published, unit_published)] = rows
    assert unit_published == "万元"
    assert value == pytest.approx(value_published / 10000)


def test_injected_anomalies_are_found_and_clean_series_raise_none(
    built: Settings, sample: Sample
) -> None:
    """Exactly the flags the sample's injections cause, under every rule, and nothing else."""
    found = set(
        published(
            built,
            "select rule_code, region_code, indicator_code, period_type, "
            "cast(period_end as varchar) from marts.dq_anomalies",
        )
    )
    assert found == sample.expected_flags()
    assert sample.injected_anomalies() <= found


def test_flags_carry_a_diagnosis(built: Settings) -> None:
    rows = dict(
        published(
            built,
            "select rule_code || ' ' || region_code || ' ' || cast(period_end as varchar), "
            "diagnosis from marts.dq_anomalies",
        )
    )
    assert rows["growth_level_mismatch 411602 2023-04-30"] == "sign_flip"
    assert rows["base_revision 411622 2022-12-31"] == "base_revision"
    assert rows["ytd_decrease 411623 2023-09-30"] == "ytd_decrease"
    assert rows["outlier 411681 2022-05-31"] == "growth_outlier"


def test_a_rerun_changes_nothing(built: Settings) -> None:
    tables = ("fct_indicator_observation", "dq_anomalies", "dim_source_file", "dim_period")

    def snapshot() -> dict[str, pd.DataFrame]:
        return {
            t: read_only_query(built.published, f"select * from marts.{t} order by all")
            for t in tables
        }

    before = snapshot()
    files, *_ = pipeline.run(built)
    assert {result.status for result in files} == {"unchanged"}
    after = snapshot()
    for table in tables:  # DataFrame.equals: a missing figure (NaN) equals itself
        assert after[table].equals(before[table]), table


def test_the_published_copy_equals_the_working_marts(built: Settings) -> None:
    working = read_only_query(
        built.warehouse, "select * from marts.fct_indicator_observation order by all"
    )
    copy = read_only_query(
        built.published, "select * from marts.fct_indicator_observation order by all"
    )
    assert working.equals(copy)
    parquet = read_only_query(
        built.published,
        f"select count(*) from read_parquet('{built.parquet}/fct_indicator_observation.parquet')",
    )
    assert parquet.iloc[0, 0] == len(copy)


def test_the_monthly_build_leaves_out_the_unit_tests_which_pass_on_request(
    built: Settings,
) -> None:
    """A monthly build runs no unit test; `unit_tests` runs every one, and they pass
    (among them the growth/level rule's rounding boundary cases)."""
    results_file = DBT_TARGET_DIR / "run_results.json"
    monthly = json.loads(results_file.read_text())["results"]
    assert monthly and not [r for r in monthly if r["unique_id"].startswith("unit_test.")]

    tested = pipeline.unit_tests(built)
    unit_tests = {
        r["unique_id"].rsplit(".", 1)[-1]: r["status"]
        for r in json.loads(results_file.read_text())["results"]
        if r["unique_id"].startswith("unit_test.")
    }
    assert len(unit_tests) >= 10 and tested.statuses.get("pass") == len(unit_tests)
    assert set(unit_tests.values()) == {"pass"}, unit_tests
    assert unit_tests["growth_level_mismatch_follows_the_rounding_of_every_figure"] == "pass"
