"""A warehouse for the model tests: the sample, a revised file, key-project lists and targets.

It starts as a copy of the session's `built` warehouse (which stays as it is), then receives
 - a revised 2023-03 workbook: 川江区's sheet re-sent with its 1-3月 retail sales changed,
   released 2023-05-20 instead of 2023-04-15, loaded through the real ingest;
 - 淮阳区's key-project lists for March, June (sent twice, corrected) and September 2023, and
   the 2023 targets of ../shared/seed-facts.md set for 淮阳区, written to the raw tables the
   way the ingest writes them, since these tests are about the model, not about reading files;
 - a file whose reader ranked its figure, said where region and period came from, and left
   numbers unread, loaded through the real ingest with a test-only reader registered in
   ingest.readers.READERS (until the column-model readers land);
 - 新都区's real 2009 key-project list (names only, no figures; two stated counts its rows do
   not reach), loaded through the real ingest from tests/fixtures/projects/real;
and is built incrementally with dbt, as a monthly run would. It is prepared once per session
and shared by the test modules that need it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

import ingest.readers
from ingest.limits import Limits
from ingest.records import (
    FigureAccount,
    IndicatorTarget,
    Observation,
    ParsedFile,
    ProjectProgress,
    UnreadFigure,
)
from statswh import pipeline
from statswh.settings import DBT_PROJECT_DIR, Settings
from tests.fixtures.projects.build_real_lists import REAL, XINDU

DBT = Path(sys.executable).with_name("dbt")
CHUANJIANG = "川江区"
# The key-project lists and targets are 淮阳区's, so that they never share a project or a
# target with the sample's own (川江区's): each test knows every report it depends on.
HUAIYANG = "淮阳区"
HUAIYANG_CODE = "411603"

MONTHLY_REPORT = "周口市县区主要经济指标"  # the sample's monthly workbooks: <this>_2023年03月.xlsx
# The revised figure: 川江区, retail sales, 1-3月 2023.
REVISED_FACT = {
    "region_code": "411602",
    "indicator_code": "retail_sales",
    "period_end": "2023-03-31",
}
ORIGINAL_RELEASE = date(2023, 4, 15)
REVISED_RELEASE = date(2023, 5, 20)
REVISION = 1.2  # 亿元 added to the published figure


@dataclass(frozen=True)
class Project:
    """A key project and its reports: (period_end, completed investment ytd, stage as listed)."""

    name: str
    chain: str
    total_investment: float
    annual_plan: float
    reports: tuple[tuple[date, float, str], ...]


MARCH, JUNE, SEPTEMBER = date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 30)
PROJECTS = (
    Project("羲皇文化旅游区一期", "文旅", 50.0, 5.0, ((MARCH, 1.5, "投产"), (JUNE, 3.0, "投产"))),
    Project(
        "淮阳智能装备产业园二期",
        "装备制造",
        60.0,
        20.0,
        ((MARCH, 6.0, "续建"), (JUNE, 11.0, "已投产"), (SEPTEMBER, 16.0, "投产")),
    ),
    Project(
        "龙湖湿地生态修复工程",
        "生态",
        80.0,
        25.0,
        ((MARCH, 5.0, "在建"), (JUNE, 9.0, "续建"), (SEPTEMBER, 14.0, "竣工")),
    ),
    Project(
        "淮阳区人民医院新院区",
        "民生",
        15.0,
        8.0,
        ((MARCH, 0.0, "前期"), (JUNE, 1.2, "新开工"), (SEPTEMBER, 3.0, "新开工")),
    ),
    Project(
        "淮阳冷链物流园",
        "交通物流",
        18.0,
        6.0,
        ((MARCH, 0.0, "前期"), (JUNE, 0.0, "前期"), (SEPTEMBER, 2.5, "新开工")),
    ),
    Project(
        "太昊陵历史文化街区",
        "商贸",
        5.0,
        1.5,
        ((MARCH, 1.5, "竣工"), (JUNE, 1.5, "竣工"), (SEPTEMBER, 1.5, "竣工")),
    ),
)
# How the lists spell some names: the same projects under other spellings.
SPELLED_IN_JUNE = {"淮阳智能装备产业园二期": "淮阳 智能装备产业园二期项目"}
LIST_RELEASES = {MARCH: date(2023, 4, 10), JUNE: date(2023, 7, 10), SEPTEMBER: date(2023, 10, 10)}
# The June list was sent again ten days later with one completed investment corrected.
CORRECTED_JUNE = {"龙湖湿地生态修复工程": 9.5}
CORRECTED_JUNE_RELEASE = date(2023, 7, 20)

# The 2023 targets of ../shared/seed-facts.md, set here for 淮阳区: (indicator as written,
# kind, value, unit, comparator).
TARGETS_RELEASE = date(2023, 1, 20)
TARGETS_FILE = "淮阳区2023年目标.yaml"
TARGETS_2023 = (
    ("地区生产总值", "growth_pct", 8.5, "%", "at_least"),
    ("研发经费投入强度", "rate", 1.2, "%", "at_least"),
    ("规模以上工业增加值", "growth_pct", 12.0, "%", "about"),
    ("固定资产投资", "growth_pct", 18.0, "%", "about"),
    ("社会消费品零售总额", "growth_pct", 12.0, "%", "about"),
    ("一般公共预算收入", "growth_pct", 7.5, "%", "about"),
    ("城镇调查失业率", "rate", 5.5, "%", "at_most"),
    ("城镇新增就业", "level", 5000.0, "人", "at_least"),
    ("居民消费价格指数", "growth_pct", 3.0, "%", "at_most"),
    ("市场主体", "level", 8.6, "万户", "about"),
    ("市场主体", "growth_pct", 8.9, "%", "about"),
    ('新增"四上"企业', "level", 55.0, "家", "at_least"),
    ("新增规模以上工业企业", "level", 15.0, "家", "at_least"),
    ("义务教育新增学位", "level", 2880.0, "个", "about"),
    ("学前教育新增学位", "level", 3060.0, "个", "about"),
)

# The accounted file: 淮阳区's new firms in the digital industry park, 1-9月 2023, ranked
# second among the counties (its growth first), read from a sheet whose column F and one
# sentence of its notes the reader could not read.
ACCOUNTED_SUFFIX = ".accounted"
ACCOUNTED_FILE = f"淮阳区数字产业园2023年1-9月{ACCOUNTED_SUFFIX}"
ACCOUNTED_FIGURE = Observation(
    sheet_name=HUAIYANG,
    row_number=4,
    region_name=HUAIYANG,
    indicator_name="数字产业园新入驻企业",
    period_label="1-9月",
    period_type="ytd",
    period_start=date(2023, 1, 1),
    period_end=SEPTEMBER,
    value_published=12.0,
    value_decimals=0,
    unit_published="家",
    yoy_growth_pct=20.0,
    growth_decimals=1,
    value_rank=2,
    growth_rank=1,
    region_source="sheet",
    period_source="file_name",
    column_name="C",
)
ACCOUNTED_UNREAD = (
    UnreadFigure(HUAIYANG, 4, "F", "35.6", "no header names this column"),
    UnreadFigure(None, None, None, "园区入驻率达到85%左右。", "no fact in this sentence"),
)


def read_accounted(path: Path, limits: Limits) -> ParsedFile:
    """The test-only reader of the accounted file."""
    figures = FigureAccount(read=4, skipped={"rank": 2}, unread=list(ACCOUNTED_UNREAD))
    return ParsedFile(observations=[ACCOUNTED_FIGURE], figures=figures)


@dataclass(frozen=True)
class ModelWarehouse:
    """The prepared warehouse, where its dbt artefacts went, and its marts after that build."""

    settings: Settings
    target_path: Path
    marts_after_incremental_build: dict[str, pd.DataFrame]
    incremental_results: list[dict]

    def query(self, sql: str) -> pd.DataFrame:
        with closing(duckdb.connect(str(self.settings.warehouse), read_only=True)) as connection:
            return connection.execute(sql).df()

    def rows(self, sql: str) -> list[tuple]:
        """Rows as Python values (date, datetime, float, None), as a DB-API driver gives them."""
        with closing(duckdb.connect(str(self.settings.warehouse), read_only=True)) as connection:
            return connection.execute(sql).fetchall()

    def dbt(self, *arguments: str) -> str:
        return run_dbt(*arguments, warehouse=self.settings.warehouse, target_path=self.target_path)

    def show(self, sql: str) -> list[dict]:
        """The rows of `dbt show --inline sql`: analyst SQL with refs and macros, through dbt."""
        output = self.dbt("show", "--inline", sql, "--output", "json", "--log-format", "json")
        previews = [
            json.loads(event["data"]["preview"])
            for event in (json.loads(line) for line in output.splitlines() if line.startswith("{"))
            if event["info"]["name"] == "ShowNode"
        ]
        assert len(previews) == 1, output[-3000:]
        return previews[0]


def run_dbt(
    *arguments: str,
    warehouse: Path,
    target_path: Path,
    environment: dict[str, str] | None = None,
) -> str:
    """Run dbt on the project with its own target folder; return its output, raise on failure.

    A separate target folder keeps these runs from overwriting the artefacts of the
    pipeline's builds, which other tests read.
    """
    completed = subprocess.run(
        [
            str(DBT),
            *arguments,
            "--no-use-colors",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target_path),
            "--log-path",
            str(target_path / "logs"),
        ],
        env={**os.environ, "STATSWH_WAREHOUSE": str(warehouse), **(environment or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise AssertionError(f"dbt {' '.join(arguments)} failed:\n{completed.stdout[-6000:]}")
    return completed.stdout


def run_results(target_path: Path) -> list[dict]:
    """The results of the last dbt command that used this target folder."""
    return json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))["results"]


def mart_tables(warehouse: Path) -> list[str]:
    with closing(duckdb.connect(str(warehouse), read_only=True)) as connection:
        rows = connection.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
        ).fetchall()
    return [name for (name,) in rows]


def snapshot_marts(warehouse: Path) -> dict[str, pd.DataFrame]:
    """Every mart, rows in a fixed order, for comparing two builds."""
    with closing(duckdb.connect(str(warehouse), read_only=True)) as connection:
        return {
            name: connection.execute(f"select * from marts.{name} order by all").df()
            for name in mart_tables(warehouse)
        }


def write_revised_workbook(original: Path, revised: Path) -> None:
    """A correction of 川江区's sheet: one figure changed, a later release date, other sheets gone.

    Only 川江区's own sheet is re-sent, as a bureau sends a
    correction for one district; a figure also shown on another sheet would otherwise be
    published twice, revised and unrevised, by the same file.
    """
    workbook = load_workbook(original)
    for name in workbook.sheetnames:
        if name != CHUANJIANG:
            del workbook[name]
    sheet = workbook[CHUANJIANG]
    rows = [row for row in sheet.iter_rows(min_row=3) if row[0].value == "社会消费品零售总额"]
    assert len(rows) == 1, "the sample's 川江区 sheet has one retail-sales row"
    value_cell = rows[0][2]
    value_cell.value = round(value_cell.value + REVISION, 1)
    stamp = sheet["A2"].value
    assert ORIGINAL_RELEASE.isoformat() in stamp, stamp
    sheet["A2"] = stamp.replace(ORIGINAL_RELEASE.isoformat(), REVISED_RELEASE.isoformat())
    workbook.save(revised)


def load_records(
    connection: duckdb.DuckDBPyConnection,
    file_name: str,
    release_date: date,
    records: list[ProjectProgress] | list[IndicatorTarget],
) -> str:
    """Write records to raw as the ingest would for a file of that name; return its id."""
    table = "project_progress" if isinstance(records[0], ProjectProgress) else "indicator_targets"
    sha256 = hashlib.sha256(f"{file_name}|{release_date}".encode()).hexdigest()
    source_file_id = sha256[:16]
    loaded_at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    connection.execute(
        """
        insert into raw.source_files
            (source_file_id, file_name, sha256, format, size_bytes, publisher, release_date,
             status, n_facts, stored_path, loaded_at)
        values (?, ?, ?, 'xlsx', 0, '川江区统计局', ?, 'loaded', ?, '(test)', ?)
        """,
        [source_file_id, file_name, sha256, release_date, len(records), loaded_at],
    )
    frame = pd.DataFrame([asdict(record) for record in records])
    frame.insert(0, "source_file_id", source_file_id)
    frame["loaded_at"] = loaded_at
    connection.register("incoming_records", frame)
    connection.execute(f"insert into raw.{table} by name select * from incoming_records")
    connection.unregister("incoming_records")
    return source_file_id


def project_list(period_end: date, corrections: dict[str, float] | None = None) -> list:
    """淮阳区's key-project list as reported for one period end."""
    records = []
    for row_number, project in enumerate(PROJECTS, start=4):
        for reported_on, completed, stage in project.reports:
            if reported_on != period_end:
                continue
            completed = (corrections or {}).get(project.name, completed)
            name = project.name
            if period_end == JUNE:
                name = SPELLED_IN_JUNE.get(name, name)
            records.append(
                ProjectProgress(
                    sheet_name="重点项目",
                    row_number=row_number,
                    project_name=name,
                    industry_chain=project.chain,
                    region_name=HUAIYANG,
                    period_end=period_end,
                    total_investment=project.total_investment,
                    annual_plan_investment=project.annual_plan,
                    completed_investment_ytd=completed,
                    completion_rate_pct=round(completed / project.annual_plan * 100, 1),
                    stage=stage,
                    responsible_unit="区发展改革委",
                )
            )
    return records


def targets_2023() -> list[IndicatorTarget]:
    return [
        IndicatorTarget(HUAIYANG, indicator, 2023, value, unit, kind, comparator)
        for indicator, kind, value, unit, comparator in TARGETS_2023
    ]


_PREPARED: dict[Path, ModelWarehouse] = {}


def prepare_model_warehouse(built: Settings, landing: Path, root: Path) -> ModelWarehouse:
    """Copy `built`, add the revised file, projects and targets, and build incrementally.

    Cached per built warehouse: every test module that asks gets the same one.
    """
    if built.warehouse in _PREPARED:
        return _PREPARED[built.warehouse]
    settings = Settings(root / "stats.duckdb", landing)
    with closing(pipeline.connect(built)) as connection:
        connection.execute("checkpoint")  # everything in the file, nothing left in a WAL
    shutil.copyfile(built.warehouse, settings.warehouse)
    [original] = (landing / "2023-03").glob(f"{MONTHLY_REPORT}_*.xlsx")
    revised = root / "revised" / original.name.replace(".xlsx", "(修订).xlsx")
    revised.parent.mkdir()
    write_revised_workbook(original, revised)
    accounted = root / "revised" / ACCOUNTED_FILE
    accounted.write_text("accounted", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(ingest.readers.READERS, ACCOUNTED_SUFFIX, read_accounted)
        results = pipeline.ingest(settings, [revised, accounted, REAL / XINDU.file_name])
    assert [result.status for result in results] == ["loaded"] * 3, results
    with closing(pipeline.connect(settings)) as connection:
        for period_end, release in LIST_RELEASES.items():
            load_records(
                connection,
                f"淮阳区重点项目_{period_end:%Y%m}.xlsx",
                release,
                project_list(period_end),
            )
        load_records(
            connection,
            f"淮阳区重点项目_{JUNE:%Y%m}(更正).xlsx",
            CORRECTED_JUNE_RELEASE,
            project_list(JUNE, CORRECTED_JUNE),
        )
        load_records(connection, TARGETS_FILE, TARGETS_RELEASE, targets_2023())
    target_path = root / "dbt-target"
    run_dbt("build", warehouse=settings.warehouse, target_path=target_path)
    prepared = ModelWarehouse(
        settings, target_path, snapshot_marts(settings.warehouse), run_results(target_path)
    )
    _PREPARED[built.warehouse] = prepared
    return prepared
