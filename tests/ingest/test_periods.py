"""Chinese period labels normalised to a period type and a date span."""

from datetime import date

import pytest

from ingest.periods import (
    Period,
    UnknownPeriodError,
    header_period_label,
    parse_period,
    split_year,
)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("1-6月", Period("ytd", date(2023, 1, 1), date(2023, 6, 30))),
        ("6月", Period("month", date(2023, 6, 1), date(2023, 6, 30))),
        ("一季度", Period("quarter", date(2023, 1, 1), date(2023, 3, 31))),
        ("二季度", Period("quarter", date(2023, 4, 1), date(2023, 6, 30))),
        ("上半年", Period("ytd", date(2023, 1, 1), date(2023, 6, 30))),
        ("前三季度", Period("ytd", date(2023, 1, 1), date(2023, 9, 30))),
        ("全年", Period("year", date(2023, 1, 1), date(2023, 12, 31))),
        ("1-12月", Period("year", date(2023, 1, 1), date(2023, 12, 31))),
    ],
)
def test_label_with_default_year(label: str, expected: Period) -> None:
    assert parse_period(label, default_year=2023) == expected


def test_year_in_the_label_wins_over_the_default() -> None:
    assert parse_period("2023年1-6月", default_year=2019) == Period(
        "ytd", date(2023, 1, 1), date(2023, 6, 30)
    )


def test_label_with_its_own_year_needs_no_default() -> None:
    assert parse_period("2022年全年") == Period("year", date(2022, 1, 1), date(2022, 12, 31))


def test_full_width_digits_and_dash() -> None:
    assert parse_period("１－６月", default_year=2023) == Period(
        "ytd", date(2023, 1, 1), date(2023, 6, 30)
    )


@pytest.mark.parametrize(
    ("label", "end"),
    [("2月", date(2024, 2, 29)), ("1-2月", date(2024, 2, 29))],
)
def test_february_ends_on_the_29th_in_a_leap_year(label: str, end: date) -> None:
    assert parse_period(label, default_year=2024).end == end
    assert parse_period(label, default_year=2023).end == date(2023, 2, 28)


def test_split_year() -> None:
    assert split_year("2023年1-6月") == (2023, "1-6月")
    assert split_year("上半年") == (None, "上半年")


def test_a_year_alone_is_the_whole_year() -> None:
    # Yearbook tables head their columns with the year only (2000, 2005, ... 2014).
    assert parse_period("2016年") == Period("year", date(2016, 1, 1), date(2016, 12, 31))


@pytest.mark.parametrize("label", ["下半年", "13月", "1-13月", "五季度", "合计"])
def test_unknown_labels_raise(label: str) -> None:
    with pytest.raises(UnknownPeriodError):
        parse_period(label, default_year=2023)


def test_missing_year_raises() -> None:
    with pytest.raises(UnknownPeriodError, match="no year"):
        parse_period("1-6月")


@pytest.mark.parametrize("printed", ["1—3月", "1～3月", "1至3月", "1–3月", "1 — 3月"])
def test_a_range_printed_with_another_dash_is_one_period(printed: str) -> None:
    assert header_period_label(printed) == "1-3月"
    assert parse_period(header_period_label(printed), 2024) == parse_period("1-3月", 2024)
