"""Tests for the generated key-project lists, the target file and the work report.

They check the files against the district's reported facts (../shared/seed-facts.md) and
against the ground truth written beside them.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from samples import generate_sample

MONTHS = range(1, 13)
NAMED_CHAINS = {
    "富士康一期": "电子信息",
    "富士康二期": "电子信息",
    "富士康三期": "电子信息",
    "精泰电子一期": "电子信息",
    "精泰电子二期": "电子信息",
    "华勤智能光电产业园": "电子信息",
    "星耀智能手机": "电子信息",
    "电子信息智能终端产业园一期": "电子信息",
    "电子信息产业园二期": "电子信息",
    "电子信息产业园创新中心": "科创",
    "领创孵化器二期": "科创",
    "关帝庙历史文化商业街": "商贸",
    "荷花特色商业街": "商贸",
    "五一路商业街区": "商贸",
    '周口"南寨"历史文化街区': "文旅",
    "一峰·梦想城": "城市更新",
    "昌建·五间楼": "城市更新",
    "昌建·川汇广场": "城市更新",
    "市人民医院门诊医技综合楼": "民生",
    "区中医院": "民生",
    "区妇幼保健院": "民生",
    "川汇智慧物流产业园": "交通物流",
    "国际杂技文化(周口)产业园": "文旅",
}
# Stage of each named project at the end of each month of 2023.
NAMED_STAGES = {
    "富士康一期": ["投产"] * 12,
    "富士康二期": ["续建"] * 2 + ["投产"] * 10,
    "富士康三期": ["续建"] * 3 + ["投产"] * 9,
    "精泰电子一期": ["续建"] * 2 + ["投产"] * 10,
    "精泰电子二期": ["前期"] + ["新开工"] * 11,
    "华勤智能光电产业园": ["续建"] * 2 + ["投产"] * 10,
    "星耀智能手机": ["续建"] * 5 + ["投产"] * 7,
    "电子信息产业园二期": ["续建"] * 11 + ["竣工"],
    "领创孵化器二期": ["续建"] * 9 + ["竣工"] * 3,
    "关帝庙历史文化商业街": ["竣工"] * 12,
    "荷花特色商业街": ["竣工"] * 12,
    "川汇智慧物流产业园": ["前期"] * 2 + ["新开工"] * 10,
    "国际杂技文化(周口)产业园": ["续建"] * 12,
}
# The 2023 targets of the district's work report: indicator, kind, value, comparator.
SEED_TARGETS = {
    ("地区生产总值", "growth_pct", 8.5, "at_least"),
    ("研发经费投入强度", "rate", 1.2, "at_least"),
    ("规模以上工业增加值", "growth_pct", 12, "about"),
    ("固定资产投资", "growth_pct", 18, "about"),
    ("社会消费品零售总额", "growth_pct", 12, "about"),
    ("一般公共预算收入", "growth_pct", 7.5, "about"),
    ("城镇调查失业率", "rate", 5.5, "at_most"),
    ("城镇新增就业", "level", 5000, "at_least"),
    ("居民消费价格指数", "growth_pct", 3, "at_most"),
    ("市场主体", "level", 8.6, "at_least"),
    ("市场主体", "growth_pct", 8.9, "at_least"),
    ("新增四上企业", "level", 55, "at_least"),
    ("新增规模以上工业企业", "level", 15, "at_least"),
    ("四上企业", "level", 100, "at_least"),
    ("新增义务教育学位", "level", 2880, "at_least"),
    ("新增学前教育学位", "level", 3060, "at_least"),
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def list_path(landing: Path, month: int) -> Path:
    return landing / f"2023-{month:02d}" / f"川江区重点项目建设进展_2023年{month:02d}月.xlsx"


@dataclass(frozen=True)
class Sample:
    landing: Path
    truth: Path


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    root = tmp_path_factory.mktemp("sample")
    generate_sample(root / "landing", root / "truth")
    return Sample(root / "landing", root / "truth")


@pytest.fixture(scope="module")
def projects(sample: Sample) -> dict[int, dict[str, dict[str, str]]]:
    """The truth rows by month and project name."""
    by_month: dict[int, dict[str, dict[str, str]]] = defaultdict(dict)
    for row in read_csv(sample.truth / "projects.csv"):
        by_month[int(row["period_end"][5:7])][row["project_name"]] = row
    return dict(by_month)


def column(projects: dict, month: int, key: str) -> list[str]:
    return [row[key] for row in projects[month].values()]


# --- key projects ---------------------------------------------------------------------------


def test_every_month_lists_117_projects_with_the_reported_totals(projects: dict) -> None:
    assert sorted(projects) == list(MONTHS)
    for month in MONTHS:
        assert len(projects[month]) == 117
        assert set(column(projects, month, "unit_published")) == {"万元"}
        assert sum(map(int, column(projects, month, "total_investment"))) == 7_360_000
        assert sum(map(int, column(projects, month, "annual_plan_investment"))) == 2_530_000


def test_named_projects_with_their_chains_and_stages(projects: dict) -> None:
    for name, chain in NAMED_CHAINS.items():
        assert projects[12][name]["industry_chain"] == chain, name
    for name, expected in NAMED_STAGES.items():
        assert [projects[month][name]["stage"] for month in MONTHS] == expected, name
    hospitals = ["市人民医院门诊医技综合楼", "区中医院", "区妇幼保健院"]
    assert sum(int(projects[1][name]["total_investment"]) for name in hospitals) == 99_000


def test_45_projects_start_in_the_first_quarter_and_12_began_early(projects: dict) -> None:
    q1 = {"2023年1月", "2023年2月", "2023年3月"}
    due = [name for name, row in projects[1].items() if row["planned_start"] in q1]
    assert len(due) == 45
    assert all(projects[3][name]["stage"] in ("新开工", "投产", "竣工") for name in due)
    # The early starters had been planned for February or March and are under way in January.
    january = {name: projects[1][name] for name in due}
    early = [
        r for r in january.values() if r["stage"] == "新开工" and r["planned_start"] != "2023年1月"
    ]
    assert len(early) == 12


def test_stages_are_the_published_vocabulary_and_never_go_back(projects: dict) -> None:
    order = ["前期", "新开工", "续建", "投产", "竣工"]
    for name in projects[1]:
        stages = [projects[month][name]["stage"] for month in MONTHS]
        assert set(stages) <= set(order), name
        ranks = [0 if s == "前期" else 1 if s in ("新开工", "续建") else 2 for s in stages]
        assert ranks == sorted(ranks), name


def test_completed_investment_rises_and_a_few_projects_fall_behind(projects: dict) -> None:
    totals = [
        sum(map(int, column(projects, month, "completed_investment_ytd"))) for month in MONTHS
    ]
    assert all(a < b for a, b in pairwise(totals))
    for name in projects[1]:
        series = [int(projects[month][name]["completed_investment_ytd"]) for month in MONTHS]
        assert series == sorted(series), name
        started = [month for month in MONTHS if projects[month][name]["stage"] != "前期"]
        assert all(series[m - 1] > 0 for m in started), name
    behind = [row for row in projects[12].values() if float(row["completion_rate_pct"]) < 85]
    assert 3 <= len(behind) <= 10


def test_completion_rate_is_completed_over_planned(projects: dict) -> None:
    for month in MONTHS:
        for row in projects[month].values():
            completed = Decimal(row["completed_investment_ytd"]) * 100
            rate = completed / Decimal(row["annual_plan_investment"])
            assert row["completion_rate_pct"] == str(rate.quantize(Decimal("0.1"), ROUND_HALF_UP))


def test_project_list_layout_and_cells(sample: Sample, projects: dict) -> None:
    for month in MONTHS:
        sheet = load_workbook(list_path(sample.landing, month))["重点项目"]
        period = "1月" if month == 1 else f"1-{month}月"
        assert sheet["A1"].value == f"川江区2023年重点项目建设进展情况({period})"
        assert [sheet.cell(3, c).value for c in range(1, 12)] == [
            "序号", "项目名称", "所属产业链", "投资情况(万元)", None, None, None,
            "建设阶段", "责任单位", "计划开工", "计划竣工",
        ]  # fmt: skip
        assert [sheet.cell(4, c).value for c in range(4, 8)] == [
            "总投资", "2023年计划投资", f"{period}累计完成投资", "完成率(%)"
        ]  # fmt: skip
        completed = sum(map(int, column(projects, month, "completed_investment_ytd")))
        assert [sheet.cell(5, c).value for c in (2, 4, 5, 6)] == [
            "合计",
            7360000,
            2530000,
            completed,
        ]
        assert sheet["A6"].value == "一、续建项目(51个)"
        assert sheet["A58"].value == "二、新开工项目(66个,其中一季度计划开工45个)"
        assert sheet.cell(sheet.max_row, 1).value.startswith("注:")
        for row in projects[month].values():
            cells = [sheet.cell(int(row["row_number"]), c).value for c in range(1, 12)]
            assert cells == [
                int(row["serial"]),
                row["project_name"],
                row["industry_chain"],
                int(row["total_investment"]),
                int(row["annual_plan_investment"]),
                int(row["completed_investment_ytd"]),
                pytest.approx(float(row["completion_rate_pct"])),
                row["stage"],
                row["responsible_unit"],
                row["planned_start"],
                row["planned_completion"],
            ]


# --- targets and the work report ------------------------------------------------------------


def test_the_target_file_holds_every_2023_target(sample: Sample) -> None:
    path = sample.landing / "2023-01" / "川江区2023年主要预期目标.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (document["region"], document["year"]) == ("川江区", 2023)
    found = {(t["indicator"], t["kind"], t["value"], t["comparator"]) for t in document["targets"]}
    assert found == SEED_TARGETS
    truth = read_csv(sample.truth / "targets.csv")
    assert {
        (row["indicator_name"], row["target_kind"], float(row["target_value"]), row["comparator"])
        for row in truth
    } == {(name, kind, float(value), comparator) for name, kind, value, comparator in SEED_TARGETS}


def report(sample: Sample) -> str:
    path = sample.landing / "2023-01" / "川江区2023年政府工作报告(摘要).txt"
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    "statement",
    [
        "战略性新兴产业投资39.1亿元,增长12.7倍",
        "工业投资46.8亿元,增长107.5%",
        "科技研发投入6180万元,增长22.0%",
        "民生支出13亿元,占一般公共预算支出的70%",
        "新增专利和科技成果364项,其中新技术56项、新产品108项",
        "新增学位13725个",
        "家庭医生签约服务16.4万人",
        "新增入孵企业17家,累计达到89家",
        "数字产业园新入驻企业4家,累计入驻41家",
        "85家规模以上企业研发活动覆盖率达到90%",
        "建材扩产能项目10个,总投资7.93亿元",
        "智能化改造项目8个,总投资2.79亿元",
        "地区生产总值增长8.5%以上",
        "研发经费投入强度达到1.2%以上",
        "规模以上工业增加值增长12%左右",
        "固定资产投资增长18%左右",
        "社会消费品零售总额增长12%左右",
        "一般公共预算收入增长7.5%左右",
        "城镇调查失业率控制在5.5%以内",
        "城镇新增就业5000人以上",
        "居民消费价格涨幅控制在3%以内",
        "市场主体总量达到8.6万户以上,增长8.9%以上",
        "新增“四上”企业55家以上",
        "新增义务教育学位2880个以上、学前教育学位3060个以上",
        "重点项目117个,总投资736亿元,年度计划投资253亿元",
        "一季度计划开工项目45个,其中12个已于去年四季度提前开工",
    ],
)
def test_the_work_report_states_the_seed_facts(sample: Sample, statement: str) -> None:
    assert statement in report(sample)


def test_the_work_report_repeats_the_workbook_figures_for_2022(sample: Sample) -> None:
    text = report(sample)
    rows = [
        row
        for row in read_csv(sample.truth / "observations.csv")
        if row["region_code"] == "411602" and row["period_end"] == "2022-12-31"
    ]
    assert len(rows) == 5
    for row in rows:
        name = row["indicator_name_published"]
        pattern = rf"{name}(完成)?{row['value_text']}亿元,[^,;]*增长{row['growth_text']}%"
        assert re.search(pattern, text), pattern
