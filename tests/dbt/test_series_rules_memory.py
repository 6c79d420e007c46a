"""The whole-series rules build in memory that grows with the data, not with its square.

A generated slice of long series (25 counties x 8 indicators x 40 years of monthly
year-to-date figures, 96,000 facts) is written to the raw tables and built with dbt under a
120 MB DuckDB memory limit, a thirtieth of the default. Rules that join each figure with
every other figure of its series (the same months of all other years) need more than 250 MB
here; the joins of a figure with its references by exact keys and grouped medians (the
forms PostgreSQL runs, which needed more than 4 GB at a tenth of the national scale) fail
with DuckDB's "Out of Memory Error" under 120 MB (measured 2026-12-05); DuckDB's windows
(macros/dq/season_reference_stats.sql, neighbour_medians.sql) build within 100 MB.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import duckdb
import pytest
from model_warehouse import run_dbt

from ingest.loader import ensure_raw_schema
from statswh.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.integration

COUNTIES = 25
YEARS = 40
LAST_YEAR = 2023
MEMORY_LIMIT = "120MB"
# The slice's nominal-growth flows (the outlier rule's scope; the unit rule's too).
INDICATORS = (
    "fixed_asset_investment",
    "industrial_investment",
    "strategic_emerging_investment",
    "retail_sales",
    "budget_revenue",
    "budget_expenditure",
    "livelihood_expenditure",
    "rd_expenditure",
)
MODELS = (
    "dq_outlier",
    "dq_unit_magnitude_jump",
    "dq_missing_period",
    "int_observations_differenced",
)


def seed_names(
    seed: str, code_column: str, wanted: Callable[[str, dict[str, str]], bool]
) -> list[str]:
    with (DBT_PROJECT_DIR / "seeds" / seed).open(encoding="utf-8") as file:
        return [row["name_zh"] for row in csv.DictReader(file) if wanted(row[code_column], row)]


def write_slice(warehouse: Path) -> int:
    """One file per month; every county publishes every indicator's year to date."""
    counties = seed_names("regions.csv", "region_code", lambda _, row: row["level"] == "county")
    indicators = seed_names("indicators.csv", "indicator_code", lambda code, _: code in INDICATORS)
    first_year = LAST_YEAR - YEARS + 1
    with closing(duckdb.connect(str(warehouse))) as connection:
        ensure_raw_schema(connection)
        connection.execute(
            "create temporary table names as "
            "select * from unnest(?) as c(county), unnest(?) as i(indicator)",
            [counties[:COUNTIES], indicators],
        )
        connection.execute(
            f"""
            create temporary table months as
            select
                'guard' || cast(n as varchar) as source_file_id,
                {first_year} + n // 12 as year,
                n // 12 + 1 as age,
                n % 12 + 1 as month,
                timestamp '2024-01-01' + to_seconds(n) as loaded_at
            from range({YEARS * 12}) as r(n)
            """
        )
        connection.execute(
            """
            insert into raw.source_files by name
            select
                source_file_id,
                source_file_id || '.xlsx' as file_name,
                source_file_id as sha256,
                'xlsx' as format,
                1 as size_bytes,
                '统计局' as publisher,
                cast(last_day(make_date(year, month, 1)) + 15 as date) as release_date,
                'loaded' as status,
                1 as n_facts,
                source_file_id || '.xlsx' as stored_path,
                loaded_at
            from months
            """
        )
        connection.execute(
            """
            insert into raw.indicator_observations by name
            select
                source_file_id,
                county as region_name,
                indicator as indicator_name,
                '1-' || cast(month as varchar) || '月' as period_label,
                'ytd' as period_type,
                make_date(year, 1, 1) as period_start,
                last_day(make_date(year, month, 1)) as period_end,
                round(level * month * age / 12.0, 1) as value_published,
                1 as value_decimals,
                '亿元' as unit_published,
                -- 4 % to 8 %, and now and then a spike of 15 points (an outlier)
                round(4 + draw % 41 / 10.0 + case when draw % 97 = 0 then 15 else 0 end, 1)
                    as yoy_growth_pct,
                1 as growth_decimals,
                loaded_at
            from (
                select
                    *,
                    50 + hash(county, indicator) % 500 as level,
                    hash(county, indicator, year, month) as draw
                from names
                cross join months
            )
            """
        )
        [(facts,)] = connection.execute(
            "select count(*) from raw.indicator_observations"
        ).fetchall()
    return facts


def test_the_whole_series_rules_build_within_a_small_memory_limit(tmp_path: Path) -> None:
    warehouse = tmp_path / "stats.duckdb"
    assert write_slice(warehouse) == COUNTIES * len(INDICATORS) * YEARS * 12
    run_dbt(
        "build",
        "--select",
        *(f"+{model}" for model in MODELS),
        "--exclude-resource-type",
        "test",
        "unit_test",
        warehouse=warehouse,
        target_path=tmp_path / "dbt-target",
        environment={"STATSWH_DUCKDB_MEMORY_LIMIT": MEMORY_LIMIT},
    )
    with closing(duckdb.connect(str(warehouse), read_only=True)) as connection:
        [(figures,)] = connection.execute("select count(*) from dq.dq_figures").fetchall()
        [(scored,)] = connection.execute("select count(*) from dq.dq_outlier").fetchall()
    assert figures == COUNTIES * len(INDICATORS) * YEARS * 12
    assert scored > 0  # the spikes are found: the rule scored the slice
