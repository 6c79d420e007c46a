"""A minimal streaming .xlsx writer: SpreadsheetML laid out the way Excel saves it.

Why not openpyxl's write-only mode: measured on this machine it writes about 14,000
five-cell rows a second (its XML goes through a pure-Python serialiser), which makes the
national scale (68 million rows) hours of generation. Writing the XML directly is over
ten times faster. The files follow Excel's own layout (shared strings, number formats in
styles.xml, merged title and header cells), so readers parse what they parse in bureau
files; the smoke test reads them back with openpyxl and python-calamine.
Output is byte-identical across runs: fixed zip timestamps, fixed document properties.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ZIP_DATE_TIME = (2024, 1, 31, 9, 0, 0)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell styles (indices into cellXfs below): what a bureau workbook uses.
TITLE, HEADER, INTEGER, ONE_DECIMAL, TWO_DECIMALS = 1, 2, 3, 4, 5
DECIMAL_STYLES = {0: INTEGER, 1: ONE_DECIMAL, 2: TWO_DECIMALS}
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font>'
    '<font><b/><sz val="14"/><name val="宋体"/><charset val="134"/></font>'
    '<font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment horizontal="center"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# A cell: text, a number with its style, or None (left empty).
Value = str | float | int | None


@dataclass(frozen=True)
class Number:
    """A numeric cell shown with a number format (the decimals a reader must recover)."""

    value: float | int
    style: int


@dataclass
class Sheet:
    """One worksheet: rows of cells, merged ranges and column widths."""

    name: str
    rows: list[Sequence[Value | Number]] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    widths: Sequence[float] = ()
    styled_rows: dict[int, int] = field(default_factory=dict)  # row number -> text style


class _SharedStrings:
    """Excel stores each distinct text once and cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def ref(self, text: str) -> int:
        self.count += 1
        position = self.index.get(text)
        if position is None:
            position = self.index[text] = len(self.index)
        return position

    def xml(self) -> str:
        items = "".join(f"<si><t>{escape(text)}</t></si>" for text in self.index)
        return (
            f'{_HEADER}<sst xmlns="{_MAIN}" count="{self.count}" '
            f'uniqueCount="{len(self.index)}">{items}</sst>'
        )


_COLUMNS = [chr(ord("A") + i) for i in range(26)]


def _sheet_xml(sheet: Sheet, strings: _SharedStrings) -> str:
    parts = [f'{_HEADER}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">']
    width = max((len(row) for row in sheet.rows), default=1)
    parts.append(f'<dimension ref="A1:{_COLUMNS[width - 1]}{max(len(sheet.rows), 1)}"/>')
    if sheet.widths:
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(sheet.widths, start=1)
        )
        parts.append(f"<cols>{cols}</cols>")
    parts.append("<sheetData>")
    for number, row in enumerate(sheet.rows, start=1):
        text_style = sheet.styled_rows.get(number)
        text_attr = f' s="{text_style}"' if text_style else ""
        cells = []
        for column, value in zip(_COLUMNS, row, strict=False):
            if value is None:
                continue
            ref = f"{column}{number}"
            if isinstance(value, Number):
                cells.append(f'<c r="{ref}" s="{value.style}"><v>{value.value!r}</v></c>')
            else:
                cells.append(f'<c r="{ref}"{text_attr} t="s"><v>{strings.ref(value)}</v></c>')
        if cells:
            parts.append(f'<row r="{number}">{"".join(cells)}</row>')
    parts.append("</sheetData>")
    if sheet.merged:
        merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in sheet.merged)
        parts.append(f'<mergeCells count="{len(sheet.merged)}">{merged}</mergeCells>')
    parts.append(
        '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
    )
    parts.append("</worksheet>")
    return "".join(parts)


def write_workbook(path: Path, sheets: list[Sheet], *, creator: str, title: str) -> int:
    """Write the sheets as one .xlsx file; return its size in bytes."""
    strings = _SharedStrings()
    sheet_parts = [_sheet_xml(sheet, strings) for sheet in sheets]
    names = [sheet.name for sheet in sheets]
    n = len(sheet_parts)
    content_types = (
        f'{_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        + '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    root_rels = (
        f'{_HEADER}<Relationships xmlns="{_PKG_REL}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    core = (
        f"{_HEADER}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-31T09:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-31T09:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        f'{_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>Microsoft Excel</Application></Properties>'
    )
    workbook = (
        f'{_HEADER}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        + "".join(
            f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(names, start=1)
        )
        + "</sheets></workbook>"
    )
    sheet_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    workbook_rels = (
        f'{_HEADER}<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{sheet_rel}" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    parts = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("docProps/app.xml", app),
        ("docProps/core.xml", core),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/styles.xml", f"{_HEADER}{_STYLES}"),
        *((f"xl/worksheets/sheet{i}.xml", xml) for i, xml in enumerate(sheet_parts, start=1)),
        ("xl/sharedStrings.xml", strings.xml()),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))
    temporary.replace(path)
    return path.stat().st_size
