"""Published figures: text and numeric cells keep the decimals they were published with."""

from decimal import Decimal

import pytest

from ingest.numbers import (
    Figure,
    NotANumberError,
    decimals_of_format,
    parse_cell,
    parse_text,
    round_as_shown,
    round_half_up,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("161.5", Figure(161.5, 1)),
        ("１６１．５", Figure(161.5, 1)),
        ("1,234.50", Figure(1234.5, 2)),
        ("１２，３４５，６７８", Figure(12345678.0, 0)),
        ("-1,234", Figure(-1234.0, 0)),
        ("3.0%", Figure(3.0, 1)),
        ("-3.2", Figure(-3.2, 1)),
        (" 52345 ", Figure(52345.0, 0)),
    ],
)
def test_parse_text(text: str, expected: Figure) -> None:
    assert parse_text(text) == expected


def test_trailing_zero_is_a_different_fact() -> None:
    assert parse_text("3.0").decimals == 1
    assert parse_text("3").decimals == 0


@pytest.mark.parametrize("text", ["—", "-", "…", "", "——", "  "])
def test_not_available_marks_give_none(text: str) -> None:
    assert parse_text(text) is None


@pytest.mark.parametrize("text", ["12..5", "abc", "1.2.3", "约5", "3,2", "1,23.4", "3,2.1"])
def test_malformed_text_raises(text: str) -> None:
    with pytest.raises(NotANumberError, match="not a number"):
        parse_text(text)


@pytest.mark.parametrize(
    ("number_format", "decimals"),
    [("0.0", 1), ("#,##0.00", 2), ("0", 0), ("0.00_);(0.00)", 2), ("General", None), (None, None)],
)
def test_decimals_of_format(number_format: str | None, decimals: int | None) -> None:
    assert decimals_of_format(number_format) == decimals


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (3, "0.0", Figure(3.0, 1)),
        (1234.5, "#,##0.00", Figure(1234.5, 2)),
        (52345, "0", Figure(52345.0, 0)),
        (8.26, "0.00", Figure(8.26, 2)),
        # Shown as a spreadsheet shows it: halves away from zero, from 15 significant digits.
        (80.25, "0.0", Figure(80.3, 1)),
        (-80.25, "0.0", Figure(-80.3, 1)),
        (2.675, "0.00", Figure(2.68, 2)),
        (0.0345, "0.0%", Figure(3.5, 1)),
        (1e-20, "0.0", Figure(0.0, 1)),
    ],
)
def test_numeric_cell_takes_decimals_from_its_format(
    value: float, number_format: str, expected: Figure
) -> None:
    assert parse_cell(value, number_format) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (161.5, Figure(161.5, 1)),
        (3.0, Figure(3.0, 0)),
        (8.26, Figure(8.26, 2)),
        (0.1 + 0.2, Figure(0.3, 1)),
    ],
)
def test_general_format_takes_decimals_from_the_value(value: float, expected: Figure) -> None:
    assert parse_cell(value, "General") == expected


def test_text_cell_is_parsed_as_text() -> None:
    assert parse_cell("１６１．５", "General") == Figure(161.5, 1)
    assert parse_cell("—", "0.0") is None
    assert parse_cell(None, "0.0") is None


def test_boolean_cell_is_not_a_number() -> None:
    with pytest.raises(NotANumberError):
        parse_cell(True, "General")


def test_percent_format_reads_as_the_percent_shown() -> None:
    # Excel shows 0.03 with format '0.0%' as "3.0%"; the text "3.0%" parses to 3.0.
    assert parse_cell(0.03, "0.0%") == parse_text("3.0%")


def test_number_in_a_text_formatted_cell_keeps_its_decimals() -> None:
    # Excel shows a number in an '@' cell as General would: 161.5, not 162.
    assert parse_cell(161.5, "@") == Figure(161.5, 1)


def test_a_unicode_minus_sign_is_a_minus() -> None:
    assert parse_text("−3.2") == Figure(-3.2, 1)


@pytest.mark.parametrize(
    "number",
    [
        0.0,
        -0.0,
        1.0,
        12.5,
        80.25,
        3.4499999999999997,
        161.5,
        -2.05,
        1e-7,
        123456789.123,
        1e16,
        0.1 + 0.2,
    ],
)
@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_a_number_already_shown_with_its_decimals_is_not_rounded_again(
    number: float, decimals: int
) -> None:
    """round_as_shown skips the Decimal rounding when the number has no more decimals than
    shown; the result is the rounding's, to the sign of zero."""
    rounded = round_half_up(Decimal(format(number, ".15g")), decimals)
    shown = round_as_shown(number, decimals)
    assert (shown, str(shown)) == (rounded, str(rounded))


def test_a_figure_read_again_is_the_same_and_a_negative_zero_stays_negative() -> None:
    """Numeric cells are read through a cache: a repeated cell gives the same figure, and
    -0.0, which equals 0.0 as a key, is not given the figure of 0.0."""
    assert parse_cell(3.25, "0.0") == parse_cell(3.25, "0.0") == Figure(3.3, 1)
    assert parse_cell(3.25, "0.00") == Figure(3.25, 2)
    assert parse_cell(1, "0.0") == parse_cell(1.0, "0.0") == Figure(1.0, 1)
    assert str(parse_cell(0.0, "0.0").value) == "0.0"
    assert str(parse_cell(-0.0, "0.0").value) == "-0.0"
    with pytest.raises(NotANumberError):
        parse_cell(True, "0.0")
