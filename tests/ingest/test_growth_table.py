"""Growth-only sheets: indicator or industry | period | growth %, without levels."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ingest.column_table import looks_like_column_table, parse_column_table
from ingest.errors import IngestError
from ingest.readers import read_file
from ingest.records import ParsedFile
from ingest.workbook import Cell, Grid

TITLE = "周口市规模以上工业分行业增加值增速(2023年1-6月)"
HEADER = ["行业", "时期", "增速(%)"]
ROWS = [
    ["合计", "1-6月", 7.5],
    ["纺织业", "1-6月", 3.2],
    ["#棉纺织及印染精加工", "1-6月", "—"],
    ["计算机、通信和其他电子设备制造业", "1-6月", 21.0],
]


@pytest.fixture
def industry_xlsx(xlsx: Callable[..., Path]) -> Callable[..., Path]:
    """The monthly report's 分行业增加值增速 sheet: title, header, then rows from row 3."""

    def make(file_name: str, *rows: list[object], title: str = TITLE, **options: object) -> Path:
        options.setdefault("sheet", "分行业增加值增速")
        sheet = [[title], HEADER, *rows, [], ["注:增速按可比价格计算。"]]
        return xlsx(file_name, sheet, **options)

    return make


def test_industry_rows_are_named_after_the_measure_in_the_title(
    industry_xlsx: Callable[..., Path],
) -> None:
    parsed = read_file(industry_xlsx("industries.xlsx", *ROWS, number_formats={"C6": "0.0"}))
    assert [
        (o.indicator_name, o.yoy_growth_pct, o.growth_decimals) for o in parsed.observations
    ] == [
        ("规模以上工业增加值", 7.5, 1),
        ("规模以上工业增加值/纺织业", 3.2, 1),
        ("规模以上工业增加值/计算机、通信和其他电子设备制造业", 21.0, 1),
    ]


def test_growth_only_rows_have_no_value(industry_xlsx: Callable[..., Path]) -> None:
    parsed = read_file(industry_xlsx("industries.xlsx", *ROWS))
    for observation in parsed.observations:
        assert (observation.value_published, observation.value_decimals) == (None, None)
        assert observation.unit_published is None
        assert observation.region_name == "周口市"
        assert (observation.period_type, observation.period_label) == ("ytd", "2023年1-6月")
        assert observation.period_end == date(2023, 6, 30)
    assert [o.row_number for o in parsed.observations] == [3, 4, 6]


def test_indicator_rows_keep_their_names_and_the_title_period(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "indicators.xlsx",
        [
            ["川江区主要指标增速(2023年一季度)"],
            ["指标名称", "比上年同期增长(%)"],
            ["地区生产总值", "8.5%"],
            ["规上工业增加值", "１２．０"],
        ],
    )
    parsed = read_file(path)
    assert [(o.indicator_name, o.yoy_growth_pct) for o in parsed.observations] == [
        ("地区生产总值", 8.5),
        ("规上工业增加值", 12.0),
    ]
    assert {(o.region_name, o.period_type) for o in parsed.observations} == {("川江区", "quarter")}


def test_without_a_measure_in_the_title_the_sheet_name_stands_in(
    industry_xlsx: Callable[..., Path],
) -> None:
    path = industry_xlsx("untitled.xlsx", ROWS[1], title="2023年1-6月", sheet="工业增加值增速")
    [textiles] = read_file(path).observations
    assert textiles.indicator_name == "工业增加值/纺织业"


def test_bad_growth_cell_names_file_sheet_row_and_column(
    industry_xlsx: Callable[..., Path],
) -> None:
    path = industry_xlsx("bad.xlsx", ROWS[0], ["纺织业", "1-6月", "3,2.1"])
    with pytest.raises(IngestError) as caught:
        read_file(path)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == (
        "分行业增加值增速",
        4,
        "C",
    )
    assert "growth rate '3,2.1' is not a number" in str(caught.value)


def test_bad_period_names_the_period_column(industry_xlsx: Callable[..., Path]) -> None:
    path = industry_xlsx("bad_period.xlsx", ["纺织业", "下半年", 3.2])
    with pytest.raises(IngestError, match=r"sheet 分行业增加值增速, row 3, column B"):
        read_file(path)


def grid(*rows: list[object]) -> Grid:
    return Grid("sheet", [[Cell(value) for value in row] for row in rows])


@pytest.mark.parametrize(
    ("header", "readable"),
    [
        (["行业", "时期", "增速(%)"], True),
        (["指标", "增长(%)"], True),
        (["指标名称", "数值(亿元)", "增长(%)"], True),
        (["行业", "占比(%)"], True),  # a share, in per cent
        (["行业", "备注", "说明"], False),  # no measure, period or unit: nothing to read
    ],
)
def test_a_header_is_read_when_it_names_a_figure_column(header: list[str], readable: bool) -> None:
    table = grid([TITLE], header, ["纺织业", 3.2, 1.0])
    assert looks_like_column_table(table) is readable


def test_a_table_parses_alike_with_or_without_its_detection() -> None:
    """The parser takes the layout the detector found, or finds it itself when not asked."""
    rows = ([TITLE], ["行业", "利税总额增速(%)"], ["纺织业", 3.2], ["注:利税总额增速为1-3月数据"])
    detected, direct = ParsedFile(), ParsedFile()
    table = grid(*rows)
    assert looks_like_column_table(table)
    parse_column_table(table, "t.xlsx", detected)
    parse_column_table(grid(*rows), "t.xlsx", direct)
    assert detected.observations == direct.observations
    assert [(o.period_label, o.period_source) for o in direct.observations] == [
        ("2023年1-3月", "text")
    ]
