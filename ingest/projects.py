"""Key-project lists (重点项目) read by what each column means, with every number accounted for.

Offices publish these lists in many layouts: one row per project (项目名称 | 建设内容 | 总投资 |
年度计划投资 | 1-N月完成投资 | 完成率 | 形象进度 | 责任单位), grouped by section rows
("一、先进制造业(12个)") with subtotals, or one row per responsible unit or area with its
number of projects (项目责任单位 | 项目数量 | 投资计划 | 累计完成投资 | 排名 | 投资完成率). Each
column gets a role from its header (the header may span rows; a group header above several
columns counts for each), money is converted to 亿元 from the unit in the header or a
"单位:万元" line, the period comes from the title, a column header or the file name, and
every numeric cell below the header is counted as read, skipped (with the reason) or unread
in `ParsedFile.figures`, so that a column nobody recognised is reported, never dropped.

Lists of names without figures are read the same way: one column of names (序號 | 項目名稱),
two lists side by side (在建项目 | 预备项目, each name column with its own serial numbers), or
lines under a title (2009年度省重点项目名单). Headings give the rows below them their stage,
responsible unit or industry chain; a number of projects a heading states ("(19项)") is
checked against its rows, and a mismatch is reported as an unread figure, never accepted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from openpyxl.utils import get_column_letter

from ingest.errors import IngestError
from ingest.layout import (
    FOOTNOTE,
    HEADER_SEARCH_ROWS,
    Header,
    cell_error,
    figure_at,
    header_candidates,
    norm,
    read_metadata,
)
from ingest.numbers import NOT_AVAILABLE, Figure
from ingest.periods import UnknownPeriodError, parse_period
from ingest.records import ParsedFile, ProjectProgress, UnreadFigure
from ingest.table_context import LANDING_FOLDER, is_total
from ingest.workbook import Grid

# Each money unit's factor to 亿元 (the unit ProjectProgress holds) and the decimals it adds.
MONEY_UNITS = {"亿元": (1.0, 0), "万元": (1e-4, 4)}

# Reposted lists are often converted to traditional characters; header words, titles and unit
# lines are folded back so that "項目責任單位" and "萬元" read as "项目责任单位" and "万元".
# Names (of projects and units) are kept as published.
_TRADITIONAL = str.maketrans(
    dict(
        zip(
            "項稱責單數資計劃額總區縣進設實際現產業鏈開態狀階規萬億間時點報個備註說與內況門牽頭屬場廠鎮號類領築預會廳團",
            "项称责单数资计划额总区县进设实际现产业链开态状阶规万亿间时点报个备注说与内况门牵头属场厂镇号类领筑预会厅团",
            strict=True,
        )
    )
)

# Labels are NFKC-normalised, so full-width brackets and colons arrive as ASCII.
_UNIT = re.compile(r"\(\s*(?:单位:\s*)?([^()]*元)\s*\)")
_UNIT_LINE = re.compile(r"单位:\s*(\S+)")
_YEAR = re.compile(r"(\d{4})\s*年")
_REGION = re.compile(r"^.+[省市区县旗州盟]")  # up to the last administrative suffix
_PERIOD = re.compile(
    r"1\s*[-－—~至]\s*\d{1,2}\s*月|\d{1,2}\s*月份?|第?[一二三四1-4]\s*季度|上半年|前三季度|全年"
)
_DATE = re.compile(r"^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*(?:[月.\-/]\s*(?:(\d{1,2})\s*日?)?)?$")
_YEARS = re.compile(r"^(\d{4})\s*年?\s*(?:[-－—~至]\s*(\d{4})\s*年?)?$")
# Rows that are not projects: totals and subtotals, and section headings such as
# "一、新开工项目(45个)" or "(二)民生项目" (checked before a "1." numbering is dropped).
_SUBTOTAL = re.compile(r"^(合计|总计|小计|其中)")
_SECTION = re.compile(r"^([一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十]+\s*\))")
# A heading's numeral may stand alone in the serial-number column ("一 | 区经济局(1项)").
_SECTION_MARK = re.compile(r"^([一二三四五六七八九十]+|\(\s*[一二三四五六七八九十]+\s*\))$")
# The number of projects a heading states: "(51个)", "[1项]", "(66个,其中一季度...)".
_SECTION_COUNT = re.compile(r"[(\[]\s*共?\s*(\d+)\s*[个项宗個項][^()\[\]]*[)\]]")
# A heading naming an organisation (区经济局, 省轻纺集团总公司, 工业区管委会) is the projects'
# responsible unit; any other heading that names no stage is their industry chain.
_ORGANISATION = re.compile(r"(局|委|会|厅|办|公司|集团|部|政府|中心|院|所|街道|镇|乡)$")
_NUMBERING = re.compile(r"^\d+\s*[.、]\s*")
# A part of the numbered project above it: "(1)南安段" under "6.晋江下游防洪...工程".
_PART = re.compile(r"^\(\s*\d+\s*\)")
# The title of a list printed as lines, with no header row: "2009年度省重点项目名单".
_LIST_TITLE = re.compile(r"项目(名单|清单)$")
_STAGE_WORDS = ("新开工", "续建", "竣工", "投产", "前期", "预备", "在建", "新建", "加快建设")
_NOT_TITLE = ("编制", "单位", "发布", "填报", "制表")
_MONEY_ROLES = ("total", "plan", "completed")
_READ_ROLES = frozenset({*_MONEY_ROLES, "rate", "years", "start", "finish"})
# Numbers a list shows that are no figure of a project, and why they are passed over.
_SKIP_REASONS = {
    "seq": "serial number (序号)",
    "count": "number of projects of a unit",
    "rank": "rank",
    "share": "share of the total",
    "not_ytd": "investment not year to date",  # this month, this period, since the start
}
TOTAL_REASON = "total or subtotal row"
NOTES_REASON = "notes below the table"
PART_REASON = "part of the numbered project above"


@functools.lru_cache(maxsize=16384)  # every header cell of every sheet is asked about
def _fold(text: str) -> str:
    return norm(text).translate(_TRADITIONAL)


# --- columns --------------------------------------------------------------------------------


def _is_name(label: str) -> bool:
    return (
        "项目名称" in label or label in ("项目", "项目名", "工程名称") or bool(_list_stage(label))
    )


def _list_stage(label: str) -> str | None:
    """The stage a name column's header gives its projects: 在建 for "在建项目" (a list of one
    stage, often beside another: 在建项目 | 预备项目)."""
    stage = label.removesuffix("项目")
    return stage if stage != label and stage in _STAGE_WORDS else None


def _group_kind(label: str) -> str | None:
    """What a summary's stub names: "unit" for a responsible unit or an area (a summary by
    unit), "chain" for a category or industry of projects (a summary by category)."""
    if label.endswith("责任单位") or label in ("隶属", "地区", "区域", "县区"):
        return "unit"
    if label.endswith(("类别", "分类")) or label in ("行业", "产业", "领域"):
        return "chain"
    return None


# (role, words): a header takes the first role whose test it passes; the order keeps
# look-alikes apart ("投资完成率排名" is a rank, "投资计划占全市比重" a share).
_ROLE_TESTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("name", _is_name),
    ("seq", lambda label: label in ("序号", "编号")),
    ("rank", lambda label: any(w in label for w in ("排名", "位次", "名次", "排序"))),
    ("share", lambda label: "比重" in label or "占比" in label),
    (
        "rate",
        lambda label: (
            "完成率" in label or "完成比例" in label or ("完成" in label and "百分比" in label)
        ),
    ),
    ("count", lambda label: "项目" in label and ("个数" in label or "数量" in label)),
    (
        "not_ytd",
        lambda label: any(
            w in label for w in ("开工以来", "自开工", "至今", "本月", "当月", "本期新增")
        ),
    ),
    ("total", lambda label: "总投资" in label),
    ("start", lambda label: any(w in label for w in ("计划开工", "开工时间", "开工日期"))),
    (
        "finish",
        lambda label: any(
            w in label for w in ("计划竣工", "竣工时间", "竣工日期", "计划建成", "建成时间")
        ),
    ),
    ("years", lambda label: any(w in label for w in ("年限", "建设期限", "起止年"))),
    (
        "plan",
        lambda label: (
            ("计划" in label and "投资" in label)
            or label.endswith("年度计划")
            or label.endswith("本年计划")
        ),
    ),
    (
        "completed",
        lambda label: ("完成" in label and "投资" in label) or "累计投资" in label,
    ),
    ("progress", lambda label: "进度" in label or "进展" in label),
    ("stage", lambda label: any(w in label for w in ("阶段", "状态", "建设性质", "项目性质"))),
    (
        "unit",
        lambda label: any(w in label for w in ("责任单位", "牵头单位", "责任部门", "主管部门")),
    ),
    ("chain", lambda label: any(w in label for w in ("产业链", "产业", "行业", "领域", "类别"))),
    (
        "location",
        lambda label: any(w in label for w in ("建设地点", "所在地", "地区", "地点", "区域")),
    ),
    ("text", lambda label: any(w in label for w in ("建设内容", "建设规模", "备注", "建设单位"))),
)


def column_role(label: str) -> str | None:
    """The role a (folded) header label gives its column, None when no role fits."""
    return next((role for role, test in _ROLE_TESTS if test(label)), None)


@dataclass(frozen=True)
class _Column:
    index: int
    label: str
    role: str | None


@dataclass(frozen=True)
class _List:
    """One list of projects in the sheet: where a row's name is written and the stage its
    header gives (在建项目 | 预备项目 are two lists side by side)."""

    span: tuple[int, ...]  # the name column last, after the unlabelled columns merged with it
    stage: str | None


@dataclass(frozen=True)
class _ProjectHeader:
    """The header block, each column's role, and the lists of projects beside each other."""

    header: Header
    columns: tuple[_Column, ...]
    lists: tuple[_List, ...]
    group: str | None  # a summary row's name is its "unit" or "chain"; None: one per project

    def first(self, role: str) -> _Column | None:
        return next((column for column in self.columns if column.role == role), None)

    @property
    def serial_columns(self) -> frozenset[int]:
        """Columns merged before a name: a number there is a serial number ("1 | 云浮新区")."""
        return frozenset(index for names in self.lists for index in names.span[:-1])

    @property
    def names_only(self) -> bool:
        """A list of names (序号 | 项目名称, 在建项目 | 预备项目), with no figure column."""
        return all(column.role in ("name", "seq") for column in self.columns if column.label)


def looks_like_project_list(grid: Grid) -> bool:
    """True when a header names the project (项目名称) and an investment column, or names a
    responsible unit or area beside a number of projects and an investment column."""
    return _find_header(grid) is not None


def _find_header(grid: Grid) -> _ProjectHeader | None:
    for grouped, is_stub in ((False, _is_name), (True, _group_kind)):
        for header in header_candidates(grid, lambda label, test=is_stub: bool(test(_fold(label)))):
            group = _group_kind(_fold(header.label(header.stub_column))) if grouped else None
            found = _project_header(_without_headings(grid, header), group)
            roles = {column.role for column in found.columns}
            if roles & set(_MONEY_ROLES) and (not grouped or "count" in roles):
                return found
            # A list of names alone must say it lists projects (项目名称, 在建项目), not "项目".
            stub = _fold(header.label(header.stub_column))
            if not grouped and found.names_only and ("项目名称" in stub or _list_stage(stub)):
                return found
    return _lines_list(grid)


def _lines_list(grid: Grid) -> _ProjectHeader | None:
    """A list printed as lines, one text a row and no header ("2009年度省重点项目名单", then
    "一、省在建重点项目(351个)", "(一)农业(18个)", "1.全省...工程"): its title stands for the
    header, the one column holds the headings and the numbered names."""
    texts = [[cell.text for cell in row if cell.text] for row in grid.rows]
    if any(len(row) > 1 for row in texts) or not any(
        row and _NUMBERING.match(_fold(row[0])) for row in texts
    ):
        return None
    for number, row in enumerate(texts[:HEADER_SEARCH_ROWS], start=1):
        if row and _LIST_TITLE.search(_fold(row[0])):
            column = next(index for index, cell in enumerate(grid.rows[number - 1]) if cell.text)
            labels = tuple(_fold(row[0]) if index == column else "" for index in range(column + 1))
            header = Header(number, number, column, (labels,))
            columns = tuple(
                _Column(index, label, "name" if label else None)
                for index, label in enumerate(labels)
            )
            return _ProjectHeader(header, columns, (_List((column,), None),), None)
    return None


def _without_headings(grid: Grid, header: Header) -> Header:
    """The header without the section headings it took for sub-header rows: a heading such as
    "一、续建项目(51个)" right below the header has labels only, like a sub-header."""
    last = header.last_row
    while last > header.first_row:
        texts = [_fold(cell.text) for cell in grid.rows[last - 1] if cell.text]
        if len(texts) != 1 or not (_SECTION.match(texts[0]) or _is_total(texts[0])):
            break
        last -= 1
    levels = header.levels[: last - header.first_row + 1]
    return replace(header, last_row=last, levels=levels)


def _project_header(header: Header, group: str | None) -> _ProjectHeader:
    labels = [_fold(header.label(index)) for index in range(header.width)]
    stub = header.stub_column
    columns = tuple(
        _Column(index, label, "name" if index == stub else column_role(label) if label else None)
        for index, label in enumerate(labels)
    )
    names = [column.index for column in columns if column.role == "name"]
    if len(names) == 1:  # the name spans the unlabelled columns right of its header (云浮市)
        span = [stub]
        while span[-1] + 1 < header.width and not labels[span[-1] + 1]:
            span.append(span[-1] + 1)
        spans = [span]
    else:  # lists side by side: each name after the unlabelled (serial) columns left of it
        spans = [
            [c for c in range(previous + 1, name) if not labels[c]] + [name]
            for previous, name in zip([-1, *names], names, strict=False)
        ]
    stages = [_list_stage(labels[name]) for name in names]
    lists = tuple(_List(tuple(span), stage) for span, stage in zip(spans, stages, strict=True))
    return _ProjectHeader(header, columns, lists, group)


def _money_units(grid: Grid, found: _ProjectHeader, file_name: str) -> dict[int, str]:
    """The unit of each money column, from its header or a "单位:万元" line above the table."""
    unit_line = None
    for row in grid.rows[: found.header.first_row - 1]:
        for cell in row:
            if match := _UNIT_LINE.search(_fold(cell.text)):
                parts = re.split(r"[、,/;]", match.group(1))
                unit_line = next((part for part in parts if part.endswith("元")), unit_line)
    units = {}
    for column in found.columns:
        if column.role not in _MONEY_ROLES:
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
        units[column.index] = unit
    return units


# --- title, region and period ---------------------------------------------------------------


def _title_lines(grid: Grid, header_row: int) -> list[str]:
    """The lines above the header, without the unit, publisher and date lines (a
    "填报日期:2023年7月8日" names no reporting period)."""
    lines = []
    for row in grid.rows[: header_row - 1]:
        for cell in row:
            text = _fold(cell.text)
            if text and not text.startswith(_NOT_TITLE) and "日期" not in text:
                lines.append(text)
    return lines


def _region(texts: list[str]) -> str | None:
    """The region named before the year: 川江区 in "川江区2023年重点项目...", 湘西州 in the
    file name "湘西州2021年1-9月份重点项目.xlsx"."""
    for text in texts:
        year = _YEAR.search(text)
        if year and (region := _REGION.match(text[: year.start()])):
            return region.group()
    return None


def _period_end(texts: list[str], file_name: str, sheet: str, completed: _Column | None) -> date:
    """End of the reported period: its label and year from the first of `texts` (title lines,
    then the completed-investment and plan headers, then the file name and the landing
    folder) that names them. A list with a year alone and no progress to date ("新都区2009年
    重点项目") is the year's list."""
    label = next((match.group() for text in texts if (match := _PERIOD.search(text))), None)
    year = next((int(match.group(1)) for text in texts if (match := _YEAR.search(text))), None)
    if label is None and completed is None:
        label = "全年"
    if label is not None and year is not None:
        try:
            return parse_period(label, year).end
        except UnknownPeriodError as error:
            raise IngestError(file_name, str(error), sheet=sheet) from error
    raise IngestError(
        file_name,
        "no reporting period: expected one in the title (2023年...(1-6月)), "
        "the completed-investment header, the file name (2023年06月) or the landing folder",
        sheet=sheet,
    )


# --- rows -----------------------------------------------------------------------------------

TOTAL_LEVEL, TOP_LEVEL, NESTED_LEVEL, ROW_LEVEL = 0, 1, 2, 3


@dataclass
class _Count:
    """A number of projects a heading states, checked against the project rows under it."""

    text: str  # the heading's cell as published
    level: int
    stated: int
    row: int
    column: int
    listed: int = 0


@dataclass
class _Sections:
    """What the headings above a project say: its stage, its responsible unit or its industry
    chain, each from the deepest heading that names one; and the counts they state."""

    grid: Grid
    parsed: ParsedFile
    levels: dict[int, tuple[str, str]] = field(default_factory=dict)  # level -> (kind, text)
    counts: list[_Count] = field(default_factory=list)

    def enter(self, heading: str, level: int, row: int, column: int) -> None:
        """A heading at `level` closes the headings at its level and below (a top-level "二、"
        starts afresh, "(二)" nests under it); what it names holds until then."""
        folded = _fold(heading)
        if level != TOTAL_LEVEL:  # a total (合计(129项)) counts what follows, heads nothing
            self.close(level)
            self.levels = {key: value for key, value in self.levels.items() if key < level}
        if count := _SECTION_COUNT.search(folded):
            published = self.grid.cell(row, column).text
            self.counts.append(_Count(published, level, int(count.group(1)), row, column))
        text = _SECTION_COUNT.sub("", _SECTION.sub("", folded)).strip()
        if not text or level == TOTAL_LEVEL:
            return
        if stage := next((word for word in _STAGE_WORDS if word in text), None):
            self.levels[level] = ("stage", stage)  # "省在建重点项目(351个)": 在建
        elif _ORGANISATION.search(re.sub(r"\([^()]*\)$", "", text)):
            published = _SECTION_COUNT.sub("", _SECTION.sub("", norm(heading))).strip()
            self.levels[level] = ("unit", published)
        else:
            self.levels[level] = ("chain", text)

    def get(self, kind: str) -> str | None:
        deepest_first = sorted(self.levels.items(), reverse=True)
        return next((text for _, (named, text) in deepest_first if named == kind), None)

    def listed(self) -> None:
        """One more project under every open heading."""
        for count in self.counts:
            count.listed += 1

    def close(self, level: int) -> None:
        """Check the counts of the headings at `level` and below against their rows: a count
        the rows do not match is reported as an unread figure (projects the file leaves out)."""
        for count in [c for c in self.counts if c.level >= level]:
            self.counts.remove(count)
            if count.listed != count.stated:
                why = f"projects stated: {count.stated}, listed: {count.listed}"
                letter = get_column_letter(count.column + 1)
                self.parsed.figures.unread.append(
                    UnreadFigure(self.grid.name, count.row, letter, count.text, why)
                )


def _row_label(
    grid: Grid, row: int, span: tuple[int, ...], leftmost: int = 0
) -> tuple[int, str] | None:
    """Where the row's name is written and the name (folded): the last text of the name
    columns (a 序号 may share them), else a text left of them down to `leftmost` (a total or
    a section heading merged across the row)."""
    columns = [*reversed(span), *range(span[0] - 1, leftmost - 1, -1)]
    for column in columns:
        cell = grid.cell(row, column)
        text = _fold(cell.text)
        if text not in NOT_AVAILABLE and not cell.looks_numeric:
            return column, text
    return None


def _is_total(label: str) -> bool:
    return is_total(label) or bool(_SUBTOTAL.match(label))


def _heading(grid: Grid, row: int, found: _ProjectHeader, column: int) -> tuple[str, int] | None:
    """The row's heading as published and its level, when the row is a total or a section
    heading: its label ("一、续建项目(51个)", "合计"), or a numeral in the serial column
    before a label ("一 | 区经济局(1项)", "(一) | 竣工项目(5项)")."""
    label = norm(grid.cell(row, column).text)
    if _is_total(_fold(label)):
        return label, TOTAL_LEVEL
    serial = found.first("seq")
    mark = norm(grid.cell(row, serial.index).text) if serial and serial.index != column else ""
    if _SECTION_MARK.match(mark):
        label = f"{mark}、{label}" if not mark.startswith("(") else mark + label
    if match := _SECTION.match(label):
        return label, NESTED_LEVEL if match.group().startswith("(") else TOP_LEVEL
    return None


def parse_project_list(grid: Grid, file_name: str, parsed: ParsedFile) -> None:
    """Append the sheet's projects to `parsed` and account for every numeric cell below the
    header; raise IngestError naming the bad cell."""
    found = _find_header(grid)
    if found is None:
        raise IngestError(
            file_name, "no header row naming 项目名称 and an investment column", sheet=grid.name
        )
    header = found.header
    units = _money_units(grid, found, file_name)
    titles = _title_lines(grid, header.first_row)
    headers = [c.label for role in ("completed", "plan") if (c := found.first(role))]
    landed = (
        [f"{m.group(1)}年{int(m.group(2))}月"]
        if (m := LANDING_FOLDER.match(grid.folder or ""))
        else []
    )
    period_end = _period_end(
        [*titles, *headers, file_name, *landed], file_name, grid.name, found.first("completed")
    )
    region = _region([*titles, file_name])
    read_metadata(grid, header.first_row, parsed)
    sections = _Sections(grid, parsed)
    numbered = False  # the last project was numbered in its name cell ("6.晋江下游...工程")
    for row_number in range(header.last_row + 1, len(grid.rows) + 1):
        first_text = next((c.text for c in grid.rows[row_number - 1] if c.text), "")
        if FOOTNOTE.match(_fold(first_text)):
            for note_row in range(row_number, len(grid.rows) + 1):
                _skip_row(grid, note_row, parsed, NOTES_REASON)
            break
        # Each list's name; a total or heading merged across the row is the first list's.
        named = [
            _row_label(grid, row_number, names.span, 0 if i == 0 else names.span[0])
            for i, names in enumerate(found.lists)
        ]
        if not any(named):
            _account_row(grid, row_number, found, parsed, "a row without a project name")
            continue
        heading = _heading(grid, row_number, found, named[0][0]) if named[0] else None
        if heading is not None:
            sections.enter(*heading, row_number, named[0][0])
            _skip_row(grid, row_number, parsed, TOTAL_REASON)
            numbered = False
            continue
        if numbered and named[0] and _PART.match(named[0][1]):  # "(1)南安段": no project of its own
            _skip_row(grid, row_number, parsed, PART_REASON)
            continue
        for names, name in zip(found.lists, named, strict=True):
            if name is None:
                continue
            name_column, _ = name
            text = norm(grid.cell(row_number, name_column).text)
            # "竣工项目[1项]" above the name inside its cell: a heading for this row and below.
            first_line, _, rest = grid.cell(row_number, name_column).text.partition("\n")
            if rest.strip() and any(word in _fold(first_line) for word in _STAGE_WORDS):
                sections.enter(first_line.strip(), ROW_LEVEL, row_number, name_column)
                text = norm(rest)
            row = _Row(grid, row_number, found, file_name)
            sections.listed()
            parsed.projects.append(row.project(text, names, units, sections, region, period_end))
            numbered = bool(_NUMBERING.match(text))
        _account_row(grid, row_number, found, parsed)
    sections.close(TOTAL_LEVEL)


def _numeric_columns(grid: Grid, row: int) -> list[int]:
    return [index for index, cell in enumerate(grid.rows[row - 1]) if cell.looks_numeric]


def _skip_row(grid: Grid, row: int, parsed: ParsedFile, reason: str) -> None:
    """Pass every number of a row over for one reason (a total, a heading, a note)."""
    if count := len(_numeric_columns(grid, row)):
        parsed.figures.skip(reason, count)


def _account_row(
    grid: Grid, row: int, found: _ProjectHeader, parsed: ParsedFile, unread: str | None = None
) -> None:
    """Count each number of a project row by its column's role: read, skipped with the
    reason, or unread; `unread` names why a row that is no project could not be read."""
    account = parsed.figures
    for index in _numeric_columns(grid, row):
        column = found.columns[index] if index < len(found.columns) else None
        # A number before a name in a merged name column is a serial number ("1 | 云浮新区").
        role = "seq" if index in found.serial_columns else column.role if column else None
        if unread is None and role in _READ_ROLES:
            account.read += 1
        elif unread is None and role in _SKIP_REASONS:
            account.skip(_SKIP_REASONS[role])
        else:
            why = unread or (
                f"column {column.label!r} is not read"
                if column and column.label
                else "a column without a header"
            )
            letter = get_column_letter(index + 1)
            text = grid.cell(row, index).text
            account.unread.append(UnreadFigure(grid.name, row, letter, text, why))


# --- cells ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One project row; its accessors raise IngestError naming the cell they could not read."""

    grid: Grid
    row_number: int
    found: _ProjectHeader
    file_name: str

    def project(
        self,
        published: str,
        names: _List,
        units: dict[int, str],
        sections: _Sections,
        region: str | None,
        period_end: date,
    ) -> ProjectProgress:
        name = _NUMBERING.sub("", published)
        money = {
            role: self.money(column, units[column.index])
            for role in _MONEY_ROLES
            if (column := self.found.first(role))
        }
        plan, completed = money.get("plan"), money.get("completed")
        rate = self.number("rate")
        if rate is None and plan and completed is not None:
            rate = round(completed / plan * 100, 1)
        first_year, last_year = self.years()
        # A summary row stands for the key projects of one unit or area, or of one category:
        # its name is their responsible unit, or their industry chain.
        group = self.found.group
        unit = self.text("unit") or (name if group == "unit" else sections.get("unit"))
        chain = self.text("chain") or (name if group == "chain" else sections.get("chain"))
        return ProjectProgress(
            sheet_name=self.grid.name,
            row_number=self.row_number,
            project_name=name,
            industry_chain=chain,
            region_name=self.text("location") or region,
            period_end=period_end,
            total_investment=money.get("total"),
            annual_plan_investment=plan,
            completed_investment_ytd=completed,
            completion_rate_pct=rate,
            stage=self.text("stage") or names.stage or sections.get("stage"),
            responsible_unit=unit,
            planned_start=self.month("start") or first_year,
            planned_completion=self.month("finish") or last_year,
        )

    def _fail(self, column: _Column, problem: str) -> IngestError:
        return cell_error(self.grid, self.file_name, self.row_number, column.index, problem)

    def text(self, role: str) -> str | None:
        column = self.found.first(role)
        text = norm(self.grid.cell(self.row_number, column.index).text) if column else ""
        return None if text in NOT_AVAILABLE else text

    def figure(self, column: _Column) -> Figure | None:
        figure = figure_at(self.grid, self.file_name, self.row_number, column.index, column.label)
        if figure is not None and figure.value < 0:
            raise self._fail(column, f"{column.label} {figure.value} is negative")
        return figure

    def number(self, role: str) -> float | None:
        column = self.found.first(role)
        figure = self.figure(column) if column else None
        return None if figure is None else figure.value

    def money(self, column: _Column, unit: str) -> float | None:
        """A money cell in 亿元, rounded so that 12345 万元 is 1.2345, not 1.2345000000000002."""
        figure = self.figure(column)
        if figure is None:
            return None
        factor, extra_decimals = MONEY_UNITS[unit]
        return round(figure.value * factor, figure.decimals + extra_decimals)

    def month(self, role: str) -> date | None:
        """A planned date; "2023年3月" is stored as the first day of that month."""
        column = self.found.first(role)
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

    def years(self) -> tuple[date | None, date | None]:
        """建设年限 "2022-2024": works from January 2022 to December 2024 (first days of month)."""
        column = self.found.first("years")
        if column is None:
            return None, None
        text = norm(self.grid.cell(self.row_number, column.index).text).removesuffix(".0")
        if text in NOT_AVAILABLE:
            return None, None
        match = _YEARS.match(text)
        if match is None:
            raise self._fail(column, f"{column.label} {text!r} is not a span such as 2022-2024")
        first, last = match.group(1), match.group(2) or match.group(1)
        return date(int(first), 1, 1), date(int(last), 12, 1)
