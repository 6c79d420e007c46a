"""Reading indicator-table sheets: the generated monthly reports and tiny hand-made workbooks."""

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.readers import read_file
from ingest.records import Observation, ParsedFile

DASH = "—"
# The usual header, as table_xlsx writes it by default.
HEADER = ["指标名称", "时期", "数值", "单位", "比上年同期增长(%)"]


def only(parsed: ParsedFile, region: str, indicator: str) -> Observation:
    """The fact of the region's own sheet (the region table repeats some of them)."""
    matches = [
        o
        for o in parsed.observations
        if (o.sheet_name, o.region_name, o.indicator_name) == (region, region, indicator)
    ]
    assert len(matches) == 1, f"{region} {indicator}: {matches}"
    return matches[0]


def shown(value: float | None, decimals: int | None) -> str:
    """A figure as the workbook displays it ("—" when missing)."""
    return DASH if value is None else f"{value:.{decimals}f}"


# --- the generated monthly report -----------------------------------------------------------


@pytest.fixture(scope="module")
def december_2022(sample_report: Callable[[int, int], Path]) -> ParsedFile:
    return read_file(sample_report(2022, 12))


def test_chuanjiang_2022_retail_sales(december_2022: ParsedFile) -> None:
    retail = only(december_2022, "川江区", "社会消费品零售总额")
    assert (retail.value_published, retail.value_decimals, retail.unit_published) == (
        161.5,
        1,
        "亿元",
    )
    assert (retail.yoy_growth_pct, retail.growth_decimals) == (3.0, 1)
    assert retail.period_type == "year"
    assert (retail.period_start, retail.period_end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert retail.period_label == "2022年1-12月"
    assert retail.sheet_name == "川江区"


def test_budget_revenue_keeps_two_decimals(december_2022: ParsedFile) -> None:
    budget = only(december_2022, "川江区", "一般公共预算收入")
    assert (budget.value_published, budget.value_decimals) == (8.26, 2)


def test_shangshui_budget_is_in_wan_yuan_without_decimals(december_2022: ParsedFile) -> None:
    budget = only(december_2022, "商水县", "一般公共预算收入")
    assert budget.unit_published == "万元"
    assert budget.value_decimals == 0
    assert budget.value_published == int(budget.value_published) > 10_000


def test_short_name_in_the_title_resolves_to_the_full_name(december_2022: ParsedFile) -> None:
    xihua = [o for o in december_2022.observations if o.sheet_name == "西华县"]
    assert len(xihua) == 5
    assert {(o.region_name, o.region_source) for o in xihua} == {("西华县", "title")}
    assert "规上工业增加值" in {o.indicator_name for o in xihua}


def test_gdp_full_year_label(december_2022: ParsedFile) -> None:
    gdp = only(december_2022, "川江区", "地区生产总值")
    assert (gdp.period_type, gdp.period_label) == ("year", "2022年全年")


def test_notes_sheet_is_skipped_with_a_reason(december_2022: ParsedFile) -> None:
    assert list(december_2022.skipped_sheets) == ["说明"]
    assert "no numeric cells" in december_2022.skipped_sheets["说明"]


def test_publisher_and_release_date(december_2022: ParsedFile) -> None:
    assert december_2022.publisher == "周口市统计局"
    assert december_2022.release_date == date(2023, 1, 15)


@pytest.mark.parametrize(("year", "month"), [(2022, 12), (2021, 1), (2023, 6)])
def test_every_published_row_of_the_truth_is_read(
    sample_report: Callable[[int, int], Path], sample_truth: Path, year: int, month: int
) -> None:
    path = sample_report(year, month)
    with (sample_truth / "observations.csv").open(encoding="utf-8", newline="") as handle:
        truth = [row for row in csv.DictReader(handle) if row["file_name"] == path.name]
    expected = {
        (
            row["sheet_name"],
            int(row["row_number"]),
            row["indicator_name_published"],
            row["period_type"],
            row["period_end"],
            row["value_text"],
            row["unit_published"] if row["value_text"] != DASH else None,
            row["growth_text"],
        )
        for row in truth
        if (row["value_text"], row["growth_text"]) != (DASH, DASH)
    }
    got = {
        (
            o.sheet_name,
            o.row_number,
            o.indicator_name,
            o.period_type,
            o.period_end.isoformat(),
            shown(o.value_published, o.value_decimals),
            o.unit_published,
            shown(o.yoy_growth_pct, o.growth_decimals),
        )
        for o in read_file(path).observations
        if o.sheet_name in {row["sheet_name"] for row in truth}  # the region table is not one
    }
    assert truth, "the truth lists rows for this file"
    assert got == expected


def test_january_withheld_rows_give_no_observation(
    sample_report: Callable[[int, int], Path],
) -> None:
    parsed = read_file(sample_report(2021, 1))
    # Industry, investment and retail are "—" in January: only the budget is published.
    assert {o.indicator_name for o in parsed.observations} == {"一般公共预算收入"}
    assert len(parsed.observations) == 5


# --- tiny workbooks ---------------------------------------------------------------------------


def test_unit_in_the_value_header(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "unit_in_header.xlsx",
        [
            ["川江区主要经济指标(2023年1-6月)"],
            ["指标名称", "数值(亿元)", "增长(%)"],
            ["社会消费品零售总额", 80.3, 5.1],
        ],
        number_formats={"B3": "0.0", "C3": "0.0"},
    )
    [observation] = read_file(path).observations
    assert observation.unit_published == "亿元"
    assert (observation.value_published, observation.value_decimals) == (80.3, 1)
    # No period column: the period comes from the title.
    assert (observation.period_type, observation.period_label) == ("ytd", "2023年1-6月")
    assert observation.period_end == date(2023, 6, 30)
    assert observation.region_name == "川江区"


def test_unit_after_the_indicator_name(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx(
        "unit_in_name.xlsx",
        ["社会消费品零售总额(亿元)", "1-6月", 80.3, None, 5.1],
        ["固定资产投资（亿元）", "1-6月", 70.0, None, 2.0],
    )
    observations = read_file(path).observations
    assert [(o.indicator_name, o.unit_published) for o in observations] == [
        ("社会消费品零售总额", "亿元"),
        ("固定资产投资", "亿元"),
    ]


def test_merged_two_row_header(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "two_row_header.xlsx",
        [
            ["川江区主要经济指标(2023年1-6月)"],
            ["指标名称", "时期", "本期", None, "比上年同期增长(%)"],
            [None, None, "数值", "单位", None],
            ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1],
        ],
        merged=["A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3"],
    )
    [observation] = read_file(path).observations
    assert observation.row_number == 4
    assert (observation.value_published, observation.unit_published) == (80.3, "亿元")
    assert observation.yoy_growth_pct == 5.1


def test_footnote_ends_the_table(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx(
        "footnote.xlsx",
        ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1],
        [],
        ["注:增速按现价计算。"],
        ["固定资产投资", "1-6月", 70.0, "亿元", 2.0],
    )
    assert [o.indicator_name for o in read_file(path).observations] == ["社会消费品零售总额"]


def test_row_with_value_and_growth_both_missing_is_not_an_observation(
    table_xlsx: Callable[..., Path],
) -> None:
    path = table_xlsx(
        "dashes.xlsx",
        ["规模以上工业增加值", "1-6月", DASH, "亿元", DASH],
        ["固定资产投资", "1-6月", DASH, "亿元", 2.0],
        ["社会消费品零售总额", "1-6月", 80.3, "亿元", "…"],
    )
    observations = read_file(path).observations
    assert [o.indicator_name for o in observations] == ["固定资产投资", "社会消费品零售总额"]
    investment, retail = observations
    assert (investment.value_published, investment.unit_published) == (None, None)
    assert investment.yoy_growth_pct == 2.0
    assert (retail.yoy_growth_pct, retail.growth_decimals) == (None, None)


def test_text_figures_with_full_width_digits(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx(
        "full_width.xlsx",
        ["社会消费品零售总额", "１－６月", "１６１．５", "亿元", "３．０"],
        ["固定资产投资", "1-6月", 70.0, "亿元", 2.0],
    )
    retail = read_file(path).observations[0]
    assert (retail.value_published, retail.value_decimals) == (161.5, 1)
    assert (retail.yoy_growth_pct, retail.growth_decimals) == (3.0, 1)
    assert retail.period_type == "ytd"


@pytest.mark.parametrize("bad_value", ["12..5", "abc"])
def test_malformed_value_names_file_sheet_row_and_column(
    table_xlsx: Callable[..., Path], bad_value: str
) -> None:
    path = table_xlsx(
        "malformed.xlsx",
        ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1],
        ["固定资产投资", "1-6月", bad_value, "亿元", 2.0],
    )
    with pytest.raises(IngestError) as caught:
        read_file(path)
    message = str(caught.value)
    for part in ("malformed.xlsx", "sheet 川江区", "row 4", "column C", bad_value):
        assert part in message
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("川江区", 4, "C")


def test_malformed_growth_names_the_growth_column(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx("bad_growth.xlsx", ["社会消费品零售总额", "1-6月", 80.3, "亿元", "5.1.2"])
    with pytest.raises(IngestError, match=r"row 3, column E"):
        read_file(path)


def test_unknown_period_label_names_row_and_column(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx(
        "bad_period.xlsx",
        ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1],
        ["固定资产投资", "下半年", 70.0, "亿元", 2.0],
    )
    with pytest.raises(IngestError, match=r"bad_period\.xlsx, sheet 川江区, row 4, column B"):
        read_file(path)


def test_workbook_without_a_data_sheet(xlsx: Callable[..., Path]) -> None:
    path = xlsx("notes_only.xlsx", [["说明"], ["本表为快报数。"]], sheet="说明")
    with pytest.raises(IngestError, match="no figures found") as caught:
        read_file(path)
    assert caught.value.file_name == "notes_only.xlsx"
    assert "说明" in str(caught.value)


def test_numbers_without_an_indicator_header_are_skipped(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "chart_data.xlsx",
        [["川江区主要经济指标(2023年1-6月)"], ["指标名称", "时期", "数值"], ["零售", "1-6月", 1.0]],
        other_sheets={"图表数据": [["月份", "零售"], [1, 2.5]]},
    )
    parsed = read_file(path)
    assert len(parsed.observations) == 1
    assert "图表数据" in parsed.skipped_sheets


def test_unsupported_suffix_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "月报.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(IngestError, match="unsupported file type") as caught:
        read_file(path)
    assert str(caught.value).startswith("月报.pdf")


def test_file_that_is_not_a_workbook_raises_ingest_error(tmp_path: Path) -> None:
    path = tmp_path / "saved_from_browser.xlsx"
    path.write_bytes(b"<html><body>404</body></html>")
    with pytest.raises(IngestError, match=r"saved_from_browser\.xlsx"):
        read_file(path)


def test_sheet_whose_figures_are_all_text_is_read(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx(
        "all_text.xlsx", ["社会消费品零售总额", "1-6月", "１６１．５", "亿元", "３．０"]
    )
    [retail] = read_file(path).observations
    assert retail.value_published == 161.5


def test_title_with_di_yi_jidu(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "quarter.xlsx",
        [
            ["川江区主要经济指标(2023年第一季度)"],
            ["指标名称", "数值(亿元)", "增长(%)"],
            ["地区生产总值", 80.5, 3.0],
        ],
    )
    [gdp] = read_file(path).observations
    assert (gdp.period_type, gdp.period_end) == ("quarter", date(2023, 3, 31))


# --- header variants and figure conventions ---------------------------------------------------


def test_unit_in_the_header_with_thousands_separators_and_percent_signs(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "wan_yuan.xlsx",
        [
            ["商水县主要经济指标(2023年1-6月)"],
            ["指标", "绝对值(万元)", "同比增长%"],
            ["一般公共预算收入", "52,345", "3.2%"],
            ["税收收入", 41_234, -1.5],
        ],
        number_formats={"B4": "#,##0", "C4": "0.0%"},
    )
    budget, tax = read_file(path).observations
    assert (budget.value_published, budget.value_decimals, budget.unit_published) == (
        52345,
        0,
        "万元",
    )
    assert (budget.yoy_growth_pct, budget.growth_decimals) == (3.2, 1)
    assert (tax.value_published, tax.unit_published) == (41234, "万元")
    assert (tax.yoy_growth_pct, tax.growth_decimals) == (-150.0, 1), "0.0% shows -1.5 as -150.0%"


def test_three_row_merged_header(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "three_rows.xlsx",
        [
            ["川江区主要经济指标(2023年1-6月)"],
            ["指标名称", "时期", "本期", None, "比上年同期"],
            [None, None, "累计", None, "增长"],
            [None, None, "数值", "单位", "(%)"],
            ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1],
        ],
        merged=["A2:A4", "B2:B4", "C2:D2", "C3:D3"],
    )
    [retail] = read_file(path).observations
    assert (retail.row_number, retail.value_published, retail.unit_published) == (5, 80.3, "亿元")
    assert retail.yoy_growth_pct == 5.1


def test_rank_is_an_attribute_of_the_figure_it_ranks(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx(
        "rank.xlsx",
        ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1, 3],
        header=[*HEADER, "全市位次"],
    )
    [retail] = read_file(path).observations
    assert (retail.indicator_name, retail.value_published) == ("社会消费品零售总额", 80.3)
    assert (retail.growth_rank, retail.value_rank) == (3, None), "a rank is not a fact"


def test_bad_rank_names_its_column(table_xlsx: Callable[..., Path]) -> None:
    path = table_xlsx(
        "bad_rank.xlsx",
        ["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1, "三"],
        header=[*HEADER, "位次"],
    )
    with pytest.raises(IngestError, match=r"row 3, column F: rank '三' is not a number"):
        read_file(path)


def test_section_row_without_figures_or_period_is_passed_over(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "sections.xlsx",
        [
            ["川江区主要经济指标"],
            ["指标名称", "时期", "数值(亿元)"],
            ["一、工业", None, None],
            ["规模以上工业增加值", "2023年1-6月", 40.1],
        ],
    )
    [industry] = read_file(path).observations
    assert (industry.indicator_name, industry.period_label) == ("规模以上工业增加值", "2023年1-6月")
    assert industry.region_name == "川江区", "the sheet name stands in for a missing title"
