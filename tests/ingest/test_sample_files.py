"""The generated sample files read back through every reader as the ground truth says.

Duplicates are deliberate: the region table, the GBK CSV and the work report repeat figures
of the region sheets, and the target file repeats the report's targets. They must agree
exactly, or the warehouse would see conflicts the sample does not mean to have.
"""

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.readers import read_file
from ingest.records import Observation, ParsedFile
from ingest.regions import RegionNames

DASH = "—"
REGION_TABLE = "各县区主要指标"
INDUSTRY = "分行业增加值增速"


def read_truth(truth: Path, name: str, file_name: str) -> list[dict[str, str]]:
    with (truth / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["file_name"] == file_name]


def shown(value: float | None, decimals: int | None) -> str:
    """A figure as published; "增长12.7倍" is 1270 with decimals -1 (±5 pp)."""
    return DASH if value is None else f"{value:.{max(decimals, 0)}f}"


def figures(observation: Observation) -> tuple:
    """What a fact says, whoever published it."""
    return (
        observation.period_type,
        observation.period_end,
        shown(observation.value_published, observation.value_decimals),
        observation.unit_published,
        shown(observation.yoy_growth_pct, observation.growth_decimals),
    )


@pytest.fixture(scope="module")
def june_2023(sample_report: Callable[[int, int], Path]) -> ParsedFile:
    return read_file(sample_report(2023, 6))


@pytest.mark.parametrize(("year", "month"), [(2021, 2), (2022, 12), (2023, 6)])
def test_every_region_table_row_is_read(
    sample_report: Callable[[int, int], Path], sample_truth: Path, year: int, month: int
) -> None:
    path = sample_report(year, month)
    truth = read_truth(sample_truth, "region_table.csv", path.name)
    assert len(truth) == 15
    regions = RegionNames.load()
    expected = set()
    for row in truth:
        # Printed short names (川江) are resolved to full names; the rank ranks the growth.
        region = regions.full_name(row["region_name_published"])
        where = (int(row["row_number"]), region)
        value = (row["value_text"] or DASH, row["unit_published"] or None)
        name, end = row["indicator_name_published"], row["period_end"]
        expected.add((*where, name, end, *value, row["growth_text"], int(row["rank"])))
    got = {
        (
            o.row_number,
            o.region_name,
            o.indicator_name,
            o.period_end.isoformat(),
            *figures(o)[2:],
            o.growth_rank,
        )
        for o in read_file(path).observations
        if o.sheet_name == REGION_TABLE
    }
    assert got == expected


def test_every_growth_rate_by_industry_is_read(
    sample_report: Callable[[int, int], Path], sample_truth: Path
) -> None:
    path = sample_report(2023, 6)
    truth = read_truth(sample_truth, "industry_growth.csv", path.name)
    assert len(truth) == 7
    got = {
        (o.row_number, o.region_name, o.indicator_name, o.period_end.isoformat(), figures(o)[4])
        for o in read_file(path).observations
        if o.sheet_name == INDUSTRY
    }
    assert got == {
        (
            int(row["row_number"]),
            "川江区",
            f"规模以上工业增加值/{row['industry']}",
            row["period_end"],
            row["growth_text"],
        )
        for row in truth
    }


def test_the_xihua_csv_repeats_its_sheet_of_the_workbook(
    sample_landing: Path, june_2023: ParsedFile
) -> None:
    parsed = read_file(sample_landing / "2023-06" / "西华县主要经济指标_2023年6月.csv")
    assert {o.region_name for o in parsed.observations} == {"西华县"}
    sheet = [o for o in june_2023.observations if o.sheet_name == "西华县"]
    assert len(sheet) == 5
    assert sorted((o.indicator_name, *figures(o)) for o in parsed.observations) == sorted(
        (o.indicator_name, *figures(o)) for o in sheet
    )


def test_the_work_report_repeats_the_2022_figures_of_the_workbook(
    sample_landing: Path, sample_report: Callable[[int, int], Path]
) -> None:
    report = read_file(sample_landing / "2023-01" / "川江区2023年政府工作报告(摘要).txt")
    stated = {o.indicator_name: figures(o) for o in report.observations}
    december = read_file(sample_report(2022, 12))
    sheet = [o for o in december.observations if o.sheet_name == "川江区"]
    assert len(sheet) == 5
    for o in sheet:
        assert stated[o.indicator_name] == figures(o), o.indicator_name
    assert {o.region_name for o in report.observations} == {"川江区"}


def test_the_target_file_and_the_work_report_state_the_same_targets(
    sample_landing: Path,
) -> None:
    folder = sample_landing / "2023-01"
    in_file = read_file(folder / "川江区2023年主要预期目标.yaml").targets
    in_report = read_file(folder / "川江区2023年政府工作报告(摘要).txt").targets

    def terms(targets: list) -> set[tuple]:
        return {
            (t.region_name, t.year, t.target_value, t.target_unit, t.target_kind, t.comparator)
            for t in targets
        }

    assert len(in_file) == 16
    assert terms(in_file) <= terms(in_report)
