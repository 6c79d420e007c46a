"""Reading figures from narrative bulletins: each sentence pattern, spans, context and records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest.bulletin import (
    Fact,
    TitleSources,
    extract_facts,
    read_document_facts,
    read_facts,
    to_parsed_file,
)
from ingest.bulletin_grammar import COUNT_OF_MEMBERS
from ingest.document_text import (
    flattened_tables,
    html_to_text,
    is_furniture,
    one_cell_per_line,
    split_paragraphs,
    unwrapped,
)
from ingest.errors import IngestError
from ingest.loader import StoreDirs, ingest_files
from ingest.readers import read_file
from ingest.records import FigureAccount

TITLE = "2023年1-9月川江区经济运行情况"


def facts_of(*paragraphs: str, title: str = TITLE) -> list[Fact]:
    """The facts of a document made of a title and the given paragraphs."""
    return extract_facts(split_paragraphs("\n".join([title, *paragraphs])), "test.txt")


def only(facts: list[Fact], kind: str, indicator: str | None = None) -> Fact:
    matches = [f for f in facts if f.kind == kind and indicator in (None, f.indicator)]
    assert len(matches) == 1, matches
    return matches[0]


def figure_text(fact: Fact) -> str:
    return fact.sentence[fact.start : fact.end]


# --- sentence patterns ----------------------------------------------------------------------


def test_level_then_growth_in_one_sentence() -> None:
    facts = facts_of("社会消费品零售总额完成161.5亿元,同比增长3%。")
    level, growth = facts
    assert (level.kind, level.indicator) == ("level", "社会消费品零售总额")
    assert (level.value, level.value_decimals, level.unit) == (161.5, 1, "亿元")
    assert (growth.kind, growth.indicator) == ("growth", "社会消费品零售总额")
    assert (growth.growth_pct, growth.growth_decimals) == (3.0, 0)
    assert growth.value is None


def test_growth_by_times_is_a_percentage_with_two_decimals_fewer() -> None:
    growth = only(facts_of("战略性新兴产业投资39.1亿元，增长12.7倍。"), "growth")
    assert (growth.growth_pct, growth.growth_decimals) == (1270.0, -1)
    assert figure_text(growth) == "12.7倍"
    growth = only(facts_of("工业投资增长2.2倍。"), "growth")
    assert growth.growth_pct == 220  # exactly, not 220.00000000000003


def test_decline_is_negative_growth() -> None:
    growth = only(facts_of("房地产开发投资同比下降3.2%。"), "growth")
    assert (growth.indicator, growth.growth_pct, growth.growth_decimals) == (
        "房地产开发投资",
        -3.2,
        1,
    )


@pytest.mark.parametrize(
    ("sentence", "indicator", "growth"),
    [
        ("全年固定资产投资148.8亿元，比上年增长24.0%。", "固定资产投资", 24.0),
        ("地区生产总值349.8亿元,增长7.0%。", "地区生产总值", 7.0),
        ("规模以上工业增加值增长13.5%。", "规模以上工业增加值", 13.5),
        ("居民消费价格同比上涨0.6%。", "居民消费价格", 0.6),
        ("地区生产总值预计增长7%左右。", "地区生产总值", 7.0),
        ("规上工业增加值增速为5.1%。", "规上工业增加值", 5.1),
        ("人均可支配收入25836元，比上年名义增长6.2%。", "人均可支配收入", 6.2),
        ("工业增加值增长6.0%，扣除价格因素影响后，实际增长4.1%。", "工业增加值", 4.1),
        ("粮食总产量20.1万吨，增产2.1%。", "粮食总产量", 2.1),
        ("油料产量减产3.2%。", "油料产量", -3.2),
    ],
)
def test_growth_phrasings(sentence: str, indicator: str, growth: float) -> None:
    fact = [f for f in facts_of(sentence) if f.kind == "growth"][-1]
    assert (fact.indicator, fact.growth_pct) == (indicator, growth)


def test_growth_only_statement_becomes_an_observation_without_value() -> None:
    [observation] = to_parsed_file(facts_of("规模以上工业增加值增长13.5%。")).observations
    assert observation.value_published is None and observation.unit_published is None
    assert (observation.yoy_growth_pct, observation.growth_decimals) == (13.5, 1)


@pytest.mark.parametrize(
    ("sentence", "change"),
    [
        ("规上工业增加值增长9.8%，增速比1-9月回落0.3个百分点。", -0.3),
        ("规上工业增加值增长9.8%，增速比上月提高1.2个百分点。", 1.2),
        ("固定资产投资下降3.5%，降幅比1-8月收窄1.4个百分点。", 1.4),
    ],
)
def test_change_of_growth_is_its_own_kind_never_a_growth(sentence: str, change: float) -> None:
    facts = facts_of(sentence)
    change_fact = only(facts, "growth_change")
    assert (change_fact.value, change_fact.unit, change_fact.growth_pct) == (
        change,
        "个百分点",
        None,
    )
    assert len([f for f in facts if f.kind == "growth"]) == 1
    assert figure_text(change_fact).endswith("个百分点")


def test_share_of_a_whole_names_part_and_whole() -> None:
    facts = facts_of("民生支出13亿元，占一般公共预算支出的70%。")
    share = only(facts, "share")
    assert (share.indicator, share.value, share.unit) == (
        "民生支出占一般公共预算支出比重",
        70.0,
        "%",
    )
    assert share.relative_to == "一般公共预算支出"
    assert only(facts, "level").indicator == "民生支出"


def test_contribution_is_its_own_kind() -> None:
    contribution = only(facts_of("工业增加值增长11.2%，拉动GDP增长2.1个百分点。"), "contribution")
    assert (contribution.indicator, contribution.value, contribution.unit) == (
        "工业增加值",
        2.1,
        "个百分点",
    )
    assert contribution.relative_to == "GDP"


@pytest.mark.parametrize(
    ("sentence", "indicator", "value", "decimals", "unit"),
    [
        ("新增专利和科技成果364项。", "新增专利和科技成果", 364.0, 0, "项"),
        ("全年新增学位13,725个。", "新增学位", 13725.0, 0, "个"),
        ("家庭医生签约16.4万人。", "家庭医生签约", 16.4, 1, "万人"),
        ("新增市场主体8.6万户。", "新增市场主体", 8.6, 1, "万户"),
        ("全年科技研发投入6180万元。", "科技研发投入", 6180.0, 0, "万元"),
        ("一般公共预算收入8.26亿元。", "一般公共预算收入", 8.26, 2, "亿元"),
        ("居民人均可支配收入28500元。", "居民人均可支配收入", 28500.0, 0, "元"),
        ("开展研发活动的规模以上企业85家。", "开展研发活动的规模以上企业", 85.0, 0, "家"),
        ("规模以上企业研发活动覆盖率达到90%。", "规模以上企业研发活动覆盖率", 90.0, 0, "%"),
        ("货物周转量1.2亿吨公里。", "货物周转量", 1.2, 1, "亿吨公里"),
        ("旅客周转量3.5亿人公里。", "旅客周转量", 3.5, 1, "亿人公里"),
        ("建成区面积21.6平方千米。", "建成区面积", 21.6, 1, "平方千米"),
        ("茶叶亩产85公斤。", "茶叶亩产", 85.0, 0, "公斤"),
        ("人口出生率为6.7‰。", "人口出生率", 6.7, 1, "‰"),
        ("人口自然增长率为-0.5‰。", "人口自然增长率", -0.5, 1, "‰"),
    ],
)
def test_counts_amounts_and_rates_with_their_units(
    sentence: str, indicator: str, value: float, decimals: int, unit: str
) -> None:
    level = only(facts_of(sentence), "level")
    assert (level.indicator, level.value, level.value_decimals, level.unit) == (
        indicator,
        value,
        decimals,
        unit,
    )


def test_full_width_digits_and_punctuation() -> None:
    sentence = "社会消费品零售总额完成１６１．５亿元，同比增长３．０％。"
    level, growth = facts_of(sentence)
    assert (level.value, level.value_decimals) == (161.5, 1)
    assert (growth.growth_pct, growth.growth_decimals) == (3.0, 1)
    assert figure_text(level) == "１６１．５亿元"
    assert figure_text(growth) == "３．０％"
    assert level.sentence == sentence


def test_several_indicators_in_one_sentence_and_其中() -> None:
    facts = facts_of("新增专利和科技成果364项，其中新技术56项、新产品108项；新增学位2880个。")
    assert [(f.indicator, f.value) for f in facts] == [
        ("新增专利和科技成果", 364.0),
        ("新技术", 56.0),
        ("新产品", 108.0),
        ("新增学位", 2880.0),
    ]


def test_分别_pairs_names_and_figures_in_order() -> None:
    facts = facts_of("规上工业增加值、固定资产投资和社会消费品零售总额分别增长12%、18%和7.5%。")
    assert [(f.indicator, f.growth_pct) for f in facts] == [
        ("规上工业增加值", 12.0),
        ("固定资产投资", 18.0),
        ("社会消费品零售总额", 7.5),
    ]


def test_spans_point_at_the_figures() -> None:
    sentence = "1-9月，全区规模以上工业增加值83.9亿元，同比增长13.5%，增速比1-6月回落0.3个百分点。"
    facts = facts_of(sentence)
    assert [figure_text(f) for f in facts] == ["83.9亿元", "13.5%", "0.3个百分点"]
    assert all(f.sentence == sentence for f in facts)
    [observation] = to_parsed_file(facts).observations
    span = sentence[observation.source_char_start : observation.source_char_end]
    assert span == "83.9亿元，同比增长13.5%"


# --- what is not a fact -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "社会消费品零售总额增速比上月回落，但仍高于全市。",  # a change without a figure
        "2022年全区经济运行稳中向好，1-9月保持恢复态势。",  # years and months are no figures
        "社会消费品零售总额环比增长1.2%。",  # month on month
        "规模以上工业增加值两年平均增长5.5%。",  # a two-year average
        "城镇新增就业比上年增加300人。",  # an absolute change
        "规上工业增加值增速高于全省平均水平1.2个百分点，居全市第3位。",  # a gap, a rank
        "全市社会消费品零售总额增长5.8%。",  # another region's figure
        "三类项目按5:3:2的比例安排。",  # a ratio that is no sector structure
        "建成7所中小学。",  # a quantity before its noun
        "按照每人每年2300元的现行农村贫困标准计算,贫困人口全部脱贫。",  # a standard
        "前三季度工业基本保持9%左右的幅度平稳运行。",  # a pace described
        "工业增加值增幅2-5月份分别为14.2%、13%、12.8%、12.7%。",  # months of a range
    ],
)
def test_sentences_that_state_no_fact_of_this_region(sentence: str) -> None:
    assert facts_of(sentence) == []


# --- document context -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "region", "period_type", "end"),
    [
        ("2023年1-9月川江区经济运行情况", "川江区", "ytd", date(2023, 9, 30)),
        ("川江区2022年国民经济和社会发展统计公报", "川江区", "year", date(2022, 12, 31)),
        ("2023年上半年商水县经济运行简况", "商水县", "ytd", date(2023, 6, 30)),
        ("淮阳区2023年一季度经济运行分析", "淮阳区", "quarter", date(2023, 3, 31)),
        ("周口市川江区2023年9月份经济快报", "川江区", "month", date(2023, 9, 30)),
        ("川江区2022年地区生产总值核算结果", "川江区", "year", date(2022, 12, 31)),
    ],
)
def test_region_and_period_come_from_the_title(
    title: str, region: str, period_type: str, end: date
) -> None:
    fact = only(facts_of("规模以上工业增加值增长5.0%。", title=title), "growth")
    assert (fact.region, fact.period.period_type, fact.period.end) == (region, period_type, end)


def test_a_title_saying_全区_takes_the_region_of_the_publisher() -> None:
    facts = facts_of("川江区统计局", "全区规上工业增加值增长5.0%。", title="2022年全区经济运行情况")
    assert only(facts, "growth").region == "川江区"


def test_a_clause_turns_the_rest_of_its_paragraph_to_its_period() -> None:
    facts = facts_of(
        "9月份，规上工业增加值增长11.3%。建材行业增加值下降4.2%。",
        "全年，固定资产投资增长5.0%。",
        "上半年，社会消费品零售总额增长6.2%；1-9月增长6.0%。",
        "2022年同期，规上工业增加值增长5.3%。",
        "规上工业增加值增长9.8%。",
    )
    periods = [(f.indicator, f.period_label, f.period.period_type) for f in facts]
    assert periods == [
        ("规上工业增加值", "2023年9月份", "month"),
        ("建材行业增加值", "2023年9月份", "month"),
        ("固定资产投资", "2023年", "year"),
        ("社会消费品零售总额", "2023年上半年", "ytd"),
        ("社会消费品零售总额", "2023年1-9月", "ytd"),
        ("规上工业增加值", "2022年1-9月", "ytd"),
        ("规上工业增加值", "2023年1-9月", "ytd"),  # a new paragraph starts from the title
    ]


def test_a_document_without_a_dated_title_is_refused() -> None:
    with pytest.raises(IngestError, match="no title naming the year"):
        extract_facts(["全区规上工业增加值增长5.0%。"], "untitled.txt")


# --- saved pages: furniture, and the title chain ---------------------------------------------

PAGE = [
    "首 页 通知公告 统计信息 统计数据",
    "您的位置:首页 >> 统计信息 >> 内容",
    "发布日期:2023-10-20  来源:统计局  浏览次数:  字号:〖",
    "1-9月，全区规模以上工业增加值同比增长5.1%。",
    "打印本页 关闭窗口",
    "主办单位:川江区统计局  联系电话:0394-1234567  豫ICP备05003616号",
]


def read_text_file(path: Path, *lines: str) -> list[Fact]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return read_facts(path)


@pytest.mark.parametrize(
    "line",
    [
        "您当前所在位置：首页 > 信息公开",
        "索引号：11411602/2023-00012 | 发布机构：川江区统计局",
        "发布时间：2023-10-20 来源：川江区统计局 浏览次数：128",
        "【字体：大 中 小】 打印 关闭",
        "上一条：2023年1-8月川江区经济运行情况",
        "扫一扫在手机上查看当前页面",
        "主办单位：川江区人民政府  网站标识码：4116020001",
        "时间:2021-08-12 22:06:21 来源:川江区统计局 作者: 点击:855次",
        "豫南在线记者 王小明",
        "本报记者 李华 通讯员 张强",
        "# source: http://example.gov.cn/xinwen/" + "%E5%B7%9D%E6%B1%9F%E5%8C%BA" * 8 + "/1.html",
        "来源：https://example.gov.cn/" + "%E7%BB%9F%E8%AE%A1" * 20,
        # a photo's caption closed by its credit: what the photo shows, no figure of the region
        "4月25日,工人在川江大桥工程现场施工。该工程全长12.5公里,总投资6.3亿元,预计明年建成。"
        "川江日报记者王小明摄",
        "5月3日,工人在车间巡检。 本报资料图片",
        # a news site's call for tips, with its reward: no figure of the region
        "如果您有好的新闻线索欢迎拨打川江日报新闻热线0394-1234567,线索奖最低50元,上不封顶!",
    ],
)
def test_page_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line)


def test_a_sentence_is_never_furniture() -> None:
    assert not is_furniture("全区规模以上工业增加值同比增长5.1%。")
    assert not is_furniture("2023年1-9月川江区经济运行情况")
    assert not is_furniture("记者从川江区统计局获悉")


def test_a_saved_page_takes_year_and_region_from_the_file_name(tmp_path: Path) -> None:
    """No title line: the body starts under the furniture; the file name names the period."""
    path = tmp_path / "川江区2023年1-9月经济运行情况.txt"
    [fact] = read_text_file(path, *PAGE)
    assert (fact.region, fact.period_label, fact.indicator) == (
        "川江区",
        "2023年1-9月",
        "规模以上工业增加值",
    )
    assert (fact.region_source, fact.period_source) == ("file_name", "text")


def test_the_html_title_comes_before_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>淮阳区2023年一季度经济运行分析</title></head><body>"
        "<p>全区规模以上工业增加值同比增长6.8%。</p></body></html>",
        encoding="utf-8",
    )
    [fact] = read_facts(path)
    assert (fact.region, fact.period.period_type, fact.period.end) == (
        "淮阳区",
        "quarter",
        date(2023, 3, 31),
    )
    assert fact.region_source == "html_title"


def test_without_a_year_in_any_name_the_landing_folder_dates_the_text(tmp_path: Path) -> None:
    """Figures to September landed in October 2023: 2023; a year's figures landing in
    February are of the year before."""
    lines = ("川江区统计局", "1-9月，全区规模以上工业增加值同比增长5.1%。")
    [fact] = read_text_file(tmp_path / "2023-10" / "brief.txt", *lines)
    assert (fact.period_label, fact.period_source) == ("2023年1-9月", "text")
    [fact] = read_text_file(
        tmp_path / "2024-02" / "川江区全年经济运行.txt",
        lines[0],
        "全区规模以上工业增加值增长5.0%。",
    )
    assert (fact.period_label, fact.period_source, fact.region_source) == (
        "2023年",
        "folder",
        "file_name",
    )


def test_without_any_name_the_dateline_dates_the_text(tmp_path: Path) -> None:
    [fact] = read_text_file(tmp_path / "brief.txt", *PAGE)
    assert (fact.region, fact.period_label) == ("川江区", "2023年1-9月")
    assert fact.region_source == "publisher"


def test_the_address_a_page_was_saved_from_dates_it_last(tmp_path: Path) -> None:
    lines = (
        "# source: http://www.chuanjiang.gov.cn/tjxx/202304/t20230417_1.html",
        "原标题:川江区一季度规模以上工业增加值同比增长6.8%",
        "全区规模以上工业增加值同比增长6.8%。",
    )
    [fact] = to_parsed_file(read_text_file(tmp_path / "news.txt", *lines)).observations
    assert (fact.region_name, fact.period_type, fact.period_end) == (
        "川江区",
        "quarter",
        date(2023, 3, 31),
    )
    assert (fact.region_source, fact.period_source) == ("title", "publisher")


# --- every number accounted for ---------------------------------------------------------------


def account_of(*paragraphs: str) -> FigureAccount:
    lines = split_paragraphs("\n".join([TITLE, *paragraphs]))
    return read_document_facts(lines, TitleSources("test.txt"))[1]


def test_numbers_that_are_no_facts_are_skipped_with_their_reason() -> None:
    figures = account_of(
        "1-9月，全区规上工业增加值增长5.1%，增速比1-8月回落0.3个百分点，拉动GDP增长2.1个百分点，"
        "环比增长1.2%，两年平均增长4.6%，高于全省1.2个百分点。",
        "全区人均生产总值98094元，约合14220美元。全区工业总产值突破400亿元，比上年增加35.2亿元。",
    )
    assert figures.read == 2
    assert figures.skipped == {
        "change of a growth rate": 1,
        "contribution": 1,
        "month-on-month": 1,
        "multi-year average": 1,
        "comparison with another region": 1,
        "exchange conversion": 1,
        "bound (突破, 超过, 接近)": 1,
        "absolute change": 1,
    }
    assert figures.unread == []


def test_a_number_the_rules_cannot_place_is_reported_with_its_sentence() -> None:
    figures = account_of("同比增长3.5%，景气向好。")
    [unread] = figures.unread
    assert (unread.row_number, unread.text) == (2, "同比增长3.5%，景气向好。")
    assert unread.reason.startswith("3.5%")
    assert figures.total == 1


def test_the_figures_of_a_read_bulletin_are_on_the_parsed_file(tmp_path: Path) -> None:
    path = tmp_path / "川江区2023年1-9月经济运行情况.txt"
    path.write_text("\n".join([*PAGE, "同比增长3.5%，景气向好。"]), encoding="utf-8")
    parsed = read_file(path)
    assert parsed.figures.read == 1 and len(parsed.figures.unread) == 1
    assert parsed.figures.summary() == "1 of 2 numbers read, 0 skipped, 1 unread"


# --- targets ----------------------------------------------------------------------------------

WORK_REPORT = "2023年川江区政府工作报告"


@pytest.mark.parametrize(
    ("statement", "indicator", "value", "unit", "target_kind", "comparator"),
    [
        ("地区生产总值增长8.5%以上", "地区生产总值", 8.5, "%", "growth_pct", "at_least"),
        ("城镇调查失业率控制在5.5%以内", "城镇调查失业率", 5.5, "%", "rate", "at_most"),
        ("居民消费价格涨幅3%左右", "居民消费价格", 3.0, "%", "growth_pct", "about"),
        ("城镇新增就业5000人以上", "城镇新增就业", 5000.0, "人", "level", "at_least"),
        ("研发经费投入强度达到1.2%", "研发经费投入强度", 1.2, "%", "rate", "at_least"),
        ("规模以上工业增加值增长12%", "规模以上工业增加值", 12.0, "%", "growth_pct", "about"),
    ],
)
def test_targets_of_a_work_report(
    statement: str, indicator: str, value: float, unit: str, target_kind: str, comparator: str
) -> None:
    facts = facts_of("二、2023年主要预期目标", f"{statement}。", title=WORK_REPORT)
    target = only(facts, "target")
    assert (target.indicator, target.value, target.unit) == (indicator, value, unit)
    assert (target.target_kind, target.comparator, target.period.start.year) == (
        target_kind,
        comparator,
        2023,
    )
    [record] = to_parsed_file(facts).targets
    assert (record.year, record.target_kind, record.comparator) == (2023, target_kind, comparator)
    assert record.source_text == f"{statement}。"


def test_a_work_report_reviews_the_year_before_and_targets_its_own_year() -> None:
    facts = facts_of(
        "一、2022年工作回顾",
        "过去一年，地区生产总值349.8亿元，增长7.0%。",
        "今年的主要预期目标是：地区生产总值增长8.5%以上。",
        "三、2023年重点工作",
        "新增义务教育学位2880个。",
        title=WORK_REPORT,
    )
    assert [(f.kind, f.period.start.year) for f in facts] == [
        ("level", 2022),
        ("growth", 2022),
        ("target", 2023),
        ("target", 2023),
    ]


def test_a_restated_target_is_stored_once() -> None:
    facts = facts_of(
        "二、2023年主要预期目标",
        "研发经费投入强度达到1.2%，城镇新增就业5000人以上。",
        "三、2023年重点工作",
        "力争研发经费投入强度达到1.2%，城镇新增就业5000人以上。",
        title=WORK_REPORT,
    )
    assert len(facts) == 4
    targets = to_parsed_file(facts).targets
    assert [(t.indicator_name, t.target_value) for t in targets] == [
        ("研发经费投入强度", 1.2),
        ("城镇新增就业", 5000.0),
    ]
    assert targets[0].source_text == "研发经费投入强度达到1.2%，城镇新增就业5000人以上。"


def test_a_sentence_announcing_targets_makes_the_rest_of_its_paragraph_targets() -> None:
    """ "…提出了2024年的预期目标建议。其中…增长7%左右": the targets after it, not results of
    2023; a sentence reporting targets met ("预期目标全面完成。") announces none."""
    facts = facts_of(
        "过去一年，地区生产总值增长6.8%。区长还提出了2024年经济社会发展的预期目标建议。"
        "其中地区生产总值增长7%左右，固定资产投资增长10%左右。",
        "过去一年，主要预期目标全面完成。其中一般公共预算收入增长5.2%。",
        title=WORK_REPORT,
    )
    assert [(f.kind, f.indicator, f.period.start.year) for f in facts] == [
        ("growth", "地区生产总值", 2022),
        ("target", "地区生产总值", 2024),
        ("target", "固定资产投资", 2024),
        ("growth", "一般公共预算收入", 2022),
    ]


def test_comparators_with_a_later_year_make_a_target_but_an_estimate_is_a_result() -> None:
    facts = facts_of(
        "2023年，地区生产总值预计增长7.5%左右。展望2024年，地区生产总值增长7%以上。",
        title="川江区2023年经济运行总结",
    )
    assert [(f.kind, f.period.start.year) for f in facts] == [("growth", 2023), ("target", 2024)]


# --- records ----------------------------------------------------------------------------------


def test_level_and_growth_become_one_observation_share_another_changes_none() -> None:
    facts = facts_of(
        "1-9月，全区一般公共预算支出15.92亿元，下降2.1%，增速比1-8月回落0.5个百分点，"
        "其中民生支出11.2亿元，占一般公共预算支出的70.4%，拉动支出增长1.2个百分点。"
    )
    parsed = to_parsed_file(facts)
    rows = [
        (o.indicator_name, o.value_published, o.unit_published, o.yoy_growth_pct)
        for o in parsed.observations
    ]
    assert rows == [
        ("一般公共预算支出", 15.92, "亿元", -2.1),
        ("民生支出", 11.2, "亿元", None),
        ("民生支出占一般公共预算支出比重", 70.4, "%", None),
    ]
    first = parsed.observations[0]
    assert (first.period_type, first.period_start, first.period_end) == (
        "ytd",
        date(2023, 1, 1),
        date(2023, 9, 30),
    )
    assert (first.region_name, first.period_label) == ("川江区", "2023年1-9月")
    assert first.sheet_name is None


# --- files ------------------------------------------------------------------------------------

HTML = """<html><head><meta charset="gb2312"><title>2023年上半年川江区经济运行简况</title>
<style>p { color: red } /* 增长50% */</style>
<script>document.write("社会消费品零售总额增长99%");</script></head>
<body><div class="nav">首页 &gt; 统计信息</div>
<h1>2023年上半年川江区经济运行简况</h1>
<p>上半年，全区社会消费品零售总额<b>86.9</b>亿元，同比增长7.4%。</p>
<p>固定资产投资&nbsp;同比下降5.6%。<br>规模以上工业增加值增长8.7%。</p>
</body></html>"""


def test_html_text_keeps_paragraphs_and_drops_scripts_and_styles() -> None:
    paragraphs = split_paragraphs(html_to_text(HTML))
    assert "上半年，全区社会消费品零售总额86.9亿元，同比增长7.4%。" in paragraphs
    assert "规模以上工业增加值增长8.7%。" in paragraphs
    assert not any("99%" in p or "50%" in p for p in paragraphs)


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_reading_a_gbk_html_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"brief{suffix}"
    path.write_bytes(HTML.encode("gbk"))
    parsed = read_file(path)
    rows = [(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in parsed.observations]
    assert rows == [
        ("社会消费品零售总额", 86.9, 7.4),
        ("固定资产投资", None, -5.6),
        ("规模以上工业增加值", None, 8.7),
    ]
    assert {o.period_end for o in parsed.observations} == {date(2023, 6, 30)}


def test_reading_a_gbk_text_file(tmp_path: Path) -> None:
    path = tmp_path / "communique.txt"
    title = "商水县２０２２年国民经济和社会发展统计公报"
    path.write_bytes(f"{title}\n\n　　全年生产总值２８６．４亿元，增长５．８％。\n".encode("gbk"))
    [observation] = read_file(path).observations
    assert (observation.region_name, observation.indicator_name) == ("商水县", "生产总值")
    assert (observation.value_published, observation.yoy_growth_pct) == (286.4, 5.8)
    assert observation.source_text == "全年生产总值２８６．４亿元，增长５．８％。"


def test_a_text_without_figures_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("2023年川江区统计工作会议通知\n请各单位准时参加。\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no figures found"):
        read_file(path)


def test_a_bulletin_is_loaded_with_its_sentences_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "川江区2022年统计公报.txt"
    sentence = "全年社会消费品零售总额完成161.5亿元，同比增长3.0%。"
    target = "地区生产总值增长8.5%以上。"
    path.write_text(
        f"川江区2022年国民经济和社会发展统计公报\n{sentence}\n2023年主要预期目标\n{target}\n",
        encoding="utf-8",
    )
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    try:
        [result] = ingest_files(
            [path], connection, StoreDirs(tmp_path / "archive", tmp_path / "quarantine")
        )
        assert (result.status, result.n_facts) == ("loaded", 2)
        row = connection.execute(
            """
            select indicator_name, value_published, yoy_growth_pct, period_type, period_end,
                   source_text, source_char_start, source_char_end
            from raw.indicator_observations where source_file_id = ?
            """,
            [result.source_file_id],
        ).fetchone()
        target_row = connection.execute(
            "select indicator_name, year, target_value, target_kind, comparator, source_text "
            "from raw.indicator_targets"
        ).fetchone()
        file_format = connection.execute("select format from raw.source_files").fetchone()
    finally:
        connection.close()
    name, value, growth, period_type, period_end, text, start, end = row
    assert (name, value, growth, period_type, period_end) == (
        "社会消费品零售总额",
        161.5,
        3.0,
        "year",
        date(2022, 12, 31),
    )
    assert text == sentence
    assert text[start:end] == "161.5亿元，同比增长3.0%"
    assert target_row == ("地区生产总值", 2023, 8.5, "growth_pct", "at_least", target)
    assert file_format == ("txt",)


@pytest.mark.parametrize(
    ("fixture", "publisher", "released"),
    [
        ("chuanjiang_2022_communique.txt", "川江区统计局", date(2023, 3, 20)),
        ("chuanjiang_2023_09_brief.txt", "川江区统计局", date(2023, 10, 20)),
        ("chuanjiang_2023_work_report.txt", None, date(2023, 1, 10)),
        ("shangshui_2022_communique.txt", "商水县统计局", None),  # full-width, no date line
        ("chuanjiang_2023_02_brief.txt", None, None),  # "2023年1-2月" in the title is no date
    ],
)
def test_publisher_and_release_date_come_from_the_lines_under_the_title(
    fixture: str, publisher: str | None, released: date | None
) -> None:
    parsed = read_file(Path(__file__).parents[1] / "fixtures" / "bulletins" / fixture)
    assert (parsed.publisher, parsed.release_date) == (publisher, released)


# --- phrasings the held-out texts showed (fixed after their blind run) -----------------------


def described(facts: list[Fact]) -> list[tuple[object, ...]]:
    """kind, indicator, period label, value with unit or growth: what a fact says."""
    return [(f.kind, f.indicator, f.period_label, f.value, f.unit, f.growth_pct) for f in facts]


def test_a_work_report_summary_titled_with_the_year_it_reviews_is_of_that_year() -> None:
    title = "《川江区政府工作报告》摘要：2021年全区各项目标任务全面完成"
    facts = facts_of("全区地区生产总值增长8.0%达50.2亿元。", title=title)
    assert {f.period_label for f in facts} == {"2021年"}
    report = facts_of("全区地区生产总值增长8.0%达50.2亿元。", title="川江区2022年政府工作报告")
    assert {f.period_label for f in report} == {"2021年"}


def test_a_sector_structure_is_three_shares_and_last_years_is_of_last_year() -> None:
    facts = facts_of("三次产业结构由上年的10.1:50.2:39.7调整为9.5:49.9:40.6，结构继续优化。")
    assert described(facts) == [
        ("share", "三次产业结构/第一产业", "2022年1-9月", 10.1, "%", None),
        ("share", "三次产业结构/第二产业", "2022年1-9月", 50.2, "%", None),
        ("share", "三次产业结构/第三产业", "2022年1-9月", 39.7, "%", None),
        ("share", "三次产业结构/第一产业", "2023年1-9月", 9.5, "%", None),
        ("share", "三次产业结构/第二产业", "2023年1-9月", 49.9, "%", None),
        ("share", "三次产业结构/第三产业", "2023年1-9月", 40.6, "%", None),
    ]
    assert [f.indicator for f in facts_of("从结构看，三次产业比例为2.0:60.0:38.0。")] == [
        "三次产业比例/第一产业",
        "三次产业比例/第二产业",
        "三次产业比例/第三产业",
    ]


def test_an_interleaved_translation_is_skipped_as_a_restatement() -> None:
    sentence = (
        "全区生产总值80.1亿元，增长6.0%。Its output reached 8.01 billion yuan, an increase of 6.0%."
    )
    assert described(facts_of(sentence)) == [
        ("level", "生产总值", "2023年1-9月", 80.1, "亿元", None),
        ("growth", "生产总值", "2023年1-9月", None, None, 6.0),
    ]
    assert account_of(sentence).skipped == {"translation": 1}


@pytest.mark.parametrize(
    "sentence",
    [
        "第一、二、三产业对全区经济增长的贡献率分别为10.0%、30.0%和60.0%。",
        "工业对经济增长的贡献率达到为45.5%。",
        "第三产业经济增长的贡献率为40.2%。",
    ],
)
def test_contribution_rates_are_contributions_in_a_list_too(sentence: str) -> None:
    assert {f.kind for f in facts_of(sentence)} == {"contribution"}


def test_units_of_concentration_and_of_events() -> None:
    facts = facts_of(
        "细颗粒物平均浓度为35微克/立方米，同比下降5.4%；开展招商活动12次，举办对接会8场次。"
    )
    assert described(facts) == [
        ("level", "细颗粒物平均浓度", "2023年1-9月", 35.0, "微克/立方米", None),
        ("growth", "细颗粒物平均浓度", "2023年1-9月", None, None, -5.4),
        ("level", "开展招商活动", "2023年1-9月", 12.0, "次", None),
        ("level", "举办对接会", "2023年1-9月", 8.0, "场次", None),
    ]


def test_figures_under_a_heading_on_definitions_and_scope_are_notes() -> None:
    figures = account_of(
        "固定资产投资增长5.0%。", "投资统计范围及主要指标解释", "计划总投资500万元及以上的项目。"
    )
    assert (figures.read, figures.skipped) == (1, {"note or definition": 1})


def test_a_signed_member_of_a_list_and_a_doubled_decimal_point() -> None:
    facts = facts_of("茶叶、水果产量分别增长12.5%、-30.2%。钢材产量20.5万吨，同比下降6..4%。")
    assert [(f.indicator, f.growth_pct) for f in facts if f.kind == "growth"] == [
        ("茶叶产量", 12.5),
        ("水果产量", -30.2),
        ("钢材产量", -6.4),
    ]


def test_a_list_of_quarters_is_single_quarters_and_the_next_sentence_is_back() -> None:
    facts = facts_of(
        "前三季度，地区生产总值300.5亿元，同比增长5.1%。分季度看，一季度同比增长4.8%，二季度增长5.0%，"
        "三季度增长5.3%。分产业看，第一产业增加值20.1亿元，增长3.0%。从环比看，三季度地区生产总值增长1.2%。"
    )
    assert [(f.period_label, f.period.period_type, f.growth_pct) for f in facts[2:5]] == [
        ("2023年一季度", "quarter", 4.8),
        ("2023年二季度", "quarter", 5.0),
        ("2023年三季度", "quarter", 5.3),
    ]
    assert {f.period_label for f in facts[5:]} == {"2023年前三季度"}  # 环比 is not taken
    assert len(facts) == 7


def test_the_last_quarter_of_a_year_to_date_bulletin_named_alone_is_its_period() -> None:
    facts = facts_of(
        "二季度全区地区生产总值为50.1亿元，增长4.0%，较一季度(3.5%)回升0.5个百分点。",
        title="川江区2023年上半年经济运行情况",
    )
    assert described(facts[:3]) == [
        ("level", "地区生产总值", "2023年上半年", 50.1, "亿元", None),
        ("growth", "地区生产总值", "2023年上半年", None, None, 4.0),
        ("growth", "地区生产总值", "2023年一季度", None, None, 3.5),
    ]


def test_stocks_stand_at_the_end_of_the_period_and_summer_grain_is_the_years() -> None:
    facts = facts_of(
        "夏粮产量12.3万吨，下降1.5%。生猪存栏30.2万头，同比增长2.0%；生猪出栏40.1万头，增长3.0%。"
    )
    assert [(f.indicator, f.period_label, f.period.period_type) for f in facts[::2]] == [
        ("夏粮产量", "2023年", "year"),
        ("生猪存栏", "2023年9月", "month"),
        ("生猪出栏", "2023年1-9月", "ytd"),
    ]


def test_全国_is_the_home_scope_of_a_national_release_only() -> None:
    sentence = "前三季度，全国规模以上工业增加值同比增长6.0%。"
    assert described(facts_of(sentence, title="国家统计局2016年前三季度国民经济运行情况")) == [
        ("growth", "规模以上工业增加值", "2016年前三季度", None, None, 6.0)
    ]
    assert facts_of(sentence) == []


def test_a_work_reports_counts_before_their_nouns_and_funds_it_obtained_are_results() -> None:
    facts = facts_of(
        "一、2022年工作回顾",
        "狠抓项目建设，120个重点项目完成投资85.3亿元，产业园等35个项目建成投产。"
        "争取上级资金12.5亿元，争取到专项债券3.1亿元。争取地方政府债券2.0亿元。",
        "争取实现招商引资50亿元以上。",
        "二、2023年主要目标",
        "争取地区生产总值增长6%。",
        title=WORK_REPORT,
    )
    assert described(facts) == [
        ("level", "重点项目", "2022年", 120.0, "个", None),
        ("level", "重点项目投资", "2022年", 85.3, "亿元", None),
        ("level", "项目建成投产", "2022年", 35.0, "个", None),
        ("level", "上级资金", "2022年", 12.5, "亿元", None),
        ("level", "专项债券", "2022年", 3.1, "亿元", None),
        ("level", "地方政府债券", "2022年", 2.0, "亿元", None),
        ("target", "招商引资", "2023年", 50.0, "亿元", None),
        ("target", "地区生产总值", "2023年", 6.0, "%", None),
    ]
    assert described(facts_of("21063人农村贫困人口全部实现脱贫。")) == [  # not a work report
        ("level", "农村贫困人口", "2023年1-9月", 21063.0, "人", None)
    ]


def test_a_gap_to_another_figure_and_a_driven_growth_are_no_facts() -> None:
    figures = account_of(
        "高技术制造业和装备制造业增加值分别增长9.6%和8.1%，增速分别比规模以上工业快3.1和1.6个百分点。"
        "项目建设带动投资增长5个百分点。工业增加值增长6.0%，增速比上年高0.5个百分点。"
    )
    assert (figures.read, figures.unread) == (3, [])
    assert figures.skipped == {
        "comparison with another region": 2,
        "contribution": 1,
        "change of a growth rate": 1,
    }


TABLE_HEAD = ["2022年全区工业主要指标", "单位:万元", "指 标", "本年", "比上年增长%"]
TABLE_ROWS = ["营业收入", "5120.5", "6.2", "利润总额", "301.2", "-3.5", "税金总额", "—", "２．０"]
FLATTENED = "\n|\n".join([*TABLE_HEAD, *TABLE_ROWS])


def test_a_table_flattened_to_one_cell_per_line_is_read_row_by_row() -> None:
    paragraphs = split_paragraphs(
        "\n".join(["川江区2022年国民经济和社会发展统计公报", FLATTENED, "全区就业稳定。"])
    )
    assert flattened_tables(paragraphs) == [list(range(1, 28, 2))]
    facts, figures = read_document_facts(paragraphs, TitleSources("test.txt"))
    assert described(facts) == [
        ("level", "营业收入", "2022年", 5120.5, "万元", None),
        ("growth", "营业收入", "2022年", None, None, 6.2),
        ("level", "利润总额", "2022年", 301.2, "万元", None),
        ("growth", "利润总额", "2022年", None, None, -3.5),
        ("growth", "税金总额", "2022年", None, None, 2.0),  # — is not available
    ]
    [observation] = [
        o for o in to_parsed_file(facts).observations if o.indicator_name == "利润总额"
    ]
    assert observation.source_text == "利润总额 | 301.2 | -3.5"
    start, end = observation.source_char_start, observation.source_char_end
    assert observation.source_text[start:end] == "301.2 | -3.5"
    assert (observation.period_source, facts[-1].sentence) == ("text", "税金总额 | — | ２．０")
    assert figures.read == 5 and figures.unread == []


def test_a_table_row_the_text_states_is_the_texts_fact_and_a_level_without_unit_unread() -> None:
    text = "\n".join(
        ["川江区2022年国民经济和社会发展统计公报", "全年营业收入5120.5万元，增长6.2%。", FLATTENED]
    )
    facts, figures = read_document_facts(split_paragraphs(text), TitleSources("test.txt"))
    assert [f.sentence for f in facts[:2]] == ["全年营业收入5120.5万元，增长6.2%。"] * 2
    assert [f.indicator for f in facts].count("营业收入") == 2
    assert figures.skipped == {"table row restating the text": 2}
    no_unit = "\n|\n".join(
        ["指标", "产量", "增长%", "钢材(万吨)", "12.5", "3.0", "水泥", "8.1", "2.0"]
    )
    facts, figures = read_document_facts(
        split_paragraphs("\n".join(["川江区2022年统计公报", no_unit])), TitleSources("test.txt")
    )
    assert described(facts) == [
        ("level", "钢材", "2022年", 12.5, "万吨", None),
        ("growth", "钢材", "2022年", None, None, 3.0),
        ("growth", "水泥", "2022年", None, None, 2.0),
    ]
    [unread] = figures.unread
    assert unread.reason == "8.1: a level in a flattened table that names no unit"


def test_a_table_saved_a_row_per_line_is_read_and_a_part_mark_left_out_of_names() -> None:
    rows = ["2022年主要产品产量 | |", "单位:吨 | |", "产品 | 产量 |", "粮食 | 5120 |",
            "#稻谷 | 4100 |", "棉花 | 58 |"]  # fmt: skip
    text = "\n".join(["川江区2022年统计公报", "全年棉花产量58吨。", *rows, "二、工业"])
    facts, figures = read_document_facts(split_paragraphs(text), TitleSources("test.txt"))
    assert described(facts) == [
        ("level", "棉花产量", "2022年", 58, "吨", None),
        ("level", "粮食", "2022年", 5120, "吨", None),
        ("level", "稻谷", "2022年", 4100, "吨", None),
    ]
    assert figures.skipped == {"table row restating the text": 1}
    block = ["文件名称 | 川江区2022年统计公报 | ||", "索引号 | /2022-01 | 公开目录: | 统计 |"]
    assert one_cell_per_line(block) == block  # no number: furniture, kept as printed


def test_a_share_column_of_a_table_of_cells_closed_by_bars_gives_shares() -> None:
    cells = ["表1 2022年年末人口及其构成", "指标 |", "年末数(人) |", "比重(%) |", "|",
             "全区总人口 |", "50000 |", "100.0 |", "|", "其中:男性 |", "25500 |", "51.0 |",
             "|", "0-17岁(含不满18周岁) |", "9000 |", "18.0 |"]  # fmt: skip
    text = "\n".join(["川江区2022年统计公报", *cells])
    facts, figures = read_document_facts(split_paragraphs(text), TitleSources("test.txt"))
    assert described(facts) == [
        ("level", "全区总人口", "2022年", 50000, "人", None),
        ("level", "男性", "2022年", 25500, "人", None),
        ("share", "男性", "2022年", 51.0, "%", None),
        ("level", "0-17岁", "2022年", 9000, "人", None),
        ("share", "0-17岁", "2022年", 18.0, "%", None),
    ]
    assert figures.skipped == {"the whole's share (100%) in a 比重 column": 1}


def test_a_sector_structure_restating_the_shares_just_stated_is_read_once() -> None:
    facts = facts_of(
        "第一产业增加值比重为5.1%,第二产业增加值比重为42.5%,第三产业增加值比重为52.4%。"
        "三次产业结构由2021年的4.6:45.7:49.7调整为5.1:42.5:52.4。",
        title="川江区2022年国民经济和社会发展统计公报",
    )
    assert [(f.indicator, f.period_label, f.value) for f in facts if "/" in f.indicator] == [
        ("三次产业结构/第一产业", "2021年", 4.6),
        ("三次产业结构/第二产业", "2021年", 45.7),
        ("三次产业结构/第三产业", "2021年", 49.7),
    ]
    assert len(facts) == 6


def test_a_structure_printed_with_spaces_about_its_colons_is_read() -> None:
    facts = facts_of("三次产业结构由上年的10.4 : 37.1 : 52.5调整为11.4 : 36.2 : 52.4。")
    assert [(f.period_label, f.value) for f in facts] == [
        ("2022年1-9月", 10.4), ("2022年1-9月", 37.1), ("2022年1-9月", 52.5),
        ("2023年1-9月", 11.4), ("2023年1-9月", 36.2), ("2023年1-9月", 52.4),
    ]  # fmt: skip
    assert [figure_text(f) for f in facts[:2]] == ["10.4", "37.1"]


def test_an_economic_zone_opening_a_name_is_a_region_of_its_own() -> None:
    facts = facts_of(
        "分区域看,川中经济区地区生产总值2952.3亿元,增长4.0%,其中环川江经济圈地区生产总值"
        "1180.6亿元,增长3.9%;川西生态示范区地区生产总值82.4亿元,增长3.4%。"
    )
    assert {(f.region, f.indicator, f.value or f.growth_pct) for f in facts} == {
        ("川中经济区", "地区生产总值", 2952.3), ("川中经济区", "地区生产总值", 4.0),
        ("环川江经济圈", "地区生产总值", 1180.6), ("环川江经济圈", "地区生产总值", 3.9),
        ("川西生态示范区", "地区生产总值", 82.4), ("川西生态示范区", "地区生产总值", 3.4),
    }  # fmt: skip


def test_a_later_quarter_alone_in_a_title_is_the_year_to_its_end() -> None:
    facts = facts_of("第三季度,我区实现生产总值274.79亿元,同比增长7.2%。",
                     title="川江区2018年第三季度经济运行情况")  # fmt: skip
    assert {(f.period.period_type, f.period.start, f.period.end) for f in facts} == {
        ("ytd", date(2018, 1, 1), date(2018, 9, 30))
    }
    facts = facts_of("一季度,全区生产总值58.1亿元。", title="川江区2018年第一季度经济运行情况")
    assert (facts[0].period.start, facts[0].period.end) == (date(2018, 1, 1), date(2018, 3, 31))


def test_a_number_printed_with_spaces_about_its_point_is_whole() -> None:
    facts = facts_of("社会消费品零售总额169 . 3亿元,同比增长13.5%;居民人均收入49532元,增长5 .2%。")
    assert [(f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("社会消费品零售总额", 169.3, None), ("社会消费品零售总额", None, 13.5),
        ("居民人均收入", 49532, None), ("居民人均收入", None, 5.2),
    ]  # fmt: skip
    assert figure_text(facts[0]) == "169 . 3亿元"


def test_a_growth_against_a_year_before_the_last_is_not_year_on_year() -> None:
    facts = facts_of(
        "工业增加值同比增长14.8%,比2019年同期增长13.4%。固定资产投资比2022年同期增长6.1%,"
        "比2021年1-9月增长3.2%。",
        title="川江区2023年前三季度经济运行情况",
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [
        ("工业增加值", 14.8), ("固定资产投资", 6.1)
    ]  # fmt: skip
    _, figures = read_document_facts(
        split_paragraphs("川江区2023年前三季度经济运行情况\n投资比2019年同期增长4.5%。"),
        TitleSources("test.txt"),
    )
    assert figures.skipped == {"growth against a year before the last": 1}


def test_an_amount_passed_before_a_noun_is_a_threshold_in_its_name() -> None:
    facts = facts_of("产值过2000万元的企业有43家;营业收入超过1亿元的企业12家。")
    assert [(f.value, f.unit) for f in facts] == [(43, "家"), (12, "家")]


def test_names_keep_a_bracket_they_close_and_lose_the_regions_short_name() -> None:
    facts = facts_of(
        "全区地区生产总值(GDP)350.2亿元,增长5.1%。川江全体居民人均可支配收入15500元。"
        "3 月末全区城镇登记失业率为2.93%。"
    )
    assert [(f.indicator, f.period_label) for f in facts] == [
        ("地区生产总值(GDP)", "2023年1-9月"), ("地区生产总值(GDP)", "2023年1-9月"),
        ("全体居民人均可支配收入", "2023年1-9月"), ("城镇登记失业率", "2023年3月"),
    ]  # fmt: skip


def test_an_exchange_rate_conversion_is_no_figure_and_the_growth_keeps_its_level() -> None:
    facts = facts_of("全区人均地区生产总值40818元,按现行平均汇率计算为6554美元,比上年增长6.9%。")
    assert described(facts) == [
        ("level", "人均地区生产总值", "2023年1-9月", 40818, "元", None),
        ("growth", "人均地区生产总值", "2023年1-9月", None, None, 6.9),
    ]


def test_a_figure_stated_twice_from_different_sources_of_its_period_is_read_once() -> None:
    facts = facts_of(
        "一季度全区实现生产总值258.38亿元,同比增长19.2%。",
        "根据统一核算结果,全区实现生产总值258.38亿元,同比增长19.2%。",
        title="川江区2021年一季度经济数据",
    )
    assert len(to_parsed_file(facts).observations) == 1


def wrapped_at(text: str, columns: int) -> list[str]:
    """`text` broken into lines of `columns` columns, as a PDF lays it out (a CJK character
    is two columns wide, a digit or a comma one)."""
    lines, line = [], ""
    for character in text:
        if sum(1 if ord(c) < 0x2E80 else 2 for c in line + character) > columns:
            lines, line = [*lines, line], ""
        line += character
    return [*lines, line]


def test_lines_broken_at_a_fixed_width_are_joined_again() -> None:
    text = (
        "过去的五年,全区上下坚持稳中求进,经济社会发展取得了全方位、开创性成就,十三五胜利收官。"
        "2020年全区地区生产总值达到76.16亿元;一般公共预算收入3.83亿元,一般公共预算支出24.14亿元;"
        "城乡居民人均可支配收入分别达到31096元、9756元,748个贫困村全部退出。"
    )
    lines = wrapped_at(text, 60)
    assert len(lines) > 3
    assert unwrapped(["川江区2021年政府工作报告", *lines, "一、2021年工作"]) == [
        "川江区2021年政府工作报告", text, "一、2021年工作"
    ]  # fmt: skip
    facts = facts_of(*lines, title="川江区2021年政府工作报告")
    assert [(f.indicator, f.value) for f in facts] == [
        ("地区生产总值", 76.16), ("一般公共预算收入", 3.83), ("一般公共预算支出", 24.14),
        ("城镇居民人均可支配收入", 31096), ("农村居民人均可支配收入", 9756), ("贫困村", 748),
    ]  # fmt: skip
    lines = ["川江区2023年统计公报", "全区生产总值增长5%。", "一、综合"]
    assert unwrapped(lines) == lines


def test_a_growth_in_times_after_a_rate_word_is_a_growth() -> None:
    facts = facts_of("网络零售额的增长速度达25.4倍。")
    assert [(f.indicator, f.growth_pct) for f in facts] == [("网络零售额", 2540.0)]


def test_a_period_opening_a_flattened_tables_header_holds_for_its_columns() -> None:
    cells = [
        "单位:亿元",
        "指标",
        "9月",
        "增长%",
        "1-9月",
        "增长%",
        "营业收入",
        "12.5",
        "3.0",
        "100.2",
        "5.1",
    ]
    facts = facts_of("\n|\n".join(cells), title="川江区2023年9月经济运行简况")
    assert described(facts) == [
        ("level", "营业收入", "2023年9月", 12.5, "亿元", None),
        ("growth", "营业收入", "2023年9月", None, None, 3.0),
        ("level", "营业收入", "2023年1-9月", 100.2, "亿元", None),
        ("growth", "营业收入", "2023年1-9月", None, None, 5.1),
    ]


def test_a_flattened_table_with_a_unit_column_takes_each_rows_unit() -> None:
    cells = ["指标", "单位", "1-9月", "增长%", "地区生产总值", "亿元", "120.5", "5.6"]
    cells += ["工业用电量", "万千瓦时", "3520", "-2.1", "城镇化率", "%", "55.2", "—"]
    facts = facts_of("\n|\n".join(cells))
    assert described(facts) == [
        ("level", "地区生产总值", "2023年1-9月", 120.5, "亿元", None),
        ("growth", "地区生产总值", "2023年1-9月", None, None, 5.6),
        ("level", "工业用电量", "2023年1-9月", 3520.0, "万千瓦时", None),
        ("growth", "工业用电量", "2023年1-9月", None, None, -2.1),
        ("level", "城镇化率", "2023年1-9月", 55.2, "%", None),
    ]
    assert facts[2].sentence[facts[2].start : facts[2].end] == "3520"


def test_output_grown_by_an_amount_is_an_absolute_change_by_a_percentage_a_growth() -> None:
    assert account_of("全年粮食增产16.6万吨。").skipped == {"absolute change": 1}
    assert described(facts_of("全年粮食增产2.1%。")) == [
        ("growth", "粮食", "2023年", None, None, 2.1)
    ]


def test_a_listed_region_opening_a_name_or_alone_states_that_regions_figure() -> None:
    facts = facts_of(
        "1-9月，全市地区生产总值1520.3亿元，同比增长5.6%。分县区看，川江区增长6.1%，"
        "淮阳区增长5.2%，项城市下降1.0%。",
        title="2023年1-9月周口市经济运行情况",
    )
    assert [(f.region, f.indicator, f.growth_pct) for f in facts if f.kind == "growth"] == [
        ("周口市", "地区生产总值", 5.6),
        ("川江区", "地区生产总值", 6.1),
        ("淮阳区", "地区生产总值", 5.2),
        ("项城市", "地区生产总值", -1.0),
    ]
    facts = facts_of(
        "其中，川江区工业增加值增长7.2%，工业园区企业产值下降2.0%。",
        title="2023年1-9月周口市经济运行情况",
    )
    assert [(f.region, f.indicator) for f in facts] == [
        ("川江区", "工业增加值"),
        ("周口市", "工业园区企业产值"),
    ]


# --- phrasings a new tuning set of saved pages showed (see docs/bulletins.md) -----------------


def test_a_method_of_computing_opens_no_name_and_a_contribution_degree_is_no_fact() -> None:
    facts = facts_of(
        "全区实现GDP总量80.5亿元,按可比价计算同比增长6.1%。工业拉动全区GDP增长1.9个百分点,贡献度为30.5%。"
    )
    assert described(facts) == [
        ("level", "GDP总量", "2023年1-9月", 80.5, "亿元", None),
        ("growth", "GDP总量", "2023年1-9月", None, None, 6.1),
        ("contribution", "工业", "2023年1-9月", 1.9, "个百分点", None),
        ("contribution", "工业", "2023年1-9月", 30.5, "%", None),
    ]


def test_a_month_named_after_其中_holds_for_its_sentence_only() -> None:
    facts = facts_of(
        "1-9月,社会消费品零售总额30.1亿元,增长8.8%,其中9月份增长14.9%,受假期影响。"
        "按消费形态分,餐饮收入增长21.6%。"
    )
    assert [(f.indicator, f.period_label, f.growth_pct) for f in facts[1:]] == [
        ("社会消费品零售总额", "2023年1-9月", 8.8),
        ("社会消费品零售总额", "2023年9月份", 14.9),
        ("餐饮收入", "2023年1-9月", 21.6),
    ]


def test_names_listed_in_the_clause_before_a_nameless_分别_list_pair_with_its_figures() -> None:
    facts = facts_of("禽蛋产量、水果和蔬菜增长较快,增速分别达9.1%、7.5%、5.5%。")
    assert [(f.kind, f.indicator, f.growth_pct) for f in facts] == [
        ("growth", "禽蛋产量", 9.1),
        ("growth", "水果", 7.5),
        ("growth", "蔬菜", 5.5),
    ]


def test_a_broadcaster_before_a_bar_in_the_title_line_is_not_the_region() -> None:
    facts = facts_of(
        "1-9月,全市固定资产投资同比增长1.3%。", title="郸城县电视台|周口市2023年1-9月经济运行情况"
    )
    assert [(f.region, f.period_label, f.growth_pct) for f in facts] == [
        ("周口市", "2023年1-9月", 1.3)
    ]


def test_a_list_whose_names_stand_in_clauses_and_whose_members_carry_their_own_verbs() -> None:
    facts = facts_of(
        "9月份,分门类看,采矿业,制造业,电力、热力、燃气及水生产和供应业分别下降29.8%、增长6.5%和增长4.1%。"
    )
    assert [(f.indicator, f.period_label, f.growth_pct) for f in facts] == [
        ("采矿业", "2023年9月份", -29.8),
        ("制造业", "2023年9月份", 6.5),
        ("电力、热力、燃气及水生产和供应业", "2023年9月份", 4.1),
    ]


def test_a_numbered_heading_restating_a_figure_and_a_growth_restated_later_are_read_once() -> None:
    facts = facts_of(
        "一、GDP同比增长6.4%",
        "第二产业增加值67.84亿元,同比增长4.1%。",
        "二、第二产业稳步恢复",
        "第二产业增加值同比增长4.1%,比一季度提高1.0个百分点。",
    )
    observations = to_parsed_file(facts).observations
    assert [(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations] == [
        ("第二产业增加值", 67.84, 4.1)
    ]


def test_全县_in_a_districts_text_is_its_own_scope_and_a_narrowed_share_is_a_change() -> None:
    facts = facts_of(
        "1-9月,全县实现进出口总额7318万美元,同比增长75.7%。亏损面23.9%,同比缩小1.8个百分点。"
    )
    assert described(facts) == [
        ("level", "进出口总额", "2023年1-9月", 7318.0, "万美元", None),
        ("growth", "进出口总额", "2023年1-9月", None, None, 75.7),
        ("level", "亏损面", "2023年1-9月", 23.9, "%", None),
        ("growth_change", "亏损面", "2023年1-9月", -1.8, "个百分点", None),
    ]


def test_an_amount_bounding_a_noun_is_part_of_its_name_and_urban_rural_names_share_theirs() -> None:
    facts = facts_of(
        "全年开复工5000万元以上项目32个,总投资64.8亿元。"
        "城镇、农村常住居民人均可支配收入分别达到23894元和14620元。"
    )
    assert [(f.indicator, f.value, f.unit) for f in facts] == [
        ("开复工5000万元以上项目", 32.0, "个"),
        ("开复工5000万元以上项目总投资", 64.8, "亿元"),
        ("城镇常住居民人均可支配收入", 23894.0, "元"),
        ("农村常住居民人均可支配收入", 14620.0, "元"),
    ]


def test_a_structure_by_year_and_a_structure_stated_as_占比() -> None:
    facts = facts_of(
        "三次产业结构由2022年的15.7:40.9:43.4调整为15.8:41.3:42.9。三次产业占比为2.1:35.7:62.2",
        title="川江区2023年国民经济和社会发展统计公报",
    )
    assert [(f.indicator, f.period_label, f.value) for f in facts[::3]] == [
        ("三次产业结构/第一产业", "2022年", 15.7),
        ("三次产业结构/第一产业", "2023年", 15.8),
        ("三次产业占比/第一产业", "2023年", 2.1),
    ]


def test_a_bracketed_period_opens_a_title_and_a_site_line_with_a_release_date_is_none() -> None:
    paragraphs = [
        "【2022年1-3季度】西海岸新区经济运行情况",
        "青岛西海岸新区政务网 发布日期 : 2022-11-11",
        "前三季度,全区生产总值为3436.75亿元,同比增长5.3%。",
    ]
    facts = read_document_facts(paragraphs, TitleSources("page.txt"))[0]
    assert {(f.region, f.period_label) for f in facts} == {("西海岸新区", "2022年前三季度")}


def test_a_work_report_titled_by_the_year_its_text_reviews_is_of_that_year() -> None:
    facts = facts_of(
        "2019年,是我县极不平凡的一年。全县地区生产总值增长3.3%。",
        title="2019年川江县政府工作报告",
    )
    assert {f.period_label for f in facts} == {"2019年"}


def test_a_title_opening_with_a_period_and_我县_names_no_region_the_file_name_does() -> None:
    paragraphs = ["上半年我县农林牧渔业总产值增长8%", "上半年全县完成早稻播插面积6.8万亩。"]
    facts = read_document_facts(paragraphs, TitleSources("郸城县2023年上半年农业.txt"))[0]
    assert [(f.region, f.indicator, f.period_label) for f in facts] == [
        ("郸城县", "早稻播插面积", "2023年上半年")  # an area sown, not the year's harvest
    ]


def test_a_list_closed_by_its_group_word_deposits_at_the_months_end_and_a_quoted_average() -> None:
    facts = facts_of(
        "1-9月,限上批、零、住、餐四行业增速分别为-11.6%、4.1%、-30%、-22.2%。"
        "邮政业务总量同比增长17.53%,高于全省平均增速(16.8%)0.73个百分点。本外币存款同比增长6.6%。"
    )
    assert [(f.indicator, f.period_label, f.growth_pct) for f in facts] == [
        ("限上批", "2023年1-9月", -11.6),
        ("零", "2023年1-9月", 4.1),
        ("住", "2023年1-9月", -30.0),
        ("餐", "2023年1-9月", -22.2),
        ("邮政业务总量", "2023年1-9月", 17.53),
        ("本外币存款", "2023年9月", 6.6),
    ]
    paragraphs = [TITLE, "1-9月,邮政业务总量增长17.53%,高于全省平均增速(16.8%)0.73个百分点。"]
    assert read_document_facts(paragraphs, TitleSources("test.txt"))[1].unread == []


def test_a_heading_on_how_targets_were_met_reports_results_and_a_gap_to_a_target_is_none() -> None:
    facts = facts_of(
        "(一)主要目标完成情况",
        "1-9月,全区实现地区生产总值806亿元,同比增长3.2%,塌目标1.8个百分点。"
        "城镇和农村常住居民人均可支配收入完成29092元、17191元,分别增长3%、6.4%。",
    )
    assert described(facts) == [
        ("level", "地区生产总值", "2023年1-9月", 806.0, "亿元", None),
        ("growth", "地区生产总值", "2023年1-9月", None, None, 3.2),
        ("level", "城镇常住居民人均可支配收入", "2023年1-9月", 29092.0, "元", None),
        ("level", "农村常住居民人均可支配收入", "2023年1-9月", 17191.0, "元", None),
        ("growth", "城镇常住居民人均可支配收入", "2023年1-9月", None, None, 3.0),
        ("growth", "农村常住居民人均可支配收入", "2023年1-9月", None, None, 6.4),
    ]


def test_a_first_threshold_passed_keeps_the_subject_and_a_size_in_a_name_is_no_figure() -> None:
    facts = facts_of(
        "全区地区生产总值完成602.5亿元,首次突破600亿元大关,同比增长5.5%。"
        "漳电2×100万千瓦等12个项目相继投产达效,新增产值103亿元。",
        title="川江区2024年政府工作报告",
    )
    assert [(f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("地区生产总值", 602.5, None),  # 600亿元 is a bound passed: skipped
        ("地区生产总值", None, 5.5),
        ("项目相继投产达效", 12.0, None),
        ("新增产值", 103.0, None),
    ]


@pytest.mark.parametrize("colon", ["︰", "∶"])
def test_a_structure_written_with_a_ratio_colon(colon: str) -> None:
    facts = facts_of(
        f"三次产业比调整为11.8{colon}48.3{colon}39.9。", title="川江县2020年政府工作报告"
    )
    assert [(f.indicator, f.value, f.period_label) for f in facts] == [
        ("三次产业比/第一产业", 11.8, "2019年"),
        ("三次产业比/第二产业", 48.3, "2019年"),
        ("三次产业比/第三产业", 39.9, "2019年"),
    ]


def test_a_byline_and_a_release_date_name_neither_region_nor_period(tmp_path: Path) -> None:
    """A reporter's byline names the paper's province, and the day of the release opens the
    first sentence: the file name's region and the sentence's own period stand."""
    path = tmp_path / "川江区2023年前三季度经济数据.txt"
    facts = read_text_file(
        path,
        "河南日报记者 王小明",
        "10月20日,川江区发布2023年前三季度经济数据:全区地区生产总值512.30亿元,同比增长4.1%。",
    )
    assert {(f.region, f.period_label, f.indicator) for f in facts} == {
        ("川江区", "2023年前三季度", "地区生产总值")
    }


def test_a_provincial_text_names_its_cities_by_short_name(tmp_path: Path) -> None:
    """ "洛阳GDP总量" in a province's text is 洛阳市's, and "增速最高达" is still a growth."""
    path = tmp_path / "河南省2023年前三季度经济运行情况.txt"
    facts = read_text_file(path, "前三季度,洛阳GDP总量为4201.50亿元。周口GDP增速最高达6.2%。")
    assert {(f.region, f.kind, f.value, f.growth_pct) for f in facts} == {
        ("洛阳市", "level", 4201.5, None),
        ("周口市", "growth", None, 6.2),
    }


def test_a_growth_turned_from_an_earlier_period_is_that_periods(tmp_path: Path) -> None:
    """ "由一季度的下降1.5%转为增长3.1%": the first growth is 一季度's, the second the period's."""
    path = tmp_path / "洛阳市2023年上半年经济运行情况.txt"
    facts = read_text_file(
        path, "上半年,全市第一产业增加值48.3亿元,由一季度的下降1.5%转为增长3.1%。"
    )
    assert {(f.indicator, f.period_label, f.value, f.growth_pct) for f in facts} == {
        ("第一产业增加值", "2023年上半年", 48.3, None),
        ("第一产业增加值", "2023年一季度", None, -1.5),
        ("第一产业增加值", "2023年上半年", None, 3.1),
    }


def test_a_contribution_said_to_be_high_a_stock_now_and_output_in_pieces(tmp_path: Path) -> None:
    """ "贡献率高达" is a contribution, "目前存栏" names the stock, 万片 is a unit of output."""
    path = tmp_path / "洛阳市2023年1-5月经济运行简况.txt"
    facts = read_text_file(
        path,
        "1-5月,三个行业合计对规上工业增加值增速贡献率高达48.5%。",
        "生猪存栏增长较快,目前存栏215.6万头。",
        "光伏电池片产量1260.35万片。",
    )
    observations = to_parsed_file(facts).observations
    assert {(o.indicator_name, o.value_published, o.unit_published) for o in observations} == {
        ("存栏", 215.6, "万头"),
        ("光伏电池片产量", 1260.35, "万片"),
    }


def test_a_rate_narrowing_against_an_earlier_period_in_percent_is_no_level(
    tmp_path: Path,
) -> None:
    """ "降幅较一季度收窄5%": the change of a rate, printed in % rather than 个百分点."""
    path = tmp_path / "洛阳市2023年上半年经济运行情况.txt"
    facts = read_text_file(path, "上半年,餐饮收入45.20亿元,下降8.1%,下降幅度较一季度收窄5%。")
    [observation] = to_parsed_file(facts).observations
    assert (observation.value_published, observation.yoy_growth_pct) == (45.2, -8.1)


def test_a_sentence_opened_by_a_district_alone_is_the_districts(tmp_path: Path) -> None:
    """ "如西工区,上半年地区生产总值…": the district named alone before its clause."""
    path = tmp_path / "洛阳市2023年上半年经济运行情况.txt"
    facts = read_text_file(
        path,
        "上半年,全市地区生产总值2650.30亿元,同比增长4.1%。",
        "如西工区,上半年地区生产总值为120.50亿元,同比增长3.2%。",
    )
    assert {(f.region, f.value, f.growth_pct) for f in facts} == {
        ("洛阳市", 2650.3, None),
        ("洛阳市", None, 4.1),
        ("西工区", 120.5, None),
        ("西工区", None, 3.2),
    }


def test_a_share_of_the_province_named_by_its_scope_word(tmp_path: Path) -> None:
    """ "占全省的13.5%": the whole is the province, named by its scope word alone."""
    path = tmp_path / "洛阳市2023年前三季度经济运行情况.txt"
    facts = read_text_file(path, "前三季度,全市蔬菜总产量412万吨,占全省的13.5%。")
    assert {(f.kind, f.indicator, f.value) for f in facts} == {
        ("level", "蔬菜总产量", 412.0),
        ("share", "蔬菜总产量占全省比重", 13.5),
    }


def test_a_count_after_you_within_a_group_is_a_count_of_members() -> None:
    """ "在全市27个工业行业中,有18个行业增加值实现增长": a count of the group's members."""
    figures = account_of("1-8月,在全市27个工业行业中,有18个行业增加值实现同比增长。")
    assert figures.skipped.get(COUNT_OF_MEMBERS) == 1


def test_two_names_sharing_their_last_character_printed_once(tmp_path: Path) -> None:
    """ "生猪存、出栏分别为…": 存栏 (a stock at the period's end) and 出栏."""
    path = tmp_path / "洛阳市2023年上半年经济运行情况.txt"
    facts = read_text_file(path, "上半年,全市生猪存、出栏分别为120.5万头和98.2万头。")
    assert {(f.indicator, f.period.period_type, f.value) for f in facts} == {
        ("生猪存栏", "month", 120.5),
        ("出栏", "ytd", 98.2),
    }


def test_names_one_a_clause_before_a_rate_clause_keep_their_inner_commas(tmp_path: Path) -> None:
    """ "A、B业,C业,D、E业增速较快,分别增长…": each clause is one name."""
    path = tmp_path / "洛阳市2023年上半年经济运行情况.txt"
    facts = read_text_file(
        path,
        "从重点行业看,医药制造业,纺织、服装业,电力、热力生产和供应业增势较好,"
        "分别增长18.2%、9.6%、7.1%。",
    )
    assert {(f.indicator, f.growth_pct) for f in facts} == {
        ("医药制造业", 18.2),
        ("纺织、服装业", 9.6),
        ("电力、热力生产和供应业", 7.1),
    }


def test_a_city_leading_in_a_clause_of_its_own_takes_the_figures(tmp_path: Path) -> None:
    """A province's "从总量看,洛阳位居第二,GDP总量…": the figures are 洛阳市's."""
    path = tmp_path / "河南省2023年前三季度经济运行情况.txt"
    facts = read_text_file(path, "从总量看,洛阳位居第二,GDP总量4201.50亿元,同比增长4.9%。")
    assert {(f.region, f.value, f.growth_pct) for f in facts} == {
        ("洛阳市", 4201.5, None),
        ("洛阳市", None, 4.9),
    }


def luoyang_facts(tmp_path: Path, *sentences: str) -> list[Fact]:
    """The facts of a half-year text of 洛阳市 of 2023, with its title line and `sentences`."""
    title = "洛阳市2023年上半年经济运行情况"
    return read_text_file(tmp_path / f"{title}.txt", title, *sentences)


def test_a_sign_after_a_verb_of_decline_repeats_the_decline(tmp_path: Path) -> None:
    """ "同比下降-2.3%": a fall of 2.3, not a rise."""
    facts = luoyang_facts(tmp_path, "上半年,全市第三产业增加值80.50亿元,同比下降-2.3%。")
    [observation] = to_parsed_file(facts).observations
    assert (observation.value_published, observation.yoy_growth_pct) == (80.5, -2.3)


def test_da_after_a_growth_verb_and_wei_after_zengzhang_keep_a_growth(tmp_path: Path) -> None:
    """ "增长达25.2%", "分别增长为12.5%和8.1%" are growths; "上升为42.9%" is the rate reached."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,全市大型企业增加值增长达25.2%。",
        "上半年,全市出口、进口同比分别增长为12.5%和8.1%。",
        "上半年,全市行业增长面上升为42.9%。",
    )
    assert {(f.kind, f.indicator, f.value, f.growth_pct) for f in facts} == {
        ("growth", "大型企业增加值", None, 25.2),
        ("growth", "出口", None, 12.5),
        ("growth", "进口", None, 8.1),
        ("level", "行业增长面上升", 42.9, None),
    }


def test_a_growth_bounded_by_yishang_outside_a_target_is_no_figure(tmp_path: Path) -> None:
    """ "钢材、水泥等产品产量累计增长15%以上": a bound of some members, not a figure."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,全市规模以上工业增加值增长6.1%,钢材、水泥等产品产量累计增长15%以上。",
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [("规模以上工业增加值", 6.1)]


def test_the_number_of_a_heading_opening_its_sentence_is_no_part_of_a_name(
    tmp_path: Path,
) -> None:
    """ "一、农业增加值同比增长3.1%。": the heading restates the figure of its section (read
    once), and "五、城乡居民收入同比增长a%、b%" gives the urban and the rural growth."""
    facts = luoyang_facts(
        tmp_path,
        "一、农业增加值同比增长3.1%。上半年,全市农业增加值12.5亿元,同比增长3.1%。",
        "三、固定资产投资下降9.4%。上半年,全市固定资产投资同比下降9.4%。",
        "五、城乡居民收入同比增长4.6%、6.7%。",
    )
    observations = to_parsed_file(facts).observations
    assert {(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations} == {
        ("农业增加值", 12.5, 3.1),
        ("固定资产投资", None, -9.4),
        ("城镇居民收入", None, 4.6),
        ("农村居民收入", None, 6.7),
    }
    assert len(observations) == 4


def test_two_names_differing_in_one_character_printed_once(tmp_path: Path) -> None:
    """ "规模以上轻、重工业", "大、中型企业": each name in full."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,规模以上轻、重工业增加值分别增长12.5%和8.1%。",
        "上半年,大、中型企业营业收入分别增长5.5%和4.1%。",
    )
    assert {(f.indicator, f.growth_pct) for f in facts} == {
        ("规模以上轻工业增加值", 12.5),
        ("规模以上重工业增加值", 8.1),
        ("大型企业营业收入", 5.5),
        ("中型企业营业收入", 4.1),
    }


def test_a_growth_in_brackets_after_its_name(tmp_path: Path) -> None:
    """ "A(4.1%)、B(9.7%)分别高于预期目标…": each name's growth, results compared with the
    targets (no target set); a scope word's bracketed growth is another region's."""
    facts = luoyang_facts(
        tmp_path,
        "其中,地区生产总值(4.1%)、规模以上工业增加值(9.7%)分别高于预期目标1.0和4.2个百分点,"
        "一般公共预算收入(10.5%)完成年初预算的51.7%。",
        "上半年,社会消费品零售总额同比增长5.5%,分别高于全国(3.5%)、全省(3.9%)2.0和1.6个百分点。",
    )
    assert {(f.kind, f.indicator, f.value, f.growth_pct) for f in facts} == {
        ("growth", "地区生产总值", None, 4.1),
        ("growth", "规模以上工业增加值", None, 9.7),
        ("growth", "一般公共预算收入", None, 10.5),
        ("share", "一般公共预算收入占年初预算比重", 51.7, None),
        ("growth", "社会消费品零售总额", None, 5.5),
    }


def test_regions_with_their_growths_in_brackets_before_the_quantity(tmp_path: Path) -> None:
    """ "西工区(11.0%)和偃师区(7.2%)地区生产总值增速分别位列…": each district's growth of
    the quantity named after the list."""
    facts = luoyang_facts(
        tmp_path,
        "另外,西工区(11.0%)和偃师区(7.2%)地区生产总值增速分别位列全市第2位和第6位;"
        "孟津区(23.4%)、西工区(10.6%)规模以上工业增加值增速分别位列全市第1位和第5位。",
    )
    assert {(f.region, f.indicator, f.growth_pct) for f in facts} == {
        ("西工区", "地区生产总值", 11.0),
        ("偃师区", "地区生产总值", 7.2),
        ("孟津区", "规模以上工业增加值", 23.4),
        ("西工区", "规模以上工业增加值", 10.6),
    }


def test_a_news_dateline_opening_the_first_sentence_is_no_name(tmp_path: Path) -> None:
    """ "<paper>洛阳7月26日电 (记者 …)地区生产总值…", "本报讯(记者 …)": the dateline."""
    facts = luoyang_facts(
        tmp_path,
        "洛阳网洛阳7月26日电 (记者 王明)地区生产总值2650.30亿元,同比增长4.1%。",
        "本报讯(记者 李华)上半年,全市社会消费品零售总额1230.5亿元,增长5.5%。",
    )
    assert {f.indicator for f in facts} == {"地区生产总值", "社会消费品零售总额"}


def test_a_date_opening_a_count_and_the_growth_of_its_attribute(tmp_path: Path) -> None:
    """ "截止6月底亿元以上在建项目52个,计划总投资326.5亿元,同比增长8.1%": the date is no part
    of the name, and the growth is the total investment's, the attribute last stated."""
    facts = luoyang_facts(
        tmp_path,
        "截止6月底亿元以上在建项目52个,计划总投资326.5亿元,同比增长8.1%。",
    )
    observations = to_parsed_file(facts).observations
    assert {(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations} == {
        ("亿元以上在建项目", 52.0, None),
        ("亿元以上在建项目计划总投资", 326.5, 8.1),
    }


def test_a_clause_naming_its_indicator_by_a_round_threshold_passed(tmp_path: Path) -> None:
    """ "地区生产总值突破千亿,达到1203.5亿元": the figure of the verb after it is the GDP."""
    facts = luoyang_facts(
        tmp_path,
        "一季度,全市地区生产总值突破千亿,达到1203.5亿元,同比增长4.8%。",
    )
    [observation] = to_parsed_file(facts).observations
    assert (observation.indicator_name, observation.value_published) == ("地区生产总值", 1203.5)
    assert observation.yoy_growth_pct == 4.8


def test_a_date_opened_by_jiezhi_holds_to_the_next_semicolon(tmp_path: Path) -> None:
    """ "截止6月底…项目52个,…;…完成投资占全部投资的比重为70.2%": the count and its investment
    stand at the end of June, the share after the ; is of the half year."""
    facts = luoyang_facts(
        tmp_path,
        "截止6月底亿元以上在建项目52个,计划总投资326.5亿元;"
        "亿元以上项目完成投资占全部投资的比重为70.2%。",
    )
    assert {(f.kind, f.period.period_type, f.value) for f in facts} == {
        ("level", "month", 52.0),
        ("level", "month", 326.5),
        ("share", "ytd", 70.2),
    }


def test_a_threshold_crossed_in_words_is_no_level(tmp_path: Path) -> None:
    """ "地区生产总值跨越2000亿元,达到2031.5亿元": 跨越 names a threshold passed, like 突破."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,全市地区生产总值跨越2000亿元,达到2031.5亿元,同比增长4.6%。",
    )
    [observation] = to_parsed_file(facts).observations
    assert (observation.indicator_name, observation.value_published) == ("地区生产总值", 2031.5)
    assert observation.yoy_growth_pct == 4.6


def test_a_count_of_a_group_of_projects_members_is_no_figure(tmp_path: Path) -> None:
    """ "120个重点项目中已开工85个": the members of a group counted, no statistic."""
    facts = luoyang_facts(tmp_path, "上半年,全市120个重点项目中已开工85个,完成投资310亿元。")
    assert [f.value for f in facts] == [310.0]


def test_a_share_moving_from_last_years_to_this_years(tmp_path: Path) -> None:
    """ "占…的比重由上年同期的20.5%下降至19.8%": last year's share, then this year's, both
    under the share's name."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,高耗能行业产值增长5.0%,占全市规模以上工业总产值的比重由上年同期的20.5%"
        "下降至19.8%。",
    )
    shares = [(f.period.start.year, f.value) for f in facts if f.kind == "share"]
    assert shares == [(2022, 20.5), (2023, 19.8)]
    names = {o.indicator_name for o in to_parsed_file(facts).observations if o.value_published}
    assert names == {"高耗能行业产值占规模以上工业总产值比重"}


def test_a_share_after_a_clause_naming_its_part_by_its_trend(tmp_path: Path) -> None:
    """ "工业投资快速增长,占全部投资的比重为30.5%,同比增长20.1%": the share and the growth
    are the 工业投资's, named by how it moved in the clause before."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,全市固定资产投资同比增长9.2%。工业投资持续高增长,占全部投资的比重为30.5%,"
        "同比增长20.1%。",
    )
    observations = to_parsed_file(facts).observations
    assert {(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations} == {
        ("固定资产投资", None, 9.2),
        ("工业投资占全部投资比重", 30.5, None),
        ("工业投资", None, 20.1),
    }


def test_a_basis_between_the_names_and_fenbie_is_the_figures(tmp_path: Path) -> None:
    """ "A、B零售额两年平均分别增长x%、y%": multi-year averages, not year-on-year growths."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,家电类、通讯器材类商品零售额两年平均分别增长12.1%、8.3%,"
        "粮油类、饮料类商品零售额分别增长5.5%、6.1%。",
    )
    assert sorted(f.growth_pct for f in facts) == [5.5, 6.1]


def test_gaishi_is_the_documents_region_and_its_full_name_no_part_of_a_name(
    tmp_path: Path,
) -> None:
    """A news report's "该市…" is the document's region, like 我市; "洛阳市城镇居民…" in
    洛阳市's text loses the full name as it loses the short one."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,该市实现地区生产总值2650.3亿元,同比增长4.1%。",
        "上半年,洛阳市城镇居民人均可支配收入同比增长5.1%。",
    )
    assert {(f.region, f.indicator) for f in facts} == {
        ("洛阳市", "地区生产总值"),
        ("洛阳市", "城镇居民人均可支配收入"),
    }


def test_events_counted_in_qi_and_urban_rural_printed_short(tmp_path: Path) -> None:
    """ "事故12起,死亡9人,同比分别下降20%、25%": 起 counts events; "城、乡居民…分别为a元、b元"
    is the urban and the rural income."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,全市发生安全生产事故12起,死亡9人,同比分别下降20%、25%。",
        "上半年,城、乡居民人均可支配收入分别为30120元、15230元。",
    )
    observations = to_parsed_file(facts).observations
    assert {(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations} == {
        ("发生安全生产事故", 12.0, -20.0),
        ("死亡", 9.0, -25.0),
        ("城镇居民人均可支配收入", 30120.0, None),
        ("农村居民人均可支配收入", 15230.0, None),
    }


def test_a_caption_opened_by_its_mark_is_furniture(tmp_path: Path) -> None:
    """ "资料图 某风电场20万千瓦机组并网" on a line of its own: what a photo shows."""
    assert is_furniture("资料图 某风电场20万千瓦机组并网发电")
    assert is_furniture("图为川江区新建的30万吨级码头")
    facts = luoyang_facts(
        tmp_path, "资料图 某风电场20万千瓦机组并网发电", "上半年,全市发电量120.5亿千瓦时。"
    )
    assert [f.value for f in facts] == [120.5]


def test_an_amount_a_clause_opens_by_changing_is_an_absolute_change(tmp_path: Path) -> None:
    """ "减少政府债务3.2亿元", "火电增发电量52亿千瓦时": changes, not levels; 增加值 is a name."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,全市化解风险,减少政府债务3.2亿元;火电增发电量52亿千瓦时。",
        "上半年,全市工业增加值812.4亿元。",
    )
    assert [(f.indicator, f.value) for f in facts] == [("工业增加值", 812.4)]


def test_descriptions_before_a_fenbie_list_and_a_level_reached_are_no_names(
    tmp_path: Path,
) -> None:
    """ "农业生产形势良好,蔬菜、水果产量分别增长…": the description is no name of the list;
    "信用村增加到120个": the level reached, named without its verb."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,农业生产形势良好,蔬菜、水果产量分别增长3.1%、4.2%。",
        "上半年,全市信用村增加到120个。",
    )
    assert {(f.indicator, f.value if f.kind == "level" else f.growth_pct) for f in facts} == {
        ("蔬菜产量", 3.1),
        ("水果产量", 4.2),
        ("信用村", 120.0),
    }


def test_a_month_alone_after_its_year_to_date_is_an_aside(tmp_path: Path) -> None:
    """ "1-6月,…。6月份,…。…" and "…,6月当月增速…。…": the month holds for its sentence
    only; the next sentence is back in the year to date."""
    facts = luoyang_facts(
        tmp_path,
        "1-6月,全市规模以上工业增加值同比增长6.1%。6月份,规模以上工业增加值同比增长4.2%。"
        "装备制造业同比增长9.5%。",
        "1-6月,全市社会消费品零售总额同比增长5.0%,其中汽车类回升明显,6月当月零售额同比增长"
        "8.8%。限额以上单位零售额同比增长6.6%。",
    )
    assert [(f.period.period_type, f.growth_pct) for f in facts] == [
        ("ytd", 6.1),
        ("month", 4.2),
        ("ytd", 9.5),
        ("ytd", 5.0),
        ("month", 8.8),
        ("ytd", 6.6),
    ]


def test_names_of_a_list_continuing_their_growth_before_fenbie(tmp_path: Path) -> None:
    """ "A、B继续保持较快增长,增速分别为x%、y%": the names without what is said of them."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,高端装备制造业、数字经济核心产业继续保持较快增长,增速分别为15.2%、11.7%。",
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [
        ("高端装备制造业", 15.2),
        ("数字经济核心产业", 11.7),
    ]


def test_a_year_before_a_count_of_a_noun_qualifies_the_noun(tmp_path: Path) -> None:
    """ "2022年18家新投产企业1-6月产值增长…": the firms that started in 2022; the growth is
    of the text's own half year."""
    facts = luoyang_facts(tmp_path, "2022年18家新投产企业1-6月完成工业总产值同比增长35.2%。")
    [fact] = facts
    assert (fact.period.start, fact.period.end, fact.growth_pct) == (
        date(2023, 1, 1),
        date(2023, 6, 30),
        35.2,
    )


def test_a_rate_held_above_a_bound_is_no_level(tmp_path: Path) -> None:
    """ "增速均保持在15%以上": an adverb between the rate word and its verb keeps the figure a
    growth, and 以上 makes it a bound, not a level named after the rate."""
    path = tmp_path / "川江区2022年经济运行情况.txt"
    facts = read_text_file(path, "全年规上工业增加值增长9.4%,四个主导行业产值增速均保持在15%以上。")
    assert [(f.kind, f.indicator, f.growth_pct) for f in facts] == [
        ("growth", "规上工业增加值", 9.4)
    ]


def test_a_count_of_documents_is_no_figure(tmp_path: Path) -> None:
    """ "审议…等5项报告": the number of reports a meeting reads is no statistic, nor is that of
    the measures a policy lists."""
    path = tmp_path / "川江区2023年人代会开幕.txt"
    facts = read_text_file(
        path,
        "代表们将审议政府工作报告、财政预算报告等5项报告,并提出建议。",
        "区政府出台稳增长等8条措施,全年地区生产总值增长6.2%。",
    )
    assert [(f.kind, f.indicator, f.growth_pct) for f in facts] == [("growth", "地区生产总值", 6.2)]


def test_yuji_inside_a_name_is_no_part_of_it() -> None:
    """ "规上工业预计完成产值": 预计 before the verb of the figure, after the name's first words,
    is no more part of the name than 完成 is."""
    level, growth = facts_of("全区规上工业预计完成产值58.6亿元,同比增长7.2%。")
    assert (level.indicator, level.value, growth.indicator) == (
        "规上工业产值",
        58.6,
        "规上工业产值",
    )


def test_value_added_alone_after_an_output_is_its_subjects() -> None:
    """ "区属工业总产值…,增加值…": value added named alone after the output of a qualified
    subject is that subject's value added, not a bare 增加值."""
    facts = facts_of("区属工业完成总产值8.40亿元,同比增长12.5%,增加值2.10亿元,同比增长11.0%。")
    assert {(f.kind, f.indicator) for f in facts} == {
        ("level", "区属工业总产值"),
        ("growth", "区属工业总产值"),
        ("level", "区属工业增加值"),
        ("growth", "区属工业增加值"),
    }


def test_the_progress_of_projects_counted_before_it_is_theirs() -> None:
    """ "86个市重点项目,开工79个、开工率91.9%,完成投资52.3亿元": the projects' progress named
    by an attribute alone (开工, 开工率, 投资) is the projects', and they stay the subject."""
    facts = facts_of("上半年,86个市重点项目,开工79个、开工率91.9%,完成投资52.3亿元。")
    assert [(f.indicator, f.value) for f in facts] == [
        ("市重点项目", 86.0),
        ("市重点项目开工", 79.0),
        ("市重点项目开工率", 91.9),
        ("市重点项目投资", 52.3),
    ]


def test_chao_before_a_bound_and_fafang_before_funds_are_no_part_of_names() -> None:
    """ "外贸进出口总额超800亿元,增长12%": 超 passes a bound like 超过, so the growth is the
    total's; "发放稳岗补贴1.2亿元": 发放 introduces the funds, like 完成."""
    facts = facts_of("外贸进出口总额超800亿元,增长12%;发放稳岗补贴1.2亿元。")
    assert [(f.kind, f.indicator) for f in facts] == [
        ("growth", "外贸进出口总额"),
        ("level", "稳岗补贴"),
    ]


def test_a_growth_list_without_fenbie_after_levels_takes_their_names(tmp_path: Path) -> None:
    """ "人均财政收入1350元、人均储蓄存款15200元,同比增长5%、11.2%": the growths of the figures
    just stated, in order, as with 分别."""
    facts = luoyang_facts(
        tmp_path, "上半年,全市人均财政收入1350元、人均储蓄存款15200元,同比增长5%、11.2%。"
    )
    observations = to_parsed_file(facts).observations
    assert {(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations} == {
        ("人均财政收入", 1350.0, 5.0),
        ("人均储蓄存款", 15200.0, 11.2),
    }


def test_a_rate_word_after_the_figure_and_a_falling_rate_make_growths(tmp_path: Path) -> None:
    """ "以25.3%的增速领跑", "分别以4.2%和3.1%的累计涨幅…": growths named by the rate word after
    them; "跌幅为2.5%" is a fall, and "环比涨跌幅均在1.0%以内" no year-on-year figure."""
    facts = luoyang_facts(
        tmp_path,
        "上半年,全市工业投资以25.3%的增速领跑各领域。",
        "上半年,各月居民消费价格环比涨跌幅均在1.0%以内,教育文化类、医疗保健类分别以4.2%和"
        "3.1%的累计涨幅居前,交通通信类价格累计跌幅为2.5%。",
    )
    assert [(f.kind, f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("growth", "工业投资", None, 25.3),
        ("growth", "教育文化类", None, 4.2),
        ("growth", "医疗保健类", None, 3.1),
        ("growth", "交通通信类价格", None, -2.5),
    ]


def test_a_share_grown_by_points_is_a_change_of_the_share() -> None:
    """ "第二产业增加值比重为48.2%,比上年增长0.6个百分点": 增长 in points is a change, like 提高."""
    facts = facts_of("1-9月，第二产业增加值比重为48.2%，比上年增长0.6个百分点。")
    assert [(f.kind, f.indicator, f.value) for f in facts] == [
        ("level", "第二产业增加值比重", 48.2),
        ("growth_change", "第二产业增加值比重", 0.6),
    ]
    assert account_of("1-9月，第二产业增加值比重为48.2%，比上年增长0.6个百分点。").unread == []


def test_a_change_after_a_multi_year_average_is_the_average_s() -> None:
    """ "两年平均增长6.9%,比1-8月回落0.1个百分点": the change of the average, no year-on-year
    figure, and no longer unread."""
    sentence = "1-9月，全区工业增加值同比增长8.1%，两年平均增长6.9%，比1-8月回落0.1个百分点。"
    assert [(f.kind, f.growth_pct) for f in facts_of(sentence)] == [("growth", 8.1)]
    figures = account_of(sentence)
    assert figures.unread == []
    assert figures.skipped == {"multi-year average": 2}


def test_the_first_months_of_a_year_written_out_are_a_year_to_date() -> None:
    """ "前5个月" and "1月至5月" are the year to May, as "1-5月" is; the offsets of the figures
    stay those of the published sentence."""
    facts = facts_of(
        "前5个月,全区民间投资同比增长9.4%。",
        "1月至5月,全区工业投资同比增长12.6%。",
        title="川江区2023年前5个月投资运行情况",
    )
    assert [
        (f.indicator, f.period.period_type, f.period.end, f.growth_pct, figure_text(f))
        for f in facts
    ] == [
        ("民间投资", "ytd", date(2023, 5, 31), 9.4, "9.4%"),
        ("工业投资", "ytd", date(2023, 5, 31), 12.6, "12.6%"),
    ]


def test_dangyue_alone_is_the_last_month_of_the_months_to_date() -> None:
    """ "其中,当月…" names no month: in a 1-9月 or a first-quarter text it is September or
    March alone, for its sentence; the next sentence is back in the months to date."""
    facts = facts_of(
        "1-9月,全区规模以上工业增加值同比增长6.2%;其中,当月规模以上工业增加值同比增长8.3%。"
        "工业投资同比增长4.1%。"
    )
    assert [(f.indicator, f.period.period_type, f.period.end, f.growth_pct) for f in facts] == [
        ("规模以上工业增加值", "ytd", date(2023, 9, 30), 6.2),
        ("规模以上工业增加值", "month", date(2023, 9, 30), 8.3),
        ("工业投资", "ytd", date(2023, 9, 30), 4.1),
    ]
    [first_quarter] = facts_of(
        "全县固定资产投资同比增长5.0%,其中当月增长7.7%。", title="川江县2024年一季度经济运行情况"
    )[1:]
    assert (first_quarter.period.period_type, first_quarter.period.end) == (
        "month",
        date(2024, 3, 31),
    )


def test_the_level_a_change_started_from_is_no_figure() -> None:
    """ "从2018年的a增加到2022年的b", "从a提高到b": a is where the change started, no figure
    of the period (and not unread); b is the level reached, under the name before 从."""
    sentences = (
        "全区生产总值从2018年的210亿元增加到2022年的305.6亿元,年均增长7.2%;"
        "森林覆盖率从41.5%提高到45.2%。"
    )
    facts = facts_of(sentences, title="川江区2023年政府工作报告")
    assert [(f.kind, f.indicator, f.value) for f in facts] == [
        ("level", "生产总值", 305.6),
        ("level", "森林覆盖率", 45.2),
    ]
    figures = account_of(sentences)
    assert figures.unread == []
    assert figures.skipped["level a change started from (从59.5%提高到62.9%)"] == 2


def test_a_contribution_lowering_the_whole_is_a_contribution() -> None:
    """ "拉低…增速1.2个百分点" (and 下拉, with or without 个) is a contribution like 拉动: no
    figure of its own, never unread."""
    sentences = (
        "1-9月,采矿业增加值下降12.5%,拉低规上工业增速2.4个百分点;"
        "民间投资下降3.1%,下拉投资增速0.9百分点。"
    )
    facts = facts_of(sentences)
    assert [(f.kind, f.indicator, f.growth_pct) for f in facts if f.kind == "growth"] == [
        ("growth", "采矿业增加值", -12.5),
        ("growth", "民间投资", -3.1),
    ]
    assert [f.value for f in facts if f.kind == "contribution"] == [2.4, 0.9]
    figures = account_of(sentences)
    assert figures.unread == []
    assert figures.skipped["contribution"] == 2


def test_a_paragraph_opened_by_its_month_on_month_view_compares_with_the_month_before() -> None:
    """ "从环比来看,…。其中,城市上涨0.3%,…": the view holds to the paragraph's end, so a later
    sentence without 环比 is month on month too, skipped; the next paragraph is year on year."""
    facts = facts_of(
        "9月份,全区居民消费价格同比上涨1.5%。",
        "从环比来看,9月份,全区居民消费价格环比上涨0.2%。其中,城市上涨0.3%,农村下降0.1%;"
        "服务项目价格上涨0.6%。",
        "食品价格同比上涨2.4%。",
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [
        ("居民消费价格", 1.5),
        ("食品价格", 2.4),
    ]


def test_a_growth_alone_after_a_clause_describing_how_its_indicator_moved() -> None:
    """ "固定资产投资整体呈现回落态势,同比下降2.1%": the growth clause names nothing; the clause
    before names the indicator and describes its move, and the name ends where the
    description begins (整体, 增速, 降幅, 也 …)."""
    facts = facts_of(
        "1-9月,全区固定资产投资整体呈现回落态势,同比下降2.1%。",
        "其中,交通运输、仓储和邮政业投资降幅较为明显,同比下降15.2%;"
        "房地产开发投资也出现小幅下滑,同比下降0.8%。",
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [
        ("固定资产投资", -2.1),
        ("交通运输、仓储和邮政业投资", -15.2),
        ("房地产开发投资", -0.8),
    ]


def test_a_capacity_naming_a_project_and_bounds_listed_before_their_noun_are_no_figures() -> None:
    """ "北化80万吨乙烯项目", "年产5万吨…生产线": a capacity names its project; "政府投资3000万元
    以上、企业投资亿元以上重点项目": bounds listed before their noun name it. A count of projects
    (120个重点项目) stays a figure."""
    sentences = (
        "北化80万吨乙烯项目、南电60万千瓦风电等项目加快建设,年产5万吨碳纤维生产线建成投产;"
        "全区列入政府投资3000万元以上、企业投资亿元以上重点项目35个,开复工率94.3%;"
        "120个市级重点项目完成投资52.3亿元。"
    )
    facts = facts_of(sentences)
    assert [(f.indicator, f.value, f.unit) for f in facts] == [
        ("列入政府投资3000万元以上、企业投资亿元以上重点项目", 35, "个"),
        ("列入政府投资3000万元以上、企业投资亿元以上重点项目开复工率", 94.3, "%"),
        ("市级重点项目", 120, "个"),
        ("市级重点项目投资", 52.3, "亿元"),
    ]
    figures = account_of(sentences)
    assert figures.unread == []
    assert figures.skipped["threshold in a name (5000万元以上项目)"] == 4


def test_a_level_held_above_a_bound_is_a_bound() -> None:
    """ "每月增加值均在50亿元以上": the months' levels are above a bound, no level of the
    period; skipped with its reason, and the level stated next is read."""
    sentences = "工业增加值每月均在50亿元以上,1-9月累计实现486.2亿元。"
    facts = facts_of(sentences)
    assert [(f.kind, f.value, f.unit) for f in facts] == [("level", 486.2, "亿元")]
    figures = account_of(sentences)
    assert figures.unread == []
    assert figures.skipped["bound (突破, 超过, 接近)"] == 1


def test_a_count_after_已有_states_the_level_of_its_noun() -> None:
    """ "全区已有56个工业项目投产,同比增长12.0%": like 现有, the count is its noun's level, and
    the growth after it is that count's."""
    facts = facts_of("1-9月,全区已有56个工业项目投产,同比增长12.0%。")
    assert [(f.kind, f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("level", "工业项目投产", 56, None),
        ("growth", "工业项目投产", None, 12.0),
    ]


def test_a_growth_right_after_the_progress_of_projects_is_that_progress() -> None:
    """ "亿元以上项目120个,同比增长10.1%,完成投资86.4亿元,同比增长21.6%": the second growth is
    the projects' investment's, not the count's; the projects stay the subject after it."""
    facts = facts_of(
        "1-9月,亿元以上项目120个,同比增长10.1%,完成投资86.4亿元,同比增长21.6%,开工率95.0%。"
    )
    assert [(f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("亿元以上项目", 120, None),
        ("亿元以上项目", None, 10.1),
        ("亿元以上项目投资", 86.4, None),
        ("亿元以上项目投资", None, 21.6),
        ("亿元以上项目开工率", 95.0, None),
    ]


def test_a_banner_is_a_county_and_全旗_its_own_scope() -> None:
    """A banner (旗) of Inner Mongolia is county-level: 全旗 is the text's own scope, no part of
    a name, and 全市 (its league's or city's) another region's."""
    facts = facts_of(
        "1-9月,全旗固定资产投资同比增长6.5%;全市固定资产投资同比增长4.1%。",
        title="2023年1-9月川江旗经济运行情况",
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [("固定资产投资", 6.5)]


def test_an_age_closing_its_clause_is_a_level_in_岁() -> None:
    """ "人均预期寿命达到79.6岁。" is a level in 岁; the ages of a group's name ("0-14岁人口",
    "65岁及以上人口") are no figures."""
    facts = facts_of(
        "全区人均预期寿命达到79.6岁,0-14岁人口占常住人口比重为15.2%,"
        "65岁及以上人口占常住人口比重为13.1%。"
    )
    assert [(f.indicator, f.value, f.unit) for f in facts] == [
        ("人均预期寿命", 79.6, "岁"),
        ("0-14岁人口占常住人口比重", 15.2, "%"),
        ("65岁及以上人口占常住人口比重", 13.1, "%"),
    ]
