"""What every sample file shares: reproducible saving, styled headers, the truth CSV writer."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

# Fixed stamps so that repeated runs give byte-identical files.
FIXED_TIMESTAMP = datetime(2024, 1, 31, 9, 0, 0)
ZIP_DATE_TIME = (2024, 1, 31, 9, 0, 0)


def require(condition: bool, message: str) -> None:
    """Stop generation when a design guarantee of the sample no longer holds."""
    if not condition:
        raise RuntimeError(f"sample data design broken: {message}")


def release_date(year: int, month: int, day: int = 15) -> date:
    """A month's figures are released in the following month."""
    return date(year + month // 12, month % 12 + 1, day)


def write_title(sheet: Worksheet, title: str, last_column: str) -> None:
    """A bold title in row 1, merged across the table's width."""
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A1:{last_column}1")


def style_header(sheet: Worksheet, cell_range: str) -> None:
    for row in sheet[cell_range]:
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def save_workbook(workbook: Workbook, path: Path, creator: str, title: str) -> Path:
    """Save with fixed timestamps (openpyxl stamps the wall clock into the zip otherwise)."""
    workbook.properties.creator = creator
    workbook.properties.title = title
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.properties.modified = FIXED_TIMESTAMP
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, unlike Workbook.save, keeps our fixed modified timestamp.
        ExcelWriter(workbook, archive).save()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry))
    return path


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    """A ground-truth table: UTF-8, one header line, "\\n" line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path
