"""Narrative documents (.txt, .html) as paragraphs of plain text.

Bureaus send bulletins as plain text or as the HTML page they published, in
UTF-8 or GBK. HTML is reduced to its visible text with the stdlib parser (no
script or style content, block elements become paragraph breaks); nothing in the
file is ever evaluated.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ingest.encoding import UndecodableError, decode
from ingest.errors import IngestError

HTML_SUFFIXES = frozenset({".html", ".htm"})

# Elements whose start or end begins a new paragraph.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "title", "tr", "ul",
    }
)  # fmt: skip
# Elements whose content is never text of the document.
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
_CELL_TAGS = frozenset({"td", "th"})


class _VisibleText(HTMLParser):
    """Collects the text a browser would show, with a line break at every block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
        if tag in _HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            # Line breaks inside a paragraph's source are layout, not paragraph breaks.
            self.parts.append(data.replace("\r", "").replace("\n", ""))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one paragraph per line."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, without the indentation (often ideographic spaces) bulletins use."""
    paragraphs = (line.replace("\xa0", " ").strip(" \t\u3000") for line in text.splitlines())
    return [paragraph for paragraph in paragraphs if paragraph]


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a .txt or .html file; IngestError if it is not text we can decode."""
    try:
        text = decode(path.read_bytes()).text
    except UndecodableError as error:
        raise IngestError(path.name, str(error)) from error
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    return split_paragraphs(text)
