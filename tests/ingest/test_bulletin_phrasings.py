"""Phrasings of real bulletins met in the round-3 blind set and the tuning misses: each rule
on sentences written here (see docs/bulletins.md)."""

from __future__ import annotations

from ingest.bulletin import (
    TitleSources,
    read_document_facts,
    to_parsed_file,
)
from tests.ingest.test_bulletin import account_of, described, facts_of

COUNTY_ANNUAL = "川江县2022年国民经济和社会发展统计公报"


def test_a_growth_at_comparable_prices_and_against_last_years_month_are_growths() -> None:
    facts = facts_of(
        "全区农林牧渔业总产值88.4亿元,可比增长3.6%。9月份,旅游收入6.2亿元,比上年同月增长8.1%。"
    )
    assert described(facts) == [
        ("level", "农林牧渔业总产值", "2023年1-9月", 88.4, "亿元", None),
        ("growth", "农林牧渔业总产值", "2023年1-9月", None, None, 3.6),
        ("level", "旅游收入", "2023年9月份", 6.2, "亿元", None),
        ("growth", "旅游收入", "2023年9月份", None, None, 8.1),
    ]


def test_a_yield_per_mu_keeps_its_unit_and_a_threshold_reached_in_words_is_no_level() -> None:
    facts = facts_of(
        "玉米平均单产436公斤/亩。人均生产总值51230元,迈上了5万元的新台阶。",
        title=COUNTY_ANNUAL,
    )
    assert [(f.indicator, f.value, f.unit) for f in facts] == [
        ("玉米平均单产", 436.0, "公斤/亩"),
        ("人均生产总值", 51230.0, "元"),
    ]


def test_counts_of_indicators_behind_a_rank_and_of_a_groups_members_are_no_figures() -> None:
    facts = facts_of(
        "全区工业增加值、税收收入等4项主要指标位列全市第一。",
        "分行业看,28个工业行业大类中实现增长的行业增加至17个,增长面为60.7%。",
    )
    assert described(facts) == [("level", "增长面", "2023年1-9月", 60.7, "%", None)]


def test_a_share_whose_whole_is_left_unsaid_after_a_level() -> None:
    facts = facts_of("年末常住人口52.1万人。其中,女性人口25.6万人,占49.1%。", title=COUNTY_ANNUAL)
    assert [(f.kind, f.indicator, f.value) for f in facts][-2:] == [
        ("level", "女性人口", 25.6),
        ("share", "女性人口占比", 49.1),
    ]


def test_the_nation_as_a_yardstick_in_a_title_names_no_scope() -> None:
    paragraphs = ["我省主要经济指标增速高于全国平均水平", "全省规模以上工业增加值增长7.1%。"]
    sources = TitleSources("江西省2023年主要指标增速高于全国.txt")
    facts = read_document_facts(paragraphs, sources)[0]
    assert [(f.region, f.period_label, f.growth_pct) for f in facts] == [("江西省", "2023年", 7.1)]


def test_a_year_in_chinese_numerals_after_工作报告_is_the_year_reviewed() -> None:
    paragraphs = ["政府工作报告解读|回望二〇二二", "过去一年,全省地区生产总值增长4.9%。"]
    facts = read_document_facts(paragraphs, TitleSources("江西省报告解读.txt"))[0]
    assert [(f.region, f.period_label) for f in facts] == [("江西省", "2022年")]


def test_a_zone_named_by_a_regions_short_name_is_the_zone_as_printed() -> None:
    facts = facts_of(
        "全年生产总值1650亿元,比上年增长9.5%。", title="2021年新疆生产建设兵团国民经济统计公报"
    )
    assert {(f.region, f.indicator) for f in facts} == {("新疆生产建设兵团", "生产总值")}


def test_a_paragraph_opening_with_a_provinces_one_character_name_is_that_provinces() -> None:
    facts = facts_of(
        "全年生产总值1650亿元,比上年增长9.5%。",
        "全疆居民消费价格比上年上涨2.1%,其中,食品价格上涨4.4%。",
        "年末从业人员118万人。",
        title="2021年新疆生产建设兵团国民经济统计公报",
    )
    assert [(f.region, f.indicator, f.growth_pct) for f in facts if f.kind == "growth"] == [
        ("新疆生产建设兵团", "生产总值", 9.5),
        ("新疆维吾尔自治区", "居民消费价格", 2.1),
        ("新疆维吾尔自治区", "食品价格", 4.4),
    ]
    assert facts[-1].region == "新疆生产建设兵团"


def test_a_forecast_of_the_year_in_a_release_within_the_year_is_no_result() -> None:
    facts = facts_of(
        "1-9月,重点项目完成投资86.3亿元,预计全年重点项目完成投资120亿元,同比增长15.2%。"
    )
    assert described(facts) == [("level", "重点项目投资", "2023年1-9月", 86.3, "亿元", None)]
    report = facts_of("全年预计实现地区生产总值86.3亿元。", title="2024年川江县政府工作报告")
    assert [(f.period_label, f.value) for f in report] == [("2023年", 86.3)]


def test_the_area_sown_with_crops_is_the_years_in_a_release_within_the_year() -> None:
    facts = facts_of(
        "全区农作物播种面积达到38.6万亩,比上年增长1.2%。",
        title="川江区2023年上半年经济运行情况",
    )
    assert {(f.indicator, f.period_label) for f in facts} == {("农作物播种面积", "2023年")}


def test_a_count_after_a_regions_name_opening_its_clause_states_its_noun() -> None:
    facts = facts_of("1-9月,川江区86个重点项目已完成投资45.2亿元。")
    assert (facts[0].indicator, facts[0].value, facts[0].unit) == ("重点项目", 86.0, "个")


def test_an_investment_stated_before_the_project_it_is_of() -> None:
    facts = facts_of("引进总投资8.6亿元的新型材料产业园项目。", title=COUNTY_ANNUAL)
    assert [(f.indicator, f.value) for f in facts] == [("新型材料产业园项目总投资", 8.6)]


def test_the_services_growth_restating_the_tertiary_sectors_is_read_once() -> None:
    facts = facts_of(
        "第三产业增加值71.3亿元,同比增长6.6%。",
        "二、服务业稳步发展",
        "服务业增加值同比增长6.6%,比一季度提高0.8个百分点。",
    )
    observations = to_parsed_file(facts).observations
    assert [(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations] == [
        ("第三产业增加值", 71.3, 6.6)
    ]


def test_a_subtitle_stating_a_figure_names_no_region_and_its_figure_is_read() -> None:
    paragraphs = [
        "完成地区生产总值512.36亿元,同比增长5.8%",
        "工业稳中有进,第二产业增加值201.5亿元,增长6.1%。全市蔬菜产量增长5.8%。",
    ]
    facts = read_document_facts(paragraphs, TitleSources("眉山市2024年前三季度经济运行.txt"))[0]
    observations = to_parsed_file(facts).observations
    assert {f.region for f in facts} == {"眉山市"}  # not "完成地区" printed in the subtitle
    assert [(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations] == [
        ("地区生产总值", 512.36, 5.8),
        ("第二产业增加值", 201.5, 6.1),
        ("蔬菜产量", None, 5.8),
    ]


def test_a_subtitle_restating_a_figure_of_the_text_is_read_once() -> None:
    paragraphs = [
        "规上工业增加值增长9.2%",
        "1-9月,全市规上工业增加值同比增长9.2%,高于全省1.1个百分点。",
    ]
    facts = read_document_facts(paragraphs, TitleSources("眉山市2024年前三季度经济运行.txt"))[0]
    assert [(f.indicator, f.growth_pct) for f in facts] == [("规上工业增加值", 9.2)]


def test_growths_listed_after_a_list_of_levels_pair_with_its_names() -> None:
    facts = facts_of("城乡常住居民人均可支配收入分别达到31240元、14652元,增长5.9%、7.3%。")
    observations = to_parsed_file(facts).observations
    assert [(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations] == [
        ("城镇常住居民人均可支配收入", 31240.0, 5.9),
        ("农村常住居民人均可支配收入", 14652.0, 7.3),
    ]


def test_a_level_in_亿_with_its_元_left_out_is_taken_as_written() -> None:
    facts = facts_of("1-9月,全区完成生产总值48.3亿,增长6.6%。")
    assert described(facts) == [
        ("level", "生产总值", "2023年1-9月", 48.3, "亿", None),
        ("growth", "生产总值", "2023年1-9月", None, None, 6.6),
    ]


def test_a_table_saved_a_cell_per_line_without_bars_is_read() -> None:
    facts = facts_of(
        "全年地区生产总值120.5亿元,比上年增长6.2%。第一产业增加值18.3亿元,增长4.1%。",
        "2022年全县生产总值及增长速度",
        "指标",
        "绝对数(亿元)",
        "比上年增长(%)",
        "地区生产总值",
        "120.5",
        "6.2",
        "其中:第一产业",
        "18.3",
        "4.1",
        "金融业",
        "7.6",
        "4.1",
        "二、农业",
        title=COUNTY_ANNUAL,
    )
    observations = to_parsed_file(facts).observations
    assert [(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations] == [
        ("地区生产总值", 120.5, 6.2),
        ("第一产业增加值", 18.3, 4.1),
        ("金融业", 7.6, 4.1),  # its growth is its own, though 第一产业 grew as much
    ]


def test_a_clause_naming_its_indicator_by_its_trend_names_the_figure_after_it() -> None:
    facts = facts_of(
        "全年完成固定资产投资38亿元;地方税收稳步增长,达到2.6亿元,同比增长7%。",
        title=COUNTY_ANNUAL,
    )
    assert [(f.indicator, f.value, f.growth_pct) for f in facts][1:] == [
        ("地方税收", 2.6, None),
        ("地方税收", None, 7.0),
    ]


def test_a_count_after_a_groups_中_opening_the_clause_before_is_no_figure() -> None:
    facts = facts_of("在重点监测的24个工业行业中,15个行业增加值保持增长,增长面62.5%。")
    assert [(f.indicator, f.value, f.unit) for f in facts] == [("增长面", 62.5, "%")]


def test_the_three_sectors_shares_listed_at_once_and_one_restated_later() -> None:
    facts = facts_of(
        "三次产业增加值占全区生产总值的比重分别为12.4%、40.1%和47.5%。",
        "三、服务业较快发展",
        "第三产业增加值增长7.2%,占生产总值的比重为47.5%。",
    )
    observations = to_parsed_file(facts).observations
    assert [
        (o.indicator_name, o.value_published) for o in observations if o.unit_published == "%"
    ] == [
        ("第一产业增加值占生产总值比重", 12.4),
        ("第二产业增加值占生产总值比重", 40.1),
        ("第三产业增加值占生产总值比重", 47.5),
    ]


def test_a_harvest_named_in_the_clause_before_its_attribute() -> None:
    facts = facts_of("早稻获得丰收,总产量3.41万吨,晚稻长势良好。")
    assert [(f.indicator, f.period_label, f.value) for f in facts] == [
        ("早稻总产量", "2023年", 3.41)  # the year's harvest, named by the clause before
    ]


def test_a_month_between_a_name_and_its_figure_is_the_figures_period() -> None:
    facts = facts_of("全区限上单位零售额8月份当月增长6.4%,1-8月累计增长3.9%。")
    assert described(facts) == [
        ("growth", "限上单位零售额", "2023年8月份", None, None, 6.4),
        ("growth", "限上单位零售额", "2023年1-8月", None, None, 3.9),
    ]


def test_a_circumstance_or_an_examples_group_between_the_names_and_their_figures() -> None:
    facts = facts_of(
        "分类别看,粮油类、化妆品类受促销活动带动,分别增长11.2%、8.7%;"
        "金银珠宝类、家具类等可选消费分别增长4.5%、-2.1%;"
        "光伏组件、锂电池等绿色产品产量分别增长30.5%、12.0%。"
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [
        ("粮油类", 11.2),
        ("化妆品类", 8.7),
        ("金银珠宝类", 4.5),
        ("家具类", -2.1),
        ("光伏组件产量", 30.5),
        ("锂电池产量", 12.0),
    ]


def test_a_bracketed_note_for_what_follows_is_no_name() -> None:
    facts = facts_of("全区建筑业总产值(现价,下同)完成36.8亿元,同比增长4.2%。")
    assert {f.indicator for f in facts} == {"建筑业总产值(现价)"}


def test_a_single_urban_rural_name_before_two_levels_and_two_growths() -> None:
    facts = facts_of(
        "全年城乡居民收入达到28540元和11230元、分别增长6.9%和8.3%。", title=COUNTY_ANNUAL
    )
    assert described(facts) == [
        ("level", "城镇居民收入", "2022年", 28540.0, "元", None),
        ("level", "农村居民收入", "2022年", 11230.0, "元", None),
        ("growth", "城镇居民收入", "2022年", None, None, 6.9),
        ("growth", "农村居民收入", "2022年", None, None, 8.3),
    ]


def test_every_count_of_indicators_in_a_sentence_is_no_figure() -> None:
    facts = facts_of(
        "规划确定的11项约束性指标全部完成,21项预期性指标基本完成。", title=COUNTY_ANNUAL
    )
    assert facts == []


def test_a_count_of_the_tasks_an_honour_names_is_no_figure() -> None:
    facts = facts_of(
        "河道治理、营商环境等6项工作获得省政府督查激励。", title="川江县2023年政府工作报告"
    )
    assert facts == []


def test_spending_more_or_less_than_last_year_is_an_absolute_change() -> None:
    facts = facts_of(
        "全区一般公共预算支出完成85.2亿元,比上年增支3.1亿元,增长3.8%。",
        "政府性基金支出4.6亿元,比上年减支1.2亿元,下降20.7%。",
    )
    assert described(facts) == [
        ("level", "一般公共预算支出", "2023年1-9月", 85.2, "亿元", None),
        ("growth", "一般公共预算支出", "2023年1-9月", None, None, 3.8),
        ("level", "政府性基金支出", "2023年1-9月", 4.6, "亿元", None),
        ("growth", "政府性基金支出", "2023年1-9月", None, None, -20.7),
    ]


def test_a_month_whose_clause_counts_累计_is_the_months_to_date() -> None:
    facts = facts_of(
        "6月,全县一般公共预算收入累计完成3.2亿元,增长6.3%。",
        "6月份,规上工业增加值增长3.1%。",
        "上半年,接待游客累计42.5万人次;其中6月份累计9.8万人次。",
        title="川江县2024年财政收支情况",
    )
    assert [(f.indicator, f.period_label) for f in facts] == [
        ("一般公共预算收入", "2024年1-6月"),
        ("一般公共预算收入", "2024年1-6月"),
        ("规上工业增加值", "2024年6月份"),
        ("接待游客", "2024年上半年"),
        ("接待游客", "2024年6月份"),
    ]


def test_the_size_of_the_whole_a_share_is_of_is_no_fact() -> None:
    facts = facts_of(
        "非税收入2.1亿元,完成年初预算数5.1亿元的41.2%,比上年增收0.2亿元,增长1.0%。",
    )
    assert described(facts) == [
        ("level", "非税收入", "2023年1-9月", 2.1, "亿元", None),
        ("share", "非税收入占年初预算数比重", "2023年1-9月", 41.2, "%", None),
        ("growth", "非税收入", "2023年1-9月", None, None, 1.0),
    ]


def test_a_growth_at_comparable_prices_without_计算_keeps_its_indicator() -> None:
    facts = facts_of(
        "全年实现地区生产总值188.96亿元(现价,下同),按可比价格比上年增长6.8%。",
        title=COUNTY_ANNUAL,
    )
    assert described(facts) == [
        ("level", "地区生产总值", "2022年", 188.96, "亿元", None),
        ("growth", "地区生产总值", "2022年", None, None, 6.8),
    ]


def test_what_flowed_up_to_a_months_end_is_the_months_to_date() -> None:
    facts = facts_of(
        "截止9月末,生猪出栏下降4.6%,羊出栏下降8.8%。",
        "截至9月底,生猪存栏19.3万头。截至9月底,全县现有42个在库项目。",
        title="川江县2024年前三季度经济运行",
    )
    assert [(f.indicator, f.period_label) for f in facts] == [
        ("生猪出栏", "2024年1-9月"),
        ("羊出栏", "2024年1-9月"),
        ("生猪存栏", "2024年9月"),
        ("在库项目", "2024年9月"),
    ]


def test_a_level_stated_again_under_a_longer_name_is_read_once() -> None:
    facts = facts_of(
        "2023年一般公共预算收入决算数86420万元,为调整预算的101.2%,增长5.12%。",
        "2023年县级一般公共预算收入决算数86420万元,上级补助收入210350万元。",
        title="川江县2023年县级决算",
    )
    observations = to_parsed_file(facts).observations
    assert [(o.indicator_name, o.value_published, o.yoy_growth_pct) for o in observations] == [
        ("一般公共预算收入决算数", 86420.0, 5.12),
        ("一般公共预算收入决算数占调整预算比重", 101.2, None),
        ("上级补助收入", 210350.0, None),
    ]


def test_what_a_figure_covers_for_the_rest_of_the_text_is_no_part_of_its_name() -> None:
    facts = facts_of(
        "2023年县级(不含开发区,下同)一般公共预算收入决算数86420万元,增长5.12%。",
        "工业总产值(现价,下同)完成12.1亿元。",
        title="川江县2023年县级决算",
    )
    assert [(f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("县级一般公共预算收入决算数", 86420.0, None),
        ("县级一般公共预算收入决算数", None, 5.12),
        ("工业总产值(现价)", 12.1, None),
    ]


def test_a_table_whose_unit_cells_the_page_lost_keeps_its_growths() -> None:
    facts = facts_of(
        "全年肉类总产量2.1万吨,增长3.4%。",
        "表2  2022年全县主要农产品产量",
        "品种",
        "计量单位",
        "2022年产量",
        "比上年增减%",
        "稻谷",
        "81250",
        "-2.6",
        "油菜籽",
        "9431",
        "3.4",
        "柑橘",
        "15020",
        "7.9",
        title=COUNTY_ANNUAL,
    )
    assert [(f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("肉类总产量", 2.1, None),
        ("肉类总产量", None, 3.4),
        ("稻谷", None, -2.6),
        ("油菜籽", None, 3.4),
        ("柑橘", None, 7.9),
    ]


def test_what_falling_members_took_off_a_growth_is_a_contribution() -> None:
    figures = account_of(
        "纺织业下降12.1%、造纸业下降6.4%,合计影响全区规上工业增加值增速1.8个百分点。"
    )
    assert (figures.read, figures.skipped.get("contribution"), figures.unread) == (2, 1, [])


def test_a_sites_greeting_with_todays_date_is_furniture_not_the_title() -> None:
    paragraphs = [
        "今天是:2021年09月03日 星期五  欢迎访问川江区融媒体中心",
        "设为首页 加入收藏",
        "站内搜索:",
        "川江区2019年国民经济和社会发展统计公报",
        "全年实现地区生产总值88.5亿元,比上年增长6.1%。",
    ]
    facts = read_document_facts(paragraphs, TitleSources("test.txt"))[0]
    assert {(f.region, f.period_label) for f in facts} == {("川江区", "2019年")}


def test_a_growth_compared_with_the_same_period_of_last_year_in_words_is_year_on_year() -> None:
    facts = facts_of("全区城镇新增就业3120人,与去年同期相比增长8.6%。", title=COUNTY_ANNUAL)
    assert [(f.kind, f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("level", "城镇新增就业", 3120.0, None),
        ("growth", "城镇新增就业", None, 8.6),
    ]


def test_a_contribution_rate_summed_or_moved_from_last_year_is_a_contribution() -> None:
    figures = account_of(
        "汽车制造业、通用设备制造业增加值分别增长12.4%、8.1%,对全区规上工业的增长贡献率合计达51.3%。",
        "装备制造业增加值增长9.6%,对规上工业增长贡献率由上年同期的40.2%提高到47.5%。",
    )
    assert (figures.read, figures.skipped.get("contribution"), figures.unread) == (3, 3, [])


def test_a_line_far_longer_than_the_width_a_page_wraps_at_is_a_paragraph_of_its_own() -> None:
    header = [
        "今日头条 川江区政务服务网 无障碍浏览 长者模式 移动版 登录注册",
        "主站首页 > 政务公开 > 统计数据 > 统计公报 > 2023年统计公报",
        "发布机构:川江区统计局 分类:统计公报 发布日期 2024年4月2日",
    ]
    paragraphs = [
        *header,
        "川江区2023年国民经济和社会发展统计公报",
        "全年地区生产总值128.6亿元,按可比价格计算,比上年增长5.2%。其中,第一产业增加值13.1亿元,"
        "增长3.9%;第三产业增加值62.7亿元,增长6.4%。三次产业结构调整为10.2:41.1:48.7",
        "全年民营经济增加值52.3亿元,增长4.1%。",
    ]
    facts = read_document_facts(paragraphs, TitleSources("test.txt"))[0]
    assert [f.indicator for f in facts][-2:] == ["民营经济增加值", "民营经济增加值"]


def test_a_growth_after_a_clause_saying_its_indicator_kept_moving_is_that_indicators() -> None:
    facts = facts_of(
        "9月份,牛肉价格同比上涨3.1%。猪肉价格继续下降,同比下降12.3%;鲜果价格持续上涨,同比上涨4.4%。"
    )
    assert [(f.indicator, f.growth_pct) for f in facts] == [
        ("牛肉价格", 3.1),
        ("猪肉价格", -12.3),
        ("鲜果价格", 4.4),
    ]


def test_the_units_a_region_administers_are_counts_of_them() -> None:
    facts = facts_of(
        "全县辖7个镇、4个乡,158个行政村(社区)。年末户籍人口41.2万人。", title=COUNTY_ANNUAL
    )
    assert [(f.indicator, f.value, f.unit) for f in facts] == [
        ("镇", 7.0, "个"),
        ("乡", 4.0, "个"),
        ("行政村(社区)", 158.0, "个"),
        ("户籍人口", 41.2, "万人"),
    ]


def test_a_share_after_a_count_of_a_groups_members_is_the_share_of_those_members() -> None:
    facts = facts_of("分行业看,32个行业中有25个行业利润增长,占比78.1%。")
    assert [(f.kind, f.indicator, f.value) for f in facts] == [("share", "行业利润增长占比", 78.1)]


def test_the_number_of_industries_a_sector_covers_counts_a_groups_members() -> None:
    facts = facts_of(
        "全区规模以上服务业实现营业收入12.4亿元,增长8.2%。",
        "全区规模以上服务业涵盖行业达19个,比上年同期增加3个。",
    )
    assert [(f.kind, f.indicator, f.value, f.growth_pct) for f in facts] == [
        ("level", "规模以上服务业营业收入", 12.4, None),
        ("growth", "规模以上服务业营业收入", None, 8.2),
    ]


def test_a_count_of_firms_left_before_its_noun_is_no_part_of_the_name_after() -> None:
    facts = facts_of("全区156家规模以上工业企业实现营业收入88.2亿元,增长5.1%。")
    assert {f.indicator for f in facts} == {"规模以上工业企业营业收入"}


def test_a_growth_after_a_clause_praising_its_indicators_pace_is_that_indicators() -> None:
    facts = facts_of(
        "1-9月,全区固定资产投资增长6.2%,第三产业投资增长3.3%。"
        "其中,工业投资增势强劲,增长21.4%;民间投资支撑作用明显,增长9.8%。"
    )
    assert [(f.indicator, f.growth_pct) for f in facts][-2:] == [
        ("工业投资", 21.4),
        ("民间投资", 9.8),
    ]


def test_an_attribute_the_indicator_just_named_ends_with_is_that_indicators() -> None:
    facts = facts_of(
        "全年汽车制造业增加值增长12.5%,增加值累计占比18.2%;"
        "医药制造业增加值增长8.1%,增加值占比9.6%。",
        title=COUNTY_ANNUAL,
    )
    assert [(f.kind, f.indicator, f.value or f.growth_pct) for f in facts] == [
        ("growth", "汽车制造业增加值", 12.5),
        ("share", "汽车制造业增加值占比", 18.2),
        ("growth", "医药制造业增加值", 8.1),
        ("share", "医药制造业增加值占比", 9.6),
    ]


def test_an_attribute_named_alone_after_a_group_of_firms_is_theirs() -> None:
    facts = facts_of("全区新增规上工业企业45家,实现总产值52.3亿元,增长18.4%。")
    assert [f.indicator for f in facts] == [
        "新增规上工业企业",
        "新增规上工业企业总产值",
        "新增规上工业企业总产值",
    ]


def test_a_second_whole_after_a_share_of_a_target_is_a_share_of_it_too() -> None:
    facts = facts_of(
        "全年城镇新增就业3120人,完成省下达目标任务的112.3%,市下达目标任务的104.6%。",
        title=COUNTY_ANNUAL,
    )
    assert [(f.kind, f.indicator, f.value) for f in facts] == [
        ("level", "城镇新增就业", 3120.0),
        ("share", "城镇新增就业占省下达目标任务比重", 112.3),
        ("share", "城镇新增就业占市下达目标任务比重", 104.6),
    ]


def test_an_abbreviation_whose_closing_bracket_the_page_lost_is_closed() -> None:
    facts = facts_of("全年实现地区生产总值(GDP88.5亿元,比上年增长6.1%。", title=COUNTY_ANNUAL)
    assert {f.indicator for f in facts} == {"地区生产总值(GDP)"}


def test_a_period_a_change_in_points_is_measured_from_does_not_turn_the_paragraph() -> None:
    facts = facts_of(
        "1-9月,全区工业投资12.3亿元,同比增长8.5%,1-8月提高2.1个百分点。"
        "其中,技改投资4.2亿元,增长15.0%。"
    )
    assert {(f.indicator, f.period_label) for f in facts} == {
        ("工业投资", "2023年1-9月"),
        ("技改投资", "2023年1-9月"),
    }


def test_a_growth_before_adjusting_for_changed_scope_is_the_growth() -> None:
    facts = facts_of("全年税收收入4.1亿元,自然增幅2.6%。", title=COUNTY_ANNUAL)
    assert described(facts) == [
        ("level", "税收收入", "2022年", 4.1, "亿元", None),
        ("growth", "税收收入", "2022年", None, None, 2.6),
    ]
