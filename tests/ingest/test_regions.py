"""Printed region names resolved on the national code list (the dbt seed regions.csv)."""

from __future__ import annotations

import csv

import pytest

from ingest.regions import NATIONAL, REGION_LIST, RegionNames, fold


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


def test_find_in_names_the_region_a_scan_of_every_name_finds(regions: RegionNames) -> None:
    """find_in looks up the pieces of a text; the answer is that of scanning the whole list
    for names contained in the text (full names first, else short names of provinces and
    prefectures; a full name only where it begins a name), the most specific one, a region
    whose parent is named too first."""
    rank = {"province": 0, "city": 1, "district": 2, "county": 2}

    def scanned(text: str) -> str | None:
        folded = fold(text)
        named = [r for r in regions.regions if begins_a_name(r.name, folded)] or [
            r
            for r in regions.regions
            if rank[r.level] <= 1 and len(r.short_name) >= 2 and r.short_name in folded
        ]
        if not named:
            return NATIONAL if NATIONAL in folded else None
        codes = {r.code for r in named}
        return max(named, key=lambda r: (r.parent_code in codes, rank[r.level], len(r.name))).name

    def begins_a_name(name: str, text: str) -> bool:
        """Somewhere in the text not glued to a longer name (城和县 is not 和县)."""
        return any(
            text[start:].startswith(name)
            and (
                start == 0
                or not "\u3400" <= text[start - 1] <= "\u9fff"
                or text[start - 1] in "省市区县旗州盟年月份度与及和暨"
            )
            for start in range(len(text))
        )

    texts = [
        "北京市朝阳区2023年1-6月主要经济指标",
        "安城和县主要指标",  # not 和县: the tail of a longer name
        "吉林省长春市朝阳区统计月报",
        "西华县与淮阳区",  # two of a kind: the list's order decides, not the text's
        "朝阳县与朝阳市",
        "河南省周口市各县区主要经济指标(2023年1-6月)",
        "湖北、湖南两省及武汉市",
        "2016年全国各地区",
        "上海",
        "",
    ]
    texts += [region.name + "主要指标" for region in regions.regions[::97]]
    for text in texts:
        assert regions.find_in(text) == scanned(text), text


def test_a_short_name_the_code_list_gives_under_another_name_resolves() -> None:
    """川汇 is 411602 in GB/T 2260; the code list names that code after the first user,
    川江区, and the synonyms keep 川汇区 as its name of its own."""
    names = RegionNames.load()
    assert names.full_name("川汇", "周口市") == "川汇区"
    assert names.find_in("周口市川汇区2023年1-6月主要经济指标") == "川汇区"
    assert names.resolve("川汇区").code == names.resolve("川江区").code == "411602"
    assert names.resolve("全市") is None  # a synonym that stands for a region only in context
