"""Published figures: numbers as bureaus write them, with the decimals they show.

The decimals matter: the data-quality rules reason about the rounding of every
published figure, so 3.0 and 3 are different facts (±0.05 vs ±0.5).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DASH = "—"
"""The not-available mark bureaus print most, and the one the sample files print."""
# Marks bureaus use for "not available".
NOT_AVAILABLE = frozenset(
    {"", DASH, "——", "―", "-", "--", "－", "…", "……", "...", "/", "x", "X", "*"}
)

_NUMBER = re.compile(r"^[+-]?(\d+)(?:\.(\d+))?$")
# Thousands separators only between groups of three digits: "3,2" is a decimal comma, not 32.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_FORMAT_DECIMALS = re.compile(r"\.([0#?]+)")
_MULTIPLE = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*倍\s*$")
CIRCLED_NUMBERS = dict.fromkeys(range(0x2460, 0x2474))  # ① to ⑳, deleted by str.translate
# A mark after a figure pointing to a note ("152.3*", "8.2[1]", "6.1①"): not part of it.
_FIGURE_NOTE = re.compile(r"(?<=\d)(\*+|\[\d{1,2}\])$")


@dataclass(frozen=True)
class Figure:
    """A published number and how many decimals it was published with."""

    value: float
    decimals: int


class NotANumberError(ValueError):
    """Raised for text that is neither a number nor a not-available mark."""


def parse_text(text: str) -> Figure | None:
    """Parse a figure written as text ("1,234.5", "１６１．５", "3.0%"); None if not available."""
    cleaned = unicodedata.normalize("NFKC", text.translate(CIRCLED_NUMBERS))
    cleaned = _FIGURE_NOTE.sub("", cleaned.strip().replace("\u2212", "-").replace(" ", ""))
    cleaned = cleaned.removesuffix("%")
    if cleaned in NOT_AVAILABLE:
        return None
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    match = _NUMBER.match(cleaned)
    if match is None:
        raise NotANumberError(f"{text!r} is not a number")
    decimals = len(match.group(2) or "")
    return Figure(round(float(cleaned), decimals), decimals)


# Cached: the same labels and marks are asked about on every row of every sheet.
@functools.lru_cache(maxsize=65536)
def is_figure_text(text: str, growth: bool = False) -> bool:
    """Whether text reads as a figure ("１６１．５", "3.0%"; as a growth also "1.6倍"), not a
    label or a not-available mark."""
    try:
        return (parse_growth_cell(text) if growth else parse_text(text)) is not None
    except NotANumberError:
        return False


def parse_growth_cell(value: object, number_format: str | None = None) -> Figure | None:
    """A growth cell: as parse_cell, and "1.6倍" (grown by 1.6 times) is 160.0 per cent."""
    if isinstance(value, str) and (match := _MULTIPLE.match(unicodedata.normalize("NFKC", value))):
        times = match.group(1)
        decimals = max(len(times.partition(".")[2]) - 2, 0)
        return Figure(round_as_shown(float(times) * 100, decimals), decimals)
    return parse_cell(value, number_format)


# Cached: a workbook uses a handful of number formats for thousands of cells.
@functools.lru_cache(maxsize=1024)
def decimals_of_format(number_format: str | None) -> int | None:
    """Decimals shown by an Excel number format such as '0.0' or '#,##0.00'.

    None for General and Text ('@'), which show the value as it is.
    """
    if not number_format or number_format in ("General", "@"):
        return None
    first_section = number_format.split(";")[0]
    match = _FORMAT_DECIMALS.search(first_section)
    return len(match.group(1)) if match else 0


def decimals_format(decimals: int) -> str:
    """The Excel number format that shows this many decimals: "0", "0.0", "0.00"."""
    return "0." + "0" * decimals if decimals else "0"


def parse_cell(value: object, number_format: str | None = None) -> Figure | None:
    """Parse a spreadsheet cell: numeric cells take their decimals from the number format."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotANumberError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
        # 0.0 and -0.0 are one key of the cache, but not one figure: a zero is read afresh.
        return (
            _cached_number_figure(number, number_format)
            if number
            else _number_figure(number, number_format)
        )
    return parse_text(str(value))


def _number_figure(number: float, number_format: str | None) -> Figure:
    """A numeric cell's figure, with the decimals of its number format."""
    if _is_percent_format(number_format):
        number *= 100  # 0.03 shown as 3.0% is published as 3.0 (per cent)
    decimals = decimals_of_format(number_format)
    if decimals is None:
        decimals = _decimals_of_repr(number)
    return Figure(round_as_shown(number, decimals), decimals)


# Growth rates, ranks and many levels repeat across rows and sheets (7 in 10 numeric cells
# of the benchmark's workbooks), and a Figure is immutable, so one serves them all.
_cached_number_figure = functools.lru_cache(maxsize=65536)(_number_figure)


@functools.lru_cache(maxsize=1024)
def _is_percent_format(number_format: str | None) -> bool:
    return bool(number_format) and "%" in number_format.split(";")[0]


def round_half_up(value: float | Decimal, decimals: int) -> float:
    """Round the exact value half up, as bureaus do (Python's round() is half-even).

    A float counts at its shortest repr; pass a Decimal for a ratio computed exactly
    (12.75 as a float may be 12.7499999).
    """
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def round_as_shown(number: float, decimals: int) -> float:
    """The number as a spreadsheet shows it with this many decimals: from its 15 significant
    digits, halves away from zero (80.25 in a '0.0' cell shows 80.3, where Python's round
    gives 80.2; 0.0345 as '0.0%' shows 3.5, though 0.0345 x 100 is 3.4499999999999997)."""
    digits = format(number, ".15g")
    if "e" not in digits and len(digits.partition(".")[2]) <= decimals:
        return float(digits)  # already shown as it is: nothing to round (the common case)
    return round_half_up(Decimal(digits), decimals)


def _decimals_of_repr(value: float) -> int:
    """Decimals of the shortest representation, as Excel's General format shows it."""
    text = format(value, ".15g")
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".")[1])
