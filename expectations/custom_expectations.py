"""Custom expectations: named, documented defaults over Great Expectations' built-ins."""

from __future__ import annotations

import great_expectations as gx


class ExpectNoErrorAnomalies(gx.expectations.ExpectColumnValuesToNotBeInSet):
    """The publishing gate: no anomaly of severity error may remain."""

    column: str = "severity"
    value_set: list = ["error"]  # noqa: RUF012 - pydantic field default
    description: str = "No data-quality anomaly of severity **error** (errors stop publishing)."


class ExpectGrowthRatesPossible(gx.expectations.ExpectColumnValuesToBeBetween):
    """A year-on-year decline cannot exceed 100 %; growth of 10,000 % is a misread 倍."""

    column: str = "yoy_growth_pct"
    min_value: float = -100.0
    max_value: float = 10000.0
    description: str = "Year-on-year growth lies between -100 % and +10,000 %."


class ExpectKnownPeriodTypes(gx.expectations.ExpectColumnValuesToBeInSet):
    """Periods are normalised to month, ytd, quarter or year by the ingest."""

    column: str = "period_type"
    value_set: list = ["month", "ytd", "quarter", "year"]  # noqa: RUF012 - pydantic field default
    description: str = "Every period is a month, year-to-date, quarter or year."


class ExpectPublishedDecimals(gx.expectations.ExpectColumnValuesToBeBetween):
    """Decimals drive the rounding intervals of every consistency rule, so they must be sane."""

    column: str = "value_decimals"
    min_value: int = 0
    max_value: int = 6
    description: str = "Published values carry between 0 and 6 decimals."
