"""SDMX-CSV 2.0 export of the published observations, for exchanging data (pysdmx).

Each fact of marts.fct_indicator_observation gives up to two observations: its figure
(MEASURE=VALUE) and its year-on-year growth (MEASURE=GROWTH_YOY, in %), each as
published, with its decimals. The key is

    FREQ          M month, Q quarter, A year
    REF_AREA      the GB/T 2260 region code (411602)
    INDICATOR     the indicator code (retail_sales)
    ACCUMULATION  YTD: from January to the end of TIME_PERIOD (累计, 1-6月, 上半年);
                  PERIOD: the period alone (当期: 6月, 一季度, 全年)
    MEASURE       VALUE or GROWTH_YOY
    TIME_PERIOD   2023-06, 2023-Q2, 2023 (SDMX's formats; a year to date is its last month)

and every observation carries UNIT_MEASURE (the published unit without its multiplier:
元, 人, 个, %), UNIT_MULT (the power of ten: 万 = 4, 亿 = 8, 万亿 = 12, none = 0),
DECIMALS (as published) and OBS_STATUS (SDMX's codes: E estimated when the source
sentence says 预计, 预估 or 估计, as a work report's figures for a year not yet compiled;
P provisional when it says 初步 (初步核算); A normal otherwise). A fact without a region
or indicator code cannot be keyed: it is left out and reported, never dropped in silence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from pysdmx.io.csv.sdmx20.writer import write
from pysdmx.io.pd import PandasDataset
from pysdmx.model import Component, Components, Concept, DataType, Role, Schema

from statswh.reporting import read_only_query

AGENCY = "STATSWH"
STRUCTURE_ID = "INDICATOR_OBSERVATION"
STRUCTURE_VERSION = "1.0"
DIMENSIONS = ("FREQ", "REF_AREA", "INDICATOR", "ACCUMULATION", "MEASURE", "TIME_PERIOD")
ATTRIBUTES = ("UNIT_MEASURE", "UNIT_MULT", "DECIMALS", "OBS_STATUS")
# Longest first: 万亿元 is 10^12 元, not 10^4 亿元.
UNIT_MULTIPLIERS = (("万亿", 12), ("亿", 8), ("万", 4))
ESTIMATE_WORDS = ("预计", "预估", "估计")
PROVISIONAL_WORDS = ("初步",)

FACTS = """
select region_code, region_name, indicator_code, indicator_name, period_key, period_type,
    period_start, period_end, value_published, unit_published, value_decimals,
    yoy_growth_pct, growth_decimals, source_text
from marts.fct_indicator_observation
order by region_code, indicator_code, period_type, period_end
"""


@dataclass(frozen=True)
class SdmxExport:
    """What was written, and what could not be."""

    path: Path
    observations: int
    left_out: list[str]  # one line per fact not exported, saying which and why


def export_sdmx_csv(database: Path, output: Path) -> SdmxExport:
    """Write the published observations of `database` (opened read-only) to `output`."""
    facts = read_only_query(database, FACTS)
    rows: list[dict[str, str]] = []
    left_out: list[str] = []
    for fact in facts.itertuples(index=False):
        try:
            rows.extend(_observations(fact))
        except ValueError as problem:
            left_out.append(
                f"{fact.region_name} {fact.indicator_name} {fact.period_key}: {problem}"
            )
    frame = pd.DataFrame(rows, columns=[*DIMENSIONS, "OBS_VALUE", *ATTRIBUTES])
    duplicated = frame[frame.duplicated(list(DIMENSIONS), keep=False)]
    if not duplicated.empty:
        raise ValueError(
            "two facts share one SDMX key:\n" + duplicated.to_string(index=False, max_rows=10)
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f"{output.name}.partial")  # a reader never sees half a file
    write([PandasDataset(structure=_schema(), data=frame)], output_path=partial)
    os.replace(partial, output)
    return SdmxExport(output, len(frame), left_out)


def unit_multiplier(unit: str | None) -> tuple[str, int]:
    """The unit without its multiplier and the power of ten: "万元" is ("元", 4)."""
    unit = unit or ""
    for prefix, power in UNIT_MULTIPLIERS:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return unit.removeprefix(prefix), power
    return unit, 0


def time_key(period_type: str, start: date, end: date) -> tuple[str, str, str]:
    """(FREQ, ACCUMULATION, TIME_PERIOD) of a period of the warehouse."""
    month = f"{end.year}-{end.month:02d}"
    if period_type == "ytd":
        if (start.month, start.day, start.year) != (1, 1, end.year):
            raise ValueError(
                f"a year to date must start on 1 January of its year: {start:%Y-%m-%d}"
            )
        return "M", "YTD", month
    if period_type == "month":
        return "M", "PERIOD", month
    if period_type == "quarter":
        return "Q", "PERIOD", f"{end.year}-Q{(end.month - 1) // 3 + 1}"
    if period_type == "year":
        return "A", "PERIOD", str(end.year)
    raise ValueError(f"no SDMX time period for period type {period_type!r}")


def observation_status(source_text: str | None) -> str:
    """E for an estimate, P for a provisional figure, A otherwise (SDMX's OBS_STATUS)."""
    text = source_text or ""
    if any(word in text for word in ESTIMATE_WORDS):
        return "E"
    if any(word in text for word in PROVISIONAL_WORDS):
        return "P"
    return "A"


def _observations(fact: Any) -> list[dict[str, str]]:
    """The VALUE and GROWTH_YOY observations of one fact, those it has."""
    if pd.isna(fact.region_code) or pd.isna(fact.indicator_code):
        raise ValueError("no region or indicator code to key it by (see marts.dq_anomalies)")
    freq, accumulation, period = time_key(fact.period_type, fact.period_start, fact.period_end)
    key = {
        "FREQ": freq,
        "REF_AREA": fact.region_code,
        "INDICATOR": fact.indicator_code,
        "ACCUMULATION": accumulation,
        "TIME_PERIOD": period,
    }
    status = observation_status(None if pd.isna(fact.source_text) else fact.source_text)
    observations = []
    if not pd.isna(fact.value_published):
        unit, power = unit_multiplier(None if pd.isna(fact.unit_published) else fact.unit_published)
        observations.append(
            key
            | {"MEASURE": "VALUE", "UNIT_MEASURE": unit, "UNIT_MULT": str(power)}
            | _figure(fact.value_published, fact.value_decimals, status)
        )
    if not pd.isna(fact.yoy_growth_pct):
        observations.append(
            key
            | {"MEASURE": "GROWTH_YOY", "UNIT_MEASURE": "%", "UNIT_MULT": "0"}
            | _figure(fact.yoy_growth_pct, fact.growth_decimals, status)
        )
    return observations


def _figure(value: float, decimals: object, status: str) -> dict[str, str]:
    """OBS_VALUE written with the decimals it was published with (25297, 8.26, 3.0).

    A precision coarser than units (增长12.7倍 is 1270 %, to the ten) is written with 0
    decimals, the fewest SDMX's DECIMALS can say."""
    if pd.isna(decimals):
        return {"OBS_VALUE": format(value, ".15g"), "DECIMALS": "", "OBS_STATUS": status}
    decimals = max(int(decimals), 0)
    return {"OBS_VALUE": f"{value:.{decimals}f}", "DECIMALS": str(decimals), "OBS_STATUS": status}


def _schema() -> Schema:
    """The data structure the file names (STATSWH:INDICATOR_OBSERVATION(1.0))."""
    components = [_component(name, Role.DIMENSION, required=True) for name in DIMENSIONS]
    components.append(_component("OBS_VALUE", Role.MEASURE, required=True))
    components += [_component(name, Role.ATTRIBUTE, required=False) for name in ATTRIBUTES]
    return Schema(
        context="datastructure",
        agency=AGENCY,
        id=STRUCTURE_ID,
        version=STRUCTURE_VERSION,
        components=Components(components),
    )


def _component(name: str, role: Role, required: bool) -> Component:
    # Every value is written as text: OBS_VALUE keeps its published decimals (3.0, not 3).
    return Component(
        id=name,
        required=required,
        role=role,
        concept=Concept(id=name, dtype=DataType.STRING),
        attachment_level="O" if role == Role.ATTRIBUTE else None,
    )
