"""Narrative documents (.txt, .html, .docx) as paragraphs of plain text.

Bureaus send bulletins as plain text, as the HTML page they published (UTF-8 or GBK), or
as the Word document they wrote them in. HTML is reduced to its visible text with the
stdlib parser (no script or style content, block elements become paragraph breaks); a
.docx to its paragraphs and table rows (cells between "|"), after the same zip checks as a
workbook; nothing in the file is ever evaluated. A page saved from a bureau's site carries
page furniture around the text (breadcrumbs, an 索引号 block, 发布时间 and 浏览次数 lines, print
buttons, the site's footer): `is_furniture` tells those lines from the document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from ingest.encoding import UndecodableError, decode
from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits, check_zip_package
from ingest.numbers import NotANumberError, parse_text

HTML_SUFFIXES = frozenset({".html", ".htm"})
DOCX_SUFFIX = ".docx"

# Elements whose start or end begins a new paragraph.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "title", "tr", "ul",
    }
)  # fmt: skip
# Elements whose content is never text of the document (the <title> is kept apart).
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "title"})
_CELL_TAGS = frozenset({"td", "th"})


class _VisibleText(HTMLParser):
    """Collects the text a browser would show, with a line break at every block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._hidden_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        if tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if tag in _HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data.strip()
        if not self._hidden_depth:
            # Line breaks inside a paragraph's source are layout, not paragraph breaks.
            self.parts.append(data.replace("\r", "").replace("\n", ""))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one paragraph per line."""
    return _parse_html(html).text


@dataclass(frozen=True)
class Document:
    """The paragraphs of a text, and the <title> of the page it was saved from (or the
    title a Word document's properties give), if any."""

    paragraphs: list[str]
    html_title: str | None = None


@dataclass(frozen=True)
class _Page:
    text: str
    title: str | None


def _parse_html(html: str) -> _Page:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return _Page("".join(parser.parts), parser.title or None)


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, without the indentation (often ideographic spaces) bulletins use."""
    paragraphs = (line.replace("\xa0", " ").strip(" \t\u3000") for line in text.splitlines())
    return [paragraph for paragraph in paragraphs if paragraph]


# A text saved from a page laid out at a fixed width (a PDF) breaks its sentences at the
# width: "…一般公共预算收" / "入32.83亿元". Such lines are as wide as each other (a CJK
# character is two columns, a digit or a comma one) and end without a sentence's end.
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "：", ":")
_WRAP_MIN_COLUMNS = 40
_WRAP_TOLERANCE = 3
_WRAPPED_LINES_MIN = 3


def unwrapped(paragraphs: list[str]) -> list[str]:
    """The paragraphs with lines broken at a fixed width joined to the line they continue."""
    widths = [_columns(p) if _may_be_wrapped(p) else 0 for p in paragraphs]
    candidates = [width for width in widths if width >= _WRAP_MIN_COLUMNS]
    width = max(
        candidates,
        key=lambda w: sum(abs(other - w) <= _WRAP_TOLERANCE for other in candidates),
        default=0,
    )
    if sum(abs(other - width) <= _WRAP_TOLERANCE for other in candidates) < _WRAPPED_LINES_MIN:
        return paragraphs
    result: list[str] = []
    joined = False
    for paragraph, columns in zip(paragraphs, widths, strict=True):
        if joined:
            result[-1] += paragraph
        else:
            result.append(paragraph)
        # a line far longer than the width was not broken at it: a paragraph of its own
        joined = abs(columns - width) <= _WRAP_TOLERANCE
    return result


def _may_be_wrapped(paragraph: str) -> bool:
    return not paragraph.endswith(_SENTENCE_ENDS) and CELL_SEPARATOR not in paragraph


def _columns(text: str) -> int:
    return sum(1 if ord(character) < 0x2E80 else 2 for character in text)


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """The paragraphs (and title) of a .txt, .html or .docx file; IngestError if it is not
    text we can decode."""
    if path.suffix.lower() == DOCX_SUFFIX:
        return _read_docx(path, limits)
    try:
        text = decode(path.read_bytes()).text
    except UndecodableError as error:
        raise IngestError(path.name, str(error)) from error
    if path.suffix.lower() not in HTML_SUFFIXES:
        return Document(split_paragraphs(text))
    page = _parse_html(text)
    return Document(split_paragraphs(page.text), page.title)


_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_BODY = "word/document.xml"
_DOCX_PROPERTIES = "docProps/core.xml"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _read_docx(path: Path, limits: Limits) -> Document:
    """A Word document's paragraphs in order, each table row as one line of cells closed by
    "|" (the shape `one_cell_per_line` reads), and the title of its properties."""
    wanted = (_DOCX_BODY, _DOCX_PROPERTIES)
    parts = check_zip_package(path, limits, keep=lambda name: name in wanted)
    if _DOCX_BODY not in parts:
        raise IngestError(path.name, f"not a Word document: no {_DOCX_BODY} in the package")
    try:
        body = ElementTree.fromstring(parts[_DOCX_BODY]).find(f"{_WORD}body")
        properties = parts.get(_DOCX_PROPERTIES)
        title = ElementTree.fromstring(properties).findtext(_DC_TITLE) if properties else None
    except ElementTree.ParseError as error:
        raise IngestError(path.name, f"not a readable Word document ({error})") from error
    lines = [line for block in (body if body is not None else []) for line in _docx_lines(block)]
    return Document(split_paragraphs("\n".join(lines)), (title or "").strip() or None)


def _docx_lines(block: ElementTree.Element) -> list[str]:
    """The lines of a body element: a paragraph (its line breaks kept), a table's rows, or
    the blocks inside a content control."""
    if block.tag == f"{_WORD}p":
        return _docx_text(block).split("\n")
    if block.tag == f"{_WORD}tbl":
        return [
            " | ".join(_docx_text(cell).replace("\n", "") for cell in row.iter(f"{_WORD}tc")) + " |"
            for row in block.iter(f"{_WORD}tr")
        ]
    if block.tag == f"{_WORD}sdt" and (content := block.find(f"{_WORD}sdtContent")) is not None:
        return [line for inner in content for line in _docx_lines(inner)]
    return []


def _docx_text(element: ElementTree.Element) -> str:
    """The text of a paragraph or cell: its runs' text, a tab as a space, a break as a
    line break (the paragraphs of a cell run together)."""
    parts = []
    for node in element.iter():
        if node.tag == f"{_WORD}t":
            parts.append(node.text or "")
        elif node.tag == f"{_WORD}tab":
            parts.append(" ")
        elif node.tag in (f"{_WORD}br", f"{_WORD}cr"):
            parts.append("\n")
    return "".join(parts)


# Page furniture: lines a saved page carries around the document's own text. A line is
# furniture when it opens with one of these labels (breadcrumbs, the 索引号 block, the
# dateline, buttons, the footer) or holds one of the site marks below anywhere.
_FURNITURE_OPENING = re.compile(
    r"^\s*(?:#\s*source|https?://|首\s*页|您好|您(?:当前)?所在(?:的)?位置|您的位置|当前位置|"
    r"索引号|发布机构|公开日期|发文日期|成文日期|生成日期|主题分类|公开方式|公开范围|发布文号|文号|"
    r"有效性|信息来源|(?:发布)?(?:时间|日期)[:：]|发布(?:时间|日期)|更新时间|来源|作者|浏览|阅读|点击|字号|字体|【(?![^】]*\d{4})|打印|关闭|"
    r"主办单位|承办单位|协办单位|技术支持|联系电话|联系我们|办公地址|网站地图|网站标识码|"
    r"上一(?:条|篇)|下一(?:条|篇)|扫一扫|分享到|收藏|责任编辑|"
    # a site's header: its greeting with today's date, its buttons and search box
    r"今天是|欢迎(?:光临|访问|您)|设为(?:首页|主页)|加入收藏|站内搜索)"
)
# A news site's call for tips ("如果您有好的新闻线索欢迎拨打…新闻热线…") is furniture too.
_FURNITURE_MARK = re.compile(
    r"ICP备|公网安备|浏览次数|浏览量|阅读次数|扫一扫|【\s*打印|【?\s*关闭|新闻线索|新闻热线|报料热线"
)
_FURNITURE_MAX_CHARS = 120  # not counting web addresses, as long as the site makes them
# A web address; its percent-escapes (%E4%B9…) are no percentages.
ADDRESS = re.compile(r"https?://\S+")
# A reporter's byline on a line of its own ("川江日报记者 王小明", "本报记者 李华 通讯员 张强"):
# the paper's name in it is no region of the document.
_BYLINE = re.compile(
    r"^\s*[(（]?[^\s,，。:：]{0,12}(?:记者|通讯员|见习记者)\s*"
    r"[\u4e00-\u9fff]{2,4}(?:[\s、,，]+(?:(?:记者|通讯员)\s*)?[\u4e00-\u9fff]{2,4})*\s*[)）]?\s*$"
)


# A photo's caption on a saved news page, closed by its credit ("…记者王小明摄", "本报资料图片"):
# what the photo shows (a road, a site), not the region's figures.
_CAPTION_CREDIT = re.compile(
    r"(?:(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff]{2,4}\s*摄|资料图片)\s*[)）]?\s*$"
)
# …or opened by its mark ("资料图 <what it shows>", "图为…"), on a line of its own.
_CAPTION_MARK = re.compile(r"^\s*(?:资料图|现场图|图为)")


def is_furniture(paragraph: str) -> bool:
    """True for a line of the page around the document (breadcrumbs, dateline, footer), or
    a photo's caption."""
    if _CAPTION_CREDIT.search(paragraph):
        return True
    if len(ADDRESS.sub("", paragraph)) > _FURNITURE_MAX_CHARS or paragraph.endswith("。"):
        return False
    return bool(
        _FURNITURE_OPENING.match(paragraph)
        or _CAPTION_MARK.match(paragraph)
        or _FURNITURE_MARK.search(paragraph)
        or _BYLINE.match(paragraph)
    )


# A table a page was saved from, flattened to one cell per line with a lone "|" between
# cells ("指标", "|", "绝对数", "|", "生产总值", "|", "295.4" ...).
CELL_SEPARATOR = "|"
_MIN_SEPARATORS = 3
_CELL_MAX_CHARS = 40
_MIN_BARE_ROWS = 2


def flattened_tables(paragraphs: list[str]) -> list[list[int]]:
    """The flattened tables among the paragraphs: for each, the 0-based indexes of its cells
    in order (the title or unit line just above the first "|" included)."""
    separators = [i for i, paragraph in enumerate(paragraphs) if paragraph == CELL_SEPARATOR]
    runs: list[list[int]] = []
    for index in separators:
        if runs and index - runs[-1][-1] == 2:
            runs[-1].append(index)
        else:
            runs.append([index])
    tables = []
    for run in runs:
        if len(run) < _MIN_SEPARATORS:
            continue
        cells = [index + 1 for index in run[:-1]]
        for edge in (run[0] - 1, run[-1] + 1):
            if 0 <= edge < len(paragraphs) and _is_cell(paragraphs[edge]):
                cells.append(edge)
        tables.append(sorted(cells))
    return tables


# The same table saved a row per line ("粮食 | 143972 |") or a cell per line, each cell
# closed by "|" and each row by a lone "|" ("全市总人口 |", "506427 |", "|").
_ROW_LINE = re.compile(r"\|\s*$")


def one_cell_per_line(paragraphs: list[str]) -> list[str]:
    """The paragraphs with every run of lines closed by "|" that holds a number rewritten
    as one cell per line with a lone "|" between cells, the shape `flattened_tables` reads;
    a run without a number (an 索引号 block) is kept as printed. A table saved a cell per
    line with no bars at all is given its bars first (`_barred`)."""
    result: list[str] = []
    run: list[str] = []
    for paragraph in [*_barred(paragraphs), ""]:
        if _ROW_LINE.search(paragraph):
            run.append(paragraph)
            continue
        cells = [cell.strip() for line in run for cell in line.split(CELL_SEPARATOR)]
        cells = [cell for cell in cells if cell]
        if any(_is_number(cell) for cell in cells):
            result.extend(line for cell in cells for line in (cell, CELL_SEPARATOR))
            result.pop()
        else:
            result.extend(run)
        run = []
        result.append(paragraph)
    return result[:-1]


def _barred(paragraphs: list[str]) -> list[str]:
    """The paragraphs with each table saved a cell per line without any "|" ("指标",
    "绝对数(亿元)", "比上年增长(%)", "地区生产总值", "589.0", "8.1", …) rewritten with a lone
    "|" between its cells. Such a table is a run of short lines in which at least two rows,
    each a label and the same number of numbers, follow as many header cells as a row has;
    lines above the header (the table's title) stay as printed."""
    result: list[str] = []
    start = 0
    while start < len(paragraphs):
        end = start
        while end < len(paragraphs) and _is_bare_cell(paragraphs[end]):
            end += 1
        if end == start:
            result.append(paragraphs[start])
            start += 1
            continue
        run = paragraphs[start:end]
        if table := _bare_table(run):
            first, last = table
            result.extend(run[:first])
            result.extend(line for cell in run[first:last] for line in (cell, CELL_SEPARATOR))
            result.pop()
            result.extend(run[last:])
        else:
            result.extend(run)
        start = end
    return result


def _bare_table(run: list[str]) -> tuple[int, int] | None:
    """Where the table of a run of short lines begins (its header) and ends, or None."""
    numbers = [_is_number(line) for line in run]
    label = next((i for i in range(len(run) - 1) if not numbers[i] and numbers[i + 1]), None)
    if label is None:
        return None
    width = 0
    while label + 1 + width < len(run) and numbers[label + 1 + width]:
        width += 1
    end, rows = label, 0
    while end + width < len(run) and not numbers[end] and all(numbers[end + 1 : end + 1 + width]):
        if end + 1 + width < len(run) and numbers[end + 1 + width]:
            break  # a row wider than the first: not this table's shape
        end, rows = end + 1 + width, rows + 1
    header = label - (width + 1)
    if rows < _MIN_BARE_ROWS or header < 0 or any(numbers[header:label]):
        return None
    return header, end


def _is_bare_cell(paragraph: str) -> bool:
    return CELL_SEPARATOR not in paragraph and _is_cell(paragraph) and paragraph.strip() != ""


def _is_number(cell: str) -> bool:
    try:
        return parse_text(cell) is not None
    except NotANumberError:
        return False


def _is_cell(paragraph: str) -> bool:
    return (
        paragraph != CELL_SEPARATOR
        and len(paragraph) <= _CELL_MAX_CHARS
        and not paragraph.endswith(("。", ";", "；"))
    )
