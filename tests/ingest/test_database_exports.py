"""Series exported from the national statistical database (data.stats.gov.cn), as analysts
download them: a few lines about the query (数据库, 指标 or 地区, 时间), a table of regions or
of series down the rows and periods across, the source under it.

The layout is the database's; the files are written here with figures of the shape it
exports (no stored page holds such an export).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest.readers import read_file


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def facts(path: Path) -> set[tuple[object, ...]]:
    return {
        (o.region_name, o.indicator_name, o.period_type, o.period_start, o.period_end,
         o.value_published, o.unit_published, o.yoy_growth_pct)
        for o in read_file(path).observations
    }  # fmt: skip


def test_one_indicator_by_province_takes_its_name_and_unit_from_the_query_lines(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "分省年度数据.csv",
        [
            "数据库：分省年度数据",
            "指标：地区生产总值(亿元)",
            "时间：最近2年",
            "地区,2023年,2022年",
            "北京市,43760.7,41610.9",
            "天津市,16737.3,16311.3",
            "数据来源：国家统计局",
        ],
    )
    year = {
        2023: (date(2023, 1, 1), date(2023, 12, 31)),
        2022: (date(2022, 1, 1), date(2022, 12, 31)),
    }
    assert facts(path) == {
        ("北京市", "地区生产总值", "year", *year[2023], 43760.7, "亿元", None),
        ("北京市", "地区生产总值", "year", *year[2022], 41610.9, "亿元", None),
        ("天津市", "地区生产总值", "year", *year[2023], 16737.3, "亿元", None),
        ("天津市", "地区生产总值", "year", *year[2022], 16311.3, "亿元", None),
    }


def test_a_cumulative_series_by_province_is_the_year_to_date(tmp_path: Path) -> None:
    path = write(
        tmp_path / "分省月度数据.csv",
        [
            "数据库：分省月度数据",
            "指标：社会消费品零售总额_累计值(亿元)",
            "地区：全部",
            "时间：最近2个月",
            "地区,2024年6月,2024年5月",
            "北京市,6841.8,5719.4",
            "数据来源：国家统计局",
        ],
    )
    january = date(2024, 1, 1)
    assert facts(path) == {
        ("北京市", "社会消费品零售总额", "ytd", january, date(2024, 6, 30), 6841.8, "亿元", None),
        ("北京市", "社会消费品零售总额", "ytd", january, date(2024, 5, 31), 5719.4, "亿元", None),
    }


def test_the_series_of_one_region_become_one_fact_per_period_with_its_growth(
    tmp_path: Path,
) -> None:
    """当期值 and 同比增长 are the month's level and growth, 累计值 and 累计增长 the year
    to date's: four rows, two facts a month."""
    path = write(
        tmp_path / "北京市月度数据.csv",
        [
            "数据库：分省月度数据",
            "地区：北京市",
            "时间：最近2个月",
            "指标,2024年6月,2024年5月",
            "社会消费品零售总额_当期值(亿元),1122.4,1132.0",
            "社会消费品零售总额_累计值(亿元),6841.8,5719.4",
            "社会消费品零售总额_同比增长(%),-4.1,-7.9",
            "社会消费品零售总额_累计增长(%),-4.1,-4.1",
            "注：社会消费品零售总额数据为快报数。",
            "数据来源：国家统计局",
        ],
    )
    parsed = read_file(path)
    june, may = date(2024, 6, 30), date(2024, 5, 31)
    assert facts(path) == {
        ("北京市", "社会消费品零售总额", "month", date(2024, 6, 1), june, 1122.4, "亿元", -4.1),
        ("北京市", "社会消费品零售总额", "month", date(2024, 5, 1), may, 1132.0, "亿元", -7.9),
        ("北京市", "社会消费品零售总额", "ytd", date(2024, 1, 1), june, 6841.8, "亿元", -4.1),
        ("北京市", "社会消费品零售总额", "ytd", date(2024, 1, 1), may, 5719.4, "亿元", -4.1),
    }
    assert parsed.figures.read == 8 and parsed.figures.unread == []


def test_a_growth_series_by_province_is_growth(tmp_path: Path) -> None:
    path = write(
        tmp_path / "分省月度数据.csv",
        [
            "数据库：分省月度数据",
            "指标：工业增加值_同比增长(%)",
            "地区：全部",
            "地区,2024年6月",
            "天津市,3.6",
        ],
    )
    assert facts(path) == {
        ("天津市", "工业增加值", "month", date(2024, 6, 1), date(2024, 6, 30), None, None, 3.6)
    }
