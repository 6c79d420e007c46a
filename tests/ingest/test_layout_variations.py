"""Every real table, saved in each of the small variations of its layout, reads the same.

The real tables are the shared corpus's (skipped where it is absent) and the transcribed
blind-round tables of tests/fixtures/tables/real/. A variation changes how the table is laid
out or spelled, never a figure (tests/ingest/layout_variations.py), so the facts must be
those of the table as found: same region, indicator, period, value, unit and growth, and no
number left unread that was read before.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.readers import read_file
from tests.ingest.layout_variations import VARIATIONS, fact_set, printed_twice

REPOSITORY = Path(__file__).resolve().parents[2]
CORPUS_TABLES = (
    Path(os.environ.get("STATSWH_CORPUS", REPOSITORY.parent / "shared" / "corpus")) / "tables"
)
TRANSCRIBED = REPOSITORY / "tests" / "fixtures" / "tables" / "real"

Fact = tuple[object, ...]

# A CSV keeps no merged ranges. 厦门's 地区生产总值 is merged down its own column only, so in
# the workbook the sector columns beside it stand alone; in a CSV the label is followed by empty
# cells over labelled ones, which is how a label spanning columns looks there. 金华's 构成(%
# spans four columns and is followed by an empty cell over 生产总值 (元), per head, which in a
# CSV it seems to span too; 广州's 从业人员 likewise stands over its own column only, and in a
# CSV spans the unlabelled sectors beside it. The readings are right for what each file shows.
MERGES_DECIDE = {
    "厦门统计年鉴2024_05-01地区生产总值(1952-1981年).xlsx",
    "金华市区历年地区生产总值及构成(1978-2005年).xlsx",
    "广州统计年鉴2022_3-3主要年份三次产业从业人员及构成.xlsx",
}


def real_tables() -> list[Path]:
    found = sorted(TRANSCRIBED.glob("*.xlsx"))
    if CORPUS_TABLES.is_dir():
        found += sorted(CORPUS_TABLES.glob("*.xlsx"))
    return found


def reading(path: Path) -> tuple[set[Fact], int]:
    """The facts as compared, and how many numbers were left unread."""
    parsed = read_file(path)
    facts = fact_set(parsed.observations)
    return facts, len(parsed.figures.unread)


def cases() -> list[pytest.param]:
    params = []
    for table in real_tables():
        for name in VARIATIONS:
            marks = ()
            if table.name in MERGES_DECIDE and name.startswith("CSV"):
                marks = pytest.mark.xfail(strict=True, reason="the merged ranges decide")
            params.append(pytest.param(table, name, marks=marks, id=f"{table.stem}: {name}"))
    return params


@pytest.fixture(scope="module")
def as_found() -> dict[Path, tuple[set[Fact], int]]:
    return {}


@pytest.mark.parametrize(("table", "variation"), cases())
def test_a_variation_of_a_real_table_reads_as_the_table(
    table: Path, variation: str, as_found: dict[Path, tuple[set[Fact], int]], tmp_path: Path
) -> None:
    if table not in as_found:
        as_found[table] = reading(table)
    expected, unread = as_found[table]
    varied = VARIATIONS[variation](table, tmp_path)
    facts, varied_unread = reading(varied)
    assert facts - expected == set(), f"read in {varied.name} only"
    assert expected - facts == set(), f"not read in {varied.name}"
    assert varied_unread <= unread


@pytest.mark.parametrize("table", real_tables(), ids=lambda path: path.stem)
def test_a_real_table_printed_twice_on_one_sheet_reads_twice(table: Path, tmp_path: Path) -> None:
    """The second copy is a table of its own under the first, neither dropped nor refused."""
    once = read_file(table)
    twice = read_file(printed_twice(table, tmp_path))
    assert reading(printed_twice(table, tmp_path))[0] == reading(table)[0]
    assert len(twice.observations) == 2 * len(once.observations)
    assert len(twice.figures.unread) == 2 * len(once.figures.unread)


def test_the_variations_change_the_file(tmp_path: Path) -> None:
    """Each variation writes something else than the table it was given (else it tests
    nothing): other cells, another format or another name."""
    table = TRANSCRIBED / "龙岗区2015年3月统计月报_商业.xlsx"
    original = table.read_bytes()
    for number, (name, make) in enumerate(VARIATIONS.items()):
        folder = tmp_path / str(number)
        folder.mkdir()
        varied = make(table, folder)
        assert varied.read_bytes() != original, name
