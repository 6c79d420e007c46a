"""Reading key-project lists: tiny hand-made sheets and the generated monthly lists."""

import csv
import io
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.readers import read_file
from ingest.records import ParsedFile, ProjectProgress

TITLE = "川江区2023年重点项目建设进展情况(1-6月)"
HEADER = [
    "序号",
    "项目名称",
    "产业链",
    "建设地点",
    "总投资(亿元)",
    "年度计划投资(亿元)",
    "1-6月累计完成投资(亿元)",
    "完成率(%)",
    "建设阶段",
    "责任单位",
    "计划开工",
    "计划竣工",
]
FOXCONN = [1, "富士康二期", "电子信息", "川江区", 45, 15, 8.1, 54.0, "投产", "区工信局"]
FOXCONN += ["2021年11月", "2023年3月"]
HOSPITAL = [2, "区中医院", "民生", "川江区", 2.8, 1.2, 0.5, 41.7, "续建", "区卫健委", "2022年5月"]
HOSPITAL += ["—"]


def project_list(*rows: list[object], title: str = TITLE, header: list[str] = HEADER) -> list:
    return [[title], list(header), *[list(row) for row in rows]]


def only(parsed: ParsedFile, name: str) -> ProjectProgress:
    [project] = [p for p in parsed.projects if p.project_name == name]
    return project


# --- hand-made lists ------------------------------------------------------------------------


def test_a_list_in_yi_yuan_is_read_column_by_column(xlsx: Callable[..., Path]) -> None:
    parsed = read_file(xlsx("projects.xlsx", project_list(FOXCONN, HOSPITAL), sheet="重点项目"))
    assert parsed.observations == [] and parsed.targets == []
    assert only(parsed, "富士康二期") == ProjectProgress(
        sheet_name="重点项目",
        row_number=3,
        project_name="富士康二期",
        industry_chain="电子信息",
        region_name="川江区",
        period_end=date(2023, 6, 30),
        total_investment=45.0,
        annual_plan_investment=15.0,
        completed_investment_ytd=8.1,
        completion_rate_pct=54.0,
        stage="投产",
        responsible_unit="区工信局",
        planned_start=date(2021, 11, 1),
        planned_completion=date(2023, 3, 1),
    )
    assert only(parsed, "区中医院").planned_completion is None


def test_wan_yuan_in_the_header_is_converted_to_yi_yuan(xlsx: Callable[..., Path]) -> None:
    header = ["项目名称", "所属产业", "总投资(万元)", "2023年计划投资(万元)", "累计完成投资(万元)"]
    rows = project_list(["富士康二期", "电子信息", 450000, 150000, 81234], header=header)
    project = only(read_file(xlsx("wan.xlsx", rows)), "富士康二期")
    assert project.total_investment == 45.0
    assert project.annual_plan_investment == 15.0
    assert project.completed_investment_ytd == 8.1234  # not 8.123400000000001


def test_units_may_differ_between_columns(xlsx: Callable[..., Path]) -> None:
    header = ["项目名称", "总投资(亿元)", "年度计划投资(万元)", "累计完成投资(万元)"]
    rows = project_list(["富士康二期", 45, 150000, 81000], header=header)
    project = only(read_file(xlsx("mixed.xlsx", rows)), "富士康二期")
    assert (project.total_investment, project.annual_plan_investment) == (45.0, 15.0)


def test_a_merged_group_header_gives_its_unit_to_every_column_below(
    xlsx: Callable[..., Path],
) -> None:
    rows = [
        [TITLE],
        ["序号", "项目名称", "投资情况(万元)", None, None, None, "项目状态"],
        [None, None, "总投资", "年度计划", "1-6月完成投资", "投资完成率", None],
        [1, "富士康二期", 450000, 150000, 81000, 54.0, "投产"],
    ]
    parsed = read_file(xlsx("merged.xlsx", rows, merged=["A2:A3", "B2:B3", "C2:F2", "G2:G3"]))
    project = only(parsed, "富士康二期")
    assert project.row_number == 4
    assert (project.total_investment, project.annual_plan_investment) == (45.0, 15.0)
    assert (project.completed_investment_ytd, project.completion_rate_pct) == (8.1, 54.0)
    assert project.stage == "投产"


def test_a_unit_line_above_the_table_applies_to_money_columns(xlsx: Callable[..., Path]) -> None:
    rows = [
        [TITLE],
        [None, None, None, "单位:万元"],
        ["项目名称", "总投资", "年度计划投资", "累计完成投资"],
        ["富士康二期", 450000, 150000, 81000],
    ]
    project = only(read_file(xlsx("line.xlsx", rows)), "富士康二期")
    assert project.total_investment == 45.0


def test_money_without_a_unit_is_refused(xlsx: Callable[..., Path]) -> None:
    header = ["项目名称", "总投资", "年度计划投资"]
    path = xlsx("nounit.xlsx", project_list(["富士康二期", 45, 15], header=header), sheet="项目")
    with pytest.raises(IngestError, match=r"sheet 项目, row 2, column B: no unit"):
        read_file(path)


def test_completion_rate_is_computed_when_not_published(xlsx: Callable[..., Path]) -> None:
    header = ["项目名称", "总投资(亿元)", "年度计划投资(亿元)", "累计完成投资(亿元)", "完成率(%)"]
    rows = project_list(["甲项目", 10, 3, 1.25, "—"], ["乙项目", 10, 3, 1.25], header=header)
    parsed = read_file(xlsx("rate.xlsx", rows))
    assert only(parsed, "甲项目").completion_rate_pct == 41.7
    assert only(parsed, "乙项目").completion_rate_pct == 41.7


def test_totals_section_headings_and_footnotes_are_not_projects(
    xlsx: Callable[..., Path],
) -> None:
    rows = project_list(
        [None, "合计", None, None, 47.8, 16.2, 8.6, 53.1],
        ["一、续建项目(1个)"],
        FOXCONN,
        [None, "二、民生项目(1个)", None, None, 2.8, 1.2, 0.5, 41.7],  # with its subtotal
        [None, "(二)民生项目", None, None, 2.8, 1.2, 0.5, 41.7],
        [2, "2.区中医院", *HOSPITAL[2:]],  # numbered in the name column too
        [],
        ["注:完成率为累计完成投资占年度计划投资的比重。"],
        [3, "注释之后的项目", "民生", None, 1, 1, 1, 100.0],
    )
    parsed = read_file(xlsx("sections.xlsx", rows))
    assert [p.project_name for p in parsed.projects] == ["富士康二期", "区中医院"]
    assert parsed.figures.read == 8  # total, plan, completed and rate of the two projects
    assert parsed.figures.skipped == {
        "total or subtotal row": 12,
        "serial number (序号)": 2,
        "notes below the table": 5,
    }
    assert parsed.figures.unread == []


@pytest.mark.parametrize(
    ("title", "file_name", "period_end"),
    [
        ("川江区2023年重点项目建设进展情况(1-6月)", "a.xlsx", date(2023, 6, 30)),
        ("川江区2023年6月重点项目进展", "a.xlsx", date(2023, 6, 30)),
        ("川江区2023年重点项目建设进展情况", "a_2023年09月.xlsx", date(2023, 9, 30)),
        ("川江区重点项目建设进展情况", "a_2023年11月.xlsx", date(2023, 11, 30)),
    ],
)
def test_the_period_comes_from_the_title_or_the_file_name(
    xlsx: Callable[..., Path], title: str, file_name: str, period_end: date
) -> None:
    header = ["项目名称", "总投资(亿元)", "累计完成投资(亿元)"]
    rows = project_list(["富士康二期", 45, 8.1], title=title, header=header)
    assert only(read_file(xlsx(file_name, rows)), "富士康二期").period_end == period_end


def test_the_period_may_come_from_the_completed_investment_header(
    xlsx: Callable[..., Path],
) -> None:
    header = ["项目名称", "总投资(亿元)", "1-9月完成投资(亿元)"]
    title = "川江区2023年重点项目建设进展情况表"
    rows = project_list(["富士康二期", 45, 8.1], title=title, header=header)
    assert only(read_file(xlsx("b.xlsx", rows)), "富士康二期").period_end == date(2023, 9, 30)


def test_a_list_without_a_period_is_refused(xlsx: Callable[..., Path]) -> None:
    rows = project_list(["富士康二期", 45], title="重点项目", header=["项目名称", "总投资(亿元)"])
    with pytest.raises(IngestError, match="no reporting period"):
        read_file(xlsx("noperiod.xlsx", rows))


def test_the_region_comes_from_the_location_column_else_the_title(
    xlsx: Callable[..., Path],
) -> None:
    header = ["项目名称", "所在地区", "总投资(亿元)"]
    rows = project_list(["甲项目", "西华县", 1], ["乙项目", None, 2], header=header)
    parsed = read_file(xlsx("where.xlsx", rows))
    assert only(parsed, "甲项目").region_name == "西华县"
    assert only(parsed, "乙项目").region_name == "川江区"


@pytest.mark.parametrize(
    ("column", "bad", "message"),
    [
        (5, "四十五", r"row 3, column E: 总投资\(亿元\) '四十五' is not a number"),
        (6, -1, r"row 3, column F: 年度计划投资\(亿元\) -1.0 is negative"),
        (8, "过半", r"row 3, column H: 完成率\(%\) '过半' is not a number"),
        (11, "年底前", r"row 3, column K: 计划开工 '年底前' is not a date"),
        (12, "2023年13月", r"row 3, column L: 计划竣工 month must be in 1..12"),
    ],
)
def test_a_bad_cell_names_sheet_row_and_column(
    xlsx: Callable[..., Path], column: int, bad: object, message: str
) -> None:
    row = list(FOXCONN)
    row[column - 1] = bad
    path = xlsx("bad.xlsx", project_list(row), sheet="重点项目")
    with pytest.raises(IngestError, match=rf"bad.xlsx, sheet 重点项目, {message}"):
        read_file(path)


def test_full_width_text_and_date_cells_are_read(xlsx: Callable[..., Path]) -> None:
    header = ["项目名称", "总投资（亿元）", "计划开工"]
    rows = project_list(["国际杂技文化（周口）产业园", "３０", date(2021, 5, 20)], header=header)
    project = only(read_file(xlsx("wide.xlsx", rows)), "国际杂技文化(周口)产业园")
    assert (project.total_investment, project.planned_start) == (30.0, date(2021, 5, 20))


def test_a_bare_project_header_beside_investment_is_a_project_list(
    xlsx: Callable[..., Path],
) -> None:
    header = ["项目", "总投资(亿元)", "累计完成投资(亿元)"]
    parsed = read_file(xlsx("short.xlsx", project_list(["富士康二期", 45, 8.1], header=header)))
    assert parsed.observations == []
    assert only(parsed, "富士康二期").completed_investment_ytd == 8.1


def test_a_summary_by_project_category_files_each_row_under_its_chain(
    xlsx: Callable[..., Path],
) -> None:
    # One row per category of key projects, the number of projects beside the money: the row
    # stands for its category's projects, so its name is their industry chain, not a unit.
    header = ["项目类别", "项目数量", "年度计划投资(亿元)", "1-6月完成投资(亿元)"]
    rows = [["合计", 5, 20, 9], ["产业项目", 3, 15, 7], ["民生项目", 2, 5, 2]]
    parsed = read_file(xlsx("by_category.xlsx", project_list(*rows, header=header)))
    assert [(p.project_name, p.industry_chain, p.responsible_unit) for p in parsed.projects] == [
        ("产业项目", "产业项目", None),
        ("民生项目", "民生项目", None),
    ]
    assert only(parsed, "民生项目").completion_rate_pct == 40.0
    assert parsed.figures.skipped == {
        "total or subtotal row": 3,
        "number of projects of a unit": 2,
    }


def test_a_gbk_csv_project_list_is_read_the_same_way(tmp_path: Path) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(project_list(FOXCONN))
    path = tmp_path / "projects.csv"
    path.write_bytes(buffer.getvalue().encode("gbk"))
    project = only(read_file(path), "富士康二期")
    assert (project.total_investment, project.completion_rate_pct) == (45.0, 54.0)
    assert (project.planned_start, project.sheet_name) == (date(2021, 11, 1), "projects")


# --- the generated monthly lists ------------------------------------------------------------


def list_name(month: int) -> str:
    return f"川江区重点项目建设进展_2023年{month:02d}月.xlsx"


@pytest.fixture(scope="module")
def project_lists(sample_landing: Path) -> dict[int, ParsedFile]:
    return {
        month: read_file(sample_landing / f"2023-{month:02d}" / list_name(month))
        for month in range(1, 13)
    }


def stages(project_lists: dict[int, ParsedFile], name: str) -> list[str]:
    return [only(parsed, name).stage for _, parsed in sorted(project_lists.items())]


def test_every_month_lists_117_projects_with_the_reported_totals(
    project_lists: dict[int, ParsedFile],
) -> None:
    for month, parsed in project_lists.items():
        assert len(parsed.projects) == 117
        assert sum(p.total_investment for p in parsed.projects) == pytest.approx(736, abs=1e-9)
        assert sum(p.annual_plan_investment for p in parsed.projects) == pytest.approx(253)
        assert {p.period_end.month for p in parsed.projects} == {month}
        assert {p.region_name for p in parsed.projects} == {"川江区"}
        assert parsed.publisher == "川江区发展和改革委员会"


def test_named_projects_move_through_their_stages(project_lists: dict[int, ParsedFile]) -> None:
    assert stages(project_lists, "富士康一期") == ["投产"] * 12
    assert stages(project_lists, "富士康二期") == ["续建"] * 2 + ["投产"] * 10
    assert stages(project_lists, "精泰电子二期") == ["前期"] + ["新开工"] * 11
    assert stages(project_lists, "星耀智能手机") == ["续建"] * 5 + ["投产"] * 7
    assert stages(project_lists, "关帝庙历史文化商业街") == ["竣工"] * 12
    assert stages(project_lists, "电子信息产业园二期") == ["续建"] * 11 + ["竣工"]
    assert stages(project_lists, "川汇智慧物流产业园") == ["前期"] * 2 + ["新开工"] * 10
    hospitals = ["市人民医院门诊医技综合楼", "区中医院", "区妇幼保健院"]
    december = project_lists[12]
    assert sum(only(december, name).total_investment for name in hospitals) == pytest.approx(9.9)
    assert only(december, '周口"南寨"历史文化街区').industry_chain == "文旅"


def test_45_projects_start_in_the_first_quarter_12_of_them_early(
    project_lists: dict[int, ParsedFile],
) -> None:
    def started_by(month: int) -> set[str]:
        return {p.project_name for p in project_lists[month].projects if p.stage == "新开工"}

    def due_in_q1(project: ProjectProgress) -> bool:
        return project.planned_start is not None and project.planned_start <= date(2023, 3, 31)

    # The early starters had been planned for February or March and are under way in January.
    early = [p for p in project_lists[1].projects if p.project_name in started_by(1)]
    assert len([p for p in early if p.planned_start > date(2023, 1, 31)]) == 12
    march = [p for p in project_lists[3].projects if p.project_name in started_by(3)]
    assert len([p for p in march if due_in_q1(p)]) == 45


def test_completed_investment_rises_and_a_few_projects_fall_behind(
    project_lists: dict[int, ParsedFile],
) -> None:
    totals = [
        sum(p.completed_investment_ytd for p in project_lists[month].projects)
        for month in range(1, 13)
    ]
    assert all(a < b for a, b in pairwise(totals))
    for name in {p.project_name for p in project_lists[1].projects}:
        series = [only(project_lists[m], name).completed_investment_ytd for m in range(1, 13)]
        assert series == sorted(series), name
    behind = [p for p in project_lists[12].projects if p.completion_rate_pct < 85]
    assert 3 <= len(behind) <= 10
    assert "五一路商业街区" in {p.project_name for p in behind}


def test_every_project_row_of_the_truth_is_read(
    project_lists: dict[int, ParsedFile], sample_truth: Path
) -> None:
    with (sample_truth / "projects.csv").open(encoding="utf-8", newline="") as handle:
        truth = list(csv.DictReader(handle))
    assert len(truth) == 12 * 117
    expected = {
        (
            row["file_name"],
            int(row["row_number"]),
            row["project_name"],
            row["industry_chain"],
            row["period_end"],
            float(row["total_investment"]) / 10_000,
            float(row["annual_plan_investment"]) / 10_000,
            float(row["completed_investment_ytd"]) / 10_000,
            float(row["completion_rate_pct"]),
            row["stage"],
            row["responsible_unit"],
        )
        for row in truth
    }
    got = {
        (
            list_name(p.period_end.month),
            p.row_number,
            p.project_name,
            p.industry_chain,
            p.period_end.isoformat(),
            p.total_investment,
            p.annual_plan_investment,
            p.completed_investment_ytd,
            p.completion_rate_pct,
            p.stage,
            p.responsible_unit,
        )
        for parsed in project_lists.values()
        for p in parsed.projects
    }
    assert got == expected


# --- column roles and the account of every number --------------------------------------------


def test_section_rows_give_the_chain_or_the_stage_of_the_projects_below(
    xlsx: Callable[..., Path],
) -> None:
    header = ["序号", "项目名称", "总投资(万元)", "年度计划投资(万元)", "1-6月完成投资(万元)"]
    rows = project_list(
        ["一、续建项目(2个)"],
        ["(一)先进制造业(1个)", None, 30000, 10000, 4000],  # with its subtotal
        [1, "甲项目", 30000, 10000, 4000],
        ["(二)现代服务业(1个)"],
        [2, "乙项目", 5000, 2000, 500],
        ["二、新开工项目(1个)"],
        [3, "丙项目", 8000, 3000, 0],
        header=header,
    )
    parsed = read_file(xlsx("sections.xlsx", rows))
    assert [(p.project_name, p.industry_chain, p.stage) for p in parsed.projects] == [
        ("甲项目", "先进制造业", "续建"),
        ("乙项目", "现代服务业", "续建"),
        ("丙项目", None, "新开工"),
    ]
    assert parsed.figures.skipped == {"total or subtotal row": 3, "serial number (序号)": 3}
    assert (parsed.figures.read, parsed.figures.unread) == (9, [])


def test_construction_years_give_the_planned_start_and_completion(
    xlsx: Callable[..., Path],
) -> None:
    header = ["项目名称", "建设年限", "总投资(亿元)", "形象进度", "责任单位"]
    rows = project_list(
        ["甲项目", "2022-2024", 12.5, "主体封顶", "县工信局"],
        ["乙项目", 2023, 1.5, "已竣工", "县住建局"],
        header=header,
    )
    parsed = read_file(xlsx("years.xlsx", rows))
    first, second = parsed.projects
    assert (first.planned_start, first.planned_completion) == (date(2022, 1, 1), date(2024, 12, 1))
    assert (second.planned_start, second.planned_completion) == (
        date(2023, 1, 1),
        date(2023, 12, 1),
    )
    assert (first.responsible_unit, parsed.figures.read) == ("县工信局", 3)  # 12.5, 2023, 1.5


def test_a_numeric_column_nobody_knows_is_reported_as_unread(xlsx: Callable[..., Path]) -> None:
    header = ["项目名称", "总投资(亿元)", "用地面积(亩)"]
    rows = project_list(["甲项目", 12.5, 150], ["乙项目", 3, "—"], [None, 7], header=header)
    parsed = read_file(xlsx("unknown.xlsx", rows, sheet="项目"))
    assert parsed.figures.read == 2
    unknown_column, nameless_row = parsed.figures.unread
    assert (unknown_column.sheet_name, unknown_column.row_number) == ("项目", 3)
    assert (unknown_column.column_name, unknown_column.text) == ("C", "150")
    assert "用地面积(亩)" in unknown_column.reason
    assert (nameless_row.row_number, nameless_row.column_name) == (5, "B")
    assert nameless_row.reason == "a row without a project name"


def test_ranks_shares_and_monthly_figures_are_skipped_with_their_reason(
    xlsx: Callable[..., Path],
) -> None:
    header = [
        "项目名称",
        "年度计划投资(万元)",
        "本月完成投资(万元)",
        "完成率",
        "占全区比重",
        "排名",
    ]
    rows = project_list(["甲项目", 20000, 1500, 40.5, 12.3, 2], header=header)
    parsed = read_file(xlsx("skips.xlsx", rows))
    [project] = parsed.projects
    assert (project.annual_plan_investment, project.completion_rate_pct) == (2.0, 40.5)
    assert parsed.figures.skipped == {
        "investment not year to date": 1,
        "share of the total": 1,
        "rank": 1,
    }
    assert (parsed.figures.read, parsed.figures.unread) == (2, [])


def test_the_generated_lists_leave_no_number_unread(project_lists: dict[int, ParsedFile]) -> None:
    for parsed in project_lists.values():
        figures = parsed.figures
        assert figures.unread == []
        assert figures.read == 117 * 4  # total, plan, completed, rate of every project
        assert figures.skipped == {"total or subtotal row": 4, "serial number (序号)": 117}


def test_a_date_line_above_the_table_is_no_reporting_period(xlsx: Callable[..., Path]) -> None:
    header = ["项目名称", "总投资(亿元)", "1-6月完成投资(亿元)"]
    rows = [
        ["川江区2023年重点项目建设进展情况"],
        ["填报日期:2023年7月8日"],
        header,
        ["富士康二期", 45, 8.1],
    ]
    assert only(read_file(xlsx("dated.xlsx", rows)), "富士康二期").period_end == date(2023, 6, 30)
