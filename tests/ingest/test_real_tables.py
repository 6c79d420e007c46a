"""The real indicator tables of tests/fixtures/tables/real/, read through the loader and scored.

Twenty-six tables transcribed cell by cell from stored pages (real/README.md lists address
and query) were labelled before the reader ever saw them: the five blind rounds of
docs/ingest-formats.md (six, six, four, five and five tables).
Each is scored as the corpus tables are (tests/ingest/test_corpus_tables.py): loaded into a
temporary DuckDB and matched against its .expected.json on region, indicator, period, value
with unit and growth. The thresholds are the corpus's, precision and recall 0.90 per file;
files the reader cannot yet read as labelled assert their measured figure as a floor, and
their tests say why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.tables.build_real_tables import REAL, REAL_TABLES
from tests.fixtures.transcribed import stale_fixtures
from tests.ingest.test_corpus_tables import FILE_THRESHOLD, Score, score


def scored(file_name: str, tmp_path: Path) -> Score:
    path = REAL / file_name
    return score(path, path.with_name(path.stem + ".expected.json"), tmp_path)


def test_the_fixtures_are_what_the_build_script_writes(tmp_path: Path) -> None:
    assert stale_fixtures(REAL_TABLES, REAL, tmp_path) == []


@pytest.mark.parametrize(
    "file_name",
    [
        # region rows (spaced short names), two year groups, units in a header row of their own
        "中国统计年鉴2010_17-22社会消费品零售总额.xlsx",
        # years down the rows, a bilingual three-row header, an index base in the title
        "常州统计年鉴_4-3地区生产总值指数(1978-2010年).xlsx",
        # a first-level column grouping numbered rows, a unit column, no title on the page
        "青海省2018年1-3月高质量发展主要指标.xlsx",
        # a communiqué table with an empty top-left cell and spaced headers with units
        "玉环市2019年国民经济和社会发展统计公报_表1生产总值.xlsx",
        # a `计算 单位` column, 3月 / 1-3月 累计 / 结构(%), chapters 一、 with items 1、, 在总额中:;
        # enterprise counts (个) under 1-3月 累计 are stocks, 结构 the year to date's shares
        "龙岗区2015年3月统计月报_商业.xlsx",
        # round 2: a table with no stub header whose title names quarters 1-3 (前三季度)
        "2013年1-3季度国内生产总值初步核算数据.xlsx",
        # round 2: a communiqué's product list, each level printed with its unit (269万吨)
        "中华人民共和国1994年统计公报_主要工业产品产量.xlsx",
        # round 2: years down the rows, sector columns beside 地区生产总值 with nothing printed
        # above them (its header cell is merged down its own column only), "4 609"
        "厦门统计年鉴2024_05-01地区生产总值(1952-1981年).xlsx",
        # round 2: a yearbook table by category, each header cell's text over three rows,
        # a #亏损企业 column counted in 个 beside amounts in the unit line's 万元
        "山东统计年鉴2003_12-11规模以上非公有工业主要经济指标.xlsx",
        # round 2: main years under a stub headed only "Year", six header rows of Chinese and
        # English lines, index columns (上年=100) beside the amounts, 增长速度 in the title
        "新疆统计年鉴2012_7-1主要年份地方财政一般预算收支及增长速度.xlsx",
        # round 2: a growth-only table, sections 按构成分 / 分产业 / 分行业, a 其中 list of
        # manufacturing divisions continued by plain rows up to the next section (门类); 26 of
        # 27: "其中:国有控股 | 其中:民间投资" are two parts of the whole, read as a part of a
        # part (the corpus's 2013年1-6月 table nests 其中 under 其中, no amounts tell them apart)
        "2023年1—3月份固定资产投资(不含农户)主要数据.xlsx",
        # round 3: 本月 and 1-本月 groups each with its growth, `#` parts, traditional characters
        "上海市2023年3月社会消费品零售总额.xlsx",
        "上海市2022年9月社会消费品零售总额.xlsx",
        # round 3: years down the rows, the urban districts (市区) in the title, "生产总值(万元)"
        # and "构成(%" spanning 合计 and the sectors, a last column 生产总值 in 元
        "金华市区历年地区生产总值及构成(1978-2005年).xlsx",
        # round 3: an index column "2011年为上年%" / "(按可比价计算)" (上年=100) and a share
        # column "占地区生产总值" / "比重%"; 37 of 40, the indented 工业 read under 第二产业
        # (its three facts), where the labels keep the irregularly indented rows flat
        "南京市2011年全市地区生产总值_表2-1.xlsx",
        # round 4: 本月 | 本月止累计 then both growths; rows of cities among rows of a breakdown
        "广东省2017年1-3月工业增加值.xlsx",
        # round 4: deposits and loans, years across, bilingual rows indented in steps; two
        # facts left: the page indents 储蓄存款's 定期存款 as a part of the total (floor 20/22)
        "重庆统计年鉴2008_16-3金融机构(含外资)本外币信贷资金平衡表(2006-2007).xlsx",
        # round 4: a rank column left of the regions (GDP排行 | 區域), traditional names
        "长治市2021年各县区GDP排行.xlsx",
        # round 4: taxes by item under a named total, a 结构(%) column without a period
        "龙岗区2015年4月统计月报_工商税收.xlsx",
        # round 5: years in two blocks side by side (年 份 | … | 年 份 | …), 年末户籍总人口
        # spanning 城镇人口 and 乡村人口
        "乐山统计年鉴2024_3-1续表年末户籍总人口.xlsx",
        # round 5: a unit line of two units (万户,万人), "其中 of Which" over 按性别分 and
        # 按农业和非农业分, bilingual header rows
        "宁波统计年鉴2009_表2-1历年总户数和总人口.xlsx",
        # round 5: years across, Chinese and English label columns, headings with the rows'
        # unit (农村基层组织情况 (个)), a heading whose rows repeat its name
        "青海统计年鉴2018_12-1农村基本情况及乡村从业人员.xlsx",
        # round 5: a stub "年 份/地 区", seventeen industries across with their names over up to
        # three rows, the title's 分行业 naming the columns parts of 从业人员
        "中国统计年鉴1999_5-5分行业从业人员.xlsx",
        # round 5 (a fifth table, labelled after the round's fixes): "年 份" on the second of
        # five header rows, bilingual lines, sector columns with no unit beside 从业人员 (人)
        "广州统计年鉴2022_3-3主要年份三次产业从业人员及构成.xlsx",
        # round 6: an index table whose base is a title line in words (以上年为100), classes
        # 一、 with items 1、 and 其中 rows under an unnumbered total, stacked with a 续表 block
        "衢州市_8-24市区居民消费价格指数.xlsx",
    ],
)
def test_real_table_is_read_as_labelled(file_name: str, tmp_path: Path) -> None:
    result = scored(file_name, tmp_path)
    assert result.unread_labelled == 0
    assert result.precision >= FILE_THRESHOLD, result
    assert result.recall >= FILE_THRESHOLD, result


def test_bengbu_reads_the_sectors_as_parts_but_not_agriculture_as_an_industry_of_the_whole(
    tmp_path: Path,
) -> None:
    """Floor, measured: 5 of 6 facts. "其中:第一產業 | 第二產業 | 第三產業" add up to 地區生產總值
    (287.0 + 714.1 + 1311.9 = 2313.0), so the plain rows complete the "其中" list, and 工業 after
    "其中:農林牧漁業" returns to the whole. Left: "其中:農林牧漁業" under 第三產業 is an industry
    of the whole 地區生產總值 (labelled so), not a part of the third sector: its amount fits
    the sector (299.2 < 1311.9), and only the classification of industries says otherwise."""
    result = scored("蚌埠市2024年全市地區生產總值及其增長速度.xlsx", tmp_path)
    assert (result.expected, result.read, result.unread_labelled) == (6, 6, 0)
    assert result.matched >= 5


def test_longgang_cpi_reads_every_index_but_two_named_indices_as_classes(tmp_path: Path) -> None:
    """Floor, measured: 27 of 33 facts (0 on the blind run). Every index is read on its
    base (上月=100, 上年同期=100) and period (本月, 至本月平均); the classes 一、食品类 …
    八、居住 are read as classes of 居民消费价格总指数. Left: 服务项目价格指数 and 消费品价格指数,
    plain rows under the total, are read as its parts; the labels keep them as indices of
    their own, since each names itself an index. Only a list of index names could tell them
    from classes."""
    result = scored("龙岗区2010年4月统计月报_居民消费价格指数.xlsx", tmp_path)
    assert (result.expected, result.read, result.unread_labelled) == (33, 33, 0)
    assert result.matched >= 27


def test_guangzhou_cpi_reads_every_index_on_its_base_but_not_the_classes_tree(
    tmp_path: Path,
) -> None:
    """Floor, measured: 2 of 44 facts (6 on the blind run). Every index is read with its year
    and the title's base (上年=100). Left: the labels (which follow 龙岗's CPI) keep 消费品 and
    服务价格指数 flat and put the classes 一、食品烟酒 … under 居民消费价格总指数, the `#` rows
    under them. The reader nests by the page's leading spaces, which are not even here
    (" # 粮 食" beside "  食用油"), so the classes stay roots and the two indices are read as
    parts of the total."""
    result = scored("广州统计年鉴2022_7-2城市居民消费价格分类指数.xlsx", tmp_path)
    assert (result.expected, result.read, result.unread_labelled) == (44, 44, 0)
    assert result.matched >= 2
