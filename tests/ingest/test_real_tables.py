"""The real indicator tables of tests/fixtures/tables/real/, read through the loader and scored.

Six tables transcribed cell by cell from stored pages (real/README.md lists address and query)
were labelled before the reader ever saw them: the blind round of docs/ingest-formats.md.
Each is scored as the corpus tables are (tests/ingest/test_corpus_tables.py): loaded into a
temporary DuckDB and matched against its .expected.json on region, indicator, period, value
with unit and growth. The thresholds are the corpus's, precision and recall 0.90 per file;
two files the reader cannot yet read as labelled assert their measured figure as a floor,
and their tests say why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.tables.build_real_tables import REAL, REAL_TABLES
from tests.fixtures.transcribed import stale_fixtures
from tests.ingest.test_corpus_tables import FILE_THRESHOLD, Score, score


def scored(file_name: str, tmp_path: Path) -> Score:
    path = REAL / file_name
    return score(path, path.with_name(path.stem + ".expected.json"), tmp_path)


def test_the_fixtures_are_what_the_build_script_writes(tmp_path: Path) -> None:
    assert stale_fixtures(REAL_TABLES, REAL, tmp_path) == []


@pytest.mark.parametrize(
    "file_name",
    [
        # region rows (spaced short names), two year groups, units in a header row of their own
        "中国统计年鉴2010_17-22社会消费品零售总额.xlsx",
        # years down the rows, a bilingual three-row header, an index base in the title
        "常州统计年鉴_4-3地区生产总值指数(1978-2010年).xlsx",
        # a first-level column grouping numbered rows, a unit column, no title on the page
        "青海省2018年1-3月高质量发展主要指标.xlsx",
        # a communiqué table with an empty top-left cell and spaced headers with units
        "玉环市2019年国民经济和社会发展统计公报_表1生产总值.xlsx",
    ],
)
def test_real_table_is_read_as_labelled(file_name: str, tmp_path: Path) -> None:
    result = scored(file_name, tmp_path)
    assert result.unread_labelled == 0
    assert result.precision >= FILE_THRESHOLD, result
    assert result.recall >= FILE_THRESHOLD, result


def test_bengbu_reads_its_figures_but_not_the_industries_under_the_third_sector(
    tmp_path: Path,
) -> None:
    """Floor, measured: 2 of 6 facts. The traditional headers (絕對數(億元), 比上年增長%) are
    read, but the rows are named by a rule the page breaks: "其中:第一產業 | 第二產業 |
    第三產業" continues a "其中" list, whereas after a "其中" row a plain row is its whole's
    sibling in the other real tables (门头沟区: 其中:中央市属 | 工业销售产值); and
    "其中:農林牧漁業 | 工業" under 第三產業 are industries of the whole 地區生產總值, not parts
    of the third sector. The amounts alone cannot tell these apart (tried: a part-sum rule
    broke 门头沟区), so the row names stay unmatched."""
    result = scored("蚌埠市2024年全市地區生產總值及其增長速度.xlsx", tmp_path)
    assert (result.expected, result.read, result.unread_labelled) == (6, 6, 0)
    assert result.matched >= 2


def test_longgang_reads_every_figure_with_three_stocks_and_three_shares_on_other_periods(
    tmp_path: Path,
) -> None:
    """Floor, measured: 32 of 38 facts. Every figure is read with its unit and growth; the six
    left are periods: the enterprise counts (个) under "1-3月 累计" are end-of-March stocks
    (labelled not cumulative, read as year to date), and the 结构(%) column, which names no
    period, is the share of the year to date (labelled cumulative) but takes the table's own
    period, March alone. Neither is printed anywhere the reader looks."""
    result = scored("龙岗区2015年3月统计月报_商业.xlsx", tmp_path)
    assert (result.expected, result.read, result.unread_labelled) == (38, 38, 0)
    assert result.matched >= 32
