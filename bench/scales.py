"""The benchmark scales: how many counties, indicators and months each one generates."""

from __future__ import annotations

from dataclasses import dataclass, replace

LAST_MONTH = (2023, 12)


@dataclass(frozen=True)
class Scale:
    """A data size. The last month is the "new" month of the incremental run.

    `district` is the demo sample itself (samples); the other scales are
    generated county report workbooks, one workbook per city and month, one sheet per
    county, one row per indicator.
    """

    name: str
    counties: int
    indicators: int
    months: int
    counties_per_city: int = 10

    @property
    def facts(self) -> int:
        """Rows of figures written (a few January cells are "—" and not loaded)."""
        return self.counties * self.indicators * self.months

    def months_list(self) -> list[str]:
        """Every month as YYYY-MM, oldest first, ending at LAST_MONTH."""
        year, month = LAST_MONTH
        index = year * 12 + month - 1
        return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(index - self.months + 1, index + 1)]

    def sliced(self, fraction: float) -> Scale:
        """The same scale with a fraction of its counties (a national slice, say)."""
        counties = max(self.counties_per_city, round(self.counties * fraction))
        return replace(self, name=f"{self.name}-{fraction:g}", counties=counties)


SCALES = {
    # The demo: 5 districts and counties of 周口市 x 5 indicators x 36 months.
    "district": Scale("district", counties=5, indicators=5, months=36),
    "province": Scale("province", counties=180, indicators=60, months=37),
    "national": Scale("national", counties=2850, indicators=200, months=120),
}
