"""Reading region-table sheets: one row per region, indicators with sub-columns across the top."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.readers import read_file
from ingest.records import Observation, ParsedFile

TITLE = "周口市各县区主要经济指标(2023年1-6月)"
INDICATORS = ["地区", "地区生产总值", None, None, "规模以上工业增加值", None]
SUB_HEADERS = [None, "绝对值(亿元)", "增速(%)", "位次", "增速(%)", "位次"]
MERGED = ["A1:F1", "A3:A4", "B3:D3", "E3:F3"]


def region_sheet(*data_rows: list[object], title: str = TITLE) -> list[list[object]]:
    """The monthly report's 各县区主要指标 sheet: data rows start at Excel row 5."""
    return [
        [title],
        ["编制单位:周口市统计局  发布日期:2023-07-15"],
        INDICATORS,
        SUB_HEADERS,
        *data_rows,
        [],
        ["注:地区生产总值、规模以上工业增加值增速按可比价格计算。"],
    ]


ROWS = [
    ["川江", 170.2, 5.1, 2, 8.0, 1],
    ["淮阳", 132.5, 4.2, 4, "—", 3],
    ["西华", 105.4, 6.0, 1, 7.1, 2],
    ["商水", 115.6, 3.9, 5, 6.8, 4],
    ["项城", 200.7, 4.8, 3, 5.2, 5],
    ["全市", 1801.0, 4.6, None, 7.5, None],
]


@pytest.fixture
def region_xlsx(xlsx: Callable[..., Path]) -> Callable[..., Path]:
    """A workbook with the 各县区主要指标 sheet, merged cells as a bureau writes them."""

    def make(file_name: str, *data_rows: list[object], **options: object) -> Path:
        options.setdefault("merged", MERGED)
        options.setdefault("sheet", "各县区主要指标")
        title = options.pop("title", TITLE)
        return xlsx(file_name, region_sheet(*data_rows, title=title), **options)

    return make


def by_key(parsed: ParsedFile) -> dict[tuple[str, str], Observation]:
    found = {(o.region_name, o.indicator_name): o for o in parsed.observations}
    assert len(found) == len(parsed.observations), "one observation per region and indicator"
    return found


@pytest.fixture
def parsed(region_xlsx: Callable[..., Path]) -> ParsedFile:
    formats = {f"{column}{row}": "0.0" for column in "BCE" for row in range(5, 11)}
    return read_file(region_xlsx("regions.xlsx", *ROWS, number_formats=formats))


def test_value_growth_and_rank_of_each_region(parsed: ParsedFile) -> None:
    found = by_key(parsed)
    gdp = found["川江区", "地区生产总值"]
    assert (gdp.value_published, gdp.value_decimals, gdp.unit_published) == (170.2, 1, "亿元")
    assert (gdp.yoy_growth_pct, gdp.growth_decimals) == (5.1, 1)
    assert (gdp.sheet_name, gdp.row_number) == ("各县区主要指标", 5)
    assert (gdp.growth_rank, gdp.value_rank) == (2, None), "the rank follows the growth it ranks"
    assert (gdp.region_source, gdp.period_source, gdp.column_name) == ("row", "title", "B")
    assert ("川江区", "地区生产总值位次") not in found, "a rank is not a fact"


def test_indicator_with_growth_and_rank_only(parsed: ParsedFile) -> None:
    industry = by_key(parsed)["川江区", "规模以上工业增加值"]
    assert (industry.value_published, industry.unit_published) == (None, None)
    assert industry.yoy_growth_pct == 8.0
    assert industry.growth_rank == 1


def test_period_comes_from_the_title(parsed: ParsedFile) -> None:
    assert {(o.period_label, o.period_type) for o in parsed.observations} == {
        ("2023年1-6月", "ytd")
    }
    assert {(o.period_start, o.period_end) for o in parsed.observations} == {
        (date(2023, 1, 1), date(2023, 6, 30))
    }


def test_short_region_names_resolve_and_the_total_row_is_the_title_region(
    parsed: ParsedFile,
) -> None:
    assert {o.region_name for o in parsed.observations} == {
        "川江区",
        "淮阳区",
        "西华县",
        "商水县",
        "项城市",
        "周口市",
    }
    total = by_key(parsed)["周口市", "地区生产总值"]
    assert (total.value_published, total.row_number) == (1801.0, 10)


def test_not_available_figures_give_no_observation(parsed: ParsedFile) -> None:
    found = by_key(parsed)
    assert ("淮阳区", "规模以上工业增加值") not in found, "growth is — and there is no value"
    assert found["周口市", "地区生产总值"].growth_rank is None, "the total has no rank"
    # 6 regions x (GDP, industry), less 淮阳's missing industry growth.
    assert len(parsed.observations) == 6 * 2 - 1


def test_footnote_ends_the_table_and_publisher_is_read(xlsx: Callable[..., Path]) -> None:
    after_footnote = ["淮阳", 1.0, 1.0, 1, 1.0, 1]
    path = xlsx("footnote.xlsx", [*region_sheet(ROWS[0]), after_footnote], merged=MERGED)
    parsed = read_file(path)
    assert {(o.region_name, o.row_number) for o in parsed.observations} == {("川江区", 5)}
    assert (parsed.publisher, parsed.release_date) == ("周口市统计局", date(2023, 7, 15))


def test_text_figures_full_width_separators_and_percent_signs(
    region_xlsx: Callable[..., Path],
) -> None:
    path = region_xlsx(
        "text.xlsx",
        ["川 江", "１７０．２", "5.1%", "２", "-", "…"],
        ["全市", "1,801.0", "4.6％", "", "7.5", ""],
    )
    found = by_key(read_file(path))
    gdp = found["川江区", "地区生产总值"]
    assert (gdp.value_published, gdp.value_decimals, gdp.yoy_growth_pct) == (170.2, 1, 5.1)
    assert found["川江区", "地区生产总值"].growth_rank == 2
    assert ("川江区", "规模以上工业增加值") not in found
    total = found["周口市", "地区生产总值"]
    assert (total.value_published, total.yoy_growth_pct) == (1801.0, 4.6)


@pytest.mark.parametrize(
    ("bad_row", "column", "what"),
    [
        (["川江", "170..2", 5.1, 2, 8.0, 1], "B", "value"),
        (["川江", 170.2, "五", 2, 8.0, 1], "C", "growth rate"),
        (["川江", 170.2, 5.1, "第二", 8.0, 1], "D", "rank"),
    ],
)
def test_bad_cell_names_file_sheet_row_and_column(
    region_xlsx: Callable[..., Path], bad_row: list[object], column: str, what: str
) -> None:
    path = region_xlsx("bad.xlsx", ROWS[0], bad_row)
    with pytest.raises(IngestError) as caught:
        read_file(path)
    assert (caught.value.file_name, caught.value.sheet) == ("bad.xlsx", "各县区主要指标")
    assert (caught.value.row, caught.value.column) == (6, column)
    assert caught.value.problem.startswith(f"{what} ")


def test_region_table_without_a_period_in_its_title(region_xlsx: Callable[..., Path]) -> None:
    path = region_xlsx("no_period.xlsx", ROWS[0], title="周口市各县区主要经济指标")
    with pytest.raises(
        IngestError, match=r"sheet 各县区主要指标: no period in the column headers, title"
    ):
        read_file(path)


# --- header variants ------------------------------------------------------------------------


def test_single_row_header_ties_growth_and_rank_to_the_indicator_on_their_left(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "flat.xlsx",
        [
            ["周口市各县区主要经济指标(2023年1-3月)"],
            ["县(市、区)", "地区生产总值(亿元)", "增速(%)", "位次", "社会消费品零售总额增速(%)"],
            ["川江", 80.5, 4.1, 2, 6.2],
        ],
        sheet="县区",
    )
    found = by_key(read_file(path))
    assert set(found) == {
        ("川江区", "地区生产总值"),
        ("川江区", "社会消费品零售总额"),
    }
    gdp = found["川江区", "地区生产总值"]
    assert (gdp.unit_published, gdp.yoy_growth_pct, gdp.period_type) == ("亿元", 4.1, "ytd")
    assert found["川江区", "社会消费品零售总额"].yoy_growth_pct == 6.2


def test_unit_over_the_indicator_sequence_column_and_rank_of_growth(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "variant.xlsx",
        [
            ["周口市各县区主要经济指标(2023年上半年)"],
            ["序号", "地 区", "一般公共预算收入(万元)", None, None, None],
            [None, None, "本期", "比上年同期增长", "增速位次", "比上年增减(百分点)"],
            [1, "商水", 52345, 3.2, 4, -0.5],
        ],
        merged=["A2:A3", "B2:B3", "C2:F2"],
    )
    found = by_key(read_file(path))
    budget = found["商水县", "一般公共预算收入"]
    assert (budget.value_published, budget.unit_published, budget.yoy_growth_pct) == (
        52345,
        "万元",
        3.2,
    )
    assert budget.growth_rank == 4
    assert set(found) == {("商水县", "一般公共预算收入")}, "a change of growth is not a fact"


def test_three_header_rows(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "three_rows.xlsx",
        [
            ["周口市各县区主要经济指标(2023年1-6月)"],
            ["地区", "工业", None, None],
            [None, "规模以上工业增加值", None, "工业投资"],
            [None, "增速(%)", "位次", "增速(%)"],
            ["川江", 8.0, 1, 107.5],
        ],
        merged=["B2:D2", "B3:C3"],
    )
    found = by_key(read_file(path))
    assert set(found) == {
        ("川江区", "规模以上工业增加值"),
        ("川江区", "工业投资"),
    }
    assert found["川江区", "工业投资"].yoy_growth_pct == 107.5


def test_two_value_columns_for_one_indicator_are_refused(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "two_values.xlsx",
        [
            [TITLE],
            ["地区", "地区生产总值", None, None],
            [None, "总量(亿元)", "绝对值(亿元)", "增速(%)"],
            ["川江", 170.2, 170.2, 5.1],
        ],
        sheet="县区",
    )
    with pytest.raises(IngestError, match="a second value column for 地区生产总值") as caught:
        read_file(path)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("县区", 3, "C")
