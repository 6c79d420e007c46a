"""How Chinese statistical prose states a figure: the sentence rules of the bulletin reader.

A sentence is scanned for numbers followed by a unit; a bare number (the 2022 of
"2022年", the 9 of "1-9月", the 3 of "第3位") is never a figure. Each figure is
classified by the words just before it in its clause, the clause being the text
after the last "，", "；" or "：" (or "、" between two figures):

    ... 增长 / 下降 3.0%                 growth (negative after 下降, 回落, 减少 ...)
    ... 增长 12.7倍                      growth BY 12.7 times: +1270 %
    ... 增速 / 涨幅 (为) 5.1%            growth
    ... 占 <whole> (的)(比重) 70%        share of <whole>
    ... 拉动 <whole> 增长 2.1个百分点     contribution to the growth of <whole>
    ... (比 <period>) 回落 0.3个百分点    growth_change: a change, in percentage points,
                                         of a growth rate (or of a rate)
    ... 161.5亿元 / 364项 / 90%          level

Figures this reader deliberately does not take: month-on-month changes (环比, 比上月
增长), multi-year averages (两年平均, 年均), absolute changes (比上年增加300人), gaps
to other regions (高于全省1.2个百分点), quantities before their noun (建成7所学校) and
figures of another region's scope (a clause opening with 全市 in a district's bulletin).

The indicator is the clause's text before its verb, trimmed of verbs (完成, 实现,
累计 ...) and of region and period words; a clause that names none ("，同比增长3%")
speaks of the last indicator named. "A、B分别增长x%、y%" pairs names and figures in order.
The period words that open a clause ("1-9月，", "全年", "2022年") are reported as
markers; the document layer (`ingest.bulletin`) turns them into periods.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from ingest.numbers import Figure, parse_text
from ingest.targets import COMPARATORS

LEVEL = "level"
GROWTH = "growth"
GROWTH_CHANGE = "growth_change"
SHARE = "share"
CONTRIBUTION = "contribution"

PERCENT = "%"
POINTS = "个百分点"

_CJK = r"\u4e00-\u9fff"
# A number as printed: thousands separators, a sign only right after a word (增长-3.2%).
# A list may carry the sign too (分别增长39.3%、-97.7%); "14..3%", with its point doubled, is 14.3.
# A page may print spaces about the point: "169 . 3亿元", "5 .2%".
_NUMBER = rf"(?<![\d.第])(?:(?<=[{_CJK}(、])-)?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?: ?\.\.? ?\d+)?"
_COUNT_UNITS = (
    "人次|人|户|家|个|项|所|座|辆|套|台|件|宗|处|张|片|床|头|只|块|重量箱|标准箱|艘|架|部|"
    "场次|次|起"  # 起: events (安全生产事故3起)
)
_MEASURE_UNITS = (
    "元|美元|吨标准煤|吨公里|吨|人公里|千瓦时|千瓦|微克/立方米|毫克/立方米|平方米|平方公里|"
    "平方千米|立方米|公顷|亩|公里|千米|公斤|千克|斤"
)
# "元/人": a level per head, "公斤/亩" per mu; 万亿 before a unit as in 万亿元.
_UNIT = (
    rf"%|‰|个百分点|百分点|倍|(?:万亿|亿|万|千)?(?:{_MEASURE_UNITS})(?:/人|/亩)?|"
    rf"(?:亿|万|千)?(?:{_COUNT_UNITS})"
)
_COMPARATOR_SUFFIX = "以上|以内|以下|左右|上下"
_FIGURE = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})(?P<suffix>{_COMPARATOR_SUFFIX})?")
_COUNT_UNIT = re.compile(rf"^(?:亿|万|千)?(?:{_COUNT_UNITS})$")
# "同比增长2.2;": a growth whose % was left out.
_BARE_GROWTH = re.compile(
    rf"(?<=同比增长|同比下降)(?P<number>{_NUMBER})(?P<unit>)(?P<suffix>)(?=[,;。])"
)
# A number with a unit not on the lists, closing its clause ("6841.1万千万时,"): a level in
# the unit as written. Dates and ordinals are not units.
_OTHER_UNIT = re.compile(
    rf"(?P<number>{_NUMBER})(?P<unit>(?:万|亿|千|百万)[{_CJK}]{{1,3}}|万?亿)(?P<suffix>)(?=[,;。])"
)  # "生产总值56.7亿,": 亿 alone, its 元 left out, is taken as written too
_NOT_A_UNIT = re.compile(r"^(?:年|月|日|月份|季度|号|时|点|岁|周|天|次|名|位)")
# "人均期望寿命提高到80.3岁。": an age closing its clause is a level in 岁 (not the 14 of
# "0-14岁人口", nor a range "16-59岁").
_AGE = re.compile(rf"(?<![-—~至\d.])(?P<number>{_NUMBER})(?P<unit>岁)(?P<suffix>)(?=[,;。]|$)")
# "财政一般预算持续增收,达到1.2亿元", "夏粮喜获丰收,总产量12.16万吨": a clause of a verb
# or an attribute alone after a clause naming its indicator by the way it moved, or by a
# round threshold it passed in words ("地区生产总值突破千亿,达到1028.29亿元").
_NAMELESS_CLAUSE = re.compile(r"(?:达到|达|为|完成|实现|累计|总产量|产量|总量|总额)")
_NAMED_BY_TREND = re.compile(
    rf"(?:^|[,;:、])(?P<name>[{_CJK}]{{2,}}?)(?:(?:持续|稳步|平稳|快速|较快|大幅|稳定|不断)?高?"
    r"(?:增收|增长|提升|上升|回升|扩大)|(?:喜获|获得)?丰收|"
    r"(?:突破|超过|迈上|站上|跨越|跨过|迈过)[十百千万亿]{1,3}元?(?:大关)?)$"
)
# "全旗固定资产投资整体呈现回调态势,同比下降3.4%", "…投资降幅较为显著,同比下降26.2%",
# "猪肉价格继续下降,同比下降12.3%" (prices rise and fall: 上涨, 下跌), "民间投资增势强劲,增长…",
# "技改投资支撑作用明显,增长…": a
# growth clause alone after a clause naming its indicator and describing how it moved; the
# name ends where the description begins.
_DESCRIBED_BY_TREND = re.compile(
    rf"(?:^|[,;:])(?P<name>[{_CJK}、()]{{2,}}?)(?:整体|总体|呈现|出现|有所|增速|增幅|降幅|涨幅|也|继续|持续|仍然?|增势|势头|(?:拉动|支撑|带动)?作用|表现)"
    rf"[{_CJK}]*?(?:回调|回落|下滑|下降|下跌|增长|上涨|回升|上升|扩大|收窄|显著|明显|放缓|加快|态势|趋势|强劲|抢眼|突出|良好)$"
)
# A clause of a growth verb alone, after a 分别 list ("…分别达到a元、b元,增长x%、y%").
_VERB_ALONE = re.compile(r"(?:同比|比上年)?(?:分别)?(?:增长|下降|增加|减少|上涨|下跌)")
# "现有40个在库项目", "已有1008个工业项目投产": a count before its noun that states the
# noun's level.
_COUNT_OF_NOUN = re.compile(r"(?:现有|共有|拥有|已有)$")
# "全县辖7个镇、4个乡,158个行政村(社区)": the units a region administers, each counted.
_ADMINISTERED = re.compile(rf"(?:下辖|辖)(?:\d+个[{_CJK}()]+[、,和])*$")
_ADMINISTERED_UNIT = re.compile(rf"[{_CJK}()]+?(?=[、,;。和]|$)")
_NOUN_TO_CLAUSE_END = re.compile(rf"[{_CJK}()]+(?=[,;。]|$)")
# A count opening its clause, or ending a list of examples (…等99个项目), and its noun: to the
# clause's end, or to the verb of a figure that follows in the clause.
_OPENS_CLAUSE = re.compile(r"(?:^|[,;:]|等)$")
_COUNTED_NOUN = re.compile(rf"[{_CJK}“”]+?(?=全部|完成|实现|累计|共计|达到|[,;。]|$)")
# "5项主要指标位列全市第一", "15项预期性指标基本完成", "…等6项工作获省政府表彰", "审议…等5项
# 报告", "出台…等8条措施": a count of indicators, of the tasks an honour names, or of documents,
# no statistic.
_INDICATORS_COUNTED = re.compile(r"指标|^工作|(?:报告|文件|措施)$")
# A list whose members leave out the unit of its last one: "5.4和2.4个百分点",
# "51个、46.3个、30.6个百分点", "6.7、18.1和34.0个百分点".
_LISTED_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ELIDED_LIST = re.compile(
    r"(?<![\d.])(?P<listed>(?:\d+(?:\.\d+)?个?[、和及]|\d+(?:\.\d+)?个?、和)+)"
    r"\d+(?:\.\d+)?\s*(?P<unit>个百分点|百分点|%|亿元|万元)"
)
_BARE_NUMBER = re.compile(rf"(?P<number>{_NUMBER})(?P<unit>)(?P<suffix>)")
# "三次产业结构为7.7:57.5:34.8": the shares in % of the three sectors, in order; a structure
# "由上年的a:b:c调整为…" is last year's.
_RATIO = re.compile(
    r"(?<![\d.:])(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)(?![\d.:])"
)  # "10.4 : 37.1 : 52.5" as some pages print it
_STRUCTURE = re.compile(
    r"(?P<name>(?:三次产业|三产)[^,;]*?(?:结构|比例|比重|构成|占比|比))(?P<rest>[^,;]*)$"
)
SECTORS = ("第一产业", "第二产业", "第三产业")
_LAST_YEAR = re.compile(r"上年|去年|由\d{4}年")  # 由2018年的a:b:c调整为…: the year before
# Words that may follow a count without it being a quantity placed before its noun.
_FOLLOWERS_OF_A_COUNT = "和及与或的"
_THRESHOLD_SUFFIXES = ("以上", "以下")
_PASSED = re.compile(r"(?:过|超过|超)$")  # 产值过2000万元的企业
_HELD_AT = re.compile(r"在$")  # 均在380亿元以上, 保持在20%以上: a bound held
# "吉化120万吨乙烯项目", "年产10万吨碳纤维原丝生产线": a capacity in a project's name.
_CAPACITY_OF_A_PROJECT = re.compile(rf"[{_CJK}]{{1,12}}?(?:项目|生产线)")
# "政府投资5000万元以上、企业投资亿元以上重大项目": bounds listed before the noun they bound.
_LISTED_BOUNDS = re.compile(rf"、[^,;:。]*?以[上下][{_CJK}]")
_OF_A_NOUN = re.compile(rf"的[{_CJK}]")
_BY_STANDARD = re.compile(r"按照?")  # a clause stating the standard a count is made by
_PACE = re.compile(r"(?:左右)?的(?:幅度|水平|速度|增速)")
# 2-5月份: months of a range that does not start in January, each a month of its own.
_MONTH_RANGE = re.compile(r"(?<![\d.])(?:[2-9]|1[0-2])\s*[-~—至]\s*\d{1,2}\s*月")
# "城市化率从59.5%提高到62.9%", "从2011年的1520亿元增加到2016年的2243.1亿元": the level a
# change started from is no figure of the period; the level it reached is.
_CHANGE_FROM = re.compile(r"从(?:\d{4}年的?)?$")
_CHANGE_TO = re.compile(r"^[\u4e00-\u9fff]{0,4}?[到至](?:\d{4}年的?)?\d")

_CLAUSE_BREAKS = ",;:"
_LIST_JOINERS = frozenset({"", "、", ",", "和", "及", "与", "、和"})

PERIOD_PART = (
    r"1\s*[-~—至]\s*\d{1,2}\s*月份?|\d{1,2}\s*月份?|1-[34]季度|第?[一二三四1-4]季度|"
    r"上半年|前三季度|一至三季度|全年"
)
_GROWTH_BASIS = (
    "同比|比上年同期|比去年同期|比上年|比去年|较上年同期|较去年同期|较上年|较去年|"
    "与(?:上年|去年)同期相比|与(?:上年|去年)相比|按可比价格计算|按可比价计算|(?:剔除|扣除)价格因素(?:影响)?后?|同口径|"
    # 比上年同月 (a month's), 可比增长 (comparable prices), 自然增幅 (scope not adjusted)
    "[比较](?:上年|去年)同月|可比|自然(?=增幅|增长(?!率))"
)
# 增产/减产 2.1% (output), 增收/减收 (income), 增支/减支 (spending): a growth in %, an
# absolute change otherwise.
_GROWTH_VERBS = (
    "增长|(?<!新)增|上涨|上升|提高|增加|下降|下滑|降低|减少|下跌|回落|增产|减产|增收|减收|增支|减支"
)
# "分别下降29.8%、增长6.5%和增长4.1%": a list whose members each carry their own verb.
_MEMBER_VERB = re.compile(rf"[、和及与]?(?P<verb>{_GROWTH_VERBS})")
_NEGATIVE_VERBS = frozenset(
    {"下降", "下滑", "降低", "减少", "下跌", "回落", "减产", "减收", "减支"}
)
# 比2019年同期增长13.4%: a growth against a named year, year on year only if it is the last.
_BASIS_YEAR = rf"[比较](?P<basis_year>\d{{4}})年(?:同期|{PERIOD_PART})?"
_GROWTH_TAIL = re.compile(
    rf"(?:{_GROWTH_BASIS}|{_BASIS_YEAR})?(?:实际|名义)?(?P<verb>{_GROWTH_VERBS})了?(?:约|达到?|(?<=增长)为)?$"
)
# "增长达36.2%", "增长为24.5%": 达 after the verb, or 为 after 增长, keeps the figure a growth
# (but "上升为42.9%" is where a rate rose to).
# 增产16.6亿斤: an absolute change of output.
_CHANGE_OF_OUTPUT = re.compile(r"(?:增产|减产|增收|减收|增支|减支)$")
# "减少政府债务6.53亿元", "火电增发电量104亿千瓦时": an amount a clause opens by reducing, or
# generated more (增发, 多发) than before: an absolute change too (not 增加…: a work report's
# jobs created are a level).
_CHANGE_OPENING = re.compile(rf"(?:^|[{_CLAUSE_BREAKS}])(?:减少|[{_CJK}]{{0,3}}?(?:增发|多发))")
# The words of a growth rate; 降幅 and 跌幅 state a fall ("累计跌幅为0.4%": −0.4).
_RATE_NOUNS = "增速|增幅|涨幅|降幅|跌幅|增长率|增长速度"
_FALLING_RATES = frozenset({"降幅", "跌幅"})
# "增速最高达8.9%", "增速均保持在20%以上": a superlative or an adverb (均, 都, 也) between the
# rate word and its verb keeps it a growth (a bounded one here, see Statement.bound).
_RATE_WORD_TAIL = re.compile(
    rf"(?P<word>{_RATE_NOUNS})(?:最[\u4e00-\u9fff]|[均都也])?"
    r"(?:为|是|达到|达|在|控制在|保持在|回落至|回升至|提高至|加快至|放缓至|下降至|至)?$"
)
# "以12.5%的增速领跑", "分别以7.4%、5.4%和3.6%的累计涨幅…": a growth named by the rate word
# after it (and after the rest of its list).
_RATE_AFTER = re.compile(
    rf"(?:\s*[、和及与]\s*[-+]?\d+(?:\.\d+)?\s*%)*\s*的(?:累计)?(?P<word>{_RATE_NOUNS})"
)
# Why a figure is not a fact: the reasons an account of the numbers of a text gives.
MONTH_ON_MONTH = "month-on-month"
MULTI_YEAR_AVERAGE = "multi-year average"
SINCE_YEAR_START = "change since the start of the year"
ABSOLUTE_CHANGE = "absolute change"
OTHER_REGION = "comparison with another region"
FOREIGN_FIGURE = "figure of another region"
RATIO = "ratio to another figure"
COUNT_BEFORE_NOUN = "count before its noun"
COUNT_OF_MEMBERS = "count of a group's members (35个行业中15个)"
EXCHANGE_CONVERSION = "exchange conversion"
BOUND = "bound (突破, 超过, 接近)"
TRANSLATION = "translation"
THRESHOLD = "threshold in a name (5000万元以上项目)"
STANDARD = "standard of a calculation (按…标准)"
PACE = "pace described (9%左右的幅度)"
MONTHS_OF_A_RANGE = "months of a range not from January (2-5月份分别…)"
STARTING_LEVEL = "level a change started from (从59.5%提高到62.9%)"
TARGET_GAP = "gap to a target"
RATE_CHANGE = "change of a growth rate printed in % (降幅较上半年收窄6%)"
WHOLE_OF_A_SHARE = "size of the whole a share is of (完成年初预算数8.1亿元的39.5%)"
# "an increase of 9.2%": an interleaved translation restates the Chinese figure.
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")
_CJK_CHARACTER = re.compile(rf"[{_CJK}]")
_NOT_YEAR_ON_YEAR_REASONS = (
    (re.compile(r"环比|比上月|较上月|比上季|较上季"), MONTH_ON_MONTH),
    (re.compile(r"比年初|较年初"), SINCE_YEAR_START),
    (re.compile(r"两年平均|年均|平均每年|平均增长"), MULTI_YEAR_AVERAGE),
)
# "A、B两年平均分别增长…", "A、B环比分别…": a basis between the names and 分别 is the figures'.
_BASIS_BEFORE_LIST = re.compile(r"(?:环比|比上月|较上月|比年初|较年初|两年平均|年均|平均每年)$")
# "从环比看，…": the rest of the sentence compares with the period before.
_MONTH_ON_MONTH_VIEW = re.compile(r"环比(?:来)?看")
# 突破1000亿元, 接近3000亿元, 跨越2000亿元: a threshold the figure passed, not the figure.
_BOUND_TAIL = re.compile(r"(?:突破|超过|超|接近|逾|近|登上|迈上|跨上|站上|跨越|跨过|迈过)了?$")
# 登上了3000美元的新台阶, 迈过1000亿元大关: a threshold passed, named after the figure.
_BOUND_AFTER = re.compile(r"的?新?(?:台阶|大关|关口)")
_CONVERSION = re.compile(r"折合|约合|折算|汇率")
# Verbs that state where a rate now stands: 为, 达到, 提高到 ...
_STANDS_AT = "为|是|达到|达|(?:提高|上升|下降|回落)[到至]|增至|降至"
_SHARE_TAIL = re.compile(
    rf"占(?P<whole>.*?)(?:的)?(?:比重|比例|份额)?(?:(?P<moved>由(?:上年|去年)(?:同期)?的?)|{_STANDS_AT})?$"
)
# "占…的比重由上年的17.0%下降至16.4%": the share a year before, then the share where it now
# stands, named by the verb of its move alone.
_MOVED_TO = re.compile(rf"(?:{_STANDS_AT}|(?:降低|减少|增加|提升|扩大|缩小|调整)[到至为])")
# "占比70.4%", and "男性人口663.38万人,占51.05%": a share of a whole left unsaid.
_SHARE_WITHOUT_WHOLE = re.compile(rf"占(?:比重?)?(?:{_STANDS_AT})?$")
# "为预算的103.2%", "完成全年目标任务的84.3%": the part of a whole reached.
_SHARE_OF_TAIL = re.compile(r"(?:为|完成|相当于)(?P<whole>[^,;]+?)的$")
# "完成年初预算数8.1亿元的39.5%": the whole's own size between its name and the share; the
# size is a plan, no fact, and the share is of the whole named.
_WHOLE_BEFORE_SIZE = re.compile(r"(?:为|完成|相当于)(?P<whole>[^,;\d]+?)$")
# "完成省下达目标任务的112.3%,市下达目标任务的104.6%": another whole of the same share.
_ANOTHER_WHOLE = re.compile(r"(?P<whole>[^,;的\d]{2,20}?)的")
_SHARE_AFTER_SIZE = re.compile(r"\s*的\s*[-+]?\d+(?:\.\d+)?\s*%")
_CONTRIBUTION_WORD = re.compile(r"贡献[率度]")
# "拉低投资增速2.8个百分点", "下拉…": a negative contribution is a contribution too, and so is
# what falling members took off a growth ("影响全省工业增加值增速3.5个百分点").
_CONTRIBUTION_TAIL = re.compile(
    r"(?:拉动|带动|拉低|下拉|影响(?=[^,;]*?(?:增速|增幅|增长)))(?P<whole>.*?)(?:增长)?$"
)
# "贡献率合计达51.3%" (members' summed), "贡献率由上年同期的40.2%提高到47.5%" (moved).
_CONTRIBUTION_RATE_TAIL = re.compile(
    r"(?:对(?P<whole>.*?)(?:增长)?的?)?贡献[率度]"
    r"(?:合计|累计|(?P<moved>由(?:上年|去年)(?:同期)?的?)|为|是|高达|达到|达)*$"
)
# "比上年增长0.4个百分点": 增长 in points is a change too, like 提高.
_CHANGE_VERBS = (
    "回落|放缓|下降|降低|收窄|缩小|下滑|回调|减少|提高|加快|回升|上升|扩大|提升|增加|增长"
)
_NEGATIVE_CHANGE = frozenset(
    {"回落", "放缓", "下降", "降低", "收窄", "缩小", "下滑", "回调", "减少", "慢", "低"}
)
# "比规模以上工业快4.6个百分点" (a gap to another figure), "比上年高0.5个百分点" (a change).
_GAP_TAIL = re.compile(r"[比较](?P<reference>[^比较,;]+?)(?P<verb>快|慢|高|低)了?$")
_CHANGE_TAIL = re.compile(rf"(?:同?[比较](?P<reference>[^比较]*?))?(?P<verb>{_CHANGE_VERBS})了?$")
# "下降幅度较上半年收窄6%": a rate compared with an earlier period's, its change printed in %.
_RATE_CHANGE_TAIL = re.compile(
    rf"(?:幅度|增速|增幅|降幅|涨幅)[比较](?:{PERIOD_PART}|上期|同期)(?:{_CHANGE_VERBS})了?$"
)
# A growth_change is measured against an earlier period, never against another region.
_PERIOD_REFERENCE = re.compile(r"月|季|年|同期|上期")
# "限上零售额2月份当月增长13.5%": a month between a name and its figure is the figure's period.
_PERIOD_AFTER_NAME = re.compile(
    rf"(?<=[{_CJK})])(?P<part>(?:1\s*[-~—至]\s*)?\d{{1,2}}\s*月份?)(?:当月|累计)?$"
)
_RATE_WORDS = re.compile(rf"(?:{_RATE_NOUNS}|增长)$")
# A clause that is a name alone, and the last character of a whole name (业, 值, 额 ...).
_BARE_NAME = re.compile(rf"[{_CJK}、]{{2,30}}")
_NOT_A_BARE_NAME = re.compile(
    rf"看|中$|其中|方面|(?:{_GROWTH_VERBS})|实现|完成|为|是|良好|稳定|顺利"
)
_NAME_HEAD = re.compile(r"[业品值额入出资量费率数]$")
_RATE_NOUN = re.compile(rf"(?:{_RATE_NOUNS})$")
# "饮料类、烟酒类受春节因素影响,分别增长…": the circumstance closing a list of names.
_CIRCUMSTANCE_TAIL = re.compile(
    r"(?:受益于|得益于|受到?|由于|在)[^、,;]{1,20}?(?:影响|带动|拉动|推动|提振)下?$"
)
# "石油及制品类、汽车类等大宗消费分别增长…": the group after 等 is no part of the last name.
_EXAMPLES_GROUP = re.compile(rf"(?<=[{_CJK}]{{2}})(?<![高中初平同对相均])等[{_CJK}]{{2,}}$")
# "禽蛋、水果和蔬菜增长较快，增速分别达…": what a clause of names alone says of them.
_NAMES_CLAUSE_TAIL = re.compile(
    r"(?:增长|增速|增幅|增势|下降|降幅)?(?:较快|较大|较好|明显|迅速|强劲|平稳)?$"
    r"|(?:继续)?保持(?:较快|快速|平稳|稳定|高速)?(?:增长|增势)$"  # "…继续保持较快增长"
)
# 比上年同期多132人: an absolute change, like 比上年增加300人.
_MORE_OR_LESS = re.compile(r"[比较][^,;]*?[多少]了?$")
# A name that compares (我区高于全市) names no indicator.
_COMPARISON = re.compile(r"高于|低于|快于|慢于|高出|低出")
_TARGET_GAP = re.compile(r"目标(?:任务)?(?:进度)?$")
# A name that is only an attribute belongs to the indicator last named: 项目10个，总投资7.93亿元;
# and so does the progress of projects after them ("162个重点项目,开复工152个、开复工率93.8%,
# 完成投资669.2亿元").
_ATTRIBUTE = re.compile(r"^(?:计划)?总投资额?$|^投资额$|^总额$|^总量$")
_PROJECT_ATTRIBUTE = re.compile(r"^(?:开复工|开工|复工|竣工|投产)率?$|^投资(?:完成率)?$")
# "县属规模工业总产值6.52亿元,增加值1.67亿元": value added named alone after the output of a
# qualified subject is that subject's.
_OUTPUT_OF = re.compile(r"(?P<qualifier>.+?)总?产值$")
# "引进总投资21.18亿元的锂盐项目": the investment of the project named after it.
_INVESTMENT_WORD = re.compile(r"(?:计划)?总投资额?$")
_PROJECT_AFTER = re.compile(rf"的(?P<project>[{_CJK}“”()]{{2,30}}?项目)(?=[,;。]|$)")
# "35个工业行业大类中实现增长的行业增加至15个": members of a group counted, no statistic.
_MEMBERS_OF_A_GROUP = re.compile(r"(?:行业|大类|门类|企业|产品|指标|项目)[^,;]{0,4}中")
# A count opening the clause after a group's 中 ("行业中,有34个行业…"): a count of its members.
_GROUP_BEFORE = re.compile(rf"(?:{_MEMBERS_OF_A_GROUP.pattern})[,:](?:其中)?有?$")
# "汽车制造业增加值增长12.5%,…,增加值累计占比18.2%": the attribute alone, which the indicator
# just named ends with, is that indicator again.
# An attribute alone after a group of firms is theirs ("新增规上工业企业45家,实现总产值…").
_RESTATED_ATTRIBUTE = re.compile(r"增加值|总?产值|营业收入|营业利润|利润总额|利润")
_FIRMS = re.compile(r"(?:企业|单位)$")
# "规模以上服务业涵盖行业达19个": the industries a sector covers, members of a group too.
_INDUSTRIES_COVERED = re.compile(
    r"(?:涵盖|覆盖|包括|涉及)(?:的)?行业(?:大类|门类)?(?:数)?(?:达到?|为|有|共)?$"
)
_MEMBERS_BEFORE = re.compile(rf"(?:{_MEMBERS_OF_A_GROUP.pattern})[,:]?(?:其中)?有?$")
# "生猪存、出栏", "进、出口": two names sharing their last character, printed once.
_SHARED_LAST_CHARACTER = re.compile(r"(存|进)、(出)(栏|口)")
# "规模以上轻、重工业", "大、中型企业": two names sharing what precedes and what follows
# their one-character difference, printed once.
_SHARED_HEAD = re.compile(
    r"(?:(?<=、)|^)(?P<prefix>[^、]*?)(?P<first>[轻重大中小])、(?P<second>[轻重大中小微])"
    r"(?P<kind>型?)(?P<head>工业|企业)"
)
# The head noun a list shares: 教育、卫生健康、社会保障和就业支出 = 教育支出, 卫生健康支出, ...
_HEAD_NOUN = re.compile(r"(?:增加值|营业收入|零售额|销售额|支出|收入|投资|产量|利润)$")
# 三大集群营收: a group of members named before, and what is said of each.
_CHINESE_COUNTS = "一两三四五六七八九十"
_GROUP = re.compile(rf"^(?P<count>[{_CHINESE_COUNTS}])大(?P<noun>[{_CJK}]{{2}})(?P<rest>.*)$")
_SHARE_OF = re.compile(r"的比重$")
# 城乡居民...分别: urban, then rural.
_URBAN_RURAL = ("城镇", "农村")
_GROUP_TAIL = re.compile(r"[一二三四五六七八九十两]大?(?:个)?(?:行业|产业|门类|类)$")
_AREA = re.compile(r"城镇|农村|城市|乡村")

# 较去年同期(-2.2%), 较一季度(-10.8%): the growth of the same period a year before, or of an
# earlier period of the year.
# "由一季度的下降2%转为增长2.2%": the earlier period's growth, then the period's own.
_EARLIER_GROWTH = re.compile(
    rf"(?:(?:较|比)(?:(?:去年|上年)同期|(?P<period>{PERIOD_PART}))\(|"
    rf"由(?P<turned_from>{PERIOD_PART})的(?P<verb>{_GROWTH_VERBS}))$"
)
# 该市: a news report's "the city"; 全旗 and 全盟, a banner's and a league's (内蒙古).
_SCOPE_WORD = r"(?:全|我|本|该)[省市区县镇乡旗盟]|全国"
# One administrative unit: at least two characters before 省/市/区/县 (so 地区 of 地区生产总值
# and 全区 are not regions).
REGION_UNIT = rf"(?:(?![省市区县旗])[{_CJK}]){{2,7}}(?:省|自治区|市|区|县|旗)"
# "A(7.5%)、B(12.7%)分别高于…": a growth in brackets right after its name; after a region's
# name ("西夏区(13.0%)和灵武市(8.2%)地区生产总值增速分别位列…"), of the quantity named after
# the regions so listed.
_QUANTITY_AFTER_REGIONS = re.compile(
    rf"\)(?:[和、与及]{REGION_UNIT}\(-?[\d.]+%\))*(?P<quantity>[{_CJK}]{{2,20}}?)"
    r"(?:增速|增幅|增长|同比)"
)
# Scopes of one level: a county, a district and a banner are county-level, a league a city's.
_LEVEL = {
    "省": "省",
    "市": "市",
    "盟": "市",
    "区": "县",
    "县": "县",
    "旗": "县",
    "镇": "乡",
    "乡": "乡",
}
NATIONAL_LEVEL = "国"  # the home level of a national release
_PERIOD_LABEL = (
    rf"(?:\d{{4}}年)?(?:{PERIOD_PART})|\d{{4}}年同期|去年同期|上年同期|\d{{4}}年|"
    r"今年以来|今年|去年|过去一年|当月"  # "其中,当月…": the last month of the year to date
)
# A date ("10月20日,川江区发布…") opens a clause with the day of a release, not a period; a
# year before a count of a noun ("2018年14户新增企业1-3月…") qualifies the noun.
# A period a change in points follows, its 较 left out ("3月提高1.5个百分点"), is what the
# change is measured from: it turns nothing.
_PERIOD_MARKER = re.compile(
    rf"(?:^|(?<=[{_CLAUSE_BREAKS}]))\s*(?:其中)?(?:(?P<as_of>截至|截止)|到)?(?:{_SCOPE_WORD})?"
    rf"(?P<label>{_PERIOD_LABEL})(?!\s*(?:\d{{1,2}}\s*月\s*)?\d{{1,2}}\s*[日号])"
    rf"(?!(?<=\d{{4}}年)\s*\d+\s*(?:户|家|个|项)[{_CJK}])"
    rf"(?!\s*(?:{_CHANGE_VERBS})了?\s*[-+]?\d+(?:\.\d+)?\s*个?百分点)(?P<local>为)?"
)
# "今年前11月,海南省265个重点项目完成投资…": a clause opened by a region's name alone
# (not by 全区: "全区334家…单位,共实现…" stays a count before its noun).
_SCOPE_CLAUSE = re.compile(rf"(?:{_PERIOD_LABEL})?[{_CJK}]{{2,6}}?(?:省|自治区|市|区|县|旗)")
_SCOPE_AT_START = re.compile(rf"^(?:其中)?(?:{_PERIOD_LABEL})?(?P<scope>{_SCOPE_WORD})")

# 按可比价计算, 按不变价格计算, 按可比价格 (计算 left out): how a growth was computed, never
# part of a name.
_METHOD = r"按(?:可比|不变|现行|现)价格?(?:计算)?"
_LEADING_WORDS = re.compile(
    rf"^(?:其中|而|但|并|且|同时|另外|此外|首次|再次|{_METHOD}|{_PERIOD_LABEL}|{_SCOPE_WORD}|当年|当月|当季|年末|末|"
    r"截至|截止|底|年底|目前|当前|共有|拥有|现有|共计|合计|总计|共|累计完成|累计实现|累计|预计完成|预计实现|预计|完成|"
    r"实现|实施|发放|力争|争取到|争取|确保|转为|"
    r"\d+(?:家|户)(?=[\u4e00-\u9fff]))"  # "156家规模以上工业企业营业收入": the firms' count
)
# 从2018年的210亿元增加到…: all from 从 and the level a change started from is no name.
_TRAILING_WORDS = re.compile(
    rf"(?:{_METHOD}|从(?:\d{{4}}年的?)?\d.*|(?:增加|提高|提升|上升|减少|下降)[到至]|增至|降至|完成了|实现了|达到了|(?:登上|迈上|跨上|站上|跨越|跨过|迈过)了?|完成|实现|达到|达|为|是|累计|预计|共计|共|合计|总计|(?<![签合节制])约|突破|同比|^自然|"
    r"超过|超|控制在|保持在|稳定在|不低于|不超过|力争|争取|确保|的|在|已|将|均|全部|有|仍)$"
)
_INNER_VERBS = re.compile(r"(?<=.)(?:实现|完成|累计|预计|全年|全区|全市|全县)(?![率的])(?=.)")
_EDGE_PUNCTUATION = " ,;:、()[]【】"

_COMPARATOR_PREFIXES = (
    (re.compile(r"(?:不超过|控制在)$"), "at_most"),
    (re.compile(r"(?:达到|不低于|超过|突破)$"), "at_least"),
    (re.compile(r"(?<![签合节制])约$"), "about"),
)


@dataclass(frozen=True)
class Statement:
    """One figure and what it says, with its span in the sentence.

    `figure` is the number as published in `unit`, except for growth, which is
    always in per cent: "增长12.7倍" is 1270 % with decimals -1. Decimals say how
    the figure was rounded (half a unit of the last digit, 0.5·10^-decimals): 12.7
    times is 13.7 ± 0.05 times the base, so the growth is 1270 ± 5 pp, which is
    what decimals = 1 - 2 = -1 means.
    """

    kind: str
    indicator: str
    figure: Figure
    unit: str
    comparator: str | None
    start: int
    end: int
    relative_to: str | None = None
    bound: bool = False  # 突破1000亿元: a threshold passed, a figure only as a target
    previous_year: bool = False  # 较去年同期(-2.2%): of the same period a year before
    basis_year: int | None = None  # 比2019年同期增长: the year the growth is measured against
    period: str | None = None  # 较一季度(-10.8%), 零售额2月份当月增长: of that period of the year


@dataclass(frozen=True)
class PeriodMarker:
    """A period named at the start of a clause ("1-9月", "2022年", "全年"), at `position`."""

    position: int
    label: str
    clause_only: bool = False  # "1—2月份为下降6.5%": the period of this clause alone
    # "其中5月份增长14.9%", "11月当月增速…": a part of the period, for this sentence
    sentence_only: bool = False
    # "截止6月底…项目49个,…;…完成投资占…": a date, for the clauses up to the next ; only
    as_of_end: int | None = None


@dataclass
class Subject:
    """The indicator a clause without a name speaks of; `foreign` for another region's."""

    name: str
    foreign: bool = False


@dataclass(frozen=True)
class SkippedFigure:
    """A figure that states no fact: `reason` says why, None when the rules could not tell
    (an unread figure, to be reported)."""

    start: int
    end: int
    text: str  # the figure as written, "3.7亿元"
    reason: str | None


@dataclass(frozen=True)
class ScannedSentence:
    statements: list[Statement]
    markers: list[PeriodMarker]
    skipped: list[SkippedFigure]


# "工业总产值(现价,下同)完成…": a note that holds for the rest of the text, not the name's end.
_NOTE_FOR_WHAT_FOLLOWS = re.compile(r"[,、;]?\s*下同(?=\))")
# "市级(不包括市辖区,下同)一般公共预算收入…": what a figure covers, for the rest of the text,
# is no part of the name.
_COVERAGE_FOR_WHAT_FOLLOWS = re.compile(r"\((?:不包括|不含|包括|含)[^()]*?[,、;]?\s*下同\)")
# "一、农业生产稳定增长。": the number of a heading opening its sentence is no part of a name
# (but "一、二、三产业…" lists the sectors).
# "<paper>银川7月26日电 (记者 …)", "本报讯(记者 …)": a news story's dateline opening its
# first sentence is no part of a name.
_NEWS_DATELINE = re.compile(
    r"^\s*(?:[^,;。]{0,20}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*[电讯]|本报讯)\s*(?:\([^)]{0,20}\))?"
)
_NUMERALS = "一二三四五六七八九十"
_HEADING_NUMBER = re.compile(rf"^\s*[{_NUMERALS}]{{1,3}}、(?![{_NUMERALS}]{{1,3}}[、产])")

# Colons of a ratio that NFKC leaves alone or widens: 11.8︰48.3︰39.9, 13.72∶46.43∶39.85.
_RATIO_COLONS = {"\ufe30": ":", "\u2236": ":"}
# "前8个月", "1月至8月": the first months of a year, rewritten in place as the range bulletins
# print ("1-8月", "1 至8月"); the lengths are equal, so offsets stay those of the text.
_FIRST_MONTHS = re.compile(r"前(?P<months>\d{1,2})个月")
_MONTH_OPENING_A_RANGE = re.compile(r"(?<![\d.])1月(?=\s*[-~—至]\s*\d{1,2}\s*月)")


def normalise(text: str) -> str:
    """Full-width digits and punctuation as ASCII, character by character, and the first
    months of a year as a range of months.

    Only replacements of equal length are made, so an offset into the result is an
    offset into the published text.
    """
    characters = []
    for character in text:
        replacement = _RATIO_COLONS.get(character) or unicodedata.normalize("NFKC", character)
        characters.append(replacement if len(replacement) == 1 else character)
    text = "".join(characters).replace("\u2212", "-")
    text = _FIRST_MONTHS.sub(lambda match: f"1-{match['months']}月", text)
    return _MONTH_OPENING_A_RANGE.sub("1 ", text)


def opens_month_on_month_view(sentence: str) -> bool:
    """ "从环比来看,…" opening a paragraph: its figures compare with the month before, to the
    paragraph's end (a sentence after it reads "其中,城市上涨0.2%" without 环比)."""
    return bool(_MONTH_ON_MONTH_VIEW.match(normalise(sentence).lstrip().removeprefix("从")))


# "4月,一般公共预算收入累计完成…": a single month whose clause names a quantity counted
# 累计 is the months to date ending with it (a fiscal release's month is the year so far);
# not "其中6月份累计15.2万人", the month's own total within a longer period.
_SINGLE_MONTH_LABEL = re.compile(r"^(?P<year>\d{4}年)?(?P<month>\d{1,2})月份?$")
_TO_DATE_BEFORE_FIGURE = re.compile(r"\s*[,:]?[^\d,;。]+?累计")
# "截止9月末,生猪出栏下降4.6%": a flow (出栏, 产量, 收入 …, what was done: 完成, 实现)
# named up to a month's end is the months to date; what stands at the date ("截止6月底在建
# 项目52个", "现有40个在库项目", 存栏) stays at the month's end.
_MONTH_END = re.compile(r"\s*(?:末|底)")
_FLOW_BEFORE_FIGURE = re.compile(r"[^\d;。]*?(?:出栏|产量|销售|收入|支出|完成|实现|累计|接待)")


def _marker_label(sentence: str, match: re.Match[str], part_of_period: bool) -> str:
    """The period a marker names: a single month becomes the months to date when its clause
    names a quantity and says 累计 before its first figure."""
    label = re.sub(r"\s+", "", match.group("label"))
    month = _SINGLE_MONTH_LABEL.match(label)
    if month and not part_of_period and _TO_DATE_BEFORE_FIGURE.match(sentence, match.end()):
        return f"{month['year'] or ''}1-{month['month']}月"
    if (
        month
        and match["as_of"]
        and _MONTH_END.match(sentence, match.end("label"))
        and _FLOW_BEFORE_FIGURE.match(sentence, match.end("label"))
    ):
        return f"{month['year'] or ''}1-{month['month']}月"
    return label


def period_markers(sentence: str) -> list[PeriodMarker]:
    """The period words that open a clause of a normalised sentence."""
    return [
        PeriodMarker(
            match.start("label"),
            _marker_label(sentence, match, _after_其中(sentence, match)),
            bool(match["local"]),
            _after_其中(sentence, match)
            or sentence.startswith("当月", match.end("label"))  # "11月当月…": the month alone
            or match.group("label") == "当月",
            _as_of_end(sentence, match),
        )
        for match in _PERIOD_MARKER.finditer(sentence)
    ]


def _after_其中(sentence: str, marker: re.Match[str]) -> bool:
    """Whether a period marker follows 其中: a part of the period, for its sentence."""
    return sentence[: marker.start("label")].rstrip(f" {_CLAUSE_BREAKS}").endswith("其中")


def _as_of_end(sentence: str, marker: re.Match[str]) -> int | None:
    """Where the clauses a date (截至6月底) opens end: at the next ; (or the sentence's end)."""
    if not marker["as_of"]:
        return None
    end = sentence.find(";", marker.end())
    return len(sentence) if end < 0 else end


def scan_sentence(sentence: str, subject: Subject, home_level: str) -> ScannedSentence:
    """The statements and period markers of one sentence.

    `subject` is the indicator last named before this sentence (updated in place as
    the sentence names others); `home_level` is the last character of the document's
    region (区 for 川江区), so that a clause about another scope (全市, 全省) is skipped.
    A count opening its clause states the level of its noun ("158个重点项目完成投资…",
    "…等99个项目建成投用", "21063人农村贫困人口全部脱贫").
    """
    text = _COVERAGE_FOR_WHAT_FOLLOWS.sub(lambda note: " " * len(note.group()), normalise(sentence))
    text = _NOTE_FOR_WHAT_FOLLOWS.sub(lambda note: " " * len(note.group()), text)
    for opening in (_NEWS_DATELINE, _HEADING_NUMBER):
        text = opening.sub(lambda words: " " * len(words.group()), text)
    state = _ScanState(subject, home_level)
    statements: list[Statement] = []
    skipped: list[SkippedFigure] = []
    previous_end = 0
    for match, elided_unit in _figures(text):
        if reason := _not_a_figure_of_its_clause(text, match):
            skipped.append(_skipped(match, reason))
            continue
        if not _is_figure(text, match):
            if _MEMBERS_BEFORE.search(text, 0, match.start()):
                state.note_members(match)
            if _GROUP_BEFORE.search(text, 0, match.start()):  # "19个行业中,8个行业…"
                skipped.append(_skipped(match, COUNT_OF_MEMBERS))
            elif counted := state.count_of_noun(text, match):
                statements.append(counted)
                previous_end = match.end()
            else:
                skipped.append(_skipped(match, COUNT_BEFORE_NOUN))
            continue
        statement = state.classify(text, previous_end, match, elided_unit)
        previous_end = match.end()
        if isinstance(statement, Statement):
            statements.append(statement)
        else:
            skipped.append(_skipped(match, statement))
    subject.name, subject.foreign = state.subject.name, state.subject.foreign
    statements = sorted(statements + _structure_shares(text), key=lambda s: s.start)
    return ScannedSentence(statements, period_markers(text), skipped)


def _structure_shares(text: str) -> list[Statement]:
    """The three sector shares of each a:b:c structure a sentence states ("三次产业结构为
    7.7:57.5:34.8"), named "<structure>/第一产业" ... in %; a ratio with no such name is
    no figure."""
    statements = []
    for ratio in _RATIO.finditer(text):
        masked = _RATIO.sub(lambda m: "#" * len(m.group()), text[: ratio.start()])
        structure = _STRUCTURE.search(re.split(rf"[{_CLAUSE_BREAKS}]", masked)[-1])
        if structure is None:
            continue
        name = clean_name(structure["name"])
        previous_year = bool(_LAST_YEAR.search(structure["rest"].split("#")[-1]))
        for number, sector in enumerate(SECTORS, start=1):
            figure = parse_text(ratio.group(number))
            if figure is not None:
                statements.append(
                    Statement(
                        kind=SHARE,
                        indicator=f"{name}/{sector}",
                        figure=figure,
                        unit=PERCENT,
                        comparator=None,
                        start=ratio.start(number),
                        end=ratio.end(number),
                        previous_year=previous_year,
                    )
                )
    return statements


def _figures(text: str) -> list[tuple[re.Match[str], str | None]]:
    """The numbers of a sentence that carry a unit, in order (see _FIGURE, _BARE_GROWTH, _AGE,
    _OTHER_UNIT), each with the unit it has when the text leaves it out: the list's last
    unit in "5.4和2.4个百分点", 个百分点 for the 个 of "51个、46.3个、30.6个百分点"."""
    found = [*_FIGURE.finditer(text), *_BARE_GROWTH.finditer(text), *_AGE.finditer(text)]
    taken = {match.start("number") for match in found}
    found += [
        match
        for match in _OTHER_UNIT.finditer(text)
        if match.start("number") not in taken
        and not _NOT_A_UNIT.match(match["unit"])
        and not _FIGURE.match(text, match.start())
    ]
    elided = {}
    for match in _ELIDED_LIST.finditer(text):
        for number in _LISTED_NUMBER.finditer(match["listed"]):
            elided[match.start("listed") + number.start()] = match["unit"]
    found += [
        match
        for match in _BARE_NUMBER.finditer(text)
        if match.start() in elided and match.start() not in taken
    ]
    found.sort(key=lambda match: match.start())
    return [
        (match, elided.get(match.start()) if match["unit"] in ("", "个") else None)
        for match in found
    ]


def _figure(number: str) -> Figure | None:
    """A number as printed, its point doubled by a typo or spaced ("14..3", "169 . 3")."""
    return parse_text(number.replace(" ", "").replace("..", "."))


def _skipped(match: re.Match[str], reason: str | None) -> SkippedFigure:
    return SkippedFigure(match.start(), match.end(), match.group(), reason)


def _not_year_on_year(segment: str) -> str | None:
    """Why a growth in `segment` is not year on year (环比, 两年平均 ...), else None."""
    return next(
        (reason for pattern, reason in _NOT_YEAR_ON_YEAR_REASONS if pattern.search(segment)), None
    )


def _rate_after(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The rate word after a figure opened by 以 ("以12.5%的增速", "分别以a%和b%的涨幅")."""
    opened = re.search(r"以[、和及与\s\d.%+-]*$", text[: match.start()])
    return _RATE_AFTER.match(text, match.end()) if opened else None


def _not_a_figure_of_its_clause(text: str, match: re.Match[str]) -> str | None:
    """Why a number with a unit states no figure, by the words about it: a threshold or a
    size in a name, the standard of a calculation, a pace described, a month of a range."""
    if _is_threshold(text, match):
        return THRESHOLD
    clause_start = max(text.rfind(mark, 0, match.start()) for mark in _CLAUSE_BREAKS) + 1
    clause_end = min((i for mark in _CLAUSE_BREAKS if (i := text.find(mark, match.end())) >= 0),
                     default=len(text))  # fmt: skip
    clause = text[clause_start:clause_end]
    if _BY_STANDARD.match(clause) and "标准" in text[match.end() : clause_end]:
        return STANDARD  # 按照每人每年2300元的农村贫困标准计算
    if _PACE.match(text, match.end()) and not _rate_after(text, match):
        return PACE  # 保持9%左右的幅度 (but 以12.5%的增速领跑 states the growth)
    if _MONTH_RANGE.search(text, clause_start, match.start()):
        return MONTHS_OF_A_RANGE  # 增幅2-5月份分别为14.2%、13%…
    if _CHANGE_FROM.search(text, clause_start, match.start()) and _CHANGE_TO.match(
        text[match.end() : clause_end]
    ):
        return STARTING_LEVEL
    return None


def _is_threshold(text: str, match: re.Match[str]) -> bool:
    """An amount with 以上 before a noun bounds what the noun counts ("5000万元以上项目32个",
    "500万元以上的项目", "产值过2000万元的企业", "5000万元以上、亿元以上重大项目"), and a
    capacity names a project ("120万吨乙烯项目"): part of a name, not a figure."""
    follower = text[match.end() : match.end() + 1]
    if text[max(match.start() - 1, 0) : match.start()] in ("×", "*"):  # 漳电2×100万千瓦: a size
        return True
    if _PASSED.search(text, 0, match.start()) and _OF_A_NOUN.match(text, match.end()):
        return True
    unit = match.group("unit")
    capacity = unit not in (PERCENT, POINTS) and "元" not in unit and not _COUNT_UNIT.match(unit)
    if capacity and _CAPACITY_OF_A_PROJECT.match(text, match.end()):
        return True  # not "162个省级重点建设类项目", a count of the projects
    if match.group("suffix") in _THRESHOLD_SUFFIXES and _LISTED_BOUNDS.match(text, match.end()):
        return True
    return match.group("suffix") in _THRESHOLD_SUFFIXES and bool(re.match(rf"[{_CJK}]", follower))


def _is_figure(text: str, match: re.Match[str]) -> bool:
    """A count directly followed by a noun ("7所学校") quantifies that noun: not taken."""
    if not _COUNT_UNIT.match(match.group("unit")) or match.group("suffix"):
        return True
    follower = text[match.end() : match.end() + 1]
    return not re.match(rf"[{_CJK}]", follower) or follower in _FOLLOWERS_OF_A_COUNT


class _ScanState:
    """What the scan of a sentence remembers between figures: subject and 分别 lists."""

    def __init__(self, subject: Subject, home_level: str) -> None:
        self.subject = Subject(subject.name, subject.foreign)
        self.home_level = home_level
        self.pending_names: list[str] = []
        self.pending_tail = ""
        self.last_list: list[str] = []
        self.stated: list[str] = []  # the indicators stated so far in this sentence
        self.last_share: str | None = None  # a share just stated, for "比上年提高N个百分点"
        self.moved_share: str | None = None  # a share "由上年的a%": the name of "下降至b%"
        self.moved_contribution: bool | None = None  # "贡献率由上年的a%": "提高到b%" too
        self.share_of: str | None = None  # "完成A的x%": whose share another whole's "B的y%" is
        self.members: str | None = None  # members of a group just counted ("25个行业利润增长")
        self.share_whole: str | None = None  # "完成年初预算数8.1亿元的…": the whole of the share
        self.progress: str | None = None  # the projects' progress just stated (…项目投资)
        self.last_segment = ""  # the words before the last figure
        self.last_left = ""  # the text between the figure before the last and the last

    def classify(
        self, text: str, previous_end: int, match: re.Match[str], elided_unit: str | None = None
    ) -> Statement | str | None:
        """The statement of one figure, or why it states none (None: the rules cannot tell).
        `elided_unit` is the unit of a figure whose list leaves it out."""
        left = text[previous_end : match.start()]
        if left.strip() == ")":  # "高于全省平均增速(16.8%)0.73个百分点": said of the words before
            left = self.last_left + "#" + left
        self.last_left = left
        clause_start = max(left.rfind(mark) for mark in _CLAUSE_BREAKS) + 1
        clause = left[clause_start:]
        member_verb = _MEMBER_VERB.fullmatch(left.strip())
        if self.pending_names and (left.strip() in _LIST_JOINERS or member_verb):
            name = self.pending_names.pop(0)
            segment = member_verb["verb"] if member_verb else self.pending_tail
            foreign = self.subject.foreign
        elif previous_end > 0 and left.strip() in _LIST_JOINERS - {""}:
            # "高于全市6.7、18.1和34.0个百分点": a list of figures said the same way
            name, segment, foreign = None, self.last_segment, self.subject.foreign
        elif "分别" in clause:
            name, segment, foreign = self._start_list(text, match, clause)
        else:
            self.pending_names = []
            # "A增长5%、B增长6%": a 、 right after a figure separates clauses; a 、 inside
            # a clause is part of a name (电力、热力、燃气及水生产和供应业).
            after_figure = clause_start == 0 and previous_end > 0 and left.startswith("、")
            segment = clause[1:] if after_figure else clause
            if clause_start > 0 and (
                (
                    (_NAMELESS_CLAUSE.fullmatch(segment.strip()) or segment.startswith("占"))
                    and (trend := _NAMED_BY_TREND.search(left, 0, clause_start - 1))
                )
                or (
                    _VERB_ALONE.fullmatch(segment.strip())
                    and (trend := _DESCRIBED_BY_TREND.search(left, 0, clause_start - 1))
                )
            ):  # "财政一般预算持续增收,达到1.2亿元", "工业投资快速增长,占…比重为21.6%": the
                segment = trend["name"] + segment  # name is the clause before's
            name, foreign = None, self._is_foreign(clause)
            n_figures = 1 + _count_listed(text, match)
            verb_alone = n_figures > 1 and _VERB_ALONE.fullmatch(segment.strip())
            if verb_alone and n_figures == len(self.last_list):
                # "A、B分别达到a元、b元,增长x%、y%": the list's names again, in order
                name, self.pending_names, self.pending_tail = (
                    self.last_list[0],
                    self.last_list[1:],
                    segment,
                )
            elif verb_alone and len(stated := self._just_stated(n_figures)) == n_figures:
                # "A a元、B b元,同比增长x%、y%": the names of the figures just stated
                name, self.pending_names, self.pending_tail = stated[0], stated[1:], segment
            elif names := _names_of_a_list(segment, n_figures):
                # "城镇和农村常住居民人均可支配收入完成29092元、17191元": one name per figure
                name, self.pending_names, self.pending_tail = names[0], names[1:], segment
        self.last_segment = segment
        if _MONTH_ON_MONTH_VIEW.search(text, 0, match.start()):
            return MONTH_ON_MONTH  # "从环比看，三季度增长1.8%"
        if (earlier := _EARLIER_GROWTH.search(left)) and match["unit"] == PERCENT:
            return self._earlier_growth(
                match, earlier["period"] or earlier["turned_from"], earlier["verb"]
            )
        if left.endswith("(") and _COMPARISON.search(clause):
            return OTHER_REGION  # "高于全省平均增速(16.8%)0.73个百分点": the other's figure
        if left.endswith("(") and text.startswith(")", match.end()) and match["unit"] == PERCENT:
            return self._bracketed_growth(text, match, clause[:-1])
        return self._statement(match, segment, name, foreign, unit=elided_unit)

    def _earlier_growth(
        self, match: re.Match[str], period: str | None, verb: str | None = None
    ) -> Statement | str | None:
        """较去年同期(-2.2%), 较一季度(-10.8%), 由一季度的下降2%: the growth a year before,
        or in an earlier period of the year, of the indicator just named."""
        figure = _figure(match["number"])
        if figure is None or not self.subject.name or self.subject.foreign:
            return None
        figure = replace(figure, value=_signed(figure.value, verb in _NEGATIVE_VERBS))
        return Statement(
            kind=GROWTH,
            indicator=self.subject.name,
            figure=figure,
            unit=PERCENT,
            comparator=None,
            start=match.start(),
            end=match.end("unit"),
            previous_year=period is None,
            period=period and re.sub(r"\s+", "", period),
        )

    def _bracketed_growth(
        self, text: str, match: re.Match[str], clause: str
    ) -> Statement | str | None:
        """ "规模以上工业增加值(12.7%)、…": the growth of the name just before the bracket; of
        a region's quantity named after the list of regions with theirs ("西夏区(13.0%)和
        灵武市(8.2%)地区生产总值增速…"); a scope word's (全国(5.5%)) is another region's."""
        figure = _figure(match["number"])
        words = re.split(r"[、和与及]", clause)[-1]
        if re.fullmatch(_SCOPE_WORD, words.strip(_EDGE_PUNCTUATION)):
            return OTHER_REGION
        name = clean_name(words)
        if figure is None or not name:
            return None
        if re.fullmatch(REGION_UNIT, name):
            quantity = _QUANTITY_AFTER_REGIONS.match(text, match.end())
            if quantity is None or not clean_name(quantity["quantity"]):
                return None
            name += clean_name(quantity["quantity"])
        found = _Found(match, figure, name, name, foreign=False)
        return self._make(GROWTH, found, name, figure)

    def note_members(self, match: re.Match[str]) -> None:
        """ "32个行业中有25个行业利润增长,占比78.1%": a share after is of the members counted."""
        members = _NOUN_TO_CLAUSE_END.match(match.string, match.end())
        self.members = clean_name(members.group()) if members else None

    def count_of_noun(self, text: str, match: re.Match[str]) -> Statement | None:
        """The level a count before its noun states: "现有40个在库项目" (to the clause's end),
        or a count opening its clause, named by its noun up to the verb of a figure that
        follows ("158个重点项目完成投资…": 重点项目)."""
        before = text[: match.start()]
        if _ADMINISTERED.search(before):
            noun = _ADMINISTERED_UNIT.match(text, match.end())
        elif _COUNT_OF_NOUN.search(before):
            noun = _NOUN_TO_CLAUSE_END.match(text, match.end())
        elif _OPENS_CLAUSE.search(before) or _SCOPE_CLAUSE.fullmatch(
            re.split(rf"[{_CLAUSE_BREAKS}]", before)[-1].strip()
        ):
            noun = _COUNTED_NOUN.match(text, match.end())
        else:
            return None
        figure = _figure(match["number"])
        if noun is None or figure is None or not (name := clean_name(noun.group())):
            return None
        if _INDICATORS_COUNTED.search(name) or name.endswith("中"):  # "35个行业中": a group
            return None
        self.subject = Subject(name)
        return Statement(
            kind=LEVEL,
            indicator=name,
            figure=figure,
            unit=match["unit"],
            comparator=None,
            start=match.start(),
            end=match.end("unit"),
        )

    def _is_foreign(self, clause: str) -> bool:
        scope = _SCOPE_AT_START.match(clause.strip(_EDGE_PUNCTUATION))
        if scope is None:
            return False
        if scope["scope"] == "全国":  # the home scope of a national release only
            return self.home_level != NATIONAL_LEVEL
        # 全县 in a district's text (a county made a district keeps the word) is its own scope.
        return _LEVEL.get(scope["scope"][-1]) != _LEVEL.get(self.home_level, self.home_level)

    def _just_stated(self, n_figures: int) -> list[str]:
        """The last `n_figures` indicators stated in the sentence (a level and its growth
        count once), or none when fewer were stated."""
        stated = [
            name for i, name in enumerate(self.stated) if name not in self.stated[i + 1 : i + 2]
        ]
        return stated[-n_figures:] if len(stated) >= n_figures else []

    def _start_list(
        self, text: str, match: re.Match[str], clause: str
    ) -> tuple[str | None, str, bool]:
        """'A、B分别增长x%、y%': the names before 分别, matched to the figures in order."""
        names_text, tail = clause.split("分别", 1)
        if word := _CONTRIBUTION_WORD.search(names_text):  # "A、B、C对经济增长的贡献率分别为…"
            tail = word.group() + tail
        elif rate := _RATE_NOUN.search(names_text):  # "A、B增长较快，增速分别达x%、y%"
            names_text, tail = names_text[: rate.start()], rate.group() + tail
        elif basis := _BASIS_BEFORE_LIST.search(names_text):  # "A、B零售额两年平均分别增长…"
            names_text, tail = names_text[: basis.start()], basis.group() + tail
        n_figures = 1 + _count_listed(text, match)
        names = _list_names(names_text, n_figures)
        if len(names) == 1 and (named := _named_group(names[0], text, match, clause, n_figures)):
            names = named
        if listed := _bare_names_before(text, match.start() - len(clause)):
            names = _joined_fragments(listed + names, n_figures)  # "采矿业,制造业,电力、…分别"
        if not names:
            names = _names_of_previous_clause(text, match.start() - len(clause), n_figures)
        if not names:  # "A x、B y，分别增长p、q": the names of the figures just stated
            names = self._just_stated(n_figures) or self.last_list
        self.last_list = names
        self.stated = []
        self.pending_names = names[1:n_figures]
        self.pending_tail = tail
        return (names[0] if names else None), tail, self._is_foreign(clause)

    def _statement(
        self,
        match: re.Match[str],
        segment: str,
        name: str | None,
        foreign: bool,
        unit: str | None = None,
    ) -> Statement | str | None:
        """Classify one figure by the words before it; when it states no fact we keep, the
        reason why (None when the rules cannot tell). `unit` overrides the printed one."""
        figure = _figure(match["number"])
        if figure is None:
            return None
        found = _Found(match, figure, _strip_edges(segment), name, foreign, unit)
        unit = found.unit
        if _LATIN_WORDS.search(found.segment) and not _CJK_CHARACTER.search(found.segment):
            return TRANSLATION
        if _CONVERSION.search(found.segment):
            return EXCHANGE_CONVERSION
        if unit == "倍":
            return self._times(found)
        if unit in ("个百分点", "百分点"):
            return self._points(found)
        if unit in (PERCENT, ""):  # "" : 同比增长2.2; with its % left out
            return self._percent(found)
        if (
            _GROWTH_TAIL.search(found.segment)
            or _MORE_OR_LESS.search(found.segment)
            or _CHANGE_OF_OUTPUT.search(found.segment)
            or _CHANGE_OPENING.match(found.segment)
        ):
            return ABSOLUTE_CHANGE  # 比上年增加300人, 比上年同期多132人, 增产16.6亿斤
        if _COUNT_UNIT.match(unit) and (
            _MEMBERS_OF_A_GROUP.search(found.segment) or _INDUSTRIES_COVERED.search(found.segment)
        ):
            self.note_members(found.match)
            return COUNT_OF_MEMBERS
        whole = _WHOLE_BEFORE_SIZE.search(found.segment)
        if whole and _SHARE_AFTER_SIZE.match(found.match.string, found.match.end()):
            self.share_whole = _whole_name(whole["whole"]) or None
            return WHOLE_OF_A_SHARE
        project = _PROJECT_AFTER.match(found.match.string, found.match.end())
        if project and (investment := _INVESTMENT_WORD.search(found.segment)):
            found = replace(found, name=clean_name(project["project"]) + investment.group())
        return self._make(LEVEL, found, found.segment, figure)

    def _times(self, found: _Found) -> Statement | str | None:
        """'增长12.7倍': growth by 12.7 times, +1270 %, two decimals fewer (see Statement)."""
        tail = _GROWTH_TAIL.search(found.segment) or _RATE_WORD_TAIL.search(found.segment)
        if tail is None:
            return RATIO  # '是上年的2.3倍'
        if reason := _not_year_on_year(found.segment):
            return reason
        value = round(found.figure.value * 100, max(found.figure.decimals - 2, 0))
        negative = tail.groupdict().get("verb") in _NEGATIVE_VERBS
        growth = Figure(_signed(value, negative), found.figure.decimals - 2)
        return self._make(
            GROWTH, found, found.segment[: tail.start()], growth, unit=PERCENT,
            basis_year=_basis_year(tail),
        )  # fmt: skip

    def _percent(self, found: _Found) -> Statement | str | None:
        segment = found.segment
        whole_of_share, self.share_whole = self.share_whole, None
        if whole_of_share and segment.strip() == "的":  # "完成年初预算数8.1亿元的39.5%"
            return self._make(
                SHARE, found, "", found.figure,
                suffix=f"占{whole_of_share}比重", relative_to=whole_of_share,
            )  # fmt: skip
        members, self.members = self.members, None
        if share := _SHARE_WITHOUT_WHOLE.search(segment):
            if members and found.name is None and not segment[: share.start()].strip(" ,;"):
                found = replace(found, name=members)  # "…25个行业利润增长,占比78.1%"
            return self._make(SHARE, found, segment[: share.start()], found.figure, suffix="占比")
        moved_from = self.moved_share
        self.moved_share = None
        moved_contribution, self.moved_contribution = self.moved_contribution, None
        if moved_contribution and found.name is None and _MOVED_TO.fullmatch(segment.strip()):
            return self._make(CONTRIBUTION, found, "", found.figure)  # "…提高到47.5%"
        if moved_from and found.name is None and _MOVED_TO.fullmatch(segment.strip()):
            found = replace(found, name=moved_from)  # "由上年的a%下降至b%": this year's
            return self._make(SHARE, found, "", found.figure)
        share_of, self.share_of = self.share_of, None
        if share_of and (other := _ANOTHER_WHOLE.fullmatch(segment.strip())):
            found = replace(found, name=share_of)  # "完成省…任务的112.3%,市…任务的104.6%"
            whole = _whole_name(other["whole"])
            return self._make(
                SHARE, found, "", found.figure, suffix=f"占{whole}比重", relative_to=whole
            )
        if share := _SHARE_TAIL.search(segment) or _SHARE_OF_TAIL.search(segment):
            # "占全省的7.8%": a scope word alone is the whole (the province's output)
            scope = re.fullmatch(_SCOPE_WORD, share["whole"].strip())
            whole = scope.group() if scope else _whole_name(share["whole"])
            if not whole:
                return None
            statement = self._make(
                SHARE, found, segment[: share.start()], found.figure,
                suffix=f"占{whole}比重", relative_to=whole,
            )  # fmt: skip
            if isinstance(statement, Statement) and _SHARE_OF_TAIL.search(segment):
                self.share_of = statement.indicator.removesuffix(f"占{whole}比重")
            if isinstance(statement, Statement) and share.groupdict().get("moved"):
                self.moved_share = statement.indicator  # "由上年的a%": last year's
                return replace(statement, previous_year=True)
            return statement
        if contribution := _CONTRIBUTION_RATE_TAIL.search(segment):
            statement = self._make(
                CONTRIBUTION, found, segment[: contribution.start()], found.figure,
                relative_to=_whole_name(contribution["whole"] or "") or None,
            )  # fmt: skip
            if contribution["moved"]:
                self.moved_contribution = True  # the rate it moved to follows
            return statement
        if _RATE_CHANGE_TAIL.search(segment):
            return RATE_CHANGE
        if after := _rate_after(found.match.string, found.match):
            if reason := _not_year_on_year(segment):
                return reason
            negative = after["word"] in _FALLING_RATES
            value = Figure(_signed(found.figure.value, negative), found.figure.decimals)
            return self._make(GROWTH, found, segment.rstrip().removesuffix("以"), value)
        growth = _GROWTH_TAIL.search(segment) or _RATE_WORD_TAIL.search(segment)
        if growth is None:
            return self._make(LEVEL, found, segment, found.figure)
        if reason := _not_year_on_year(segment):
            return reason
        words = growth.groupdict()
        negative = words.get("verb") in _NEGATIVE_VERBS or words.get("word") in _FALLING_RATES
        value = Figure(_signed(found.figure.value, negative), found.figure.decimals)
        return self._make(
            GROWTH, found, segment[: growth.start()], value, basis_year=_basis_year(growth)
        )

    def _points(self, found: _Found) -> Statement | str | None:
        segment = found.segment
        if _TARGET_GAP.search(segment):
            return TARGET_GAP  # "塌目标1.8个百分点", "高于目标2.1个百分点"
        if _COMPARISON.search(segment):
            return OTHER_REGION
        if contribution := _CONTRIBUTION_TAIL.search(segment):
            whole = _whole_name(contribution["whole"])
            return self._make(
                CONTRIBUTION, found, segment[: contribution.start()], found.figure,
                unit=POINTS, relative_to=whole or None,
            )  # fmt: skip
        change = _CHANGE_TAIL.search(segment) or _GAP_TAIL.search(segment)
        if change is None:
            return None
        reference = (change["reference"] or "").strip()
        if reference and not _PERIOD_REFERENCE.search(reference):
            return OTHER_REGION  # a gap to another region, not a change over time
        sign = -1 if change["verb"] in _NEGATIVE_CHANGE else 1
        if any(word in segment for word in _FALLING_RATES):
            sign = -sign  # a narrowing decline is a rise in growth
        before = _RATE_WORDS.sub("", segment[: change.start()].strip())
        if found.name is None and not clean_name(before):
            if self.last_share:
                found = replace(found, name=self.last_share)  # the share just stated changed
            else:  # "两年平均增长6.9%,比1—7月回落0.1个百分点": the change of that average
                before_figure = found.match.string[: found.match.start()]
                clauses = re.split(rf"[{_CLAUSE_BREAKS}]", before_figure)
                if len(clauses) > 1 and (reason := _not_year_on_year(clauses[-2])):
                    return reason
        value = Figure(sign * found.figure.value, found.figure.decimals)
        return self._make(
            GROWTH_CHANGE, found, before, value, unit=POINTS, relative_to=reference or None
        )

    def _make(
        self,
        kind: str,
        found: _Found,
        words: str,
        value: Figure,
        *,
        unit: str | None = None,
        suffix: str = "",
        relative_to: str | None = None,
        basis_year: int | None = None,
    ) -> Statement | str | None:
        """A statement about the indicator named in `words` (else the subject), if it is ours."""
        part = _PERIOD_AFTER_NAME.search(words.strip())
        if part is not None:
            words = words.strip()[: part.start()]
        indicator, reason = self._indicator(found.name, words, found.foreign)
        if indicator is None:
            return reason
        self.stated.append(indicator)
        self.last_share = indicator + suffix if kind == SHARE else None
        if kind != SHARE:
            self.share_of = None  # another whole follows its share right away only
        return Statement(
            kind=kind,
            indicator=indicator + suffix,
            figure=value,
            unit=unit or found.unit,
            comparator=_comparator(found.segment, found.match.group("suffix")),
            start=found.match.start(),
            end=found.match.start("unit") + len(found.match.group("unit")),
            relative_to=relative_to,
            bound=bool(
                _BOUND_TAIL.search(found.segment)
                or _BOUND_AFTER.match(found.match.string, found.match.end())
                # "累计增长20%以上": a growth bounded, of some members, outside a target
                or (kind == GROWTH and found.match.group("suffix") in _THRESHOLD_SUFFIXES)
                # "每月增加值均在380亿元以上": a level held above a bound, not the level
                or (
                    found.match.group("suffix") in _THRESHOLD_SUFFIXES
                    and _HELD_AT.search(found.segment)
                )
            ),
            basis_year=basis_year,
            period=part and re.sub(r"\s+", "", part["part"]),
        )

    def _indicator(
        self, name: str | None, words: str, foreign: bool
    ) -> tuple[str | None, str | None]:
        """The indicator named in `words`, else the subject; for a figure that is not ours,
        None and why (None too when no indicator is named at all)."""
        progress, self.progress = self.progress, None
        if name is None:
            name = clean_name(words)
        if _COMPARISON.search(name):
            return None, OTHER_REGION
        if _ATTRIBUTE.match(name) and self.subject.name:
            if self.subject.foreign:
                return None, FOREIGN_FIGURE
            # "项目49个,计划总投资116.32亿元,同比增长6.1%": the growth is the attribute's
            self.subject = Subject(self.subject.name + name, foreign)
            return self.subject.name, None
        if _PROJECT_ATTRIBUTE.match(name) and self.subject.name.endswith("项目"):
            if self.subject.foreign:
                return None, FOREIGN_FIGURE
            self.progress = self.subject.name + name
            return self.progress, None  # the projects stay the subject
        if not name and progress:  # "完成投资876.4亿元,同比增长41.6%": the progress's growth
            return progress, None
        if name == "增加值" and (output := _OUTPUT_OF.match(self.subject.name)):
            name = output["qualifier"] + name
        elif _RESTATED_ATTRIBUTE.fullmatch(name):
            if self.subject.name.endswith(name):
                name = self.subject.name  # "汽车制造业增加值增长x%,增加值累计占比y%"
            elif _FIRMS.search(self.subject.name):  # "新增规上工业企业45家,实现总产值…"
                name = self.subject.name + name
        if name:
            self.subject = Subject(name, foreign)
        if foreign or self.subject.foreign:
            return None, FOREIGN_FIGURE
        return self.subject.name or None, None


@dataclass(frozen=True)
class _Found:
    """A figure found in a sentence, with the clause words before it."""

    match: re.Match[str]
    figure: Figure
    segment: str
    name: str | None
    foreign: bool
    unit_read: str | None = None  # the unit the figure has when its text elides it

    @property
    def unit(self) -> str:
        return self.match.group("unit") if self.unit_read is None else self.unit_read


def is_unit(text: str) -> bool:
    """Whether `text` is a unit of a figure (万吨, 亿元, %, 人), not other bracketed words."""
    return re.fullmatch(_UNIT, text) is not None


def clean_name(words: str) -> str:
    """An indicator name as written, without verbs, region or period words and punctuation."""
    name = _strip_edges(re.sub(r"\s+", "", words))
    previous = None
    while name != previous:
        previous = name
        name = _strip_edges(_LEADING_WORDS.sub("", name))
        name = _strip_edges(_TRAILING_WORDS.sub("", name))
    return _INNER_VERBS.sub("", name)


_OPEN_ABBREVIATION = re.compile(r"\([A-Za-z]{2,8}$")


def _strip_edges(name: str) -> str:
    """`name` without punctuation at its edges, but for the bracket closing one it opens:
    地区生产总值(GDP), 固定资产投资(不含农户)."""
    core = name.strip(_EDGE_PUNCTUATION)
    after = name[len(name) - len(name.lstrip(_EDGE_PUNCTUATION)) + len(core) :]
    if core.count("(") > core.count(")") and after.startswith(")"):
        return core + ")"
    if _OPEN_ABBREVIATION.search(core):  # "地区生产总值(GDP88.5亿元": the page lost its ")"
        return core + ")"
    return core


def _whole_name(words: str) -> str:
    """The whole of a share or contribution as written, without a leading 全区 or 我区."""
    return re.sub(rf"^(?:{_SCOPE_WORD})", "", words.strip(_EDGE_PUNCTUATION))


def _named_group(
    name: str, text: str, match: re.Match[str], clause: str, n_figures: int
) -> list[str] | None:
    """ "A集群、B集群、C集群引领…，三大集群营收分别增长": the N members the clause before
    names, each with what the group name adds (营收)."""
    group = _GROUP.match(name)
    if group is None or _CHINESE_COUNTS.index(group["count"]) + 1 != n_figures:
        return None
    before = text[: match.start() - len(clause)].rstrip(_EDGE_PUNCTUATION)
    previous_clause = re.split(rf"[{_CLAUSE_BREAKS}]", before)[-1]
    noun = group["noun"]
    members = [
        part[: part.find(noun) + len(noun)] for part in previous_clause.split("、") if noun in part
    ]
    if len(members) != n_figures:
        return None
    return [clean_name(member) + group["rest"] for member in members]


def _names_of_a_list(segment: str, n_figures: int) -> list[str]:
    """The names a clause joins with 和 or 、 when as many figures follow it, else []; a single
    城乡 or 三次产业 name stands for its parts ("城乡居民收入达到a元和b元")."""
    words = clean_name(_GROWTH_TAIL.sub("", segment))  # "城乡居民收入同比增长a%、b%"
    if n_figures < 2 or not re.search(r"[和、]|^城乡|^三次产业", words):
        return []
    names = _list_names(words, n_figures)
    return names if len(names) == n_figures else []


def _bare_names_before(text: str, clause_start: int) -> list[str]:
    """The names standing alone in the clauses right before a 分别 clause ("分门类看,采矿业,
    制造业,电力、热力、燃气及水生产和供应业分别…": 采矿业, 制造业, and the parts of the last)."""
    return [
        name for clause in _bare_clauses_before(text, clause_start) for name in clause.split("、")
    ]


def _joined_fragments(names: list[str], n_figures: int) -> list[str]:
    """Names split at a 、 inside one name (电力、热力、燃气及水生产和供应业) joined again,
    fragment to the next part, until there are as many names as figures."""
    names = list(names)
    while len(names) > n_figures:
        fragment = next(
            (i for i, name in enumerate(names[:-1]) if not _NAME_HEAD.search(name)), None
        )
        if fragment is None:
            return []
        names[fragment : fragment + 2] = [f"{names[fragment]}、{names[fragment + 1]}"]
    return names if len(names) == n_figures else []


def _names_of_previous_clause(text: str, clause_start: int, n_figures: int) -> list[str]:
    """ "禽蛋产量、水果和蔬菜增长较快，增速分别达9.1%、7.5%、5.5%": the names a clause without
    figures lists right before a 分别 clause that names none, when they are as many as the
    figures."""
    before = text[:clause_start].rstrip(_EDGE_PUNCTUATION)
    previous = re.split(rf"[{_CLAUSE_BREAKS}]", before)[-1]
    if not previous or re.search(r"\d", previous):
        return []
    names_text = _NAMES_CLAUSE_TAIL.sub("", _CIRCUMSTANCE_TAIL.sub("", previous))
    # "A、B业,C业,D、E业增速较快,分别增长…": one name a clause, 、 inside the names
    clauses = [*_bare_clauses_before(before, len(before) - len(previous)), names_text]
    whole = [clean_name(clause) for clause in clauses]
    if len(whole) == n_figures > 1 and all(whole):
        return whole
    names = _list_names(names_text, n_figures)
    return names if len(names) == n_figures else []


def _bare_clauses_before(text: str, clause_start: int) -> list[str]:
    """The clauses that are a name alone right before `clause_start`, each one name."""
    clauses: list[str] = []
    for part in reversed(re.split(rf"[{_CLAUSE_BREAKS}]", text[:clause_start])[:-1]):
        part = _CIRCUMSTANCE_TAIL.sub("", part.strip())
        if (
            not _BARE_NAME.fullmatch(part)
            or _NOT_A_BARE_NAME.search(part)
            or re.fullmatch(_PERIOD_LABEL, part)
        ):
            break
        clauses.insert(0, part)
    return clauses


def _list_names(names_text: str, n_figures: int) -> list[str]:
    """The names before 分别, one per figure.

    The head noun of the last name goes to the others that lack one (教育、卫生健康、
    社会保障和就业支出); a single 城乡 (or 城、乡) name stands for its urban and rural parts,
    a single 三次产业 name for the three sectors.
    """
    names_text = _SHARED_LAST_CHARACTER.sub(r"\1\3、\2\3", names_text)
    names_text = names_text.replace("城、乡居民", "城乡居民")  # the same pair, printed short
    names_text = _SHARED_HEAD.sub(
        lambda shared: "、".join(
            shared["prefix"] + shared[which] + shared["kind"] + shared["head"]
            for which in ("first", "second")
        ),
        names_text,
    )
    names = [name for name in (clean_name(part) for part in names_text.split("、")) if name]
    if names:  # "批、零、住、餐四行业", "A、B等大宗消费": a group closing the list is no name,
        names[-1] = _GROUP_TAIL.sub("", names[-1]) or names[-1]  # but for its head noun
        if len(names) > 1 and (group := _EXAMPLES_GROUP.search(names[-1])):
            head = _HEAD_NOUN.search(group.group())
            names[-1] = names[-1][: group.start()] + (head.group() if head else "")
    names = [_SHARE_OF.sub("比重", name) for name in names]  # 占生产总值的比重: as a share is named
    if len(names) == 1 and n_figures == 2 and names[0].startswith("城乡"):
        return [area + names[0][2:] for area in _URBAN_RURAL]
    if len(names) == 1 and n_figures == len(SECTORS) and names[0].startswith("三次产业"):
        return [sector + names[0][4:] for sector in SECTORS]  # 三次产业增加值…分别为a、b、c
    if 0 < len(names) < n_figures:
        names = names[:-1] + [name for name in re.split(r"[和及与]", names[-1]) if name]
    if len(names) > 1 and (area := _AREA.match(names[-1])):  # 城镇、农村常住居民…收入
        names = [n + names[-1][area.end() :] if _AREA.fullmatch(n) else n for n in names]
    if names and (head := _HEAD_NOUN.search(names[-1])):
        names = [n if _HEAD_NOUN.search(n) else n + head.group() for n in names[:-1]] + [names[-1]]
    return names


def _signed(value: float, negative: bool) -> float:
    """A growth after a verb of decline is negative; a sign printed after the verb
    ("同比下降-1.4%") repeats the decline rather than turning it into a rise."""
    return -abs(value) if negative else value


def _basis_year(tail: re.Match[str]) -> int | None:
    year = tail.groupdict().get("basis_year")
    return int(year) if year else None


def _comparator(segment: str, suffix: str | None) -> str | None:
    """at_least / at_most / about from 以上, 以内, 左右 after the figure or 达到, 控制在 before."""
    if suffix:
        return COMPARATORS[suffix]
    for pattern, comparator in _COMPARATOR_PREFIXES:
        if pattern.search(segment):
            return comparator
    return None


def _count_listed(text: str, match: re.Match[str]) -> int:
    """How many figures follow `match` joined to it only by 、 or 和 (a 分别 list)."""
    count, end = 0, match.end()
    for following in _FIGURE.finditer(text, match.end()):
        joiner = text[end : following.start()].strip()
        if joiner not in _LIST_JOINERS and not _MEMBER_VERB.fullmatch(joiner):
            break
        if not _is_figure(text, following):  # "…、9756元,748个贫困村": a clause of its own
            break
        count, end = count + 1, following.end()
    return count
