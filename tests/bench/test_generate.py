"""The generated province/national workbooks: readable, deterministic, on the code lists."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from bench.generate import generate, layout
from bench.home import prepare_home, taken
from bench.scales import Scale
from ingest.readers import read_file

PROJECT = Path(__file__).resolve().parents[2]
TINY = Scale("tiny", counties=3, indicators=13, months=14, counties_per_city=2)


def test_workbooks_are_deterministic_and_read_by_the_ingest(tmp_path: Path) -> None:
    regions = layout(TINY, *taken(PROJECT))
    first = generate(TINY, tmp_path / "a", regions, jobs=1)
    second = generate(TINY, tmp_path / "b", regions, jobs=2)
    assert len(first) == 2 * TINY.months  # two cities (2 + 1 counties), one workbook a month
    assert [Path(f.path).read_bytes() for f in first] == [Path(f.path).read_bytes() for f in second]

    by_month = {f.month: Path(f.path) for f in first if f.rows == 2 * TINY.indicators}
    january, may = by_month["2023-01"], by_month["2023-05"]
    parsed = read_file(may)
    assert parsed.n_facts == 2 * TINY.indicators
    assert {o.period_label for o in parsed.observations} == {"2023年1-5月"}
    assert {o.region_name for o in parsed.observations} == {c.name_zh for c in regions.counties[:2]}
    decimals = {o.indicator_name: o.value_decimals for o in parsed.observations}
    assert decimals["基准指标001"] in (0, 2) and decimals["基准指标002"] in (0, 1)
    # One indicator in twelve withholds January ("—" for value and growth).
    assert read_file(january).n_facts == 2 * (TINY.indicators - 1)

    sheet = load_workbook(may, read_only=True).worksheets[1]
    value = next(row[2] for row in sheet.iter_rows(min_row=5, max_row=5))
    assert value.number_format in ("0", "0.0", "0.00")
    calamine = CalamineWorkbook.from_path(str(may))
    assert calamine.sheet_names[0] == "说明"
    assert calamine.get_sheet_by_name(calamine.sheet_names[1]).to_python()[4][0] == "基准指标001"


def test_home_puts_the_generated_regions_and_indicators_on_the_code_lists(tmp_path: Path) -> None:
    regions = layout(TINY, *taken(PROJECT))
    home = prepare_home(PROJECT, tmp_path / "home", regions)
    seeds = home / "dbt_project" / "seeds"
    with (seeds / "regions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["region_code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert {c.region_code for c in regions.counties} <= set(codes)
    # The national code list shares names (朝阳区); the generated ones never do.
    project_names, project_codes = taken(PROJECT)
    generated = [row for row in rows if row["region_code"] not in project_codes]
    names = [row["name_zh"] for row in generated] + [row["short_name"] for row in generated]
    assert len(names) == len(set(names))
    assert not set(names) & project_names
    assert "川江区" in {row["name_zh"] for row in rows}  # the project's own rows are kept
    assert (home / "dbt_project" / "models").resolve() == PROJECT / "dbt_project" / "models"
    assert (seeds / "units.csv").is_symlink()


def test_growth_is_the_years_growth_whatever_the_rounding_of_the_month(tmp_path: Path) -> None:
    """Growth is computed from the unrounded levels, as bureaus do: every month of a year
    publishes the year's growth, however few digits its small year-to-date level keeps
    (from rounded levels, a January of 0.8 against 0.7 would publish 14.3 %)."""
    regions = layout(TINY, *taken(PROJECT))
    growths: dict[tuple[str, str, int], set[float]] = {}
    for written in generate(TINY, tmp_path, regions, jobs=1):
        for fact in read_file(Path(written.path)).observations:
            key = (fact.region_name, fact.indicator_name, fact.period_end.year)
            growths.setdefault(key, set()).add(fact.yoy_growth_pct)
    assert len(growths) == TINY.counties * TINY.indicators * 2  # 2022 (December) and 2023
    assert {key: found for key, found in growths.items() if len(found) > 1} == {}
