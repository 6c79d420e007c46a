"""The key-project list sheet shape: one row per project with its investment plan and progress.

Offices name the columns differently ("产业链" / "所属产业", "2023年计划投资" / "年度计划投资",
"1-6月累计完成投资" / "累计完成投资"), so columns are found by keywords in a header row that
names the project and at least one investment column. Money is converted to 亿元 from the
unit in its column header, a group header above it ("投资情况(万元)") or a "单位:万元" line
above the table. The period comes from the title ("川江区2023年重点项目建设进展情况(1-6月)"),
the completed-investment header, or the file name ("..._2023年06月.xlsx").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ingest.errors import IngestError
from ingest.layout import (
    Header,
    body_rows,
    cell_error,
    figure_at,
    header_candidates,
    norm,
    read_metadata,
)
from ingest.numbers import NOT_AVAILABLE, Figure
from ingest.periods import UnknownPeriodError, parse_period
from ingest.records import ParsedFile, ProjectProgress
from ingest.workbook import Grid

# Each money unit's factor to 亿元 (the unit ProjectProgress holds) and the decimals it adds.
MONEY_UNITS = {"亿元": (1.0, 0), "万元": (1e-4, 4)}
# Labels are NFKC-normalised, so full-width brackets and colons arrive as ASCII.
_UNIT = re.compile(r"\(\s*(?:单位:\s*)?([^()]*元)\s*\)")
_UNIT_LINE = re.compile(r"单位:\s*(\S*元)")
_YEAR = re.compile(r"(\d{4})\s*年")
_REGION = re.compile(r"^.+[省市区县旗]")  # up to the last administrative suffix
_PERIOD = re.compile(
    r"1\s*[-－—~至]\s*\d{1,2}\s*月|\d{1,2}\s*月份?|第?[一二三四1-4]\s*季度|上半年|前三季度|全年"
)
_FILE_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_DATE = re.compile(r"^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*(?:[月.\-/]\s*(?:(\d{1,2})\s*日?)?)?$")
# Rows that are not projects: totals, and section headings such as "一、新开工项目(45个)"
# (checked on the name as published, before a "1." or "一、" numbering is dropped).
_NOT_A_PROJECT = re.compile(
    r"^(合计|总计|小计|全区合计|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\))"
)
_MONEY_ROLES = ("total", "plan", "completed")


@dataclass(frozen=True)
class _Column:
    index: int
    label: str


@dataclass(frozen=True)
class _ProjectHeader:
    header: Header
    columns: dict[str, _Column]  # role -> column


def looks_like_project_list(grid: Grid) -> bool:
    """True when a header row names the project (项目名称) and an investment column."""
    return _find_header(grid) is not None


def parse_project_list(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the sheet's projects to `parsed`; raise IngestError naming the bad cell."""
    found = _find_header(grid)
    if found is None:
        raise IngestError(
            file_name, "no header row naming 项目名称 and an investment column", sheet=grid.name
        )
    header = found.header
    title = _title(grid, header.first_row)
    units = _money_units(grid, found, file_name)
    period_end = _period_end(title, found, file_name, grid.name)
    region = _title_region(title)
    read_metadata(grid, header.first_row, parsed)
    for row_number, name in body_rows(grid, header):
        if _NOT_A_PROJECT.match(norm(grid.cell(row_number, header.stub_column).text)):
            continue
        row = _Row(grid, row_number, found.columns, file_name)
        money = {role: row.money(role, unit) for role, unit in units.items()}
        plan, completed = money.get("plan"), money.get("completed")
        rate = row.number("rate")
        if rate is None and plan and completed is not None:
            rate = round(completed / plan * 100, 1)
        parsed.projects.append(
            ProjectProgress(
                sheet_name=grid.name,
                row_number=row_number,
                project_name=name,
                industry_chain=row.text("chain"),
                region_name=row.text("location") or region,
                period_end=period_end,
                total_investment=money.get("total"),
                annual_plan_investment=plan,
                completed_investment_ytd=completed,
                completion_rate_pct=rate,
                stage=row.text("stage"),
                responsible_unit=row.text("unit"),
                planned_start=row.month("start"),
                planned_completion=row.month("finish"),
            )
        )


# --- header ---------------------------------------------------------------------------------


def _find_header(grid: Grid) -> _ProjectHeader | None:
    for header in header_candidates(grid, _is_name):
        labels = [header.label(column) for column in range(header.width)]
        columns = _columns(labels)
        if "name" in columns and any(role in columns for role in _MONEY_ROLES):
            return _ProjectHeader(header, columns)
    return None


def _is_name(label: str) -> bool:
    return "项目名称" in label or label in ("项目", "项目名")


def _role(label: str) -> str | None:
    """The column a header label names; checked in an order that keeps look-alikes apart."""
    if _is_name(label):
        return "name"
    if "完成率" in label or "完成比例" in label:
        return "rate"
    if any(word in label for word in ("开工以来", "自开工", "至今", "本月", "当月")):
        return None  # investment since the start of works or in the month, not year to date
    if "总投资" in label:
        return "total"
    if any(word in label for word in ("计划开工", "开工时间", "开工日期")):
        return "start"
    if any(word in label for word in ("计划竣工", "竣工时间", "竣工日期", "计划建成", "建成时间")):
        return "finish"
    if ("计划" in label and "投资" in label) or label.endswith("年度计划"):
        return "plan"
    if "完成" in label and "投资" in label:
        return "completed"
    if any(word in label for word in ("阶段", "状态", "建设性质")):
        return "stage"
    if any(word in label for word in ("责任单位", "牵头单位", "责任部门", "主管部门")):
        return "unit"
    if any(word in label for word in ("产业链", "产业", "行业", "领域")):
        return "chain"
    if any(word in label for word in ("建设地点", "所在地", "地区", "地点", "区域")):
        return "location"
    return None


def _columns(labels: list[str]) -> dict[str, _Column]:
    columns: dict[str, _Column] = {}
    for index, label in enumerate(labels):
        role = _role(label) if label else None
        if role is not None:
            columns.setdefault(role, _Column(index, label))
    return columns


def _money_units(grid: Grid, found: _ProjectHeader, file_name: str) -> dict[str, str]:
    """The unit of each money column, from its header or a "单位:万元" line above the table."""
    unit_line = None
    for row in grid.rows[: found.header.first_row - 1]:
        for cell in row:
            if match := _UNIT_LINE.search(norm(cell.text)):
                unit_line = match.group(1)
    units = {}
    for role in _MONEY_ROLES:
        column = found.columns.get(role)
        if column is None:
            continue
        match = _UNIT.search(column.label)
        unit = match.group(1) if match else unit_line
        if unit not in MONEY_UNITS:
            problem = (
                f"unit {unit!r} of {column.label} is not 亿元 or 万元"
                if unit
                else f"no unit (亿元 or 万元) for {column.label} in the header or a 单位 line"
            )
            raise cell_error(grid, file_name, found.header.first_row, column.index, problem)
        units[role] = unit
    return units


# --- title and period -----------------------------------------------------------------------


def _title(grid: Grid, header_row: int) -> str:
    """The first line above the header that names a year ("川江区2023年重点项目...")."""
    for row in grid.rows[: header_row - 1]:
        for cell in row:
            text = norm(cell.text)
            if _YEAR.search(text) and not text.startswith(("编制", "单位", "发布")):
                return text
    return ""


def _title_region(title: str) -> str | None:
    """The region a title names before its year: 川江区 in "川江区2023年重点项目..." and in
    "川江区重点项目建设进展情况(2023年1-6月)"."""
    year = _YEAR.search(title)
    region = _REGION.match(title[: year.start()]) if year else None
    return region.group() if region else None


def _period_end(title: str, found: _ProjectHeader, file_name: str, sheet: str) -> date:
    """End of the reported period: title, then the completed-investment header, then file name."""
    columns = found.columns
    year_match = _YEAR.search(title)
    label = _PERIOD.search(title[year_match.end() :]) if year_match else None
    if label is None and "completed" in columns:
        label = _PERIOD.search(columns["completed"].label)
    if year_match is None and "plan" in columns:
        year_match = _YEAR.search(columns["plan"].label)
    file_month = _FILE_MONTH.search(file_name)
    year = int(year_match.group(1)) if year_match else None
    try:
        if label is not None and (year or file_month):
            return parse_period(label.group(0), year or int(file_month.group(1))).end
        if file_month is not None:
            return parse_period(f"{file_month.group(2)}月", int(file_month.group(1))).end
    except UnknownPeriodError as error:
        raise IngestError(file_name, str(error), sheet=sheet) from error
    raise IngestError(
        file_name,
        "no reporting period: expected one in the title (2023年...(1-6月)), "
        "the completed-investment header or the file name (2023年06月)",
        sheet=sheet,
    )


# --- cells ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One project row; its accessors raise IngestError naming the cell they could not read."""

    grid: Grid
    row_number: int
    columns: dict[str, _Column]
    file_name: str

    def _fail(self, column: _Column, problem: str) -> IngestError:
        return cell_error(self.grid, self.file_name, self.row_number, column.index, problem)

    def text(self, role: str) -> str | None:
        column = self.columns.get(role)
        text = norm(self.grid.cell(self.row_number, column.index).text) if column else ""
        return None if text in NOT_AVAILABLE else text

    def figure(self, role: str) -> Figure | None:
        column = self.columns.get(role)
        if column is None:
            return None
        figure = figure_at(self.grid, self.file_name, self.row_number, column.index, column.label)
        if figure is not None and figure.value < 0:
            raise self._fail(column, f"{column.label} {figure.value} is negative")
        return figure

    def number(self, role: str) -> float | None:
        figure = self.figure(role)
        return None if figure is None else figure.value

    def money(self, role: str, unit: str) -> float | None:
        """A money cell in 亿元, rounded so that 12345 万元 is 1.2345, not 1.2345000000000002."""
        figure = self.figure(role)
        if figure is None:
            return None
        factor, extra_decimals = MONEY_UNITS[unit]
        return round(figure.value * factor, figure.decimals + extra_decimals)

    def month(self, role: str) -> date | None:
        """A planned date; "2023年3月" is stored as the first day of that month."""
        column = self.columns.get(role)
        if column is None:
            return None
        cell = self.grid.cell(self.row_number, column.index)
        if isinstance(cell.value, datetime | date):
            return cell.value.date() if isinstance(cell.value, datetime) else cell.value
        text = norm(cell.text)
        if text in NOT_AVAILABLE:
            return None
        match = _DATE.match(text)
        try:
            if match is None:
                raise ValueError(f"{text!r} is not a date such as 2023年3月")
            year, month, day = match.groups()
            return date(int(year), int(month), int(day or 1))
        except ValueError as error:
            raise self._fail(column, f"{column.label} {error}") from error
