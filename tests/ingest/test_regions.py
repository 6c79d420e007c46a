"""Printed region names resolved on the national code list (the dbt seed regions.csv)."""

from __future__ import annotations

import csv

import pytest

from ingest.regions import NATIONAL, REGION_LIST, RegionNames


@pytest.fixture(scope="module")
def regions() -> RegionNames:
    return RegionNames.load()


@pytest.mark.parametrize(
    ("printed", "full_name"),
    [
        ("北 京", "北京市"),  # spaced, as yearbooks print it
        ("内蒙古", "内蒙古自治区"),
        ("新疆", "新疆维吾尔自治区"),  # 维吾尔 without 族 in the official name
        ("湘西自治州", "湘西土家族苗族自治州"),
        ("湘西州", "湘西土家族苗族自治州"),
        ("綿陽", "绵阳市"),  # traditional characters
        ("淮　阳", "淮阳区"),  # full-width space
        ("全 国", NATIONAL),
        ("吉林", "吉林省"),  # the larger unit when nothing decides
        ("门头沟区", "门头沟区"),
    ],
)
def test_printed_names_resolve_to_full_names(
    regions: RegionNames, printed: str, full_name: str
) -> None:
    assert regions.full_name(printed) == full_name


def test_namesakes_are_told_apart_by_the_region_a_table_is_about(regions: RegionNames) -> None:
    beijing = regions.resolve("朝阳区", within="北京市")
    changchun = regions.resolve("朝阳区", within="吉林省")
    assert (beijing.code, changchun.code) == ("110105", "220104")


def test_names_not_on_the_list_are_none(regions: RegionNames) -> None:
    assert regions.full_name("北京经济技术开发区") is None  # a zone, not a region
    assert regions.full_name("全省") is None  # a total row: the reader's business
    assert regions.full_name("合计") is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("2023年1-6月周口市川江区主要经济指标", "川江区"),
        ("2020年1-6月綿陽主要經濟指標", "绵阳市"),
        ("湖南省各市州工业主要指标增长速度(2012年5月15日发布)", "湖南省"),
        ("全国各地区第二、三产业增加值及排序(2016年)", NATIONAL),
        ("2013年1-6月份社会消费品零售总额主要数据", None),
        ("1-8月我市规模以上工业营收破万亿", None),
        ("2023年1-6月和县主要经济指标", "和县"),
        # 城和县 is not on the list: the listed 和县 is only the end of its name.
        ("城和县主要经济指标(2023年1-6月)", None),
        ("马鞍山市主要经济指标", "马鞍山市"),  # not 鞍山市
    ],
)
def test_the_region_a_title_or_file_name_names(
    regions: RegionNames, text: str, region: str | None
) -> None:
    assert regions.find_in(text) == region


def test_the_code_list_is_the_national_one_with_a_consistent_hierarchy() -> None:
    with REGION_LIST.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {row["region_code"]: row for row in rows}
    assert len(by_code) == len(rows) > 3000
    assert sum(row["level"] == "province" for row in rows) == 34
    for row in rows:
        parent = by_code.get(row["parent_region_code"])
        if row["level"] == "province":
            assert parent is None, row
        else:
            assert parent is not None and parent["level"] in ("province", "city"), row
            assert row["region_code"][:2] == parent["region_code"][:2], row
