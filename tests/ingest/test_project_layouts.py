"""Real key-project tables, transcribed from the pages named in tests/fixtures/projects/README.md,
loaded through the loader into raw.project_progress and checked against the pages' figures."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest.loader import StoreDirs, ingest_files
from ingest.readers import read_file
from tests.fixtures.projects.build_real_lists import REAL, REAL_TABLES
from tests.fixtures.transcribed import stale_fixtures

WAN = 10_000  # 万元 per 亿元


@dataclass(frozen=True)
class Group:
    """One row of a summary by responsible unit or area, in 亿元 as the test converts it."""

    name: str
    total: float | None
    plan: float
    completed: float
    rate: float


def load(tmp_path: Path, file_name: str) -> tuple[list[Group], list[tuple[str, date]]]:
    """Ingest one real table into a fresh warehouse: its rows of raw.project_progress, and
    the region and period end they were filed under."""
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    dirs = StoreDirs(tmp_path / "archive", tmp_path / "quarantine")
    [result] = ingest_files([REAL / file_name], connection, dirs)
    assert result.status == "loaded", result.message
    rows = connection.execute(
        """
        select project_name, total_investment, annual_plan_investment,
               completed_investment_ytd, completion_rate_pct
        from raw.project_progress order by row_number
        """
    ).fetchall()
    filed = connection.execute(
        "select distinct region_name, period_end from raw.project_progress"
    ).fetchall()
    return [Group(*row) for row in rows], filed


def approx_groups(groups: list[Group]) -> list[Group]:
    return [
        Group(
            g.name,
            None if g.total is None else pytest.approx(g.total, abs=1e-9),
            pytest.approx(g.plan, abs=1e-9),
            pytest.approx(g.completed, abs=1e-9),
            g.rate,
        )
        for g in groups
    ]


def test_the_fixtures_are_what_the_build_script_writes(tmp_path: Path) -> None:
    assert stale_fixtures(REAL_TABLES, REAL, tmp_path) == []


# --- 湘西州: by county, a unit line naming two units, rates printed with % -------------------

XIANGXI = [
    # 隶属, 年投资计划, 完成投资额 (亿元), 年计划投资完成率 (%), as on the page
    ("吉首市", 82.5, 65.1, 78.9),
    ("泸溪县", 42.6, 31.2, 73.2),
    ("凤凰县", 78.5, 62.9, 80.1),
    ("古丈县", 23.4, 19.0, 81.2),
    ("花垣县", 46.0, 37.1, 80.7),
    ("保靖县", 41.9, 30.9, 73.7),
    ("永顺县", 51.0, 42.3, 82.9),
    ("龙山县", 51.7, 40.9, 79.1),
    ("湘西高新区", 66.4, 53.1, 80.0),
    ("州直", 156.7, 92.0, 58.8),
]


def test_xiangxi_summary_by_county_loads_every_row_and_figure(tmp_path: Path) -> None:
    file_name = "湘西州2021年1-9月份州重点项目投资完成情况.xlsx"
    expected = [Group(name, None, plan, done, rate) for name, plan, done, rate in XIANGXI]
    assert load(tmp_path, file_name) == (approx_groups(expected), [("湘西州", date(2021, 9, 30))])


def test_xiangxi_counts_every_number_and_leaves_none_unread() -> None:
    figures = read_file(REAL / "湘西州2021年1-9月份州重点项目投资完成情况.xlsx").figures
    assert figures.read == 3 * len(XIANGXI)  # plan, completed, rate
    assert figures.skipped == {"number of projects of a unit": len(XIANGXI)}
    assert figures.unread == []


# --- 开平市: by responsible unit, traditional characters, 万元, shares and two ranks ---------

KAIPING = [
    # 項目責任單位, 2019年投資計劃 (萬元), 2019年2月累計完成投資 (萬元), 投資完成率 (%)
    ("月山", 5500, 4220, 76.73),
    ("城管局", 49135, 11109, 22.61),
    ("龍勝", 6000, 1297, 21.62),
    ("翠山湖", 163400, 34386, 21.04),
    ("沙塘", 7200, 1419, 19.71),
    ("赤坎", 79000, 14900, 18.86),
    ("教育局", 1927, 340, 17.64),
]


def test_kaiping_summary_by_responsible_unit_loads_in_yi_yuan(tmp_path: Path) -> None:
    file_name = "开平市2019年1-2月重点项目建设情况.xlsx"
    expected = [
        Group(name, None, plan / WAN, done / WAN, rate) for name, plan, done, rate in KAIPING
    ]
    # The period is 1-2月 of the title, its year that of the 2019年投資計劃 header.
    assert load(tmp_path, file_name) == (approx_groups(expected), [("开平市", date(2019, 2, 28))])


def test_kaiping_ranks_and_shares_are_skipped_not_read() -> None:
    parsed = read_file(REAL / "开平市2019年1-2月重点项目建设情况.xlsx")
    assert {p.responsible_unit for p in parsed.projects} == {name for name, *_ in KAIPING}
    assert parsed.figures.read == 3 * len(KAIPING)
    assert parsed.figures.skipped == {
        "number of projects of a unit": len(KAIPING),
        "share of the total": len(KAIPING),
        "rank": 2 * len(KAIPING),
    }
    assert parsed.figures.unread == []


# --- 云浮市: total row first, 序号 inside the merged 地区 column, this period's increment ------

YUNFU = [
    Group("佛山(云浮)产业转移工业园", 116.13, 17.52, 7.54, 43.04),
    Group("市直单位", 254.55, 49.2, 23.06, 46.87),
    Group("云浮新区", 167.73, 18.22, 9.12, 50.05),
]


def test_yunfu_summary_by_area_loads_without_its_total_row(tmp_path: Path) -> None:
    file_name = "云浮市重点建设项目督查情况通报_2017年08月.xlsx"
    assert load(tmp_path, file_name) == (approx_groups(YUNFU), [("云浮市", date(2017, 8, 31))])


def test_yunfu_total_serial_numbers_and_increments_are_skipped_with_reasons() -> None:
    figures = read_file(REAL / "云浮市重点建设项目督查情况通报_2017年08月.xlsx").figures
    assert figures.read == 4 * len(YUNFU)  # total, plan, completed, rate
    assert figures.skipped == {
        "total or subtotal row": 6,  # 全市: 116, 1291.06, 195.82, 119.73, 61.14, 6.33
        "serial number (序号)": len(YUNFU),
        "number of projects of a unit": len(YUNFU),
        "investment not year to date": len(YUNFU),
    }
    assert figures.unread == []


# --- 铜梁区: by project category, the total first, headers wrapped inside their cells --------

TONGLIANG = [
    # 项目类别, 2024年年度计划投资, 1-9月完成投资 (亿元), 投资计划完成率 (%), as on the page
    Group("产业高地项目", None, 254.35, 202.55, 79.63),
    Group("文旅胜地项目", None, 21.48, 11.12, 51.77),
    Group("宜居美地项目", None, 108.10, 72.06, 66.66),
    Group("民生福地项目", None, 21.41, 11.27, 52.64),
]


def test_tongliang_summary_by_category_loads_each_category_without_the_total(
    tmp_path: Path,
) -> None:
    file_name = "铜梁区2024年重点建设项目1-9月推进情况.xlsx"
    # The period is 1-9月 of the completed-investment header, its year that of the plan's.
    assert load(tmp_path, file_name) == (
        approx_groups(TONGLIANG),
        [("铜梁区", date(2024, 9, 30))],
    )


def test_tongliang_rows_are_filed_under_their_category_and_every_number_is_counted() -> None:
    parsed = read_file(REAL / "铜梁区2024年重点建设项目1-9月推进情况.xlsx")
    assert [(p.industry_chain, p.responsible_unit) for p in parsed.projects] == [
        (g.name, None) for g in TONGLIANG
    ]
    assert parsed.figures.read == 3 * len(TONGLIANG)  # plan, completed, rate
    assert parsed.figures.skipped == {
        "total or subtotal row": 4,  # 合计: 211, 405.34, 297, 73.27%
        "number of projects of a unit": len(TONGLIANG),
    }
    assert parsed.figures.unread == []
