"""The real bureau tables of the shared corpus, read through the loader and scored on their labels.

Each table of `../shared/corpus/tables/` (xlsx, and three as GBK CSV) comes with a label file
listing every figure it publishes as a fact. A file is loaded with `ingest.loader.ingest_files`
into a temporary DuckDB and the facts of `raw.indicator_observations` are matched against the
labels on region, indicator, period (YYYY-MM and cumulative, or YYYY), value with its unit and
growth. Every file must reach precision and recall 0.90, the whole set 0.97, and no number the
labels count as a figure may be left unread.

The corpus is not part of the repository: STATSWH_CORPUS points at it, else it is looked for
beside the repository (`../shared/corpus`); without it these tests are skipped.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from ingest.loader import StoreDirs, ensure_raw_schema, ingest_files
from ingest.readers import read_file

REPOSITORY = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("STATSWH_CORPUS", REPOSITORY.parent / "shared" / "corpus"))
TABLES = CORPUS / "tables"
FILE_THRESHOLD, SET_THRESHOLD = 0.90, 0.97

pytestmark = [
    pytest.mark.skipif(
        not TABLES.is_dir(),
        reason=f"corpus of real tables not found at {TABLES} (set STATSWH_CORPUS to its folder)",
    ),
]

Fact = tuple[str, str, str, bool, float | None, str, float | None]


def corpus_files() -> list[str]:
    if not TABLES.is_dir():
        return ["(corpus absent)"]
    return sorted(p.name for p in TABLES.iterdir() if p.suffix in (".xlsx", ".csv"))


def label_file(name: str) -> Path:
    return TABLES / (Path(name).stem + ".expected.json")


def expected_facts(labels: Path) -> Counter[Fact]:
    return Counter(
        _fact(
            label["region"],
            label["indicator"],
            label["period"],
            label["cumulative"],
            label["value"],
            label["unit"],
            label["growth_pct"],
        )
        for label in json.loads(labels.read_text(encoding="utf-8"))
    )


def _fact(
    region: str,
    indicator: str,
    period: str,
    cumulative: bool,
    value: float | None,
    unit: str | None,
    growth: float | None,
) -> Fact:
    """A fact as compared: figures to 6 decimals, the unit only where there is a value."""
    rounded = None if value is None else round(float(value), 6)
    return (
        region,
        indicator,
        period,
        bool(cumulative),
        rounded,
        (unit or "") if value is not None else "",
        None if growth is None else round(float(growth), 6),
    )


def loaded_facts(path: Path, tmp_path: Path) -> Counter[Fact]:
    """The facts the loader writes to raw.indicator_observations for one file."""
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    try:
        _add_observation_columns(connection)
        ingest_files([path], connection, StoreDirs(tmp_path / "archive", tmp_path / "quarantine"))
        rows = connection.execute(
            "select region_name, indicator_name, period_type, period_end, value_published,"
            " unit_published, yoy_growth_pct from raw.indicator_observations"
        ).fetchall()
    finally:
        connection.close()
    facts: Counter[Fact] = Counter()
    for region, indicator, period_type, end, value, unit, growth in rows:
        if period_type == "year":
            period, cumulative = f"{end.year}", False
        else:
            period, cumulative = f"{end.year}-{end.month:02d}", period_type != "month"
        facts[_fact(region, indicator, period, cumulative, value, unit, growth)] += 1
    return facts


def _add_observation_columns(connection: duckdb.DuckDBPyConnection) -> None:
    """The columns of Observation's ranks and provenance, until the loader's schema has them
    (the loader change adds them the same way: `add column if not exists`)."""
    ensure_raw_schema(connection)
    for column, kind in (
        ("value_rank", "integer"),
        ("growth_rank", "integer"),
        ("region_source", "varchar"),
        ("period_source", "varchar"),
        ("column_name", "varchar"),
    ):
        connection.execute(
            f"alter table raw.indicator_observations add column if not exists {column} {kind}"
        )


@dataclass(frozen=True)
class Score:
    expected: int
    read: int
    matched: int
    unread_labelled: int

    @property
    def precision(self) -> float:
        return self.matched / self.read if self.read else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def score(path: Path, labels: Path, tmp_path: Path) -> Score:
    """Matched facts of one table file, and unread numbers that the labels count as figures
    (also used for the real-layout fixtures, tests/ingest/test_real_tables.py)."""
    expected = expected_facts(labels)
    found = loaded_facts(path, tmp_path)
    labelled = {figure for fact in expected for figure in (fact[4], fact[6]) if figure is not None}
    try:
        unread = read_file(path).figures.unread
    except Exception:  # a quarantined file: its numbers count as unread, not as read
        unread = []
    unread_labelled = sum(1 for cell in unread if _number(cell.text) in labelled)
    return Score(
        sum(expected.values()),
        sum(found.values()),
        sum((expected & found).values()),
        unread_labelled,
    )


def _number(text: str) -> float | None:
    try:
        return round(float(text), 6)
    except ValueError:
        return None


SCORES: dict[str, Score] = {}


@pytest.mark.parametrize("name", corpus_files())
def test_corpus_table_is_read_as_labelled(name: str, tmp_path: Path) -> None:
    result = score(TABLES / name, label_file(name), tmp_path)
    SCORES[name] = result
    assert result.unread_labelled == 0
    assert result.precision >= FILE_THRESHOLD, result
    assert result.recall >= FILE_THRESHOLD, result


def test_whole_corpus_is_read_as_labelled(tmp_path_factory: pytest.TempPathFactory) -> None:
    totals = [
        SCORES.get(name)
        or score(TABLES / name, label_file(name), tmp_path_factory.mktemp("corpus"))
        for name in corpus_files()
    ]
    matched = sum(s.matched for s in totals)
    assert matched / sum(s.read for s in totals) >= SET_THRESHOLD
    assert matched / sum(s.expected for s in totals) >= SET_THRESHOLD
