"""SDMX-CSV 2.0 export: the published observations written with pysdmx, read back with
pysdmx, carry the same figures, units, decimals and periods as the warehouse."""

from __future__ import annotations

from contextlib import closing
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pysdmx.io import read_sdmx

from statswh.cli import main
from statswh.reporting import read_only_query
from statswh.sdmx import (
    DIMENSIONS,
    export_sdmx_csv,
    observation_status,
    time_key,
    unit_multiplier,
)
from statswh.settings import Settings

CHUANJIANG = "411602"  # 川江区
YUAN = {"元": 1, "万元": 10**4, "亿元": 10**8}  # the canonical money units of dim_indicator


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("亿元", ("元", 8)),
        ("万元", ("元", 4)),
        ("万亿元", ("元", 12)),
        ("万人", ("人", 4)),
        ("元", ("元", 0)),
        ("%", ("%", 0)),
        ("万", ("万", 0)),  # a bare 万 is a unit of its own, not a multiplier of nothing
        (None, ("", 0)),
    ],
)
def test_unit_multiplier_is_the_power_of_ten_of_the_unit(
    unit: str | None, expected: tuple[str, int]
) -> None:
    assert unit_multiplier(unit) == expected


@pytest.mark.parametrize(
    ("period_type", "start", "end", "expected"),
    [
        ("month", date(2023, 6, 1), date(2023, 6, 30), ("M", "PERIOD", "2023-06")),
        ("ytd", date(2023, 1, 1), date(2023, 6, 30), ("M", "YTD", "2023-06")),
        ("ytd", date(2023, 1, 1), date(2023, 2, 28), ("M", "YTD", "2023-02")),
        ("quarter", date(2023, 4, 1), date(2023, 6, 30), ("Q", "PERIOD", "2023-Q2")),
        ("year", date(2023, 1, 1), date(2023, 12, 31), ("A", "PERIOD", "2023")),
    ],
)
def test_time_key_uses_sdmx_time_formats(
    period_type: str, start: date, end: date, expected: tuple[str, str, str]
) -> None:
    assert time_key(period_type, start, end) == expected


def test_a_period_sdmx_cannot_key_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="must start on 1 January"):
        time_key("ytd", date(2023, 3, 1), date(2023, 6, 30))
    with pytest.raises(ValueError, match="period type 'week'"):
        time_key("week", date(2023, 6, 5), date(2023, 6, 11))


def test_observation_status_reads_the_source_sentence() -> None:
    assert observation_status("预计全年实现地区生产总值349.8亿元") == "E"
    assert observation_status("经初步核算,全区生产总值349.8亿元") == "P"
    assert observation_status("社会消费品零售总额161.5亿元") == "A"
    assert observation_status(None) == "A"


def test_a_fact_sdmx_cannot_key_is_reported_not_dropped(tmp_path: Path) -> None:
    database = tmp_path / "published.duckdb"
    with closing(duckdb.connect(str(database))) as connection:
        connection.execute("create schema marts")
        connection.execute(
            """
            create table marts.fct_indicator_observation as
            select * from (values
                ('411602', '川江区', 'budget_revenue', '一般公共预算收入', 'ytd:2023-06-30',
                 'ytd', date '2023-01-01', date '2023-06-30', 25297.0, '万元', 0, 5.9, 1, null),
                ('411602', '川江区', null, '新指标', 'ytd:2023-06-30',
                 'ytd', date '2023-01-01', date '2023-06-30', 12.0, '亿元', 0, null, null, null),
                ('411602', '川江区', 'retail_sales', '社会消费品零售总额', 'ytd:2023-06-30',
                 'ytd', date '2023-03-01', date '2023-06-30', 80.5, '亿元', 1, null, null, null)
            ) as facts(region_code, region_name, indicator_code, indicator_name, period_key,
                period_type, period_start, period_end, value_published, unit_published,
                value_decimals, yoy_growth_pct, growth_decimals, source_text)
            """
        )

    exported = export_sdmx_csv(database, tmp_path / "out.csv")

    assert exported.observations == 2
    assert exported.left_out == [
        "川江区 社会消费品零售总额 ytd:2023-06-30: a year to date must start on "
        "1 January of its year: 2023-03-01",
        "川江区 新指标 ytd:2023-06-30: no region or indicator code to key it by "
        "(see marts.dq_anomalies)",
    ]
    # The figures as published, with their decimals, 万元 kept as 元 × 10^4.
    lines = exported.path.read_text(encoding="utf-8").splitlines()
    assert [line.split(",", 3)[3] for line in lines[1:]] == [
        "M,411602,budget_revenue,YTD,VALUE,2023-06,25297,元,4,0,A",
        "M,411602,budget_revenue,YTD,GROWTH_YOY,2023-06,5.9,%,0,1,A",
    ]
    [dataset] = read_sdmx(exported.path).data
    assert dataset.data["OBS_VALUE"].astype(float).tolist() == [25297, 5.9]


@pytest.mark.integration
def test_export_round_trips_through_pysdmx_with_the_same_figures(
    built: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "observations.csv"
    argv = ["export", "--format", "sdmx-csv", "--output", str(output)]
    assert main([*argv, "--warehouse", str(built.warehouse)]) == 0
    assert f"observations (SDMX-CSV 2.0) to {output}" in capsys.readouterr().out

    [dataset] = read_sdmx(output).data
    assert dataset.short_urn == "DataStructure=STATSWH:INDICATOR_OBSERVATION(1.0)"
    read = dataset.data
    assert not read.duplicated(list(DIMENSIONS)).any()

    facts = read_only_query(
        built.published, "select * from marts.fct_indicator_observation"
    ).set_index(["region_code", "indicator_code", "period_key"])
    values = read[read["MEASURE"] == "VALUE"]
    growths = read[read["MEASURE"] == "GROWTH_YOY"]
    assert len(values) == facts["value_published"].notna().sum()
    assert len(growths) == facts["yoy_growth_pct"].notna().sum()

    # Every figure as published, and (for money) the warehouse's value in its canonical unit.
    for row in values.itertuples():
        fact = facts.loc[(row.REF_AREA, row.INDICATOR, _period_key(row))]
        assert float(row.OBS_VALUE) == pytest.approx(fact.value_published)
        published_decimals = row.DECIMALS
        assert published_decimals == str(fact.value_decimals)
        if row.UNIT_MEASURE == "元":
            in_yuan = float(row.OBS_VALUE) * 10 ** int(row.UNIT_MULT)
            assert in_yuan == pytest.approx(fact.value * YUAN[fact.unit]), row
    for row in growths.itertuples():
        fact = facts.loc[(row.REF_AREA, row.INDICATOR, _period_key(row))]
        assert float(row.OBS_VALUE) == pytest.approx(fact.yoy_growth_pct)

    # 川江区's retail sales of 2022, as the README shows them: 161.5 亿元, up 3.0 %.
    retail_2022 = read[
        (read["REF_AREA"] == CHUANJIANG)
        & (read["INDICATOR"] == "retail_sales")
        & (read["TIME_PERIOD"] == "2022")
    ].set_index("MEASURE")
    assert retail_2022.loc["VALUE", ["FREQ", "ACCUMULATION", "OBS_VALUE"]].tolist() == [
        "A",
        "PERIOD",
        "161.5",
    ]
    assert retail_2022.loc["VALUE", ["UNIT_MEASURE", "UNIT_MULT", "DECIMALS"]].tolist() == [
        "元",
        "8",
        "1",
    ]
    assert retail_2022.loc["GROWTH_YOY", ["OBS_VALUE", "UNIT_MEASURE"]].tolist() == ["3.0", "%"]

    # A figure published in 万元 keeps its unit: UNIT_MULT 4, not converted to 亿元.
    in_wan_yuan = (values["UNIT_MULT"] == "4") & (values["UNIT_MEASURE"] == "元")
    assert in_wan_yuan.sum() == (facts["unit_published"] == "万元").sum() > 0
    # The work report's 预计 figures are estimates; the monthly statistics are normal.
    estimated = facts["source_text"].str.contains("预计", na=False)
    assert (values["OBS_STATUS"] == "E").sum() == (
        estimated & facts["value_published"].notna()
    ).sum()
    assert set(read["OBS_STATUS"]) == {"A", "E"}


def _period_key(row: pd.Series) -> str:
    """The warehouse's period_key (ytd:2023-06-30) of an SDMX observation, to find its fact."""
    if row.FREQ == "A":
        return f"year:{row.TIME_PERIOD}-12-31"
    period = pd.Period(row.TIME_PERIOD.replace("-Q", "Q"), freq=row.FREQ)
    kind = "ytd" if row.ACCUMULATION == "YTD" else {"M": "month", "Q": "quarter"}[row.FREQ]
    return f"{kind}:{period.end_time.date().isoformat()}"
