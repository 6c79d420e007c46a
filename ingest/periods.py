"""Reporting periods: Chinese period labels normalised to a type and a date span.

"1-6月" of 2023 is ytd 2023-01-01..2023-06-30; "6月" is a month; "一季度" a quarter;
"上半年" ytd to June; "前三季度" ytd to September; "全年", "1-12月" and "2016年" the year.
Column headers lose characters on bureau pages ("20221-8", "2024年1- 4"): `header_period_label`
restores them.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = re.compile(r"(\d{4})\s*年")
_YTD = re.compile(r"^1\s*[-－—~至]\s*(\d{1,2})\s*月(份)?$")
# Between two numbers, the dashes and words a range is printed with ("1—3月", "1～3月",
# "1至3月", "1–3月"; NFKC has already made "－" and "～" ASCII).
_RANGE_DASH = re.compile(r"(?<=\d)\s*[—–―~〜至]\s*(?=\d)")
_MONTH = re.compile(r"^(\d{1,2})\s*月(份)?$")
_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])\s*季度$")
_NAMED_YTD = {"上半年": 6, "1-2季度": 6, "前三季度": 9, "1-3季度": 9, "一至三季度": 9}
_FULL_YEAR = {"", "全年", "全年累计", "年度", "1-4季度"}  # "2016年" alone is the year
# Quantities that stand at a moment: livestock on hand (存栏), balances (余额, 存款, 贷款) and
# the number of enterprises or units (限额以上商业企业数), counted at the end of a period.
_STOCK = re.compile(r"存栏|余额|(?<!新增)(?:存款|贷款)$|^(?!新增|新开|新登记).*(?:企业|单位)数$")

PERIOD_TYPES = ("month", "ytd", "quarter", "year")


@dataclass(frozen=True)
class Period:
    """A normalised reporting period."""

    period_type: str
    start: date
    end: date


class UnknownPeriodError(ValueError):
    """Raised for a label that is not a period bureaus publish."""


_BARE_YEAR = re.compile(r"^((?:19|20)\d{2})(年)?$")
_YEAR_GLUED_TO_MONTHS = re.compile(r"^((?:19|20)\d{2})(1-\d{1,2})$")  # "20221-8"
_MONTHS_WITHOUT_SUFFIX = re.compile(r"^((?:19|20)\d{2}年)?(1-\d{1,2}|\d{1,2})$")  # "2024年1-4"


def fold_range_dash(text: str) -> str:
    """ "1—3月", "1～3月" and "1至3月" as "1-3月", the one spelling the period patterns read."""
    return _RANGE_DASH.sub("-", text)


def header_period_label(text: str) -> str:
    """A column header's period as a label parse_period reads: "20221-8" -> "2022年1-8月",
    "2024年1- 4" -> "2024年1-4月", "2016" -> "2016年"; other text is returned folded."""
    label = fold_range_dash(
        unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    )
    if match := _BARE_YEAR.match(label):
        return f"{match.group(1)}年"
    if match := _YEAR_GLUED_TO_MONTHS.match(label):
        return f"{match.group(1)}年{match.group(2)}月"
    if (match := _MONTHS_WITHOUT_SUFFIX.match(label)) and match.group(1):
        return f"{label}月"
    return label


def ytd_label(month: int) -> str:
    """The year-to-date label bureaus print for a month: "1月" for January, else "1-6月"."""
    return "1月" if month == 1 else f"1-{month}月"


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


# Cached: the same few labels repeat on every row of every sheet (Period is immutable).
@functools.lru_cache(maxsize=4096)
def split_year(label: str) -> tuple[int | None, str]:
    """Split "2023年1-6月" into (2023, "1-6月"); a label without a year gives (None, label)."""
    text = unicodedata.normalize("NFKC", label).strip()
    match = _YEAR.search(text)
    if match is None:
        return None, text
    return int(match.group(1)), (text[: match.start()] + text[match.end() :]).strip()


@functools.lru_cache(maxsize=4096)
def parse_period(label: str, default_year: int | None = None) -> Period:
    """Normalise a period label; the year comes from the label or, failing that, default_year."""
    year, rest = split_year(label)
    year = year or default_year
    if year is None:
        raise UnknownPeriodError(f"period {label!r} has no year")
    if rest in _FULL_YEAR:
        return Period("year", date(year, 1, 1), date(year, 12, 31))
    if rest in _NAMED_YTD:
        return Period("ytd", date(year, 1, 1), month_end(year, _NAMED_YTD[rest]))
    if match := _YTD.match(rest):
        last = int(match.group(1))
        if not 1 <= last <= 12:
            raise UnknownPeriodError(f"period {label!r} names month {last}")
        period_type = "year" if last == 12 else "ytd"
        return Period(period_type, date(year, 1, 1), month_end(year, last))
    if match := _MONTH.match(rest):
        month = int(match.group(1))
        if not 1 <= month <= 12:
            raise UnknownPeriodError(f"period {label!r} names month {month}")
        return Period("month", date(year, month, 1), month_end(year, month))
    if match := _QUARTER.match(rest):
        quarter = _CHINESE_NUMERALS[match.group(1)]
        first = 3 * quarter - 2
        return Period("quarter", date(year, first, 1), month_end(year, first + 2))
    raise UnknownPeriodError(f"{label!r} is not a period label this reader knows")


def is_stock(quantity: str) -> bool:
    """Whether a quantity is a stock: within a year its figure is the one at the end of the last
    month, never a sum over the months ("1-3月累计" of 企业数 is the number at the end of March)."""
    return bool(_STOCK.search(quantity))
