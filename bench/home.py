"""A benchmark's own project home: the repository's code, with code lists for its regions.

Generated counties and indicators must be on the code lists (dbt seeds), or the rules
would see unmapped names and skip them. So each benchmark run gets a home folder that
links to everything in the repository except `dbt_project/seeds`, where the regions and
indicators lists are copies with the generated rows appended. Setting STATSWH_HOME to it
makes statswh (and dbt under it) use that project; dbt's target folder lands there too,
so the benchmark never writes into the working tree. Models added to the repository are
picked up through the links.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from bench.generate import Indicator, Layout, Region

# Not linked: data and state of the repository's own runs.
_PRIVATE = {"dbt_project", "warehouse", "landing", "sample_truth", ".airflow", ".git", ".venv"}
_DBT_STATE = {"seeds", "target", "logs", "dbt_packages"}
_EXTENDED_SEEDS = {"regions.csv", "indicators.csv"}


def taken(project: Path) -> tuple[set[str], set[str]]:
    """Region names and codes already on the project's code lists (never reused)."""
    seeds = project / "dbt_project" / "seeds"
    names: set[str] = set()
    codes: set[str] = set()
    for name in ("regions.csv", "region_synonyms.csv"):
        for row in _read(seeds / name):
            names.update(
                v for k, v in row.items() if k in ("name_zh", "short_name", "synonym") and v
            )
            codes.add(row["region_code"])
    return names, codes


def prepare_home(project: Path, home: Path, layout: Layout | None) -> Path:
    """Build the home folder (links plus extended seeds) and return it."""
    home.mkdir(parents=True, exist_ok=True)
    for entry in project.iterdir():
        if entry.name not in _PRIVATE:
            _link(home / entry.name, entry)
    dbt = home / "dbt_project"
    dbt.mkdir(exist_ok=True)
    for entry in (project / "dbt_project").iterdir():
        if entry.name not in _DBT_STATE:
            _link(dbt / entry.name, entry)
    seeds = dbt / "seeds"
    seeds.mkdir(exist_ok=True)
    for entry in (project / "dbt_project" / "seeds").iterdir():
        if layout is None or entry.name not in _EXTENDED_SEEDS:
            _link(seeds / entry.name, entry)
    if layout is not None:
        regions = [*layout.provinces, *layout.cities, *layout.counties]
        _extend(project / "dbt_project/seeds/regions.csv", seeds / "regions.csv", regions)
        _extend(
            project / "dbt_project/seeds/indicators.csv",
            seeds / "indicators.csv",
            [_indicator_row(indicator) for indicator in layout.indicators],
        )
    return home


def _indicator_row(indicator: Indicator) -> dict[str, str]:
    return {
        "indicator_code": indicator.code,
        "name_zh": indicator.name_zh,
        "name_en": f"Benchmark indicator {indicator.code[-3:]}",
        "canonical_unit": "亿元",
        "measure_type": "flow",
        "growth_basis": "real" if indicator.real else "nominal",
        "category": "benchmark",
    }


def _extend(source: Path, target: Path, rows: list[Region] | list[dict[str, str]]) -> None:
    """Copy a seed and append rows under its own header (columns it lacks stay empty)."""
    existing = list(_read(source))
    header = list(existing[0]) if existing else []
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(existing)
        writer.writerows(
            dataclasses.asdict(row) if dataclasses.is_dataclass(row) else row for row in rows
        )


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _link(link: Path, target: Path) -> None:
    if not link.is_symlink() and not link.exists():
        link.symlink_to(target)
