"""Shared helpers for the ingest tests: tiny workbooks written with openpyxl, one sample set.

The helpers reach the tests as fixtures (conftest modules are not meant to be imported).
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from samples import generate_sample

Rows = list[list[object]]

# The usual indicator-table layout: title, header, then one row per indicator.
TITLE = "川江区主要经济指标(2023年1-6月)"
HEADER = ["指标名称", "时期", "数值", "单位", "比上年同期增长(%)"]


def write_xlsx(
    path: Path,
    rows: Rows,
    *,
    sheet: str = "川江区",
    number_formats: dict[str, str] | None = None,
    merged: list[str] | None = None,
    other_sheets: dict[str, Rows] | None = None,
) -> Path:
    """Write `rows` as one sheet (cell formats like {"C3": "0.0"}, merges like ["A1:E1"])."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    for cell, number_format in (number_formats or {}).items():
        worksheet[cell].number_format = number_format
    for cell_range in merged or []:
        worksheet.merge_cells(cell_range)
    for name, extra_rows in (other_sheets or {}).items():
        extra = workbook.create_sheet(name)
        for row in extra_rows:
            extra.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def table(*data_rows: list[object], title: str = TITLE, header: list[str] = HEADER) -> Rows:
    """An indicator table: title in row 1, header in row 2, data from row 3."""
    return [[title], list(header), *[list(row) for row in data_rows]]


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """write_xlsx with the file placed in tmp_path: xlsx("a.xlsx", rows, sheet=...)."""

    def make(file_name: str, rows: Rows, **options: object) -> Path:
        return write_xlsx(tmp_path / file_name, rows, **options)

    return make


@pytest.fixture
def table_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """An indicator-table workbook in tmp_path: table_xlsx("a.xlsx", [row], ..., title=...).

    Data rows start at Excel row 3; `title`/`header` change those rows, other keyword
    arguments go to write_xlsx.
    """

    def make(
        file_name: str,
        *data_rows: list[object],
        title: str = TITLE,
        header: list[str] = HEADER,
        **options: object,
    ) -> Path:
        rows = table(*data_rows, title=title, header=header)
        return write_xlsx(tmp_path / file_name, rows, **options)

    return make


@pytest.fixture(scope="session")
def sample_landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated monthly report workbooks (written once per test session)."""
    root = tmp_path_factory.mktemp("sample")
    generate_sample(root / "landing", root / "truth")
    return root / "landing"


@pytest.fixture(scope="session")
def sample_truth(sample_landing: Path) -> Path:
    return sample_landing.parent / "truth"


@pytest.fixture(scope="session")
def sample_report(sample_landing: Path) -> Callable[[int, int], Path]:
    """The generated report of a month: sample_report(2022, 12)."""

    def path(year: int, month: int) -> Path:
        folder = sample_landing / f"{year}-{month:02d}"
        return folder / f"周口市县区主要经济指标_{year}年{month:02d}月.xlsx"

    return path
