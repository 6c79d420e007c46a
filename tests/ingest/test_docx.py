"""Bulletins written in Word: a .docx reads as the same text saved as .txt.

Each real text of the shared corpus (skipped where it is absent) is written into a Word
document the way an office writes one: a paragraph per line, the rows of its tables (lines
of cells closed by "|") as a Word table, and the title in the document's properties. The
facts must be those of the text itself.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from ingest.errors import IngestError
from ingest.readers import parse_file
from tests.ingest.layout_variations import fact_set

REPOSITORY = Path(__file__).resolve().parents[2]
TEXTS = Path(os.environ.get("STATSWH_CORPUS", REPOSITORY.parent / "shared" / "corpus")) / "texts"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _table(rows: list[str]) -> str:
    cells = [[cell.strip() for cell in row.strip().rstrip("|").split("|")] for row in rows]
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in cells
    )
    return f"<w:tbl>{body}</w:tbl>"


def write_docx(path: Path, lines: list[str], title: str | None = None) -> Path:
    """A minimal Word package: content types, the main part and its core properties."""
    blocks, table = [], []
    for line in [*lines, ""]:
        if line.rstrip().endswith("|"):
            table.append(line)
            continue
        if table:
            blocks.append(_table(table))
            table = []
        if line:
            blocks.append(_paragraph(line))
    document = f'<w:document xmlns:w="{WORD}"><w:body>{"".join(blocks)}</w:body></w:document>'
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title or '')}</dc:title></cp:coreProperties>"
    )
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("word/document.xml", document)
        package.writestr("docProps/core.xml", core)
    return path


def facts(path: Path) -> set[tuple[object, ...]]:
    return fact_set(parse_file(path).observations)


def corpus_texts() -> list[Path]:
    return sorted(TEXTS.glob("*.txt")) if TEXTS.is_dir() else []


@pytest.mark.skipif(not TEXTS.is_dir(), reason=f"corpus texts not found at {TEXTS}")
@pytest.mark.parametrize("text", corpus_texts(), ids=lambda path: path.stem)
def test_a_real_bulletin_in_word_reads_as_its_text(text: Path, tmp_path: Path) -> None:
    lines = text.read_text(encoding="utf-8").splitlines()
    as_word = write_docx(tmp_path / f"{text.stem}.docx", lines)
    expected = facts(text)
    assert expected, "the text itself gives facts"
    assert facts(as_word) == expected


@pytest.mark.skipif(not TEXTS.is_dir(), reason=f"corpus texts not found at {TEXTS}")
def test_the_title_of_the_properties_stands_in_for_the_file_name(tmp_path: Path) -> None:
    """A Word file named by an office's numbering says what it is in its properties."""
    text = TEXTS / "潘集区2022年国民经济和社会发展统计公报.txt"
    lines = text.read_text(encoding="utf-8").splitlines()
    named = write_docx(tmp_path / "20230315-01.docx", lines, title=text.stem)
    unnamed = write_docx(tmp_path / "20230315-02.docx", lines)
    assert facts(named) == facts(text)
    assert facts(unnamed) != facts(text)


def test_a_table_in_word_is_read_row_by_row(tmp_path: Path) -> None:
    lines = [
        "川江区2023年1-6月主要经济指标",
        "指标 | 单位 | 1-6月 | 同比增长(%) |",
        "地区生产总值 | 亿元 | 152.3 | 6.1 |",
        "社会消费品零售总额 | 亿元 | 61.7 | 8.4 |",
    ]
    read = facts(write_docx(tmp_path / "川江区2023年1-6月主要经济指标.docx", lines))
    assert {(fact[1], fact[4], fact[6]) for fact in read} == {
        ("地区生产总值", 152.3, 6.1),
        ("社会消费品零售总额", 61.7, 8.4),
    }


def test_a_zip_that_is_no_word_document_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "川江区2023年公报.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.txt", "not a document")
    with pytest.raises(IngestError, match=r"川江区2023年公报\.docx.*not a Word document"):
        parse_file(path)
