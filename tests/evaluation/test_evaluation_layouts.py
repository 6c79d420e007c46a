"""The corpus-layout evaluation: real table shapes, five anomalies, every one found.

The fast tests check the files against the corpus tables whose layout they copy and the
figures against their own arithmetic; the integration test runs the real pipeline.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from evaluation.layout_scenario import (
    DISTRICT_REGION,
    NATIONAL_REGION,
    Published,
    clean_figures,
    evaluate_corpus_layouts,
    write_scenario,
)
from evaluation.scoring import Scenario

# The corpus is not part of the repository: STATSWH_CORPUS, else ../shared/corpus beside it.
REPOSITORY = Path(__file__).resolve().parents[2]
CORPUS_TABLES = (
    Path(os.environ.get("STATSWH_CORPUS", REPOSITORY.parent / "shared" / "corpus")) / "tables"
)
HUAIROU = CORPUS_TABLES / "怀柔区2024年1-4月规模以上工业企业生产、销售主要数据.xlsx"
NATIONAL_RETAIL = CORPUS_TABLES / "2013年1-6月份社会消费品零售总额主要数据.xlsx"


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus_layouts")
    write_scenario(root / "landing", root / "truth")
    return root / "landing"


def sheet(path: Path) -> Worksheet:
    return load_workbook(path).active


def corpus_sheet(path: Path) -> Worksheet:
    if not path.exists():
        pytest.skip(f"corpus table not found: {path} (set STATSWH_CORPUS to the corpus folder)")
    return sheet(path)


def header_shape(table: Worksheet, rows: range) -> list[list[bool]]:
    """Which cells of the header rows are filled: the shape, whatever the words."""
    return [[table.cell(row, column).value is not None for column in range(1, 6)] for row in rows]


def test_the_national_layout_has_the_corpus_table_s_header(landing: Path) -> None:
    corpus = corpus_sheet(NATIONAL_RETAIL)
    written = sheet(landing / "2023-06" / "川江区2023年1-6月份主要经济指标.xlsx")
    assert header_shape(written, range(1, 4)) == header_shape(corpus, range(1, 4))
    assert {str(cells) for cells in written.merged_cells.ranges} >= {"A2:A3", "B2:C2", "D2:E2"}
    assert [written.cell(3, column).value for column in range(2, 6)] == [
        corpus.cell(3, column).value for column in range(2, 6)
    ]
    assert (written["B2"].value, written["D2"].value) == ("6月", "1-6月")


def test_the_district_layout_has_the_corpus_table_s_header(landing: Path) -> None:
    corpus = corpus_sheet(HUAIROU)
    written = sheet(landing / "2023-04" / "淮阳区2023年1-4月主要经济指标.xlsx")
    assert header_shape(written, range(1, 4)) == header_shape(corpus, range(1, 4))
    assert [written.cell(3, column).value for column in (1, 3, 4)] == [
        corpus.cell(3, column).value for column in (1, 3, 4)
    ]
    assert written["B3"].value == "2023年1- 4 月"
    assert written["D2"].value == corpus["D2"].value.replace("万元", "亿元")


def test_figures_carry_their_published_decimals_and_dashes(landing: Path) -> None:
    january = sheet(landing / "2023-01" / "淮阳区2023年1月主要经济指标.xlsx")
    assert january["B4"].value == "—"  # investment is published with February
    assert (january["B6"].number_format, january["D6"].number_format) == ("0", "0.0")
    june = sheet(landing / "2023-06" / "川江区2023年1-6月份主要经济指标.xlsx")
    assert {june.cell(4, column).number_format for column in range(2, 6)} == {"0.0"}


def test_clean_growths_match_their_levels_and_months_add_up() -> None:
    figures = clean_figures()

    def figure(region: str, indicator: str, kind: str, year: int, month: int) -> Published:
        return figures[region, indicator, kind, year, month]

    for (region, indicator, kind, year, month), this in figures.items():
        if year == 2021 or this.value is None:
            continue
        base = figure(region, indicator, kind, year - 1, month).value
        assert base is not None
        assert abs((this.value / base - 1) * 100 - this.growth) <= 0.05 + 1e-9
    for indicator in ("retail_sales", "fixed_asset_investment"):
        for month in range(2, 13):
            ytd = figure(NATIONAL_REGION, indicator, "ytd", 2023, month).value
            before = figure(NATIONAL_REGION, indicator, "ytd", 2023, month - 1).value
            single = figure(NATIONAL_REGION, indicator, "month", 2023, month).value
            assert ytd == pytest.approx(before + single)
    assert figure(DISTRICT_REGION, "budget_revenue", "ytd", 2023, 6).decimals == 0


def test_the_injected_files_say_what_the_truth_says(landing: Path) -> None:
    assert not (landing / "2023-07" / "川江区2023年1-7月份主要经济指标.xlsx").exists()
    april = sheet(landing / "2023-04" / "淮阳区2023年1-4月主要经济指标.xlsx")
    clean = clean_figures()[DISTRICT_REGION, "retail_sales", "ytd", 2023, 4].value
    assert april["B5"].value == round(clean * 10_000)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return evaluate_corpus_layouts(tmp_path_factory.mktemp("evaluation_layouts"))


@pytest.mark.integration
def test_every_anomaly_injected_in_the_corpus_layouts_is_found(scenario: Scenario) -> None:
    assert sorted(set(scenario.expected) - set(scenario.flagged)) == []


@pytest.mark.integration
def test_no_unexpected_error_in_the_corpus_layouts(scenario: Scenario) -> None:
    assert sorted(scenario.errors - set(scenario.expected)) == []
    assert not scenario.gate_passed  # the 万元 slip is an error


@pytest.mark.integration
def test_nothing_else_is_flagged_in_the_corpus_layouts(scenario: Scenario) -> None:
    """A reader that loses a layout's levels or regions shows here as false flags."""
    assert sorted(set(scenario.flagged) - set(scenario.expected)) == []
