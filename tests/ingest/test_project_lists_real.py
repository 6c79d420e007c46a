"""Real per-project key-project lists (one row per project), transcribed from the pages named in
tests/fixtures/projects/real/README.md, loaded through the loader into raw.project_progress and
checked name by name, with each project's responsible unit and stage, against the page."""

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from ingest.errors import IngestError
from ingest.loader import FileResult, StoreDirs, ingest_files
from ingest.readers import read_file
from ingest.records import UnreadFigure
from tests.fixtures.projects.build_real_lists import REAL

Row = tuple[str, str | None, str | None]  # project name, responsible unit, stage


def load(tmp_path: Path, path: Path) -> tuple[FileResult, list[tuple], list[UnreadFigure]]:
    """Ingest one list into a fresh warehouse: the loader's result, the raw rows (name, unit,
    stage, region, period end, and the four figures) and the unread numbers it recorded."""
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    dirs = StoreDirs(tmp_path / "archive", tmp_path / "quarantine")
    [result] = ingest_files([path], connection, dirs)
    assert result.status == "loaded", result.message
    rows = connection.execute(
        """
        select project_name, responsible_unit, stage, region_name, period_end,
               total_investment, annual_plan_investment, completed_investment_ytd,
               completion_rate_pct
        from raw.project_progress order by row_number, project_name
        """
    ).fetchall()
    unread = connection.execute(
        "select sheet_name, row_number, column_name, text, reason from raw.unread_figures "
        "order by row_number"
    ).fetchall()
    return result, rows, [UnreadFigure(*row) for row in unread]


# --- 新都区: 序號 | 項目名稱, grouped by responsible unit, then by stage ----------------------

XINDU_FILE = REAL / "新都区2009年重点项目名单.xlsx"

# The page, group by group: responsible unit, then (stage, projects) as listed.
XINDU = {
    "區經濟局": [("竣工", ["航空發動機零部件生產線"])],
    "工業區管委會": [
        (
            "竣工",
            [
                "健康藥品生產線",
                "食品飲料、金屬包裝生產線",
                "中藥飲片生產線",
                "天錫發動機關鍵零部件生產線",
                "新都衛星城工業東區污水處理廠",
            ],
        ),
        (
            "加快建设",
            [
                "汽車鋼圈和真空輪胎生產線",
                "啤酒生產線(遷建)",
                "電纜生產線",
                "石油機械生產線",
                "特種金屬及母合金生產",
                "標準廠房建設",
                "工業東區基礎設施建設",
            ],
        ),
        (
            "新开工",
            [
                "汽車零部件生產",
                "液壓設備生產",
                "中國西部特種功能性新材料加工基地",
                "洗衣機生產",
                "貴重中藥材飲片加工",
                "高壓鐵塔、通信鐵塔及附件生產線",
                "雙零鋁箔生產線",
            ],
        ),
    ],
    "區家具產業發展局": [
        ("加快建设", ["家具園基礎設施建設"]),
        (
            "新开工",
            [
                "金虎家具生產線",
                "聯大家居用泡沫生產線",
                "世紀星家具生產線",
                "好迪家具生產線",
                "天驕家具生產線",
                "金億家具生產線",
                "紅豐家具生產線",
                "三葉家具生產線",
                "列維士家具生產線",
                "杏田家具生產線",
                "商務及研發中心",
            ],
        ),
    ],
    "區建設局(新城區指揮部)": [
        (
            "竣工",
            [
                "興城大道(蜀龍大道南段—成德大道)",
                "興樂路北延線(新都大道—鴻運大道)",
                "繞城大道東一段(新都大道—成量廠)",
                "繞城大道南二段(蜀龍大道南段—大件路)",
                "貨運大道(興城大道—電子路)",
                "鴻運大道東段(大件路—繞城大道東二段)",
                "清源路東段",
                "學院路東段",
                "金鵬路",
                "體育森林公園",
                "育英路南段",
            ],
        )
    ],
}
XINDU_ROWS: list[Row] = [
    (name, unit, stage)
    for unit, stages in XINDU.items()
    for stage, names in stages
    for name in names
]


def test_xindu_loads_every_project_with_its_unit_and_stage(tmp_path: Path) -> None:
    result, rows, _ = load(tmp_path, XINDU_FILE)
    assert len(XINDU_ROWS) == 43  # 1 + 19 + 12 + the 11 of 四 the stored page shows
    assert [row[:3] for row in rows] == XINDU_ROWS
    # A list of names for the year: filed under its region and year, no figure invented.
    assert {row[3:] for row in rows} == {("新都区", date(2009, 12, 31), None, None, None, None)}
    assert result.n_facts == 43


def test_xindu_stated_counts_the_rows_do_not_reach_are_reported(tmp_path: Path) -> None:
    result, _, unread = load(tmp_path, XINDU_FILE)
    # 合計 states 129 projects and group 四 31; the stored page stops after 11 of 四's.
    # Every other count (1, 19, 5, 7, 7, 12, 1, 11, 11 and 竣工項目[1項]) matches its rows.
    assert unread == [
        UnreadFigure("重点项目", 2, "B", "合計(129項)", "projects stated: 129, listed: 43"),
        UnreadFigure(
            "重点项目", 43, "B", "區建設局(新城區指揮部)(31項)", "projects stated: 31, listed: 11"
        ),
    ]
    assert result.line().endswith(
        "loaded 43 facts; 0 of 45 numbers read, 43 skipped (43 serial number (序号)), 2 unread"
    )


# --- 福建省: two lists side by side (在建项目 | 预备项目), grouped by responsible body --------

FUJIAN_FILE = REAL / "福建省省重点项目名单(在建与预备项目).xlsx"

FUJIAN_ROWS: list[Row] = [  # in the order of the page's rows, 在建 before 预备 on a row
    ("厦船二期船台及配套工程", None, "在建"),  # its group's heading is above the stored text
    ("厦船三期船坞工程", None, "预备"),
    ("福宁船舶重工改扩建工程", None, "在建"),
    ("福建纺织化纤集团PVA扩建项目", "省轻纺集团总公司", "在建"),
    ("南纸林纸一体化项目", "省轻纺集团总公司", "在建"),
    ("香港晶圆项目一期", "省电子信息集团", "预备"),
    ("福州地区大学新校区二期", "省教育厅", "在建"),
    ("福建农林大学下安新区项目", "省教育厅", "预备"),
]


def test_fujian_states_no_period_and_is_refused_outside_a_landing_folder() -> None:
    with pytest.raises(IngestError, match="no reporting period"):
        read_file(FUJIAN_FILE)


def test_fujian_loads_both_lists_with_their_stage_and_body(tmp_path: Path) -> None:
    landed = tmp_path / "landing" / "2009-01" / FUJIAN_FILE.name
    landed.parent.mkdir(parents=True)
    shutil.copyfile(FUJIAN_FILE, landed)
    result, rows, unread = load(tmp_path, landed)
    assert sorted(row[:3] for row in rows) == sorted(FUJIAN_ROWS)
    parsed = read_file(landed)  # page order: row by row, 在建 before 预备
    assert [(p.project_name, p.responsible_unit, p.stage) for p in parsed.projects] == FUJIAN_ROWS
    assert {row[3:] for row in rows} == {(None, date(2009, 1, 31), None, None, None, None)}
    assert unread == []
    assert result.figures is not None
    assert (result.figures.read, result.figures.skipped) == (0, {"serial number (序号)": 8})


# --- 福建省 2009: a list printed as lines, numbered, with parts under some projects ---------

FUJIAN_2009_FILE = REAL / "福建省2009年度省重点项目名单.xlsx"

FUJIAN_2009 = [  # 一、省在建重点项目 > (一)农业: the 16 numbered projects the stored page shows
    "全省大中型病险水库除险加固工程",
    "全省海堤除险加固工程",
    "厦门莲花水库",
    "仙游金钟水利枢纽工程",
    "闽江下游南港南北岸防洪工程",  # (1)-(3): its parts, no projects of their own
    "晋江下游防洪岸线金潘段整治及江滨路续建工程",  # (1)南安段, (2)丰泽段
    "莆田木兰溪霞林段防洪工程",
    "闽江上游富屯溪防洪二期工程",
    "泉州外走马埭围垦工程",
    "霞浦福宁湾围垦工程",
    "全省土地整理工程",
    "台湾农民创业园工程",
    "清流县生态型绿化苗木花卉基地",
    "福建沿海及台湾海峡气象防灾减灾服务体系",
    "福建省海洋与渔业防灾减灾系统",
    "国家级渔港建设项目",
]


def test_fujian_2009_loads_every_numbered_project_with_its_stage_and_sector(
    tmp_path: Path,
) -> None:
    result, rows, unread = load(tmp_path, FUJIAN_2009_FILE)
    assert [row[0] for row in rows] == FUJIAN_2009
    assert {row[1:] for row in rows} == {
        (None, "在建", "福建省", date(2009, 12, 31), None, None, None, None)
    }
    parsed = read_file(FUJIAN_2009_FILE)
    assert {p.industry_chain for p in parsed.projects} == {"农业"}
    # 351 and 18 are stated; the stored page stops inside (一)农业, after its 16th project.
    assert [(u.row_number, u.text, u.reason) for u in unread] == [
        (2, "一、省在建重点项目(351个)", "projects stated: 351, listed: 16"),
        (3, "(一)农业(18个)", "projects stated: 18, listed: 16"),
    ]
    assert result.n_facts == 16


# --- stated counts against the rows, on a hand-made list ------------------------------------


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, rows: list[list[object]]) -> Path:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "重点项目"
        for row in rows:
            sheet.append(row)
        path = tmp_path / name
        workbook.save(path)
        return path

    return write


def test_a_stated_count_the_rows_do_not_match_is_reported_not_accepted(
    xlsx: Callable[..., Path],
) -> None:
    rows = [
        ["川江区2023年重点项目建设进展情况(1-6月)"],
        ["序号", "项目名称", "总投资(亿元)"],
        ["一、续建项目(3个)"],  # two listed
        [1, "甲项目", 10],
        [2, "乙项目", 5],
        ["二、新开工项目(1个)"],  # two listed
        [3, "丙项目", 3],
        [4, "丁项目", 2],
        ["三、竣工项目(1个)"],  # as stated
        [5, "戊项目", 1],
    ]
    parsed = read_file(xlsx("counts.xlsx", rows))
    assert [p.project_name for p in parsed.projects] == [
        "甲项目",
        "乙项目",
        "丙项目",
        "丁项目",
        "戊项目",
    ]
    assert [(u.row_number, u.text, u.reason) for u in parsed.figures.unread] == [
        (3, "一、续建项目(3个)", "projects stated: 3, listed: 2"),
        (6, "二、新开工项目(1个)", "projects stated: 1, listed: 2"),
    ]
    assert parsed.figures.read == 5
