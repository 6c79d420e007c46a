"""The publishing gate: errors stop publishing, the previous published state stays intact."""

from __future__ import annotations

import hashlib
import shutil
from contextlib import closing
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from expectations.validation import validate
from statswh import pipeline
from statswh.reporting import read_only_query
from statswh.settings import Settings

RETAIL_2023 = (
    "select value, yoy_growth_pct from marts.fct_indicator_observation where region_code = "
    "'411602' and indicator_code = 'retail_sales' and period_end = '2023-12-31'"
)


def anomalies(*severities: str) -> pd.DataFrame:
    """dq_anomalies rows as the gate sees them, one per severity, ids a1, a2, ..."""
    count = len(severities)
    return pd.DataFrame(
        {
            "anomaly_id": [f"a{n}" for n in range(1, count + 1)],
            "rule_code": ["unit_magnitude_jump"] * count,
            "region_name": ["川江区"] * count,
            "indicator_name": ["社会消费品零售总额"] * count,
            "period_end": [date(2023, 12, 31)] * count,
            "severity": list(severities),
        }
    )


def test_the_gate_passes_warnings_and_info(tmp_path: Path) -> None:
    outcome = validate(anomalies("warning", "info"), "dq_gate", tmp_path)
    assert outcome.success
    assert outcome.data_docs.exists()


def test_the_gate_fails_on_an_error_and_names_it(tmp_path: Path) -> None:
    outcome = validate(anomalies("warning", "error"), "dq_gate", tmp_path)
    assert not outcome.success
    [failure] = outcome.failures
    assert "expect_no_error_anomalies: 1 unexpected" in failure
    assert "'a2'" in failure and "'a1'" not in failure


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_of(built: Settings, tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "wh" / "stats.duckdb", tmp_path / "landing")
    shutil.copytree(built.home, settings.home, symlinks=True)
    return settings


def revised_december(built: Settings, settings: Settings, row: int, column: str, value) -> None:
    """A corrected December report that brings a new error with it (川江区 sheet)."""
    original = next((built.landing / "2023-12").glob("周口市县区主要经济指标_*.xlsx"))
    revised = settings.landing / "2023-12" / ("修订_" + original.name)
    revised.parent.mkdir(parents=True)
    workbook = openpyxl.load_workbook(original)
    cell = workbook["川江区"][f"{column}{row}"]
    cell.value = value
    cell.number_format = "0"
    workbook.save(revised)


@pytest.mark.integration
def test_a_raw_data_failure_stops_publishing_and_readers_keep_the_previous_state(
    built: Settings, tmp_path: Path
) -> None:
    """A revised December file with an impossible growth rate (-150 %) fails the raw suite."""
    settings = copy_of(built, tmp_path)
    published_before = sha(settings.published)
    revised_december(built, settings, 8, "E", -150.0)

    with pytest.raises(pipeline.QualityGateFailed, match="expect_growth_rates_possible"):
        pipeline.run(settings, ["2023-12"])

    assert sha(settings.published) == published_before
    growth = read_only_query(settings.published, RETAIL_2023)
    assert growth.iloc[0, 1] > 0
    # The failed rows are validated again by every check until one passes.
    with pytest.raises(pipeline.QualityGateFailed, match="expect_growth_rates_possible"):
        pipeline.check(settings)


@pytest.mark.integration
def test_a_check_validates_only_the_raw_rows_loaded_since_the_last_passing_check(
    built: Settings, tmp_path: Path
) -> None:
    settings = copy_of(built, tmp_path)
    assert pipeline.check(settings).raw_rows_validated == 0
    revised_december(built, settings, 8, "E", 4.5)
    [loaded] = pipeline.ingest(settings, [next((settings.landing / "2023-12").iterdir())])
    pipeline.build(settings)
    assert pipeline.check(settings).raw_rows_validated == loaded.n_facts > 0
    assert pipeline.check(settings).raw_rows_validated == 0


@pytest.mark.integration
def test_a_history_never_checked_is_validated_in_batches_of_whole_files(
    built: Settings, tmp_path: Path
) -> None:
    """A first check of a long history validates every raw row, in DataFrames of at most
    `batch_rows` rows, and a bad row in any batch still fails it."""
    settings = copy_of(built, tmp_path)
    with closing(duckdb.connect(str(settings.warehouse))) as connection:
        connection.execute("delete from raw.dq_runs")
        [(total,)] = connection.execute(
            "select count(*) from raw.indicator_observations"
        ).fetchall()
        batches = list(pipeline._unchecked_raw_batches(connection, 200))
    assert len(batches) > 2
    assert all(len(batch) <= 200 or batch["source_file_id"].nunique() == 1 for batch in batches)
    assert sum(len(batch) for batch in batches) == total
    assert pipeline.check(settings, batch_rows=200).raw_rows_validated == total

    with closing(duckdb.connect(str(settings.warehouse))) as connection:
        connection.execute("delete from raw.dq_runs")
    revised_december(built, settings, 8, "E", -150.0)
    pipeline.ingest(settings, [next((settings.landing / "2023-12").iterdir())])
    with pytest.raises(pipeline.QualityGateFailed, match="expect_growth_rates_possible"):
        pipeline.check(settings, batch_rows=200)


@pytest.mark.integration
def test_an_error_anomaly_stops_publishing_and_readers_keep_the_previous_state(
    built: Settings, tmp_path: Path
) -> None:
    """A revised December file with retail sales in 万元 under 亿元: unit_magnitude_jump."""
    settings = copy_of(built, tmp_path)
    published_before = sha(settings.published)
    value_before = read_only_query(settings.published, RETAIL_2023).iloc[0, 0]
    revised_december(built, settings, 8, "C", int(value_before * 10_000))

    with pytest.raises(pipeline.QualityGateFailed) as failure:
        pipeline.run(settings, ["2023-12"])

    message = str(failure.value)
    assert "nothing was published" in message
    assert "unit_magnitude_jump [" in message and "疑为万元数误标为亿元" in message
    assert sha(settings.published) == published_before
    assert read_only_query(settings.published, RETAIL_2023).iloc[0, 0] == value_before
    working = read_only_query(
        settings.warehouse,
        "select gate_passed, months, n_anomalies from marts.dq_runs "
        "where rule_code = 'unit_magnitude_jump' order by run_at desc limit 1",
    )
    assert working.iloc[0].tolist() == [False, "2023-12", 1]
    published_runs = read_only_query(
        settings.published, "select bool_and(gate_passed) from marts.dq_runs"
    )
    assert published_runs.iloc[0, 0]
