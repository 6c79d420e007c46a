"""川江区's 2023 key-project list: one workbook a month, 117 projects, and their ground truth.

From the district's work report: 117 key projects, total investment 736 亿元, 2023 planned
investment 253 亿元; 45 to start in the first quarter, 12 of which began early, in Q4 2022;
the named projects with their industry chains and milestones (富士康二期 in production from
March 2023, ...). The other projects have generic names; their amounts come from a seeded
generator and are scaled so that the totals hold exactly. Money is published in 万元, as
the header says. Year-to-date completed investment follows a seasonal curve over each
project's working months; a few projects fall behind their annual plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from ingest.numbers import decimals_format, round_half_up
from ingest.periods import parse_period, ytd_label
from samples.common import (
    release_date,
    require,
    save_workbook,
    style_header,
    write_title,
)

YEAR = 2023
REGION = "川江区"
PUBLISHER = "川江区发展和改革委员会"
SHEET = "重点项目"
FILE_STEM = f"{REGION}重点项目建设进展"
TOTAL_INVESTMENT = 7_360_000  # 万元, 736 亿元
PLANNED_INVESTMENT = 2_530_000  # 万元, 253 亿元
Q1_STARTS = 45  # projects due to start in the first quarter ...
EARLY_STARTS = 12  # ... of which these began in Q4 2022
QUANTUM = 100  # generic amounts are whole millions of yuan (100 万元)
FOOTNOTE = (
    "注:1.投资额单位为万元。2.建设阶段为月末状态(前期、新开工、续建、投产、竣工)。"
    "3.完成率为累计完成投资占{year}年计划投资的比重。"
)
INDUSTRIAL_CHAINS = frozenset(
    {"电子信息", "新能源", "新材料", "装备制造", "食品加工", "生物医药", "纺织服装", "建材"}
)
# Investment in January is light (Spring Festival), heavier towards the year end.
MONTH_WEIGHTS = (0.5, 0.7, 1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 1.1, 1.1, 1.1, 1.2)

PROJECT_COLUMNS = (
    "file_name",
    "sheet_name",
    "row_number",
    "period_end",
    "serial",
    "project_name",
    "industry_chain",
    "region_name",
    "unit_published",
    "total_investment",
    "annual_plan_investment",
    "completed_investment_ytd",
    "completion_rate_pct",
    "stage",
    "responsible_unit",
    "planned_start",
    "planned_completion",
)


@dataclass(frozen=True)
class Project:
    """A key project's plan for 2023 and how its works go month by month."""

    name: str
    chain: str
    unit: str  # 责任单位
    total: int  # 万元
    plan: int  # 万元, planned for 2023
    planned_start: tuple[int, int]  # (year, month)
    planned_finish: tuple[int, int]
    # Month of 2023 in which works begin (0: early, in Q4 2022); None: under way before 2023.
    begins: int | None = None
    milestone: tuple[int, str] | None = None  # (month, "投产" or "竣工")
    pace: float = 1.0  # share of the annual plan completed by December

    @property
    def is_new(self) -> bool:
        """A 2023 new start (新开工), as opposed to a continuing project (续建)."""
        return self.begins is not None

    def stage(self, month: int) -> str:
        if self.milestone is not None and month >= self.milestone[0]:
            return self.milestone[1]
        if self.begins is None:
            return "续建"
        return "前期" if month < self.begins else "新开工"

    def completed(self, month: int) -> int:
        """Investment completed in 2023 up to the end of `month` (万元)."""
        first = max(self.begins or 1, 1)
        last = self.milestone[0] if self.milestone and self.milestone[1] == "竣工" else 12
        if month < first:
            return 0
        done = sum(MONTH_WEIGHTS[first - 1 : min(month, last)])
        share = done / sum(MONTH_WEIGHTS[first - 1 : last])
        return int(round_half_up(self.plan * self.pace * share, 0))

    def rate(self, month: int) -> float:
        return completion_rate(self.completed(month), self.plan)


def completion_rate(completed: int, plan: int) -> float:
    """Completion rate (%) as published: completed over planned, one decimal, half up."""
    return round_half_up(Decimal(completed * 100) / plan, 1)


def _projects(chain: str, unit: str, *rows: tuple) -> list[Project]:
    """Projects of one chain and responsible unit: (name, total, plan, start, finish, ...)."""
    return [Project(name, chain, unit, *rest) for name, *rest in rows]


def _names(chain: str, unit: str, names: str) -> list[tuple[str, str, str]]:
    """Generic projects of one chain and responsible unit, named in a space-separated list."""
    return [(name, chain, unit) for name in names.split()]


PARK = "区电子信息产业园区管委会"
INDUSTRY = "区工业和信息化局"
HOUSING = "区住房和城乡建设局"
CULTURE = "区文化广电和旅游局"
HEALTH = "区卫生健康委员会"
# (name, total 万元, 2023 plan 万元, planned start, planned finish, begins, milestone, pace)
NAMED_PROJECTS = (
    *_projects(
        "电子信息",
        PARK,
        ("富士康一期", 300000, 20000, (2020, 8), (2022, 10), None, (1, "投产"), 1.08),
        ("富士康二期", 450000, 150000, (2021, 11), (2023, 3), None, (3, "投产"), 1.06),
        ("富士康三期", 520000, 220000, (2022, 4), (2023, 4), None, (4, "投产"), 1.03),
        ("精泰电子一期", 120000, 50000, (2022, 3), (2023, 3), None, (3, "投产"), 1.05),
        ("精泰电子二期", 150000, 60000, (2023, 2), (2024, 6), 2, None, 1.02),
        ("华勤智能光电产业园", 200000, 80000, (2022, 2), (2023, 3), None, (3, "投产"), 1.04),
        ("星耀智能手机", 100000, 60000, (2022, 8), (2023, 6), None, (6, "投产"), 1.1),
        ("电子信息智能终端产业园一期", 180000, 70000, (2022, 5), (2024, 6), None, None, 1.01),
        ("电子信息产业园二期", 160000, 90000, (2022, 3), (2023, 12), None, (12, "竣工"), 1.0),
    ),
    *_projects(
        "科创",
        "区科学技术局",
        ("电子信息产业园创新中心", 30000, 15000, (2022, 6), (2024, 3), None, None, 1.05),
        ("领创孵化器二期", 25000, 12000, (2022, 4), (2023, 10), None, (10, "竣工"), 1.02),
    ),
    *_projects(
        "商贸",
        "区商务局",
        ("关帝庙历史文化商业街", 60000, 8000, (2021, 9), (2023, 1), None, (1, "竣工"), 1.0),
        ("荷花特色商业街", 35000, 5000, (2021, 10), (2023, 1), None, (1, "竣工"), 1.0),
        ("五一路商业街区", 80000, 30000, (2022, 3), (2024, 6), None, None, 0.72),
    ),
    *_projects(
        "文旅",
        CULTURE,
        ('周口"南寨"历史文化街区', 150000, 40000, (2021, 12), (2024, 12), None, None, 0.8),
        ("国际杂技文化(周口)产业园", 300000, 50000, (2021, 5), (2025, 12), None, None, 1.06),
    ),
    *_projects(
        "城市更新",
        HOUSING,
        ("一峰·梦想城", 250000, 60000, (2021, 6), (2025, 6), None, None, 1.0),
        ("昌建·五间楼", 120000, 35000, (2022, 1), (2024, 12), None, None, 1.03),
        ("昌建·川汇广场", 180000, 45000, (2022, 7), (2025, 3), None, None, 1.0),
    ),
    *_projects(
        "民生",
        HEALTH,
        ("市人民医院门诊医技综合楼", 52000, 20000, (2022, 3), (2024, 6), None, None, 1.04),
        ("区中医院", 28000, 12000, (2022, 5), (2024, 3), None, None, 1.0),
        ("区妇幼保健院", 19000, 9000, (2022, 6), (2024, 5), None, None, 1.02),
    ),
    *_projects(
        "交通物流",
        "区交通运输局",
        ("川汇智慧物流产业园", 200000, 40000, (2023, 3), (2025, 12), 3, None, 1.0),
    ),
)
GENERIC_NAMES = (
    *_names(
        "电子信息",
        INDUSTRY,
        "智能穿戴设备生产项目 5G通信模组项目 柔性电路板项目 电子元器件产业园项目 "
        "半导体封装测试项目 智能家电控制器项目 液晶显示模组项目 消费电子精密结构件项目 "
        "锂电池保护板项目 光学镜头模组项目 智能安防设备项目 电子线束加工项目",
    ),
    *_names(
        "新能源",
        INDUSTRY,
        "新能源电池材料项目 分布式光伏发电项目 储能电池组装项目 充电桩生产基地项目 "
        "氢能装备产业园项目 生物质热电联产项目 风电装备零部件项目 新能源汽车零部件项目",
    ),
    *_names(
        "新材料",
        INDUSTRY,
        "高性能纤维材料项目 可降解塑料制品项目 新型复合材料项目 功能性薄膜材料项目 "
        "电子化学品项目 碳纤维制品项目",
    ),
    *_names(
        "装备制造",
        INDUSTRY,
        "智能农机装备制造项目 数控机床生产项目 环保设备制造项目 电动三轮车整车生产项目 "
        "起重机械配件项目 精密铸造项目 工业机器人集成项目 输变电设备项目",
    ),
    *_names(
        "食品加工",
        INDUSTRY,
        "速冻食品加工项目 冷链食品产业园项目 休闲食品生产项目 肉制品精深加工项目 "
        "植物蛋白饮品项目 面粉精深加工项目 中央厨房项目 调味品生产项目 乳制品加工项目 "
        "预制菜生产项目",
    ),
    *_names(
        "生物医药",
        INDUSTRY,
        "中药饮片加工项目 医用敷料生产项目 生物制药产业园项目 医疗器械生产项目 兽用疫苗项目",
    ),
    *_names(
        "纺织服装",
        INDUSTRY,
        "纺织服装产业园项目 高档针织面料项目 智能制鞋项目 羽绒制品加工项目 "
        "家纺产品生产项目 服装辅料项目",
    ),
    *_names(
        "建材",
        INDUSTRY,
        "装配式建筑构件项目 新型墙体材料项目 商品混凝土搅拌站技改项目 绿色建材产业园项目 "
        "节能门窗生产项目",
    ),
    *_names(
        "交通物流",
        "区交通运输局",
        "冷链物流中心项目 快递分拣中心项目 农产品批发市场物流园项目 "
        "周口中心港川江作业区项目 城乡配送中心项目",
    ),
    *_names(
        "商贸",
        "区商务局",
        "城市综合体项目 邻里商业中心项目 汽车商贸城项目 农贸市场改造项目 智慧商圈改造项目 "
        "家居建材商贸城项目",
    ),
    *_names(
        "文旅",
        CULTURE,
        "沙颍河风光带项目 文化创意产业园项目 城市书房建设项目 非遗文化展示中心项目",
    ),
    *_names(
        "城市更新",
        HOUSING,
        "老旧小区改造项目 城中村改造安置房项目 背街小巷整治提升项目 雨污分流改造项目 "
        "城市道路提升改造项目 集中供热管网项目 智慧停车场项目 保障性租赁住房项目",
    ),
    *_names(
        "民生",
        "区教育体育局",
        "第二实验小学建设项目 第三初级中学建设项目 公办幼儿园建设项目 全民健身中心项目",
    ),
    *_names("民生", "区民政局", "社区养老服务中心项目"),
    *_names("民生", HEALTH, "区疾病预防控制中心业务楼项目"),
    *_names("民生", "区人力资源和社会保障局", "公共实训基地项目"),
    *_names("基础设施", "区水利局", "城区水系连通工程 污水处理厂提标改造项目"),
    *_names("基础设施", HOUSING, "产业集聚区道路建设项目"),
    *_names("基础设施", "区发展和改革委员会", "220千伏变电站项目"),
)
# How many generic new projects begin in each month (0: early, in Q4 2022): 43 in the first
# quarter, which with 精泰电子二期 and 川汇智慧物流产业园 make the 45 the district reported.
GENERIC_STARTS = {0: EARLY_STARTS, 1: 8, 2: 10, 3: 13, 4: 6, 5: 5, 6: 4, 7: 2, 8: 1, 9: 2, 10: 1}
# Months in which continuing generic projects finish (竣工) or start production (投产).
GENERIC_MILESTONES = (2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 12)
BEHIND_PLAN = (0.58, 0.64, 0.7, 0.75, 0.8)  # December completion of the laggards


def build_projects() -> list[Project]:
    """All 117 projects: the named ones, then the generic ones, totals exactly as reported."""
    rng = random.Random(YEAR)
    names = list(GENERIC_NAMES)
    rng.shuffle(names)
    starts = [month for month, count in GENERIC_STARTS.items() for _ in range(count)]
    n_continuing = len(names) - len(starts)
    require(n_continuing > len(GENERIC_MILESTONES) + len(BEHIND_PLAN), "too few continuing")
    begins: list[int | None] = [None] * n_continuing + starts
    milestones: list[int | None] = [None] * len(names)
    milestones[: len(GENERIC_MILESTONES)] = GENERIC_MILESTONES
    milestones[n_continuing] = 11  # two early starters are done before the year is out
    milestones[n_continuing + 1] = 12
    paces = [round(rng.uniform(1.0, 1.12), 2) for _ in names]
    behind = range(len(GENERIC_MILESTONES), len(GENERIC_MILESTONES) + len(BEHIND_PLAN))
    for index, pace in zip(behind, BEHIND_PLAN, strict=True):
        paces[index] = pace

    weights = [rng.lognormvariate(0, 0.7) for _ in names]
    totals = _apportion(weights, TOTAL_INVESTMENT - sum(p.total for p in NAMED_PROJECTS))
    plan_weights = [
        total * rng.uniform(0.25, 0.5) * (13 - max(begin or 1, 1)) / 12
        for total, begin in zip(totals, begins, strict=True)
    ]
    plans = _apportion(plan_weights, PLANNED_INVESTMENT - sum(p.plan for p in NAMED_PROJECTS))

    generic = []
    for index, (name, chain, unit) in enumerate(names):
        begin, finish_month = begins[index], milestones[index]
        if begin is None:
            start = (rng.choice((2021, 2022)), rng.randint(1, 12))
        else:  # early starters had been planned for February or March
            start = (YEAR, begin or rng.randint(2, 3))
        if finish_month is None:
            finish, milestone = (rng.choice((2024, 2025)), rng.randint(1, 12)), None
        else:
            finish = (YEAR, finish_month)
            milestone = (finish_month, "投产" if chain in INDUSTRIAL_CHAINS else "竣工")
        generic.append(
            Project(
                name,
                chain,
                unit,
                total=totals[index],
                plan=plans[index],
                planned_start=start,
                planned_finish=finish,
                begins=begin,
                milestone=milestone,
                pace=paces[index],
            )
        )
    projects = [*NAMED_PROJECTS, *generic]
    _require_reported_facts(projects)
    return projects


def _apportion(weights: list[float], total: int) -> list[int]:
    """Split `total` in proportion to `weights`, in whole QUANTUMs, summing exactly."""
    quanta = total // QUANTUM
    require(quanta * QUANTUM == total, "total is not a whole number of quanta")
    shares = [weight / sum(weights) * quanta for weight in weights]
    floors = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (floors[i] - shares[i], i))
    for index in by_remainder[: quanta - sum(floors)]:
        floors[index] += 1
    return [floor * QUANTUM for floor in floors]


def _require_reported_facts(projects: list[Project]) -> None:
    require(len(projects) == 117, "117 key projects")
    require(len({p.name for p in projects}) == len(projects), "project names are unique")
    require(sum(p.total for p in projects) == TOTAL_INVESTMENT, "total investment 736 亿元")
    require(sum(p.plan for p in projects) == PLANNED_INVESTMENT, "2023 plan 253 亿元")
    q1 = [p for p in projects if p.is_new and p.begins <= 3]
    require(len(q1) == Q1_STARTS, "45 projects start in the first quarter")
    require(sum(p.begins == 0 for p in q1) == EARLY_STARTS, "12 of them began in Q4 2022")
    require(all(0 < p.plan <= 0.8 * p.total for p in projects), "plans below total investment")


# --- the monthly workbooks ------------------------------------------------------------------


def write_project_lists(
    landing_dir: Path, projects: list[Project]
) -> tuple[list[Path], list[dict[str, str]]]:
    """One list per month of YEAR; returns the files and one truth row per project row."""
    files, truth = [], []
    for month in range(1, 13):
        path = landing_dir / f"{YEAR}-{month:02d}" / f"{FILE_STEM}_{YEAR}年{month:02d}月.xlsx"
        truth += _write_list(path, month, projects)
        files.append(path)
    return files, truth


def _write_list(path: Path, month: int, projects: list[Project]) -> list[dict[str, str]]:
    label = ytd_label(month)
    title = f"{REGION}{YEAR}年重点项目建设进展情况({label})"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    write_title(sheet, title, "K")
    sheet["A2"] = f"编制单位:{PUBLISHER}  发布日期:{release_date(YEAR, month, 8).isoformat()}"
    header = (
        "序号",
        "项目名称",
        "所属产业链",
        "投资情况(万元)",
        None,
        None,
        None,
        "建设阶段",
        "责任单位",
        "计划开工",
        "计划竣工",
    )
    sub_header = ("总投资", f"{YEAR}年计划投资", f"{label}累计完成投资", "完成率(%)")
    for column, text in enumerate(header, start=1):
        sheet.cell(3, column, text)
    for column, text in enumerate(sub_header, start=4):
        sheet.cell(4, column, text)
    for column in "ABCHIJK":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("D3:G3")
    style_header(sheet, "A3:K4")
    for column, width in zip("ABCDEFGHIJK", (6, 30, 10, 10, 12, 14, 9, 9, 24, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width

    completed = sum(p.completed(month) for p in projects)
    sheet.cell(5, 2, "合计")
    for column, value in ((4, TOTAL_INVESTMENT), (5, PLANNED_INVESTMENT), (6, completed)):
        sheet.cell(5, column, value).number_format = decimals_format(0)
    rate = completion_rate(completed, PLANNED_INVESTMENT)
    sheet.cell(5, 7, rate).number_format = decimals_format(1)

    continuing = [p for p in projects if not p.is_new]
    new = [p for p in projects if p.is_new]
    sections = (
        (f"一、续建项目({len(continuing)}个)", continuing),
        (f"二、新开工项目({len(new)}个,其中一季度计划开工{Q1_STARTS}个)", new),
    )
    truth = []
    row, serial = 6, 0
    for heading, members in sections:
        sheet.cell(row, 1, heading)
        sheet.merge_cells(f"A{row}:K{row}")
        row += 1
        for project in members:
            serial += 1
            values = _row_values(project, month, serial)
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row, column, value)
                if column in (4, 5, 6):
                    cell.number_format = decimals_format(0)
                elif column == 7:
                    cell.number_format = decimals_format(1)
            truth.append(_truth_row(path, row, month, project, serial))
            row += 1
    sheet.cell(row + 1, 1, FOOTNOTE.format(year=YEAR))
    sheet.merge_cells(f"A{row + 1}:K{row + 1}")
    save_workbook(workbook, path, PUBLISHER, title)
    return truth


def _row_values(project: Project, month: int, serial: int) -> list[object]:
    return [
        serial,
        project.name,
        project.chain,
        project.total,
        project.plan,
        project.completed(month),
        project.rate(month),
        project.stage(month),
        project.unit,
        _month_text(project.planned_start),
        _month_text(project.planned_finish),
    ]


def _month_text(year_month: tuple[int, int]) -> str:
    return f"{year_month[0]}年{year_month[1]}月"


def _truth_row(path: Path, row: int, month: int, project: Project, serial: int) -> dict[str, str]:
    return {
        "file_name": path.name,
        "sheet_name": SHEET,
        "row_number": str(row),
        "period_end": parse_period(ytd_label(month), YEAR).end.isoformat(),
        "serial": str(serial),
        "project_name": project.name,
        "industry_chain": project.chain,
        "region_name": REGION,
        "unit_published": "万元",
        "total_investment": str(project.total),
        "annual_plan_investment": str(project.plan),
        "completed_investment_ytd": str(project.completed(month)),
        "completion_rate_pct": f"{project.rate(month):.1f}",
        "stage": project.stage(month),
        "responsible_unit": project.unit,
        "planned_start": _month_text(project.planned_start),
        "planned_completion": _month_text(project.planned_finish),
    }
