"""Real target tables, transcribed from the pages named in tests/fixtures/targets/real/README.md:
every target the page states is read, and every other number of the table is accounted for."""

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from ingest.loader import StoreDirs, ingest_files
from ingest.readers import read_file
from ingest.records import IndicatorTarget, ParsedFile
from tests.fixtures.targets.build_real_targets import REAL, REAL_TARGETS
from tests.fixtures.transcribed import RealTable, stale_fixtures

ACTUAL = "an actual or estimate beside a target (read from indicator tables, not here)"


def target(region: str, indicator: str, year: int, *rest: float | str) -> IndicatorTarget:
    """A target as labelled: value, unit, kind and comparator follow the year."""
    value, unit, kind, comparator = rest
    return IndicatorTarget(
        region, indicator, year, float(value), str(unit), str(kind), str(comparator)
    )


def read_targets(file_name: str) -> tuple[list[IndicatorTarget], ParsedFile]:
    """The file's targets without the printed text they were read from, and all it read."""
    parsed = read_file(REAL / file_name)
    return [replace(t, source_text=None) for t in parsed.targets], parsed


def test_the_fixtures_are_what_the_build_script_writes(tmp_path: Path) -> None:
    assert stale_fixtures(REAL_TARGETS, REAL, tmp_path) == []


# --- 各地 2016: province rows, one target column, an actual column beside it ---------------


def test_provinces_2016_every_target_with_its_comparator_word() -> None:
    """The provinces are named as the column model names region rows: by their full names."""
    targets, parsed = read_targets("各地2016年GDP增长预期和实际增幅.xlsx")
    assert targets == [
        target("西藏自治区", "GDP", 2016, 10.0, "%", "growth_pct", "at_least"),
        target("重庆市", "GDP", 2016, 10.0, "%", "growth_pct", "about"),
        target("贵州省", "GDP", 2016, 10.0, "%", "growth_pct", "at_least"),
        target("天津市", "GDP", 2016, 9.0, "%", "growth_pct", "at_least"),
        target("江西省", "GDP", 2016, 8.5, "%", "growth_pct", "at_least"),
    ]
    # The actual growth beside each target is reported, not read as a target or dropped.
    assert [(u.row_number, u.text, u.reason) for u in parsed.figures.unread] == [
        (3, "11.5%", ACTUAL),
        (4, "10.7%", ACTUAL),
        (6, "10.5%", ACTUAL),
        (7, "9%左右", ACTUAL),
        (8, "9%", ACTUAL),
    ]
    assert parsed.figures.read == 5


# --- 越城区: indicator rows, 目标值 | 预计值 | 完成情况 -------------------------------------------


def test_yuecheng_plan_targets_take_the_unit_of_their_row_label() -> None:
    targets, parsed = read_targets("越城区“十三五”规划主要指标完成情况.xlsx")
    assert targets == [
        target("越城区", "全区生产总值", 2020, 1000.0, "亿元", "level", "at_least"),
        target("越城区", "人均生产总值", 2020, 130000.0, "元", "level", "at_least"),
        target("越城区", "公共财政预算收入", 2020, 72.69, "亿元", "level", "at_least"),
    ]
    assert [(u.column_name, u.text, u.reason) for u in parsed.figures.unread] == [
        ("D", "1008.5", ACTUAL),
        ("D", "130913", ACTUAL),
        ("D", "72.69", ACTUAL),
    ]
    assert parsed.figures.skipped == {"serial numbers (序号)": 3}


# --- 江苏 2020: indicator rows with sub-items, a unit column, symbols before the figure -----

JIANGSU = [
    ("人均GDP", 10.0, "万元", "level", "at_least"),
    ("战略性新兴产业增加值占GDP比重", 15.0, "%", "rate", "at_least"),
    ("服务业增加值占GDP比重", 53.0, "%", "rate", "at_least"),
    ("种植业“三品”比重", 55.0, "%", "rate", "at_least"),
    ("服务贸易占对外贸易比重", 10.0, "%", "rate", "at_least"),
    ("常住人口城镇化率", 72.0, "%", "rate", "at_least"),
    ("企业总资产利润率", 10.0, "%", "rate", "at_least"),
    ("研发经费支出占GDP比重", 2.8, "%", "rate", "at_least"),
    ("万人发明专利拥有量", 20.0, "件", "level", "at_least"),
    ("每万劳动力中研发人员数", 140.0, "人年", "level", "at_least"),
    ("每万劳动力中高技能人才数", 750.0, "人", "level", "at_least"),
    ("信息产业营业收入占工业和服务业比重", 26.0, "%", "rate", "at_least"),
    ("高新技术产业产值占规上工业产值比重", 45.0, "%", "rate", "at_least"),
    ("科技进步贡献率", 65.0, "%", "rate", "at_least"),
    ("居民人均可支配收入(2010年不变价)", 3.4, "万元", "level", "at_least"),
    ("劳动年龄人口平均受教育年限", 10.8, "年", "level", "at_least"),
    ("城乡基本养老保险参保率", 98.0, "%", "rate", "at_least"),
    ("城乡基本医疗保险参保率", 98.0, "%", "rate", "at_least"),
    ("失业保险参保率", 98.0, "%", "rate", "at_least"),
    ("城镇登记失业率", 4.0, "%", "rate", "at_most"),
    ("城镇调查失业率", 5.5, "%", "rate", "at_most"),
    ("获证食品生产企业抽检合格率", 98.0, "%", "rate", "at_least"),
    ("药品生产环节抽验合格率", 96.0, "%", "rate", "at_least"),
    ("区域供水入户率", 90.0, "%", "rate", "at_least"),
    ("城乡居民家庭人均住房面积达标率", 60.0, "%", "rate", "at_least"),
    ("城市万人公交车拥有量", 16.0, "标台", "level", "at_least"),
    ("行政村双车道四级公路覆盖率", 90.0, "%", "rate", "at_least"),
    ("每千人口执业(助理)医师数", 2.5, "人", "level", "at_least"),
    ("每千名老人拥有养老床位数", 40.0, "张", "level", "at_least"),
]


def test_jiangsu_2020_every_target_of_the_page() -> None:
    targets, parsed = read_targets("江苏高水平全面建成小康社会指标.xlsx")
    assert targets == [target("江苏省", name, 2020, *rest) for name, *rest in JIANGSU]
    # Each target keeps the text it was read from, one part of "<4/<5.5" each.
    printed = {t.indicator_name: t.source_text for t in parsed.targets}
    assert (printed["人均GDP"], printed["城镇调查失业率"]) == (
        "翻一番(全省人均GDP ≥ 10万元)",
        "<5.5",
    )
    # "=100" names no comparator of the contract: reported with the reason, not guessed.
    [unread] = parsed.figures.unread
    assert (unread.row_number, unread.text) == (21, "=100")
    assert "comparator '='" in unread.reason
    assert parsed.figures.skipped == {"serial numbers (序号)": 24}


@pytest.mark.parametrize("table", REAL_TARGETS, ids=lambda table: table.file_name)
def test_no_number_of_a_real_target_table_is_dropped(table: RealTable) -> None:
    parsed = read_file(REAL / table.file_name)
    assert parsed.observations == []
    assert parsed.figures.total == parsed.figures.read + parsed.figures.n_skipped + len(
        parsed.figures.unread
    )
    assert parsed.figures.read == len(parsed.targets)


def test_a_real_target_table_lands_in_the_warehouse_with_its_unread_figures(
    tmp_path: Path,
) -> None:
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    dirs = StoreDirs(tmp_path / "archive", tmp_path / "quarantine")
    [result] = ingest_files([REAL / "越城区“十三五”规划主要指标完成情况.xlsx"], connection, dirs)
    assert result.status == "loaded", result.message
    assert connection.execute(
        "select region_name, indicator_name, year, target_value, target_unit, target_kind, "
        "comparator from raw.indicator_targets order by target_value"
    ).fetchall() == [
        ("越城区", "公共财政预算收入", 2020, 72.69, "亿元", "level", "at_least"),
        ("越城区", "全区生产总值", 2020, 1000.0, "亿元", "level", "at_least"),
        ("越城区", "人均生产总值", 2020, 130000.0, "元", "level", "at_least"),
    ]
    assert connection.execute(
        "select column_name, text from raw.unread_figures order by row_number"
    ).fetchall() == [("D", "1008.5"), ("D", "130913"), ("D", "72.69")]
