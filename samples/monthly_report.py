"""The city bureau's monthly report workbook, and one county's table of it sent again as CSV.

Each month's workbook has a notes sheet, one indicator-table sheet per region (two-row header,
"—" for missing figures, region-specific names and units) and, from February, a region
table comparing the counties with ranks and (from 2022) 川江区's growth by industry. The
region table shows the same published figures as the region sheets, injected anomalies
included, so it duplicates facts without contradicting them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ingest.numbers import DASH, decimals_format, round_half_up
from ingest.periods import parse_period, ytd_label
from samples.common import (
    release_date,
    save_workbook,
    style_header,
    write_title,
)
from samples.figures import (
    CHUANJIANG,
    INDICATORS,
    REGIONS,
    YEARS,
    Figure,
    FigureKey,
    Indicator,
    Region,
    period_label,
)

PUBLISHER = "周口市统计局"
FILE_STEM = "周口市县区主要经济指标"
FOOTNOTE = "注:1.地区生产总值、规模以上工业增加值增速按可比价格计算。2.“—”表示无数据。"
MONTHLY_HEADER = (
    ("指标名称", "时期", "本期", None, "比上年同期增长(%)"),
    (None, None, "数值", "单位", None),
)
REGION_TABLE_SHEET = "各县区主要指标"
REGION_TABLE_FOOTNOTE = "注:位次按增速排列。"
# Indicators of the region table: code, and whether a level column precedes growth and rank.
REGION_TABLE_INDICATORS = (
    ("industrial_value_added", False),
    ("fixed_asset_investment", True),
    ("retail_sales", True),
)
INDUSTRY_SHEET = "分行业增加值增速"
INDUSTRY_FOOTNOTE = "注:增速为规模以上工业分行业增加值比上年同期增长,按可比价格计算。"
# 川江区 annual growth (%) of industrial value added by industry, published from 2022.
INDUSTRY_FIRST_YEAR = 2022
INDUSTRY_GROWTH = {
    "电子信息": {2022: 31.5, 2023: 24.8},
    "食品加工": {2022: 8.2, 2023: 7.4},
    "建材": {2022: 10.6, 2023: 5.1},
    "纺织服装": {2022: 3.8, 2023: -2.6},
    "装备制造": {2022: 12.4, 2023: 14.1},
    "生物医药": {2022: 9.7, 2023: 11.3},
    "新材料": {2022: 18.2, 2023: 16.5},
}
# Year-to-date growth wanders around the annual rate early in the year and settles on it.
_WOBBLE = (0.8, -0.5, 1.1, -0.9, 0.3, -1.2, 0.6)
XIHUA_CSV_MONTH = (2023, 6)

OBSERVATION_COLUMNS = (
    "file_name",
    "sheet_name",
    "row_number",
    "region_code",
    "indicator_code",
    "indicator_name_published",
    "period_label",
    "period_type",
    "period_start",
    "period_end",
    "value_text",
    "unit_published",
    "growth_text",
)
REGION_TABLE_COLUMNS = (
    "file_name",
    "sheet_name",
    "row_number",
    "region_code",
    "region_name_published",
    "indicator_code",
    "indicator_name_published",
    "period_label",
    "period_type",
    "period_end",
    "value_text",
    "unit_published",
    "growth_text",
    "rank",
)
INDUSTRY_GROWTH_COLUMNS = (
    "file_name",
    "sheet_name",
    "row_number",
    "region_code",
    "industry",
    "period_label",
    "period_type",
    "period_end",
    "growth_text",
)

TruthRows = list[dict[str, str]]


@dataclass(frozen=True)
class _Line:
    """One indicator row of a region sheet, as published."""

    indicator: Indicator
    name: str
    label: str
    figure: Figure


@dataclass
class MonthlyReports:
    """The files written and the truth rows of every sheet shape in them."""

    files: list[Path]
    observations: TruthRows
    region_table: TruthRows
    industry_growth: TruthRows


def write_monthly_reports(landing_dir: Path, figures: dict[FigureKey, Figure]) -> MonthlyReports:
    """One workbook per month of YEARS, and 西华县's June 2023 table again as a GBK CSV."""
    reports = MonthlyReports([], [], [], [])
    for year in YEARS:
        for month in range(1, 13):
            path = landing_dir / f"{year}-{month:02d}" / f"{FILE_STEM}_{year}年{month:02d}月.xlsx"
            _write_workbook(path, year, month, figures, reports)
            reports.files.append(path)
    year, month = XIHUA_CSV_MONTH
    xihua = next(region for region in REGIONS if region.name == "西华县")
    path = landing_dir / f"{year}-{month:02d}" / f"{xihua.name}主要经济指标_{year}年{month}月.csv"
    reports.files.append(_write_region_csv(path, xihua, year, month, figures))
    return reports


def short_name(region: Region) -> str:
    """川江区 -> 川江, 项城市 -> 项城: the names region tables use."""
    return region.name[:-1]


# --- the workbook ---------------------------------------------------------------------------


def _write_workbook(
    path: Path,
    year: int,
    month: int,
    figures: dict[FigureKey, Figure],
    reports: MonthlyReports,
) -> None:
    """Write one month's report and add its truth rows to `reports`."""
    release = release_date(year, month)
    workbook = Workbook()
    notes = workbook.active
    notes.title = "说明"
    for line in (
        f"{FILE_STEM}({year}年{ytd_label(month)})",
        f"编制单位:{PUBLISHER}综合统计科",
        "1.本表为快报数,各县(市、区)分表填列,表名为县(市、区)全称。",
        "2.地区生产总值按季度发布;1月份规模以上工业增加值、固定资产投资、"
        "社会消费品零售总额与2月份合并发布。",
        "3.增速为比上年同期增长,一般公共预算收入按现价计算。",
    ):
        notes.append([line])

    for region in REGIONS:
        sheet = workbook.create_sheet(region.name)
        lines = _region_lines(region, year, month, figures)
        _write_region_sheet(sheet, _region_title(region.title_name, year, month), release, lines)
        for row, line in enumerate(lines, start=5):
            reports.observations.append(_observation(path, region, row, line, year))
    if month > 1:  # the January figures of these sheets are published with February's
        sheet = workbook.create_sheet(REGION_TABLE_SHEET)
        reports.region_table += _write_region_table(sheet, path, year, month, release, figures)
        if year >= INDUSTRY_FIRST_YEAR:
            sheet = workbook.create_sheet(INDUSTRY_SHEET)
            reports.industry_growth += _write_industry_growth(sheet, path, year, month, release)
    save_workbook(workbook, path, PUBLISHER, f"{FILE_STEM}({year}年{ytd_label(month)})")


def _region_title(name: str, year: int, month: int) -> str:
    return f"{name}主要经济指标({year}年{ytd_label(month)})"


def _compiler_line(release: date) -> str:
    return f"编制单位:{PUBLISHER}  发布日期:{release.isoformat()}"


# --- region sheets (indicator tables) -------------------------------------------------------


def _region_lines(
    region: Region, year: int, month: int, figures: dict[FigureKey, Figure]
) -> list[_Line]:
    lines = []
    for indicator in INDICATORS:
        if month not in indicator.shares:
            continue
        name = region.industry_name if indicator.code == "industrial_value_added" else None
        lines.append(
            _Line(
                indicator,
                name or indicator.name,
                period_label(indicator, month),
                figures[region.code, indicator.code, year, month],
            )
        )
    return lines


def _write_region_sheet(sheet: Worksheet, title: str, release: date, lines: list[_Line]) -> None:
    """Title, compiler line, the two-row header, a row per indicator, then the footnote."""
    write_title(sheet, title, "E")
    sheet["A2"] = _compiler_line(release)
    for row, labels in enumerate(MONTHLY_HEADER, start=3):
        for column, label in enumerate(labels, start=1):
            sheet.cell(row, column, label)
    for cells in ("A3:A4", "B3:B4", "C3:D3", "E3:E4"):
        sheet.merge_cells(cells)
    style_header(sheet, "A3:E4")
    for column, width in zip("ABCDE", (22, 12, 12, 8, 20), strict=True):
        sheet.column_dimensions[column].width = width
    for row, line in enumerate(lines, start=5):
        sheet.cell(row, 1, line.name)
        sheet.cell(row, 2, line.label)
        _number_cell(sheet, row, 3, line.figure.value, line.figure.decimals)
        sheet.cell(row, 4, line.figure.unit)
        _number_cell(sheet, row, 5, line.figure.growth, 1)
    footnote_row = 5 + len(lines) + 1  # one blank row after the data
    sheet.cell(footnote_row, 1, FOOTNOTE)
    sheet.merge_cells(f"A{footnote_row}:E{footnote_row}")


def _number_cell(
    sheet: Worksheet, row: int, column: int, value: float | None, decimals: int
) -> Cell:
    """A right-aligned figure shown with its decimals; "—" when not available."""
    if value is None:
        shown: object = DASH
    else:
        shown = int(value) if decimals == 0 else value  # 52345, not 52345.0
    cell = sheet.cell(row, column, shown)
    cell.number_format = decimals_format(decimals)
    cell.alignment = Alignment(horizontal="right")
    return cell


def _observation(path: Path, region: Region, row: int, line: _Line, year: int) -> dict[str, str]:
    span = parse_period(line.label, year)
    return {
        "file_name": path.name,
        "sheet_name": region.name,
        "row_number": str(row),
        "region_code": region.code,
        "indicator_code": line.indicator.code,
        "indicator_name_published": line.name,
        "period_label": line.label,
        "period_type": span.period_type,
        "period_start": span.start.isoformat(),
        "period_end": span.end.isoformat(),
        "value_text": line.figure.value_text,
        "unit_published": line.figure.unit,
        "growth_text": line.figure.growth_text,
    }


def _write_region_csv(
    path: Path, region: Region, year: int, month: int, figures: dict[FigureKey, Figure]
) -> Path:
    """A county's own table as its office exports it: GBK, CRLF, the sheet's cells as text."""
    release = release_date(year, month)
    lines = _region_lines(region, year, month, figures)
    blank = [""] * 5
    rows = [
        [_region_title(region.name, year, month), *blank[1:]],
        [_compiler_line(release), *blank[1:]],
        *[[label or "" for label in labels] for labels in MONTHLY_HEADER],
        *[[line.name, line.label, *_texts(line.figure)] for line in lines],
        blank,
        [FOOTNOTE, *blank[1:]],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


def _texts(figure: Figure) -> list[str]:
    """Value, unit and growth as the sheet shows them."""
    return [figure.value_text, figure.unit, figure.growth_text]


# --- the region table -----------------------------------------------------------------------


def _write_region_table(
    sheet: Worksheet,
    path: Path,
    year: int,
    month: int,
    release: date,
    figures: dict[FigureKey, Figure],
) -> TruthRows:
    """Counties side by side: growth and rank (and the level) of three indicators."""
    label = ytd_label(month)
    span = parse_period(label, year)
    write_title(sheet, f"周口市各县区主要经济指标({year}年{label})", "I")
    sheet["A2"] = _compiler_line(release)
    sheet["A3"] = "地区"
    sheet.merge_cells("A3:A4")
    column = 2
    truth: TruthRows = []
    for code, with_level in REGION_TABLE_INDICATORS:
        indicator = next(ind for ind in INDICATORS if ind.code == code)
        first = column
        sub_headers = (["绝对值(亿元)"] if with_level else []) + ["增速(%)", "位次"]
        for offset, sub_header in enumerate(sub_headers):
            sheet.cell(4, first + offset, sub_header)
        sheet.cell(3, first, indicator.name)
        last = first + len(sub_headers) - 1
        sheet.merge_cells(start_row=3, start_column=first, end_row=3, end_column=last)
        published = [figures[region.code, code, year, month] for region in REGIONS]
        ranks = _ranks([figure.growth for figure in published])
        for row, (region, figure, rank) in enumerate(
            zip(REGIONS, published, ranks, strict=True), start=5
        ):
            sheet.cell(row, 1, short_name(region))
            if with_level:
                _number_cell(sheet, row, first, figure.value, figure.decimals)
            _number_cell(sheet, row, last - 1, figure.growth, 1)
            _number_cell(sheet, row, last, rank, 0)
            truth.append(
                {
                    "file_name": path.name,
                    "sheet_name": REGION_TABLE_SHEET,
                    "row_number": str(row),
                    "region_code": region.code,
                    "region_name_published": short_name(region),
                    "indicator_code": code,
                    "indicator_name_published": indicator.name,
                    "period_label": label,
                    "period_type": span.period_type,
                    "period_end": span.end.isoformat(),
                    "value_text": figure.value_text if with_level else "",
                    "unit_published": figure.unit if with_level else "",
                    "growth_text": figure.growth_text,
                    "rank": str(rank),
                }
            )
        column = last + 1
    style_header(sheet, "A3:I4")
    footnote_row = 5 + len(REGIONS) + 1
    sheet.cell(footnote_row, 1, REGION_TABLE_FOOTNOTE)
    sheet.merge_cells(f"A{footnote_row}:I{footnote_row}")
    sheet.column_dimensions["A"].width = 10
    return truth


def _ranks(growth: list[float]) -> list[int]:
    """Rank 1 for the fastest growth; equal growth shares a rank (1, 2, 2, 4)."""
    return [1 + sum(other > g for other in growth) for g in growth]


# --- growth by industry ---------------------------------------------------------------------


def _industry_growth(industry: str, year: int, month: int) -> float:
    """川江区's year-to-date growth of an industry: the annual rate plus a fading wobble."""
    index = list(INDUSTRY_GROWTH).index(industry)
    wobble = _WOBBLE[(index + month) % len(_WOBBLE)] * (12 - month) / 10
    return round_half_up(INDUSTRY_GROWTH[industry][year] + wobble, 1)


def _write_industry_growth(
    sheet: Worksheet, path: Path, year: int, month: int, release: date
) -> TruthRows:
    """A growth-only table: industry | period | growth %."""
    label = ytd_label(month)
    span = parse_period(label, year)
    write_title(sheet, f"川江区规模以上工业分行业增加值增速({year}年{label})", "C")
    sheet["A2"] = _compiler_line(release)
    for column, header in enumerate(("行业", "时期", "增速(%)"), start=1):
        sheet.cell(3, column, header)
    style_header(sheet, "A3:C3")
    truth: TruthRows = []
    for row, industry in enumerate(INDUSTRY_GROWTH, start=4):
        growth = _industry_growth(industry, year, month)
        sheet.cell(row, 1, industry)
        sheet.cell(row, 2, label)
        _number_cell(sheet, row, 3, growth, 1)
        truth.append(
            {
                "file_name": path.name,
                "sheet_name": INDUSTRY_SHEET,
                "row_number": str(row),
                "region_code": CHUANJIANG,
                "industry": industry,
                "period_label": label,
                "period_type": span.period_type,
                "period_end": span.end.isoformat(),
                "growth_text": f"{growth:.1f}",
            }
        )
    footnote_row = 4 + len(INDUSTRY_GROWTH) + 1
    sheet.cell(footnote_row, 1, INDUSTRY_FOOTNOTE)
    sheet.merge_cells(f"A{footnote_row}:C{footnote_row}")
    sheet.column_dimensions["A"].width = 14
    return truth
