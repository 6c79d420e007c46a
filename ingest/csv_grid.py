"""CSV files as grids, so that the sheet shapes read them exactly like a workbook sheet.

Bureaus export the same tables as CSV, in UTF-8, GBK or GB18030 (never labelled), with
commas, tabs or semicolons between fields. The encoding is detected (`ingest.encoding`),
the delimiter sniffed, and every field kept as text: a figure's decimals are those written
("3.0" is one decimal), as a published figure's should be.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from ingest.encoding import UndecodableError, decode
from ingest.errors import IngestError
from ingest.limits import Limits
from ingest.workbook import EMPTY, Cell, Sheets, counted_grids

DELIMITERS = (",", "\t", ";")
SNIFF_CHARS = 64 * 1024  # the delimiter is decided on the first 64k characters


def read_csv(path: Path, limits: Limits) -> Sheets:
    """One grid named after the file (without suffix); nothing is ever skipped."""
    try:
        text = decode(path.read_bytes()).text
    except UndecodableError as error:
        raise IngestError(path.name, str(error)) from error
    try:
        delimiter = sniff_delimiter(text[:SNIFF_CHARS])
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = ([Cell(field) if field.strip() else EMPTY for field in record] for record in records)
        grids = counted_grids(path.name, [(path.stem, rows)], limits)
    except csv.Error as error:
        raise IngestError(path.name, f"not a readable CSV file ({error})") from error
    return grids, {}


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same number (≥ 2) of fields.

    Titles and footnotes have no delimiter, and a comma inside "1,234.5" splits only some
    lines, so the consistent field count of the table body decides; ties go to the comma.
    """

    def score(delimiter: str) -> tuple[int, int]:
        widths = Counter(
            len(record)
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            if len(record) > 1
        )
        if not widths:
            return 0, 0
        width, lines = widths.most_common(1)[0]
        return lines, width

    return max(DELIMITERS, key=score)
