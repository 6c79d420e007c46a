"""The column model on small workbooks in the layouts of issue 10 (written here with openpyxl).

Each test builds the layout a bureau publishes and reads it through `read_file`, the path
every workbook takes.
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ingest.column_table import CHANGE_OF_GROWTH, COLUMN_CODES, LEFT_OF_STUB, UNKNOWN_COLUMN
from ingest.errors import IngestError
from ingest.non_data import YEAR_MONTH_TABLE
from ingest.readers import parse_file, read_file
from ingest.records import ParsedFile
from ingest.table_context import region_in_text


def facts(parsed: ParsedFile) -> set[tuple]:
    return {
        (o.region_name, o.indicator_name, o.period_type, o.period_end, o.value_published,
         o.unit_published, o.yoy_growth_pct)
        for o in parsed.observations
    }  # fmt: skip


def test_two_row_workbook_loads_both_levels_and_both_growths(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "川江区2023年一季度主要指标.xlsx",
        [
            ["川江区主要经济指标(2023年1-3月)"],
            ["指标名称", "单位", "1-3月", "同比增长(%)"],
            ["规模以上工业增加值", "亿元", 40.1, 6.2],
            ["社会消费品零售总额", "亿元", 38.0, 5.5],
        ],
    )
    parsed = read_file(path)
    q1 = date(2023, 3, 31)
    assert facts(parsed) == {
        ("川江区", "规模以上工业增加值", "ytd", q1, 40.1, "亿元", 6.2),
        ("川江区", "社会消费品零售总额", "ytd", q1, 38.0, "亿元", 5.5),
    }
    assert parsed.figures.read == 4
    assert {(o.column_name, o.period_source, o.region_source) for o in parsed.observations} == {
        ("C", "column", "title")
    }


def test_two_period_groups_with_levels_stored_as_text(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "retail.xlsx",
        [
            ["河南省2023年6月社会消费品零售总额"],
            ["指标", "本月", "比去年同月增长(%)", "1-本月", "比去年同期增长(%)"],
            ["社会消费品零售总额(亿元)", "1,475.21", "5.1", "12,345.6", "+4.0"],
        ],
        sheet="Sheet1",
    )
    got = facts(read_file(path))
    assert got == {
        ("河南省", "社会消费品零售总额", "month", date(2023, 6, 30), 1475.21, "亿元", 5.1),
        ("河南省", "社会消费品零售总额", "ytd", date(2023, 6, 30), 12345.6, "亿元", 4.0),
    }


def test_industry_sheet_takes_its_region_from_the_title_or_the_file_name(
    xlsx: Callable[..., Path],
) -> None:
    rows = [
        ["规模以上工业分行业增加值增速(2023年1-9月)"],
        ["行业", "9月增速(%)", "1-9月增速(%)"],
        ["纺织业", 3.1, "1.6倍"],
    ]
    parsed = read_file(xlsx("周口市2023年9月工业.xlsx", rows, sheet="分行业增加值"))
    assert facts(parsed) == {
        ("周口市", "规模以上工业增加值/纺织业", "month", date(2023, 9, 30), None, None, 3.1),
        ("周口市", "规模以上工业增加值/纺织业", "ytd", date(2023, 9, 30), None, None, 160.0),
    }
    assert {o.region_source for o in parsed.observations} == {"file_name"}
    titled = [["川江区" + rows[0][0]], *rows[1:]]
    parsed = read_file(xlsx("工业.xlsx", titled, sheet="分行业增加值"))
    assert {(o.region_name, o.region_source) for o in parsed.observations} == {("川江区", "title")}


def test_a_rank_is_not_a_fact(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "ranks.xlsx",
        [
            ["周口市各县区主要经济指标(2023年1-6月)"],
            ["地区", "地区生产总值", None, None, None],
            [None, "绝对值(亿元)", "位次", "增速(%)", "位次"],
            ["川江", 170.2, 2, 5.1, 3],
        ],
        merged=["B2:E2"],
    )
    [gdp] = read_file(path).observations
    assert (gdp.region_name, gdp.indicator_name) == ("川江区", "地区生产总值")
    assert (gdp.value_published, gdp.yoy_growth_pct) == (170.2, 5.1)
    assert (gdp.value_rank, gdp.growth_rank) == (2, 3)


def test_an_unknown_numeric_column_is_reported_unread(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "extra.xlsx",
        [
            ["川江区主要经济指标(2023年1-6月)"],
            ["指标名称", "单位", "1-6月", "同比增长(%)", "调查户"],
            ["社会消费品零售总额", "亿元", 80.3, 5.1, 312],
        ],
    )
    parsed = read_file(path)
    assert len(parsed.observations) == 1, "the file is read, not quarantined"
    [unread] = parsed.figures.unread
    assert (unread.sheet_name, unread.row_number, unread.column_name, unread.text) == (
        "川江区",
        3,
        "E",
        "312",
    )
    assert unread.reason == UNKNOWN_COLUMN
    assert parsed.figures.summary() == "2 of 3 numbers read, 0 skipped, 1 unread"


def test_change_of_growth_and_column_codes_are_skipped_with_their_reason(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "常州市2014年1-6月限上零售额.xlsx",
        [
            ["1-6月各行业限额以上社零总额及增幅"],
            ["行业", "限上零售额\n(亿元)", "增幅(%)", "较去年同期\n±百分点"],
            ["甲", "1", "2", "3"],
            ["批发业", 49.02, 13.0, "+2.5"],
        ],
        sheet="Sheet1",
    )
    parsed = read_file(path)
    assert facts(parsed) == {
        ("常州市", "限上零售额/批发业", "ytd", date(2014, 6, 30), 49.02, "亿元", 13.0)
    }
    assert parsed.figures.skipped == {COLUMN_CODES: 3, CHANGE_OF_GROWTH: 1}
    assert parsed.figures.unread == []


def test_prior_year_columns_give_the_previous_years_level(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "怀柔区2024年1-4月工业.xlsx",
        [
            ["  2024年1- 4 月", None, None, "单位:万元"],
            ["项    目", " 2024年1- 4", "上年同期", "同比增长(%)"],
            ["工业总产值(现价)", 1918615, 1791823, 7.1],
            ["  #汽车制造业", 1054768, 942934, 11.9],
            ["工业产销率(%)", 86.5, 104.4, "—"],
        ],
        sheet="Sheet1",
    )
    got = facts(read_file(path))
    this, last = date(2024, 4, 30), date(2023, 4, 30)
    assert got == {
        ("怀柔区", "工业总产值(现价)", "ytd", this, 1918615, "万元", 7.1),
        ("怀柔区", "工业总产值(现价)", "ytd", last, 1791823, "万元", None),
        ("怀柔区", "工业总产值(现价)/汽车制造业", "ytd", this, 1054768, "万元", 11.9),
        ("怀柔区", "工业总产值(现价)/汽车制造业", "ytd", last, 942934, "万元", None),
        ("怀柔区", "工业产销率", "ytd", this, 86.5, "%", None),
        ("怀柔区", "工业产销率", "ytd", last, 104.4, "%", None),
    }


def test_years_as_column_headers_and_a_section_under_the_quantity(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "福建统计年鉴2015_总产出.xlsx",
        [
            ["2-3 总产出"],
            ["项目", 2013, 2014],
            ["总产出(亿元)", 61780.2, 70742.78],
            ["第一产业", 3170.16, 3400.9],
            ["按主要行业分"],
            ["工业", 36617.43, 42673.43],
        ],
        sheet="Sheet1",
    )
    got = {(o.region_name, o.indicator_name, o.period_end, o.value_published, o.unit_published)
           for o in read_file(path).observations}  # fmt: skip
    assert got == {
        ("福建省", "总产出", date(2013, 12, 31), 61780.2, "亿元"),
        ("福建省", "总产出", date(2014, 12, 31), 70742.78, "亿元"),
        ("福建省", "总产出/第一产业", date(2013, 12, 31), 3170.16, "亿元"),
        ("福建省", "总产出/第一产业", date(2014, 12, 31), 3400.9, "亿元"),
        ("福建省", "总产出/工业", date(2013, 12, 31), 36617.43, "亿元"),
        ("福建省", "总产出/工业", date(2014, 12, 31), 42673.43, "亿元"),
    }


@pytest.mark.parametrize("mark", ["—", "―", "--", "…", "-", "x", None])
def test_not_available_marks_are_never_zero(xlsx: Callable[..., Path], mark: object) -> None:
    path = xlsx(
        "marks.xlsx",
        [
            ["川江区主要经济指标(2023年1-6月)"],
            ["指标名称", "单位", "1-6月", "同比增长(%)"],
            ["固定资产投资", "亿元", mark, 3.2],
        ],
    )
    [investment] = read_file(path).observations
    assert (investment.value_published, investment.yoy_growth_pct) == (None, 3.2)


def test_a_table_naming_no_period_anywhere_names_what_it_looked_at(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "table.xlsx", [["指标名称", "单位", "增速(%)"], ["固定资产投资", "亿元", 3.2]], sheet="表"
    )
    with pytest.raises(IngestError, match="no period in the column headers, title, sheet name"):
        read_file(path)


def test_the_landing_folder_gives_the_period_when_nothing_else_does(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "2023-05/川江区指标.xlsx",
        [["指标名称", "单位", "增速(%)"], ["固定资产投资", "亿元", 3.2]],
        sheet="表",
    )
    [observation] = read_file(path).observations
    assert (observation.period_type, observation.period_end) == ("ytd", date(2023, 5, 31))
    assert observation.period_source == "folder"


def test_periods_as_rows(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "川江区地区生产总值.xlsx",
        [
            ["川江区地区生产总值"],
            ["年份", "地区生产总值(亿元)", "增速(%)"],
            ["2021年", 330.1, 6.8],
            ["2022年", 349.8, 7.0],
        ],
        sheet="Sheet1",
    )
    parsed = read_file(path)
    assert facts(parsed) == {
        ("川江区", "地区生产总值", "year", date(2021, 12, 31), 330.1, "亿元", 6.8),
        ("川江区", "地区生产总值", "year", date(2022, 12, 31), 349.8, "亿元", 7.0),
    }
    assert {o.period_source for o in parsed.observations} == {"row"}


def test_numbers_of_sheets_no_table_takes_are_skipped_or_unread(xlsx: Callable[..., Path]) -> None:
    chart = [["", "1月", "2月", "3月"], ["2022年", 5.1, 5.3, 5.0], ["2023年", 6.0, 6.2, 6.1]]
    loose = [["川江区固定资产投资"], [None, 12.5, 13.0]]
    path = xlsx(
        "report.xlsx",
        [
            ["川江区主要经济指标(2023年1-3月)"],
            ["指标名称", "单位", "1-3月", "同比增长(%)"],
            ["固定资产投资", "亿元", 40.1, 6.2],
        ],
        other_sheets={"图表数据": chart, "草稿": loose},
    )
    figures = read_file(path).figures
    assert (figures.read, figures.skipped) == (2, {YEAR_MONTH_TABLE: 6})
    assert [(u.sheet_name, u.row_number, u.column_name, u.text) for u in figures.unread] == [
        ("草稿", 2, "B", "12.5"),
        ("草稿", 2, "C", "13"),
    ]


def test_a_zone_named_after_its_region_keeps_its_own_name(xlsx: Callable[..., Path]) -> None:
    """周口市城乡一体化示范区 is not 周口市: its figures must not become the city's."""
    path = xlsx(
        "示范区.xlsx",
        [
            ["周口市城乡一体化示范区主要经济指标(2023年1-6月)"],
            ["指标名称", "单位", "1-6月", "同比增长(%)"],
            ["社会消费品零售总额", "亿元", 12.5, 4.1],
        ],
    )
    [fact] = read_file(path).observations
    assert (fact.region_name, fact.region_source) == ("周口市城乡一体化示范区", "title")


@pytest.mark.parametrize("county", ["安城县", "城和县"])  # 和县 is on the list, 城和县 not
def test_a_region_not_on_the_code_list_keeps_its_printed_name(
    xlsx: Callable[..., Path], county: str
) -> None:
    """A new or renamed county is flagged unmapped downstream, never filed under a default
    nor under a listed county its name ends with."""
    path = xlsx(
        f"{county}.xlsx",
        [
            [f"{county}主要经济指标(2023年1-6月)"],
            ["指标名称", "单位", "1-6月", "同比增长(%)"],
            ["社会消费品零售总额", "亿元", 12.5, 4.1],
        ],
    )
    [fact] = read_file(path).observations
    assert (fact.region_name, fact.region_source) == (county, "title")


def test_a_table_without_figures_never_asks_the_title_for_its_period(
    xlsx: Callable[..., Path],
) -> None:
    """The table's period is worked out for its first figure, so a release date that is no
    date (13月45日) does not stop a sheet that publishes none ("—" in its figure columns)."""
    path = xlsx(
        "川江区主要指标.xlsx",
        [
            ["川江区主要指标(2012年13月45日发布)"],
            ["指标名称", "2021年", "2022年", "备注"],
            ["地区生产总值(亿元)", "—", "—", 5],
        ],
        sheet="Sheet1",
    )
    parsed = parse_file(path)
    assert parsed.observations == []
    assert [(f.column_name, f.reason) for f in parsed.figures.unread] == [("D", UNKNOWN_COLUMN)]


# --- layouts from the blind round on tables transcribed from stored pages ---------------------


def test_traditional_header_words_name_the_measure(xlsx: Callable[..., Path]) -> None:
    """絕對數 / 比上年增長% on a reposted page read as 绝对数 / 比上年增长%; names stay printed."""
    rows = [
        ["2023年全縣生產總值及其增長速度"],
        ["指  標", "絕對數(億元)", "比上年增長%"],
        ["生產總值", "120.5", "5.1"],
        ["第一產業", "20.1", "3.0"],
    ]
    parsed = read_file(xlsx("川江区2023年生產總值.xlsx", rows))
    year = date(2023, 12, 31)
    assert facts(parsed) == {
        ("川江区", "生產總值", "year", year, 120.5, "億元", 5.1),
        ("川江区", "第一產業", "year", year, 20.1, "億元", 3.0),
    }
    assert parsed.figures.unread == []


def test_a_unit_column_named_calculation_unit_and_a_year_to_date_with_its_word(
    xlsx: Callable[..., Path],
) -> None:
    """计算 单位 is the unit column; "1-3月 累计" is the year to date its growth completes; a
    share column in % keeps its own unit beside the unit column."""
    rows = [
        ["项 目 名 称", "计算 单位", "3月", "1-3月 累计", "累计比上年同期增长(%)", "结构(%)"],
        ["社会消费品零售总额", "万元", "300", "900", "2.0", "100"],
    ]
    parsed = read_file(xlsx("川江区2023年3月统计月报.xlsx", rows))
    march = date(2023, 3, 31)
    assert facts(parsed) == {
        ("川江区", "社会消费品零售总额", "month", march, 300.0, "万元", None),
        ("川江区", "社会消费品零售总额", "ytd", march, 900.0, "万元", 2.0),
        ("川江区", "结构", "month", march, 100.0, "%", None),
    }


def test_chapter_rows_are_quantities_and_a_section_in_the_total_breaks_down_the_one_above(
    xlsx: Callable[..., Path],
) -> None:
    """一、 二、 start quantities of their own; "在总额中:" lists parts of the quantity above."""
    rows = [
        ["川江区2023年3月商业"],
        ["指标", "单位", "1-3月"],
        ["一、社会消费品零售总额", "万元", "900"],
        ["1、批发零售贸易业", "万元", "800"],
        ["二、限额以上批零企业商品销售总额", "万元", "700"],
        ["1、批发额", "万元", "500"],
        ["在总额中:", None, None],
        ["汽车类", "万元", "100"],
    ]
    got = {
        (o.indicator_name, o.value_published) for o in read_file(xlsx("t.xlsx", rows)).observations
    }
    assert got == {
        ("社会消费品零售总额", 900.0),
        ("社会消费品零售总额/批发零售贸易业", 800.0),
        ("限额以上批零企业商品销售总额", 700.0),
        ("限额以上批零企业商品销售总额/批发额", 500.0),
        ("限额以上批零企业商品销售总额/汽车类", 100.0),
    }


def test_a_title_base_written_with_yi_and_wei_is_the_unit(xlsx: Callable[..., Path]) -> None:
    """A title line "8-24 (以上年为100)" states the base in words; it is the same unit as
    "(上年=100)", so every index of the table carries it."""
    rows = [
        ["市区居民消费价格指数", None, None],
        ["8-24 (以上年为100)", None, None],
        ["指 标", "2010年", "2009年"],
        ["居民消费价格指数", "104.2", "99.2"],
        ["一、食品类", "109.4", "104.5"],
    ]
    parsed = read_file(xlsx("川江区统计年鉴_8-24.xlsx", rows))
    units = {o.unit_published for o in parsed.observations}
    assert units == {"上年=100"}
    assert len(parsed.observations) == 4


def test_an_index_part_above_its_whole_stays_its_part_when_the_title_gives_the_base(
    xlsx: Callable[..., Path],
) -> None:
    """Under a title's base (以上年为100) every figure is an index: a part's index (大米 114.6)
    may exceed its whole's (粮食 113.5), so the size check of amounts must not move it up."""
    rows = [
        ["市区居民消费价格指数", None, None],
        ["8-24 (以上年为100)", None, None],
        ["指 标", "2010年", "2009年"],
        ["一、食品类", "109.4", "104.5"],
        ["1、粮食", "113.5", "104.7"],
        ["其中: 大米", "114.6", "103.1"],
        ["2、淀粉", "111.9", "120.6"],
    ]
    parsed = read_file(xlsx("川江区统计年鉴_8-24.xlsx", rows))
    names = {o.indicator_name for o in parsed.observations}
    assert names == {"食品类", "食品类/粮食", "食品类/粮食/大米", "食品类/淀粉"}


def test_chapters_with_items_under_an_unnumbered_first_row_are_its_classes(
    xlsx: Callable[..., Path],
) -> None:
    """居民消费价格指数 then 一、食品类 (with 1、 items) and 二、衣着类: the chapters classify the
    first row's quantity even when items stand under them; the items are the chapters' parts."""
    rows = [
        ["市区居民消费价格指数", None, None],
        ["8-24 (以上年为100)", None, None],
        ["指 标", "2010年", "2009年"],
        ["居民消费价格指数", "104.2", "99.2"],
        ["一、食品类", "109.4", "104.5"],
        ["1、粮食", "113.5", "104.7"],
        ["2、淀粉", "111.9", "120.6"],
        ["二、衣着类", "100.2", "97.7"],
        ["1、服装", "99.7", "98.4"],
    ]
    parsed = read_file(xlsx("川江区统计年鉴_8-24.xlsx", rows))
    names = {o.indicator_name for o in parsed.observations}
    assert names == {
        "居民消费价格指数",
        "居民消费价格指数/食品类",
        "居民消费价格指数/食品类/粮食",
        "居民消费价格指数/食品类/淀粉",
        "居民消费价格指数/衣着类",
        "居民消费价格指数/衣着类/服装",
    }


def test_years_down_a_bilingual_index_table_with_a_tree_of_quantities_across(
    xlsx: Callable[..., Path],
) -> None:
    """Years label the rows (1978 is a label, not a figure); each column names a quantity, its
    header rows a breakdown; the English row is not a header level; the title's base is the unit."""
    rows = [
        ["4-3 地区生产总值指数(1978-2010年,1978=100)"],
        ["年 份", "地区生产总值", None, None, "人均地区生产总值"],
        [None, None, "第二产业", None, None],
        [None, None, None, "#工 业", None],
        ["Year", "Gross Domestic Product", "Secondary Industry", "Industry", "Per Capita GDP"],
        ["1978", "100.0", "100.0", "100.0", "100.0"],
        ["1979", "108.6", "108.0", "106.2", "107.8"],
    ]
    parsed = read_file(xlsx("川江区统计年鉴_4-3.xlsx", rows))
    got = {(o.indicator_name, o.period_end.year, o.value_published, o.unit_published)
           for o in parsed.observations}  # fmt: skip
    assert ("地区生产总值", 1978, 100.0, "1978=100") in got
    assert ("地区生产总值/第二产业", 1979, 108.0, "1978=100") in got
    assert ("地区生产总值/第二产业/工业", 1979, 106.2, "1978=100") in got
    assert ("人均地区生产总值", 1979, 107.8, "1978=100") in got
    assert len(got) == 8
    assert parsed.figures.unread == []


def test_a_first_level_column_groups_the_rows_of_the_second(xlsx: Callable[..., Path]) -> None:
    """一级指标 | 二级指标 | 计量单位 | 1-3月: the rows are the second level's numbered list
    (each its own quantity, footnote marks dropped); the first level only groups them."""
    rows = [
        ["一级指标", "二 级 指 标", "计量单位", "1-3月"],
        ["经济稳定", "1.地区生产总值增长率", "%", "7.2"],
        [None, "2.高技术产业[1]增加值占比", "%", "4.5"],
        ["民生改善", "3.城乡居民人均收入比", None, "2.92"],
    ]
    parsed = read_file(xlsx("川江区2018年1-3月发展指标.xlsx", rows))
    q1 = date(2018, 3, 31)
    assert facts(parsed) == {
        ("川江区", "地区生产总值增长率", "ytd", q1, 7.2, "%", None),
        ("川江区", "高技术产业增加值占比", "ytd", q1, 4.5, "%", None),
        ("川江区", "城乡居民人均收入比", "ytd", q1, 2.92, None, None),
    }


def test_a_title_naming_quarters_one_to_three_gives_the_year_to_september(
    xlsx: Callable[..., Path],
) -> None:
    """A title's "2013年1-3季度" is the year to the end of September, as 前三季度 is."""
    rows = [
        ["表1:2013年1-3季度川江区生产总值初步核算数据"],
        [None, "绝对额(亿元)", "比去年同期增长(%)"],
        ["生产总值", "386.7", "7.7"],
    ]
    parsed = read_file(xlsx("川江区表1.xlsx", rows))
    assert facts(parsed) == {("川江区", "生产总值", "ytd", date(2013, 9, 30), 386.7, "亿元", 7.7)}


def test_sections_named_with_fen_break_down_the_quantity_above(xlsx: Callable[..., Path]) -> None:
    """Rows "分产业" and "分行业" are sections, as "按构成分" is: the rows under them are parts
    of the first quantity, not of a quantity named "分产业"."""
    rows = [
        ["川江区2023年1-3月份固定资产投资主要数据"],
        ["指 标", "2023年1-3月份"],
        [None, "同比增长(%)"],
        ["固定资产投资", "5.1"],
        ["按构成分", None],
        ["建筑安装工程", "4.1"],
        ["分产业", None],
        ["第一产业", "0.5"],
        ["分行业", None],
        ["制造业", "7.0"],
    ]
    parsed = read_file(xlsx("川江区投资.xlsx", rows))
    march = date(2023, 3, 31)
    assert facts(parsed) == {
        ("川江区", "固定资产投资", "ytd", march, None, None, 5.1),
        ("川江区", "固定资产投资/建筑安装工程", "ytd", march, None, None, 4.1),
        ("川江区", "固定资产投资/第一产业", "ytd", march, None, None, 0.5),
        ("川江区", "固定资产投资/制造业", "ytd", march, None, None, 7.0),
    }


def test_levels_printed_with_their_units_and_a_name_on_two_lines(
    xlsx: Callable[..., Path],
) -> None:
    """A communiqué's product list prints each level with its unit ("269万吨"); a row holding
    only "(折标准燃料)" is the second line of the name above, not a heading of the rows below."""
    rows = [
        [None, "2023年", "比上年增长%"],
        ["化学纤维", "269万吨", "13.3"],
        ["能源生产总量", "11.2亿吨", "4.7"],
        ["(折标准燃料)", None, None],
        ["发电量", "9200亿千瓦时", "9.6"],
        ["汽车", "140.2万辆", "-8.0"],
    ]
    parsed = read_file(xlsx("川江区2023年统计公报_主要工业产品产量.xlsx", rows))
    year = date(2023, 12, 31)
    assert facts(parsed) == {
        ("川江区", "化学纤维", "year", year, 269.0, "万吨", 13.3),
        ("川江区", "能源生产总量", "year", year, 11.2, "亿吨", 4.7),
        ("川江区", "发电量", "year", year, 9200.0, "亿千瓦时", 9.6),
        ("川江区", "汽车", "year", year, 140.2, "万辆", -8.0),
    }
    assert parsed.figures.read == 8


def test_merged_ranges_say_how_far_a_header_label_spans(xlsx: Callable[..., Path]) -> None:
    """Where the workbook records its merges, a label spans its merged range and no further:
    生产总值, merged down its own column, is not over the sector columns beside it, which print
    nothing above their names; a `#` sub-item still takes the label of the column on its left
    (第二产业 over #工业, 常州's index table)."""
    rows = [
        ["单位:万元"],
        ["年 份", "生产总值", None, None, None, "总产值指数", None, None],
        [None, None, "第一产业", "第二产业", "# 工 业", "总产值", "第二产业", None],
        [None, None, None, None, None, None, None, "#工 业"],
        ["1978", "4 609", "1 567", "1 613", "1 453", "100.0", "100.0", "100.0"],
    ]
    merged = ["B2:B4", "C3:C4", "D3:D4", "E3:E4", "F2:H2", "F3:F4", "G3:G4"]
    parsed = read_file(xlsx("川江区统计年鉴_5-1.xlsx", rows, merged=merged))
    assert {o.indicator_name for o in parsed.observations} == {
        "生产总值", "第一产业", "第二产业", "工业",
        "总产值指数/总产值", "总产值指数/第二产业", "总产值指数/第二产业/工业",
    }  # fmt: skip
    assert parsed.figures.unread == []


@pytest.mark.parametrize("merged", [["A3:A5", "E3:E5"], []], ids=["merges", "no merges"])
def test_header_text_broken_over_rows_names_levels_of_a_table_by_category(
    xlsx: Callable[..., Path], merged: list[str]
) -> None:
    """A yearbook page breaks each header cell's text over rows ("工 业" / "总 产 值"): a
    column's own lines are one name. No column names a measure or a period, so each is the
    level of the quantity it names; "#亏损企业" is a part of the count on its left and counts in
    its unit (个), not the unit line's. The rows under 类别 break the quantities down: 总计 is
    the quantity, `在总计中:` and `一、按…分` are sections of it."""
    rows = [
        ["5-2 规模以上工业主要经济指标"],
        ["(2022年) 单位:万元"],
        ["类 别", "企 业", None, "工 业", "资产合计"],
        [None, "单 位 数", "#亏 损", None, None],
        [None, "(个)", "企 业", "总 产 值", None],
        ["总 计", "120", "15", "5000", "9000"],
        ["在总计中:", None, None, None, None],
        ["国有企业", "20", "3", "800", "1500"],
        ["一、按企业规模分", None, None, None, None],
        ["大型企业", "10", "1", "2000", "4000"],
        ["小型企业", "110", "14", "3000", "5000"],
    ]
    parsed = read_file(xlsx("川江区统计年鉴2023_5-2.xlsx", rows, merged=merged))
    got = {(o.indicator_name, o.value_published, o.unit_published) for o in parsed.observations}
    assert {o.period_end for o in parsed.observations} == {date(2022, 12, 31)}
    assert got == {
        ("企业单位数", 120, "个"), ("亏损企业", 15, "个"),
        ("工业总产值", 5000, "万元"), ("资产合计", 9000, "万元"),
        ("企业单位数/国有企业", 20, "个"), ("亏损企业/国有企业", 3, "个"),
        ("工业总产值/国有企业", 800, "万元"), ("资产合计/国有企业", 1500, "万元"),
        ("企业单位数/大型企业", 10, "个"), ("亏损企业/大型企业", 1, "个"),
        ("工业总产值/大型企业", 2000, "万元"), ("资产合计/大型企业", 4000, "万元"),
        ("企业单位数/小型企业", 110, "个"), ("亏损企业/小型企业", 14, "个"),
        ("工业总产值/小型企业", 3000, "万元"), ("资产合计/小型企业", 5000, "万元"),
    }  # fmt: skip
    assert parsed.figures.unread == []


def test_a_title_growth_word_leaves_columns_that_say_what_they_are_as_levels(
    xlsx: Callable[..., Path],
) -> None:
    """The title's "…收支及增长速度" does not make every column a growth rate when the table
    says what its columns hold: a unit line of amounts (万元, its English gloss dropped) and
    index columns (上年=100, an index beside the amount of the same quantity). Header lines
    broken over rows are one name; English lines, and English after Chinese in a cell, are
    not part of it; a stub headed only "Year" labels rows of years."""
    rows = [
        ["7-1 主要年份财政收支及增长速度"],
        ["单位:万元 (10 000 yuan)"],
        [None, "财政一般", "收支差额", "指数(上年=100)  Indices (preceding year=100)", None],
        [None, "预算收入", None, None, None],
        [None, "General Budgetary", "Balance", "财政一般", "收支"],
        ["Year", "Revenue", None, "预算收入", "差额"],
        ["2010", "5005", "-1198", "128.8", "110.2"],
        ["2011", "7204", "-1564", "143.9", "130.6"],
    ]
    merged = ["A1:E1", "A2:E2", "D3:E3"]
    parsed = read_file(xlsx("川江区统计年鉴2012_7-1.xlsx", rows, merged=merged))
    got = {(o.indicator_name, o.period_end.year, o.value_published, o.unit_published,
            o.yoy_growth_pct) for o in parsed.observations}  # fmt: skip
    assert got == {
        ("财政一般预算收入", 2010, 5005, "万元", None),
        ("收支差额", 2010, -1198, "万元", None),
        ("财政一般预算收入", 2010, 128.8, "上年=100", None),
        ("收支差额", 2010, 110.2, "上年=100", None),
        ("财政一般预算收入", 2011, 7204, "万元", None),
        ("收支差额", 2011, -1564, "万元", None),
        ("收支差额", 2011, 130.6, "上年=100", None),
        ("财政一般预算收入", 2011, 143.9, "上年=100", None),
    }


def test_an_appended_row_and_a_unit_whose_bracket_is_not_closed(xlsx: Callable[..., Path]) -> None:
    """A yearbook row "附:按户籍人口计算的人均生产总值(元)" is a quantity of its own, named without
    "附:"; a header "比重(%" that lost its closing bracket still gives the unit %."""
    rows = [
        ["单位:亿元"],
        ["指标", "2011年", "比重(%"],
        ["生产总值", "600.5", "100"],
        ["第一产业", "20.5", "3.4"],
        ["附:按户籍人口计算的人均生产总值(元)", "9000", None],
    ]
    parsed = read_file(xlsx("川江区2011年生产总值.xlsx", rows))
    year = date(2011, 12, 31)
    got = facts(parsed)
    assert ("川江区", "按户籍人口计算的人均生产总值", "year", year, 9000.0, "元", None) in got
    assert {fact[5] for fact in got if fact[4] in (100.0, 3.4)} == {"%"}


def test_a_city_s_urban_districts_and_a_header_label_with_its_unit_over_a_breakdown(
    xlsx: Callable[..., Path],
) -> None:
    """The title's "周口市区" is the city's urban districts, a region of its own, not 周口市.
    Down years, "生产总值(万元)" over 合计 and the sectors names them as a path in its unit
    (its 合计 is the quantity itself), as "构成(%" does over the shares; a last column
    "生产总值" / "(元)" in another unit is another measure, not a second value of 生产总值."""
    rows = [
        ["1-9 市区历年地区生产总值及构成"],
        ["年份", "生产总值(万元)", None, None, "构成(%", None, None],
        [None, "合计", "第一产业", "第二产业", "第一产业", "第二产业", "生产总值"],
        [None, None, None, None, None, None, "(元)"],
        ["1978", "300", "100", "200", "33.3", "66.7", "373"],
    ]
    merged = ["A2:A4", "B2:D2", "E2:F2", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4"]
    path = xlsx("周口市区历年地区生产总值及构成.xlsx", rows, merged=merged, sheet="Sheet1")
    parsed = read_file(path)
    got = {(o.region_name, o.indicator_name, o.value_published, o.unit_published)
           for o in parsed.observations}  # fmt: skip
    assert got == {
        ("周口市区", "生产总值", 300, "万元"),
        ("周口市区", "生产总值/第一产业", 100, "万元"),
        ("周口市区", "生产总值/第二产业", 200, "万元"),
        ("周口市区", "构成/第一产业", 33.3, "%"),
        ("周口市区", "构成/第二产业", 66.7, "%"),
        ("周口市区", "生产总值", 373, "元"),
    }
    assert parsed.figures.unread == []


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("周口市区历年地区生产总值", "周口市区"),
        ("周口市区县主要经济指标", "周口市"),  # the city's districts and counties
        ("周口市区域经济指标", "周口市"),
    ],
)
def test_a_title_names_a_city_s_urban_districts_only_by_shi_qu(title: str, region: str) -> None:
    assert region_in_text(title) == region


def test_an_index_column_of_the_year_on_its_base_and_a_share_of_a_named_whole(
    xlsx: Callable[..., Path],
) -> None:
    """ "2011年为上年%" is the year's figure as a per cent of the year before, an index (上年=100),
    its note "(按可比价计算)" neither name nor unit; "占生产总值" / "比重%" is each row's share of
    生产总值 in per cent, named by the row, the whole's own share (100) by the share alone."""
    rows = [
        ["表2-1 全区生产总值"],
        [None, None, None, "计量单位:亿元"],
        [None, "2011年", "2011年为上年%", "占生产总值"],
        [None, None, "(按可比价计算)", "比重%"],
        ["生产总值", "600.0", "112", "100"],
        ["第一产业", "20.0", "104.1", "3.3"],
        ["第二产业", "580.0", "112.3", "96.7"],
    ]
    parsed = read_file(xlsx("川江区2011年生产总值_表2-1.xlsx", rows, merged=["A3:A4", "B3:B4"]))
    got = {(o.indicator_name, o.value_published, o.unit_published) for o in parsed.observations}
    assert got == {
        ("生产总值", 600.0, "亿元"), ("生产总值", 112.0, "上年=100"),
        ("占生产总值比重", 100.0, "%"),
        ("第一产业", 20.0, "亿元"), ("第一产业", 104.1, "上年=100"),
        ("占生产总值比重/第一产业", 3.3, "%"),
        ("第二产业", 580.0, "亿元"), ("第二产业", 112.3, "上年=100"),
        ("占生产总值比重/第二产业", 96.7, "%"),
    }  # fmt: skip
    assert {o.period_end for o in parsed.observations} == {date(2011, 12, 31)}
    assert parsed.figures.unread == []


def test_plain_rows_that_complete_a_list_of_which_are_its_parts(xlsx: Callable[..., Path]) -> None:
    """ "其中:第一产业" then plain "第二产业", "第三产业": the three add up to 生产总值, so all are
    its parts (the sum check a statistician makes); a plain row after a "其中" whose parts do
    not add up (中央市属 | 工业销售产值) is a quantity of its own, as the row after the list."""
    rows = [
        ["2024年全区生产总值"],
        ["指标", "绝对数(亿元)", "比上年增长%"],
        ["生产总值", "230.0", "5.2"],
        ["其中:第一产业", "28.7", "2.2"],
        ["第二产业", "71.4", "6.2"],
        ["第三产业", "129.9", "5.2"],
        ["工业总产值", "184.0", "8.9"],
        ["其中:中央市属", "66.3", "12.9"],
        ["工业销售产值", "108.2", "-6.9"],
        ["人均生产总值(元)", "90000", "5.0"],
    ]
    parsed = read_file(xlsx("川江区2024年生产总值.xlsx", rows))
    assert [o.indicator_name for o in parsed.observations] == [
        "生产总值", "生产总值/第一产业", "生产总值/第二产业", "生产总值/第三产业",
        "工业总产值", "工业总产值/中央市属", "工业销售产值", "人均生产总值",
    ]  # fmt: skip


def test_a_count_of_enterprises_under_the_year_to_date_is_the_number_at_its_end(
    xlsx: Callable[..., Path],
) -> None:
    """ "1-3月 累计" of 限额以上商业企业数 is the number of enterprises at the end of March (a
    stock, as 存栏 and 余额 are), not a sum over three months; the sales beside it are."""
    rows = [
        ["指标名称", "计算 单位", "3月", "1-3月 累计"],
        ["商品销售总额", "万元", "300", "900"],
        ["限额以上商业企业数", "个", "-", "332"],
        ["新增企业数", "个", "-", "12"],
    ]
    parsed = read_file(xlsx("川江区2015年3月统计月报.xlsx", rows))
    got = {(o.indicator_name, o.period_type, o.period_end, o.value_published)
           for o in parsed.observations}  # fmt: skip
    assert got == {
        ("商品销售总额", "month", date(2015, 3, 31), 300.0),
        ("商品销售总额", "ytd", date(2015, 3, 31), 900.0),
        ("限额以上商业企业数", "month", date(2015, 3, 31), 332.0),
        ("新增企业数", "ytd", date(2015, 3, 31), 12.0),
    }


@pytest.mark.parametrize(
    ("part_month", "part_ytd", "share_period"),
    [("300", "600", "ytd"), ("540", "900", "month")],
    ids=["year to date", "month"],
)
def test_a_share_column_without_a_period_takes_that_of_the_amounts_it_divides(
    xlsx: Callable[..., Path], part_month: str, part_ytd: str, share_period: str
) -> None:
    """结构(%) names no period: its figures are each row's amount over the whole's (the row at
    100) in one of the amount columns, 3月 or 1-3月累计, and that column's period is theirs."""
    rows = [
        ["指标名称", "计算 单位", "3月", "1-3月 累计", "结构(%)"],
        ["社会消费品零售总额", "万元", "900", "1000", "100"],
        ["1、批发零售业", "万元", part_month, part_ytd, "60.0"],
    ]
    parsed = read_file(xlsx("川江区2015年3月统计月报.xlsx", rows))
    shares = {(o.indicator_name, o.period_type) for o in parsed.observations
              if o.unit_published == "%"}  # fmt: skip
    assert shares == {("结构", share_period), ("结构/批发零售业", share_period)}


def test_plain_rows_after_a_part_of_an_industry_section_are_its_divisions_up_to_a_section(
    xlsx: Callable[..., Path],
) -> None:
    """ "制造业 | 其中:食品制造业 | 纺织业 | 医药制造业 | 电力、热力、燃气及水生产和供应业": the
    plain rows after the "其中" part of a section (门类) of the classification of industries
    are more of its divisions, until a row naming a section, which is never part of another."""
    rows = [
        ["2023年1-3月份固定资产投资"],
        ["指 标", "同比增长(%)"],
        ["固定资产投资", "5.1"],
        ["分行业", None],
        ["农林牧渔业", "3.4"],
        ["制造业", "7.0"],
        ["其中:食品制造业", "5.8"],
        ["纺织业", "-4.3"],
        ["医药制造业", "-1.9"],
        ["电力、热力、燃气及水生产和供应业", "22.3"],
        ["建筑业", "8.9"],
    ]
    parsed = read_file(xlsx("川江区2023年1-3月份固定资产投资.xlsx", rows))
    assert [o.indicator_name for o in parsed.observations] == [
        "固定资产投资",
        "固定资产投资/农林牧渔业",
        "固定资产投资/制造业",
        "固定资产投资/制造业/食品制造业",
        "固定资产投资/制造业/纺织业",
        "固定资产投资/制造业/医药制造业",
        "固定资产投资/电力、热力、燃气及水生产和供应业",
        "固定资产投资/建筑业",
    ]


# --- layouts from round 4 of the blind tables -------------------------------------------------


def test_levels_first_then_growths_each_naming_its_period(xlsx: Callable[..., Path]) -> None:
    """本月 | 本月止累计 | 本月比上年同月增长 | 累计比上年同期增长: "本月止累计" is the year to
    date, and each growth completes the level of the period it names, not the one beside it."""
    rows = [
        ["2017年1-3月工业增加值"],
        ["计量单位:亿元"],
        ["指标名称", "本月", "本月止 累计", "本月比 上年同月 增长(%)", "累计比 上年同期 增长(%)"],
        ["全省总计", "2846.99", "7220.42", "7.6", "7.1"],
    ]
    got = facts(read_file(xlsx("川江区2017年3月工业.xlsx", rows)))
    march = date(2017, 3, 31)
    assert got == {
        ("川江区", "工业增加值", "month", march, 2846.99, "亿元", 7.6),
        ("川江区", "工业增加值", "ytd", march, 7220.42, "亿元", 7.1),
    }


def test_rows_of_regions_among_rows_of_a_breakdown(xlsx: Callable[..., Path]) -> None:
    """A table by kind of industry and by city (在总计中: 轻工业 | 重工业 | 在总计中: 广州市 …):
    the cities and zones (开发区) are regions, the other rows parts of the quantity in the
    reporting region, and the rows under a section by region (按经济区域分) regions of their own
    name."""
    rows = [
        ["2017年1-3月工业增加值"],
        ["计量单位:亿元"],
        ["指标名称", "1-3月", "增长(%)"],
        ["全省总计", "7220.42", "7.1"],
        ["在总计中:", None, None],
        ["轻工业", "2585.89", "5.1"],
        ["重工业", "4634.53", "8.4"],
        ["在总计中:", None, None],
        ["广州市", "1019.05", "5.5"],
        ["深圳市", "1665.20", "7.6"],
        ["珠海市", "256.93", "15.1"],
        ["佛山市", "1117.50", "8.0"],
        ["广州经济技术开发区", "300.10", "6.0"],
        ["按经济区域分", None, None],
        ["珠三角九市", "5912.75", "7.3"],
    ]
    got = facts(read_file(xlsx("广东省2017年1-3月工业.xlsx", rows, sheet="Sheet1")))
    march = date(2017, 3, 31)
    assert got == {
        ("广东省", "工业增加值", "ytd", march, 7220.42, "亿元", 7.1),
        ("广东省", "工业增加值/轻工业", "ytd", march, 2585.89, "亿元", 5.1),
        ("广东省", "工业增加值/重工业", "ytd", march, 4634.53, "亿元", 8.4),
        ("广州市", "工业增加值", "ytd", march, 1019.05, "亿元", 5.5),
        ("深圳市", "工业增加值", "ytd", march, 1665.20, "亿元", 7.6),
        ("珠海市", "工业增加值", "ytd", march, 256.93, "亿元", 15.1),
        ("佛山市", "工业增加值", "ytd", march, 1117.50, "亿元", 8.0),
        ("广州经济技术开发区", "工业增加值", "ytd", march, 300.10, "亿元", 6.0),
        ("珠三角九市", "工业增加值", "ytd", march, 5912.75, "亿元", 7.3),
    }


def test_price_index_columns_named_by_their_base_and_classes_without_parts(
    xlsx: Callable[..., Path],
) -> None:
    """类别 | 以上月价格为100 | 以上年同期价格为100 over 本月, 至本月平均: each column is an index
    on the base its header names (上月=100, 上年同期=100), 至本月平均 the year so far; the
    classes 一、食品类 … with nothing under them are classes of the first row's index."""
    rows = [
        ["类 别", "以上月价格为100", "以上年同期价格为100", None],
        [None, None, "本月", "至本月平均"],
        ["居民消费价格总指数", "100.3", "102.0", "100.7"],
        ["一、食品类", "101.2", "105.4", "103.2"],
        ["二、衣着", "98.9", "99.1", "99.0"],
    ]
    merged = ["A1:A2", "B1:B2", "C1:D1"]
    got = facts(read_file(xlsx("川江区2010年4月价格.xlsx", rows, merged=merged, sheet="Sheet1")))
    april = date(2010, 4, 30)
    total = "居民消费价格总指数"
    assert got == {
        ("川江区", total, "month", april, 100.3, "上月=100", None),
        ("川江区", total, "month", april, 102.0, "上年同期=100", None),
        ("川江区", total, "ytd", april, 100.7, "上年同期=100", None),
        ("川江区", f"{total}/食品类", "month", april, 101.2, "上月=100", None),
        ("川江区", f"{total}/食品类", "month", april, 105.4, "上年同期=100", None),
        ("川江区", f"{total}/食品类", "ytd", april, 103.2, "上年同期=100", None),
        ("川江区", f"{total}/衣着", "month", april, 98.9, "上月=100", None),
        ("川江区", f"{total}/衣着", "month", april, 99.1, "上年同期=100", None),
        ("川江区", f"{total}/衣着", "ytd", april, 99.0, "上年同期=100", None),
    }


def test_parts_of_a_named_total_and_a_share_column_in_a_one_period_table(
    xlsx: Callable[..., Path],
) -> None:
    """工商税收收入合计 followed by 1、增值税 …: the total's name is the whole its parts belong
    to; and a 结构(%) column naming no period, beside the one period every other column names
    (1-4月 累计), is the share of that period, not of the month in the file name."""
    rows = [
        ["项 目 名 称", "计算 单位", "1-4月 累计", "比上年同期增长(%)", "结构(%)"],
        ["工商税收收入合计", "万元", "1725725", "-3.9", "100"],
        ["1、增值税", "万元", "576864", "2.4", "33.43"],
        ["2、消费税", "万元", "5241", "17.1", "0.30"],
    ]
    got = facts(read_file(xlsx("川江区2015年4月统计月报_税收.xlsx", rows, sheet="Sheet1")))
    april = date(2015, 4, 30)
    total = "工商税收收入合计"
    assert got == {
        ("川江区", total, "ytd", april, 1725725.0, "万元", -3.9),
        ("川江区", f"{total}/增值税", "ytd", april, 576864.0, "万元", 2.4),
        ("川江区", f"{total}/消费税", "ytd", april, 5241.0, "万元", 17.1),
        ("川江区", "结构", "ytd", april, 100.0, "%", None),
        ("川江区", "结构/增值税", "ytd", april, 33.43, "%", None),
        ("川江区", "结构/消费税", "ytd", april, 0.30, "%", None),
    }


def test_a_rank_column_left_of_the_regions_and_a_year_before_the_quantity(
    xlsx: Callable[..., Path],
) -> None:
    """GDP排行 | 區域 | 2021年GDP(億元) | 增速(%): the first column ranks the rows and is no
    stub, 區域 (traditional) heads the regions, "2021年GDP" is the quantity GDP of 2021, and
    the region names in traditional characters are the listed counties."""
    rows = [
        ["GDP排行", "區域", "2021年GDP(億元)", "增速(%)"],
        ["1", "潞州區", "565.7", "8"],
        ["2", "襄垣縣", "320.7", "9.9"],
    ]
    parsed = read_file(xlsx("长治市2021年各县区GDP.xlsx", rows, sheet="Sheet1"))
    year = date(2021, 12, 31)
    assert facts(parsed) == {
        ("潞州区", "GDP", "year", year, 565.7, "億元", 8.0),
        ("襄垣县", "GDP", "year", year, 320.7, "億元", 9.9),
    }
    assert parsed.figures.skipped == {LEFT_OF_STUB: 2}


def test_rows_indented_in_steps_nest_as_deep_as_their_indentation(
    xlsx: Callable[..., Path],
) -> None:
    """A balance sheet indenting parts by four spaces a level: 活期存款 under 企事业单位存款 is
    its part, not another part of 各项存款余额; a row back at four spaces is a part of the total.
    Indentation counts where the name begins: "  #债券" and "   股票" are aligned siblings."""
    rows = [
        ["金融机构本外币信贷资金平衡表(2006-2007)"],
        ["单位:亿元"],
        [None, "2006", "2007"],
        ["各项存款余额", "5587.50", "6662.36"],
        ["    企事业单位存款", "1584.11", "2048.82"],
        ["        活期存款", "1327.42", "1760.34"],
        ["        定期存款", "256.69", "288.48"],
        ["    储蓄存款", "2980.23", "3255.49"],
        ["各项贷款余额", "4443.84", "5197.08"],
        ["有价证券及投资", "178.80", "256.84"],
        ["  #债券", "100.00", "150.00"],
        ["   股票", "50.00", "60.00"],
    ]
    got = facts(read_file(xlsx("重庆统计年鉴2008_16-3.xlsx", rows, sheet="Sheet1")))
    names = {fact[1] for fact in got}
    assert names == {
        "各项存款余额",
        "各项存款余额/企事业单位存款",
        "各项存款余额/企事业单位存款/活期存款",
        "各项存款余额/企事业单位存款/定期存款",
        "各项存款余额/储蓄存款",
        "各项贷款余额",
        "有价证券及投资",
        "有价证券及投资/债券",
        "有价证券及投资/股票",
    }
    assert {fact[0] for fact in got} == {"重庆市"}


def test_tables_stacked_on_one_sheet_are_each_read_with_their_own_header(
    xlsx: Callable[..., Path],
) -> None:
    """A monthly report sheet: the industry table, an empty row, then the investment table
    with its own title and header; the sheet's title names the region for both."""
    path = xlsx(
        "月报.xlsx",
        [
            ["川江区2023年6月主要经济指标"],
            ["一、工业"],
            ["指标", "单位", "本月", "同比增长(%)"],
            ["规模以上工业增加值", "亿元", 12.5, 6.1],
            [],
            ["二、固定资产投资"],
            ["指标", "单位", "1-6月", "同比增长(%)"],
            ["固定资产投资", "亿元", 88.4, 9.2],
            ["  其中:工业投资", "亿元", 30.2, 12.0],
        ],
    )
    parsed = read_file(path)
    june = date(2023, 6, 30)
    assert facts(parsed) == {
        ("川江区", "规模以上工业增加值", "month", june, 12.5, "亿元", 6.1),
        ("川江区", "固定资产投资", "ytd", june, 88.4, "亿元", 9.2),
        ("川江区", "固定资产投资/工业投资", "ytd", june, 30.2, "亿元", 12.0),
    }
    assert parsed.figures.unread == []
    assert {o.row_number for o in parsed.observations} == {4, 8, 9}


def test_notes_and_an_empty_row_under_a_table_start_no_table(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "川江区2023年6月.xlsx",
        [
            ["指标", "单位", "本月", "同比增长(%)"],
            ["规模以上工业增加值", "亿元", 12.5, 6.1],
            [],
            ["二、分行业"],
            ["制造业", "亿元", 10.1, 5.0],
            [],
            ["注:本表为快报数。"],
        ],
    )
    names = {o.indicator_name for o in read_file(path).observations}
    assert names == {"规模以上工业增加值", "规模以上工业增加值/制造业"}


def test_a_header_printed_again_after_a_page_break_is_passed_over(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "川江区2023年6月分行业.xlsx",
        [
            ["川江区2023年6月规模以上工业分行业增加值"],
            ["行业", "本月增速(%)", "1-6月增速(%)"],
            ["制造业", 6.2, 5.1],
            ["川江区2023年6月规模以上工业分行业增加值"],
            ["行业", "本月增速(%)", "1-6月增速(%)"],
            ["采矿业", 3.0, 2.4],
        ],
    )
    parsed = read_file(path)
    assert {(o.indicator_name, o.period_type, o.yoy_growth_pct) for o in parsed.observations} == {
        ("规模以上工业增加值/制造业", "month", 6.2),
        ("规模以上工业增加值/制造业", "ytd", 5.1),
        ("规模以上工业增加值/采矿业", "month", 3.0),
        ("规模以上工业增加值/采矿业", "ytd", 2.4),
    }


def test_a_table_far_down_its_sheet_is_found(xlsx: Callable[..., Path]) -> None:
    rows: list[list[object]] = [[] for _ in range(20)]
    rows += [
        ["川江区2023年1-6月主要指标"],
        ["指标名称", "单位", "1-6月", "同比增长(%)"],
        ["地区生产总值", "亿元", 152.3, 6.1],
    ]
    parsed = read_file(xlsx("far.xlsx", rows))
    assert [(o.indicator_name, o.row_number) for o in parsed.observations] == [("地区生产总值", 23)]


def test_a_workbook_of_monthly_sheets_takes_each_month_from_its_sheet_name(
    xlsx: Callable[..., Path],
) -> None:
    """One workbook a year, one sheet a month ("1月", "2月"): the title names no month and the
    file name gives the year."""
    rows = {
        f"{month}月": [
            ["川江区主要经济指标"],
            ["指标名称", "单位", "本月", "同比增长(%)"],
            ["规模以上工业增加值", "亿元", 10.0 + month, 5.0 + month],
        ]
        for month in (1, 2, 3)
    }
    first, *others = rows
    path = xlsx(
        "川江区2023年月报.xlsx",
        rows[first],
        sheet=first,
        other_sheets={name: rows[name] for name in others},
    )
    observed = {
        (o.period_type, o.period_end, o.value_published) for o in read_file(path).observations
    }
    assert observed == {
        ("month", date(2023, 1, 31), 11.0),
        ("month", date(2023, 2, 28), 12.0),
        ("month", date(2023, 3, 31), 13.0),
    }


def test_a_sheet_per_county_takes_its_region_from_the_sheet_name(
    xlsx: Callable[..., Path],
) -> None:
    """周口市's counties, 川汇区 by its name in the code standard (the project's first user is
    called 川江区 at the same code)."""
    rows = {
        county: [
            ["2023年1-6月主要经济指标"],
            ["指标名称", "单位", "1-6月", "同比增长(%)"],
            ["地区生产总值", "亿元", value, 5.1],
        ]
        for county, value in (("川汇区", 101.5), ("淮阳区", 88.2))
    }
    path = xlsx(
        "周口市各县区主要指标.xlsx",
        rows["川汇区"],
        sheet="川汇区",
        other_sheets={"淮阳区": rows["淮阳区"]},
    )
    observed = {
        (o.region_name, o.region_source, o.value_published) for o in read_file(path).observations
    }
    assert observed == {("川汇区", "sheet", 101.5), ("淮阳区", "sheet", 88.2)}


# --- layouts from round 5 of the blind tables -------------------------------------------------


def test_a_stub_of_years_or_regions_heads_the_rows(xlsx: Callable[..., Path]) -> None:
    """ "年 份/地 区" says the rows are years (and, further down, regions): it is the stub's
    header, so the header above the first year is found and the rows are read as years."""
    rows = [
        ["从业人员"],
        ["(年底) 单位: 万人"],
        ["年 份/地 区", "合 计", "农、林、", "采 掘 业"],
        [None, None, "牧、渔业", None],
        ["1978", "40152", "28318", "652"],
        ["1980", "42361", "29122", "697"],
    ]
    got = facts(read_file(xlsx("统计年鉴1999_5-5.xlsx", rows, sheet="5-5")))
    assert ("全国", "农、林、牧、渔业", "year", date(1978, 12, 31), 28318.0, "万人", None) in got
    assert ("全国", "采掘业", "year", date(1980, 12, 31), 697.0, "万人", None) in got
    assert len(got) == 6


def test_columns_of_industries_under_a_title_by_industry_are_its_quantitys_parts(
    xlsx: Callable[..., Path],
) -> None:
    """ "5-5 分行业从业人员" over years down the rows and industries across: each industry's
    column is a part of the title's quantity (从业人员/采掘业), as rows of industries are, and the
    total column (合计) is the quantity itself; the table's number (5-5) is no part of it."""
    rows = [
        ["5-5 分行业从业人员"],
        ["(年底) 单位: 万人"],
        ["年 份", "合 计", "农、林、", "采 掘 业"],
        [None, None, "牧、渔业", None],
        ["1978", "40152", "28318", "652"],
    ]
    got = facts(read_file(xlsx("统计年鉴1999_5-5.xlsx", rows, sheet="5-5")))
    end = date(1978, 12, 31)
    assert got == {
        ("全国", "从业人员", "year", end, 40152.0, "万人", None),
        ("全国", "从业人员/农、林、牧、渔业", "year", end, 28318.0, "万人", None),
        ("全国", "从业人员/采掘业", "year", end, 652.0, "万人", None),
    }


def test_a_topic_heading_gives_its_unit_to_the_rows_under_it(xlsx: Callable[..., Path]) -> None:
    """ "农村基层组织情况 (个)" and "户数及人口情况" head topics (情况), not quantities: the rows
    under them keep their own names and take the heading's unit unless they print one."""
    rows = [
        ["12-1 农村基本情况"],
        [None, "2016", "2017"],
        ["农村基层组织情况 (个)", None, None],
        ["  乡镇数", "365", "366"],
        ["  村民委员会", "4143", "4146"],
        ["户数及人口情况", None, None],
        ["  乡村户数 (万户)", "97.4", "98.4"],
    ]
    got = facts(read_file(xlsx("青海省2018_12-1.xlsx", rows, sheet="12-1")))
    assert {(fact[1], fact[5]) for fact in got} == {
        ("乡镇数", "个"),
        ("村民委员会", "个"),
        ("乡村户数", "万户"),
    }


def test_a_heading_whose_rows_repeat_its_name_is_a_title_not_their_whole(
    xlsx: Callable[..., Path],
) -> None:
    """ "乡村从业人员 (万人)" over 乡村劳动力资源数 and 乡村从业人员: a row cannot be a part of a
    whole of its own name, so the heading titles the block; its rows are quantities of their
    own (indented alike, siblings) in its unit."""
    rows = [
        ["12-1 乡村从业人员"],
        [None, "2016", "2017"],
        ["乡村人口数 (万人)", "396.3", "398.0"],
        ["乡村从业人员 (万人)", None, None],
        ["  乡村劳动力资源数", "242.8", "245.7"],
        ["  乡村从业人员", "208.0", "210.4"],
    ]
    got = facts(read_file(xlsx("青海省2018_12-1.xlsx", rows, sheet="12-1")))
    assert {(fact[1], fact[5]) for fact in got} == {
        ("乡村人口数", "万人"),
        ("乡村劳动力资源数", "万人"),
        ("乡村从业人员", "万人"),
    }


def test_a_unit_line_of_several_units_gives_each_column_the_one_it_counts(
    xlsx: Callable[..., Path],
) -> None:
    """ "单位:万户,万人" over 总户数 | 总人口: households are counted in 万户 and people in 万人;
    each column takes the unit whose counted thing (户, 人) its name names."""
    rows = [
        ["表2-1 历年总户数和总人口"],
        ["单位:万户,万人"],
        ["年份", "总户数", "总人口"],
        ["1978", "123.30", "457.70"],
    ]
    got = facts(read_file(xlsx("宁波市统计年鉴2009_2-1.xlsx", rows, sheet="2-1")))
    end = date(1978, 12, 31)
    assert got == {
        ("宁波市", "总户数", "year", end, 123.30, "万户", None),
        ("宁波市", "总人口", "year", end, 457.70, "万人", None),
    }


def test_columns_under_of_which_are_parts_of_the_column_left_of_it(
    xlsx: Callable[..., Path],
) -> None:
    """总人口 | 其中 (of Which) over 按性别分 › 男性 | 女性: the columns under "其中" are parts of
    the column left of its span (总人口/男性), "按性别分" is a section, not a name, and the
    English after "其中" in its cell is no part of the header."""
    rows = [
        ["表2-1 历年总人口"],
        ["单位:万人"],
        ["年份", "总户数", "总人口", "其中 of Which", None],
        [None, None, None, "按性别分", None],
        [None, None, None, "男性", "女性"],
        ["1978", "123.30", "457.70", "234.18", "223.52"],
    ]
    merged = ["D3:E3", "D4:E4"]
    got = facts(read_file(xlsx("宁波市统计年鉴2009_2-1.xlsx", rows, sheet="2-1", merged=merged)))
    assert {fact[1] for fact in got} == {"总户数", "总人口", "总人口/男性", "总人口/女性"}


def test_a_table_folded_into_blocks_side_by_side_reads_each_block(
    xlsx: Callable[..., Path],
) -> None:
    """年 份 | 年末户籍总人口 › 城镇人口 | 乡村人口 | 年 份 | …: a long series printed in two
    blocks side by side, the stub's header word repeated where the second begins. Each block
    is a table of its own under the same header; every number is read once."""
    rows = [
        ["3-1续表", None, None, None, None, None, None, "单位: 人"],
        ["年 份", "年末户籍 总人口", None, None, "年 份", "年末户籍 总人口", None, None],
        [None, None, "城镇人口", "乡村人口", None, None, "城镇人口", "乡村人口"],
        ["1991", "3335232", "647909", "2687323", "2008", "3535440", "957350", "2578090"],
        ["1992", "3354766", "672385", "2682381", None, None, None, None],
        ["注:户籍人口。", None, None, None, None, None, None, None],
    ]
    merged = ["A2:A3", "B2:D2", "E2:E3", "F2:H2"]
    parsed = read_file(xlsx("乐山市统计年鉴2024_3-1.xlsx", rows, sheet="3-1续表", merged=merged))
    got = facts(parsed)
    assert ("乐山市", "年末户籍总人口", "year", date(2008, 12, 31), 3535440.0, "人", None) in got
    rural = ("乐山市", "年末户籍总人口/乡村人口", "year", date(1992, 12, 31), 2682381.0, "人", None)
    assert rural in got
    assert len(got) == 9
    assert parsed.figures.read == 9 and not parsed.figures.unread


def test_region_rows_under_years_in_a_stub_of_years_or_regions_are_of_the_latest_year(
    xlsx: Callable[..., Path],
) -> None:
    """ "年 份/地 区" over main years and then the provinces: a yearbook prints the series of the
    whole country, then each region's figure of the latest year in the series (1998), not a
    table without a period."""
    rows = [
        ["5-5 分行业从业人员"],
        ["(年底) 单位: 万人"],
        ["年 份/地 区", "合 计", "采 掘 业"],
        ["1997", "69600", "900"],
        ["1998", "69957", "901"],
        ["北 京", "600", "10"],
        ["天 津", "500", "9"],
        ["河 北", "3400", "40"],
    ]
    got = facts(read_file(xlsx("统计年鉴1999_5-5.xlsx", rows, sheet="5-5")))
    end = date(1998, 12, 31)
    assert ("全国", "从业人员/采掘业", "year", end, 901.0, "万人", None) in got
    assert ("北京市", "从业人员", "year", end, 600.0, "万人", None) in got
    assert ("河北省", "从业人员/采掘业", "year", end, 40.0, "万人", None) in got
    assert len(got) == 10


def test_a_header_row_above_the_stub_word_over_the_first_column_is_in_the_header(
    xlsx: Callable[..., Path],
) -> None:
    """ "年 份" printed on the second header row (a label centred in its cell, the merge lost):
    the row above it, labelled over the first figure column (从业人员 | 构成 (%)), is part of the
    header, so the shares are named 构成/第一产业 and not taken for a second 第一产业."""
    rows = [
        ["3-3 主要年份三次产业从业人员及构成"],
        [None, "从业人员", None, "构成 (%)", None],
        ["年 份", "(人)", None, None, None],
        [None, None, "第一产业", "第一产业", "第二产业"],
        ["1978", "2668989", "1165987", "43.69", "32.13"],
    ]
    got = facts(read_file(xlsx("广州市统计年鉴2022_3-3.xlsx", rows, sheet="3-3")))
    names = {(fact[1], fact[5]) for fact in got}
    assert ("构成/第一产业", "%") in names and ("构成/第二产业", "%") in names
    assert ("从业人员", "人") in names


def test_columns_adding_up_to_the_column_on_their_left_count_in_its_unit(
    xlsx: Callable[..., Path],
) -> None:
    """从业人员 (人) | 第一产业 | 第二产业 | 第三产业, the sectors printing no unit: they add up to
    the total on every row, so they are its parts and count in its unit (人). A column that does
    not add up with them (人均产值) is left without one."""
    rows = [
        ["3-3 主要年份三次产业从业人员"],
        ["年 份", "从业人员 (人)", "第一产业", "第二产业", "第三产业", "人均产值"],
        ["1978", "2668989", "1165987", "857527", "645475", "812"],
        ["1980", "2750467", "1106432", "922756", "721279", "901"],
    ]
    got = facts(read_file(xlsx("广州市统计年鉴2022_3-3.xlsx", rows, sheet="3-3")))
    assert {(fact[1], fact[5]) for fact in got} == {
        ("从业人员", "人"),
        ("第一产业", "人"),
        ("第二产业", "人"),
        ("第三产业", "人"),
        ("人均产值", None),
    }


def test_a_line_of_units_under_the_header_gives_each_column_its_unit(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "川江区2023年1-6月主要指标.xlsx",
        [
            ["川江区2023年1-6月主要指标"],
            ["指标", "1-6月", "同比增长"],
            ["", "亿元", "%"],
            ["地区生产总值", 152.3, 6.1],
        ],
    )
    observations = read_file(path).observations
    assert [
        (o.indicator_name, o.value_published, o.unit_published, o.yoy_growth_pct)
        for o in observations
    ] == [("地区生产总值", 152.3, "亿元", 6.1)]


def test_a_growth_printed_before_its_level_is_one_fact_with_it(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "川江区2023年1-6月主要指标.xlsx",
        [
            ["川江区2023年1-6月主要指标"],
            ["指标", "单位", "同比增长(%)", "1-6月"],
            ["地区生产总值", "亿元", 6.1, 152.3],
        ],
    )
    observations = read_file(path).observations
    assert [
        (o.value_published, o.unit_published, o.yoy_growth_pct, o.column_name) for o in observations
    ] == [(152.3, "亿元", 6.1, "D")]


def test_regions_across_the_columns_give_each_figure_its_region(
    xlsx: Callable[..., Path],
) -> None:
    """A city's table of its counties across (指标 | 单位 | 全市 | 川汇区 | 淮阳区): 全市 is the
    city the title names."""
    path = xlsx(
        "周口市2023年1-6月各县区主要指标.xlsx",
        [
            ["周口市2023年1-6月各县区主要指标"],
            ["指标", "单位", "全市", "川汇区", "淮阳区"],
            ["地区生产总值", "亿元", 1500.2, 300.1, 250.3],
        ],
    )
    observations = read_file(path).observations
    assert [
        (o.region_name, o.region_source, o.indicator_name, o.value_published) for o in observations
    ] == [
        ("周口市", "title", "地区生产总值", 1500.2),
        ("川汇区", "column", "地区生产总值", 300.1),
        ("淮阳区", "column", "地区生产总值", 250.3),
    ]


def test_regions_over_groups_of_measures_are_the_figures_regions(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "周口市2023年1-6月各县区主要指标.xlsx",
        [
            ["周口市2023年1-6月各县区主要指标"],
            ["指标", "全市", None, "淮阳区", None],
            [None, "绝对值(亿元)", "增长(%)", "绝对值(亿元)", "增长(%)"],
            ["地区生产总值", 1500.2, 5.1, 250.3, 4.8],
        ],
        merged=["B2:C2", "D2:E2", "A2:A3"],
    )
    observations = read_file(path).observations
    assert [
        (o.region_name, o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations
    ] == [
        ("周口市", "地区生产总值", 1500.2, 5.1),
        ("淮阳区", "地区生产总值", 250.3, 4.8),
    ]


def test_a_long_table_takes_each_rows_region_from_its_region_column(
    xlsx: Callable[..., Path],
) -> None:
    """地区 | 指标 | 单位 | 1-6月 | 同比增长(%), each county printed once over its rows."""
    path = xlsx(
        "周口市2023年1-6月主要指标.xlsx",
        [
            ["周口市2023年1-6月主要指标"],
            ["地区", "指标", "单位", "1-6月", "同比增长(%)"],
            ["淮阳区", "地区生产总值", "亿元", 250.3, 4.8],
            [None, "社会消费品零售总额", "亿元", 90.1, 5.5],
            ["全市", "地区生产总值", "亿元", 1500.2, 5.1],
        ],
        merged=["A3:A4"],
    )
    parsed = read_file(path)
    assert [(o.region_name, o.indicator_name, o.value_published) for o in parsed.observations] == [
        ("淮阳区", "地区生产总值", 250.3),
        ("淮阳区", "社会消费品零售总额", 90.1),
        ("周口市", "地区生产总值", 1500.2),
    ]
    assert parsed.figures.unread == []


def test_this_quarter_and_the_same_quarter_a_year_earlier(xlsx: Callable[..., Path]) -> None:
    """本季 is the quarter the table's month ends; 上年同季 that quarter a year earlier."""
    path = xlsx(
        "川江区2023年1-6月主要指标.xlsx",
        [
            ["川江区2023年1-6月主要指标"],
            ["指标", "单位", "本季", "上年同季", "比上年同季增长(%)"],
            ["地区生产总值", "亿元", 80.2, 75.6, 6.1],
        ],
    )
    observations = read_file(path).observations
    assert [
        (o.period_type, o.period_start, o.value_published, o.yoy_growth_pct) for o in observations
    ] == [
        ("quarter", date(2023, 4, 1), 80.2, 6.1),
        ("quarter", date(2022, 4, 1), 75.6, None),
    ]


def test_this_period_beside_the_same_period_a_year_earlier(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "川江区2023年1-6月主要指标.xlsx",
        [
            ["川江区2023年1-6月主要指标"],
            ["指标", "单位", "本期", "同期", "增减%"],
            ["地区生产总值", "亿元", 152.3, 143.5, 6.1],
        ],
    )
    observations = read_file(path).observations
    assert [(o.period_end, o.value_published, o.yoy_growth_pct) for o in observations] == [
        (date(2023, 6, 30), 152.3, 6.1),
        (date(2022, 6, 30), 143.5, None),
    ]


def test_a_figure_with_a_note_mark_is_the_figure(xlsx: Callable[..., Path]) -> None:
    """ "152.3*" (a preliminary figure, say): the mark points to a note, not part of it."""
    path = xlsx(
        "川江区2023年1-6月主要指标.xlsx",
        [
            ["川江区2023年1-6月主要指标"],
            ["指标", "单位", "1-6月", "同比增长(%)"],
            ["地区生产总值", "亿元", "152.3*", "6.1①"],
        ],
    )
    observations = read_file(path).observations
    assert [(o.value_published, o.yoy_growth_pct) for o in observations] == [(152.3, 6.1)]


def test_a_balance_is_a_level_and_a_change_since_january_no_fact(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx(
        "川江区2023年6月末金融机构存贷款.xlsx",
        [
            ["川江区2023年6月末金融机构存贷款"],
            ["指标", "单位", "余额", "比年初增加", "同比增长(%)"],
            ["各项存款余额", "亿元", 520.3, 30.1, 8.2],
        ],
    )
    parsed = read_file(path)
    assert [
        (o.value_published, o.unit_published, o.yoy_growth_pct) for o in parsed.observations
    ] == [(520.3, "亿元", 8.2)]
    assert parsed.figures.unread == []


def test_the_unit_in_the_stubs_header_is_the_tables(xlsx: Callable[..., Path]) -> None:
    path = xlsx(
        "川江区2023年1-6月主要指标.xlsx",
        [
            ["川江区2023年1-6月主要指标"],
            ["指标(单位:亿元)", "1-6月", "同比增长(%)"],
            ["地区生产总值", 152.3, 6.1],
        ],
    )
    observations = read_file(path).observations
    assert [(o.indicator_name, o.value_published, o.unit_published) for o in observations] == [
        ("地区生产总值", 152.3, "亿元")
    ]
