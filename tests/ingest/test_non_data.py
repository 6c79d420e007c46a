"""Sheets that are not fact tables are skipped, each with the reason logged."""

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference

from ingest.non_data import YEAR_MONTH_TABLE
from ingest.readers import read_file

DATA = [
    ["川江区主要经济指标(2023年1-6月)"],
    ["指标名称", "数值(亿元)", "增长(%)"],
    ["社会消费品零售总额", 80.3, 5.1],
]
MONTHS = ["1-2月", "3月", "4月", "5月", "6月"]


@pytest.mark.parametrize(
    "chart_rows",
    [
        [
            ["社会消费品零售总额月度对比"],
            ["年份", *MONTHS],
            ["2022年", 1, 2, 3, 4, 5],
            [2023, 2, 3, 4, 5, 6],
        ],
        [["指标", "2022年", "2023年"], *[[month, 1.0, 2.0] for month in MONTHS]],
    ],
    ids=["years_down", "months_down"],
)
def test_year_by_month_comparison_is_skipped_as_chart_data(
    xlsx: Callable[..., Path], chart_rows: list[list[object]]
) -> None:
    path = xlsx("report.xlsx", DATA, other_sheets={"图表数据": chart_rows})
    parsed = read_file(path)
    assert parsed.skipped_sheets == {"图表数据": YEAR_MONTH_TABLE}
    assert YEAR_MONTH_TABLE == "year × month comparison table (chart data)"
    assert len(parsed.observations) == 1


def test_a_table_with_a_period_column_is_not_a_comparison(xlsx: Callable[..., Path]) -> None:
    rows = [
        DATA[0],
        ["指标名称", "时期", "数值(亿元)"],
        *[["零售", month, 1.0] for month in MONTHS],
    ]
    assert len(read_file(xlsx("periods.xlsx", rows)).observations) == len(MONTHS)


def test_chart_sheet_is_skipped(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "川江区"
    for row in DATA:
        sheet.append(row)
    chart = LineChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=3, max_row=3))
    workbook.create_chartsheet("走势图").add_chart(chart)
    path = tmp_path / "with_chart.xlsx"
    workbook.save(path)
    assert read_file(path).skipped_sheets == {"走势图": "chart sheet, no data"}


def test_notes_and_unknown_layouts_are_skipped_with_their_reasons(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "report.xlsx",
        DATA,
        other_sheets={"说明": [["说明"], ["本表为快报数。"]], "其他": [["项", "值"], ["a", 1.5]]},
    )
    skipped = read_file(path).skipped_sheets
    assert skipped["说明"] == "no numeric cells and no table header (notes or cover sheet)"
    assert skipped["其他"].startswith("no header row of a known table shape")
