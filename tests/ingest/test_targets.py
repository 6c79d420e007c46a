"""Reading annual targets: YAML target files and target tables (CSV grids or sheets)."""

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.readers import read_file
from ingest.records import IndicatorTarget
from ingest.targets import make_target

GDP_TARGET = IndicatorTarget("川江区", "地区生产总值", 2023, 8.5, "%", "growth_pct", "at_least")
YAML = """\
region: 川江区
year: 2023
targets:
  - {indicator: 地区生产总值, kind: growth_pct, value: 8.5, comparator: at_least}
  - {indicator: 城镇调查失业率, kind: rate, value: 5.5, unit: "%", comparator: at_most}
"""
CSV = """\
地区,指标,年份,目标值,单位,目标类型,比较
川江区,地区生产总值,2023,8.5,,增速,以上
川江区,城镇调查失业率,2023,5.5,%,rate,不超过
川江区,固定资产投资,2023,18,,growth_pct,左右
川江区,城镇新增就业,2023,5000,人,总量,at_least
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def make(file_name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / file_name
        path.write_bytes(text.encode(encoding))
        return path

    return make


# --- YAML -----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_a_yaml_target_file_is_read(write: Callable[..., Path], suffix: str) -> None:
    parsed = read_file(write(f"targets{suffix}", YAML))
    assert parsed.targets == [
        GDP_TARGET,
        IndicatorTarget("川江区", "城镇调查失业率", 2023, 5.5, "%", "rate", "at_most"),
    ]
    assert parsed.observations == [] and parsed.projects == []


def test_yaml_publisher_and_release_date_are_kept(write: Callable[..., Path]) -> None:
    text = YAML.replace(
        "year: 2023\n", "year: 2023\npublisher: 川江区人民政府\nrelease_date: 2023-01-10\n"
    )
    parsed = read_file(write("targets.yaml", text))
    assert (parsed.publisher, parsed.release_date) == ("川江区人民政府", date(2023, 1, 10))


def test_chinese_kinds_and_comparators_are_understood(write: Callable[..., Path]) -> None:
    text = YAML.replace("kind: growth_pct", "kind: 增速").replace(
        "comparator: at_least", "comparator: 以上"
    )
    text = text.replace("comparator: at_most", "comparator: 以内")
    assert read_file(write("targets.yaml", text)).targets[0] == GDP_TARGET
    assert read_file(write("targets.yaml", text)).targets[1].comparator == "at_most"


def test_a_gbk_yaml_file_is_decoded(write: Callable[..., Path]) -> None:
    parsed = read_file(write("targets.yaml", YAML, "gbk"))
    assert parsed.targets[0] == GDP_TARGET


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("kind: growth_pct", "kind: speed"),
            r"item 1 \(地区生产总值\): kind 'speed' is not one of",
        ),
        (
            ("comparator: at_most", "comparator: 大约"),
            r"item 2 \(城镇调查失业率\): comparator '大约'",
        ),
        (("value: 5.5", "value: 155"), r"item 2 \(城镇调查失业率\): a rate of 155.0 is outside"),
        (
            ("value: 8.5", "value: 八点五"),
            r"item 1 \(地区生产总值\): value '八点五' is not a number",
        ),
        ((", comparator: at_least", ""), r"item 1 \(地区生产总值\): missing \['comparator'\]"),
        (("unit: ", "units: "), r"item 2 \(城镇调查失业率\): unknown keys \['units'\]"),
        (("year: 2023", "year: 二〇二三"), "region .*, year .* and a targets list are needed"),
        (("targets:", "target:"), r"unknown keys \['target'\]"),
        (("region: 川江区", "region: [川江区"), "not a readable YAML file"),
    ],
)
def test_a_bad_yaml_target_is_refused_with_its_place(
    write: Callable[..., Path], change: tuple[str, str], message: str
) -> None:
    path = write("bad.yaml", YAML.replace(*change))
    with pytest.raises(IngestError, match=rf"^bad.yaml: .*{message}"):
        read_file(path)


def test_yaml_is_loaded_safely(write: Callable[..., Path], tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"region: !!python/object/apply:os.system ['touch {marker}']\nyear: 2023\ntargets: []\n"
    with pytest.raises(IngestError, match="not a readable YAML file"):
        read_file(write("evil.yaml", text))
    assert not marker.exists()


def test_an_empty_target_list_is_refused(write: Callable[..., Path]) -> None:
    with pytest.raises(IngestError, match="no figures found"):
        read_file(write("empty.yaml", "region: 川江区\nyear: 2023\ntargets: []\n"))


# --- target tables --------------------------------------------------------------------------


def test_a_csv_target_table_is_read_with_chinese_synonyms(write: Callable[..., Path]) -> None:
    parsed = read_file(write("targets.csv", CSV, "gbk"))
    assert [(t.indicator_name, t.target_kind, t.comparator) for t in parsed.targets] == [
        ("地区生产总值", "growth_pct", "at_least"),
        ("城镇调查失业率", "rate", "at_most"),
        ("固定资产投资", "growth_pct", "about"),
        ("城镇新增就业", "level", "at_least"),
    ]
    assert parsed.targets[0] == GDP_TARGET
    assert parsed.targets[3].target_value == 5000.0
    assert [t.target_unit for t in parsed.targets] == ["%", "%", "%", "人"]


def test_english_headers_and_a_footnote(write: Callable[..., Path]) -> None:
    text = "region,indicator,year,target_value,unit,kind,comparator\n"
    text += "川江区,地区生产总值,2023,8.5,,growth_pct,at_least\n\n注:目标来自区政府工作报告。\n"
    assert read_file(write("targets.csv", text)).targets == [GDP_TARGET]


def test_a_target_sheet_in_a_workbook_is_read(xlsx: Callable[..., Path]) -> None:
    rows = [["川江区2023年主要预期目标"], *list(csv.reader(io.StringIO(CSV)))]
    rows[2][2], rows[2][3] = 2023, 8.5  # numeric cells, as typed into Excel
    parsed = read_file(xlsx("targets.xlsx", rows, sheet="目标"))
    assert parsed.targets[0] == GDP_TARGET
    assert len(parsed.targets) == 4


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("川江区,地区生产总值,2023,8.5,,增速,大约", r"row 2, column G: comparator '大约'"),
        ("川江区,地区生产总值,2023,8.5,,速度,以上", r"row 2, column F: kind '速度'"),
        ("川江区,地区生产总值,2023,八点五,,增速,以上", r"row 2, column D: target value '八点五'"),
        ("川江区,地区生产总值,2023,—,,增速,以上", r"row 2, column D: no target value"),
        ("川江区,地区生产总值,明年,8.5,,增速,以上", r"row 2, column C: year '明年'"),
        (",地区生产总值,2023,8.5,,增速,以上", r"row 2, column A: region must not be empty"),
    ],
)
def test_a_bad_target_cell_names_row_and_column(
    write: Callable[..., Path], row: str, message: str
) -> None:
    path = write("targets.csv", CSV.splitlines()[0] + "\n" + row + "\n")
    with pytest.raises(IngestError, match=rf"targets.csv, sheet targets, {message}"):
        read_file(path)


def test_a_row_without_an_indicator_is_passed_over_as_in_every_table(
    write: Callable[..., Path],
) -> None:
    text = CSV.splitlines()[0] + "\n川江区,,2023,8.5,,增速,以上\n" + CSV.splitlines()[1] + "\n"
    assert read_file(write("targets.csv", text)).targets == [GDP_TARGET]


def test_a_monthly_table_with_a_target_column_stays_an_indicator_table(
    xlsx: Callable[..., Path],
) -> None:
    rows = [
        ["川江区主要经济指标(2023年1-6月)"],
        ["指标名称", "时期", "数值", "单位", "比上年同期增长(%)", "全年目标(%)"],
        ["固定资产投资", "1-6月", 70.0, "亿元", 16.2, 18],
    ]
    parsed = read_file(xlsx("monthly.xlsx", rows))
    assert parsed.targets == []
    assert [o.indicator_name for o in parsed.observations] == ["固定资产投资"]


def test_make_target_rejects_a_negative_level() -> None:
    with pytest.raises(ValueError, match="negative"):
        make_target("川江区", "城镇新增就业", 2023, -5, "人", "level", "at_least")


# --- the generated target file --------------------------------------------------------------


def test_the_generated_target_file_matches_the_truth(
    sample_landing: Path, sample_truth: Path
) -> None:
    parsed = read_file(sample_landing / "2023-01" / "川江区2023年主要预期目标.yaml")
    with (sample_truth / "targets.csv").open(encoding="utf-8", newline="") as handle:
        truth = list(csv.DictReader(handle))
    assert parsed.targets == [
        IndicatorTarget(
            row["region_name"],
            row["indicator_name"],
            int(row["year"]),
            float(row["target_value"]),
            row["target_unit"],
            row["target_kind"],
            row["comparator"],
        )
        for row in truth
    ]
    by_name = {(t.indicator_name, t.target_kind): t for t in parsed.targets}
    assert by_name["地区生产总值", "growth_pct"].comparator == "at_least"
    assert by_name["城镇调查失业率", "rate"].comparator == "at_most"
    assert by_name["固定资产投资", "growth_pct"].comparator == "about"


# --- published target tables: a target column beside the row labels ------------------------

ACTUAL = "an actual or estimate beside a target (read from indicator tables, not here)"


def published(write: Callable[..., Path], *rows: str, title: str = "川江区2023年主要目标") -> Path:
    """A published target table as a CSV file: the title line, then the rows."""
    return write("targets.csv", "\n".join([title, *rows]) + "\n")


@pytest.mark.parametrize(
    ("printed", "value", "comparator"),
    [
        ("8.5%以上", 8.5, "at_least"),
        ("8%左右", 8.0, "about"),
        ("5.5%以内", 5.5, "at_most"),
        ("不低于7%", 7.0, "at_least"),
        ("不超过3%", 3.0, "at_most"),
        ("力争9%", 9.0, "at_least"),
        ("≥ 15", 15.0, "at_least"),
        ("<4", 4.0, "at_most"),
        ("约6%", 6.0, "about"),
        ("6%", 6.0, "at_least"),  # a bare figure is one to reach
        ("6", 6.0, "at_least"),
        ("达到60%", 60.0, "at_least"),
    ],
)
def test_a_target_cell_gives_its_comparator_before_or_after_the_figure(
    write: Callable[..., Path], printed: str, value: float, comparator: str
) -> None:
    path = published(write, "指标,单位,2023年目标", f"城镇调查失业率,%,{printed}")
    [found] = read_file(path).targets
    assert (found.target_value, found.comparator, found.target_unit) == (value, comparator, "%")
    assert (found.region_name, found.year, found.target_kind) == ("川江区", 2023, "rate")


def test_region_rows_take_year_indicator_and_kind_from_the_target_column(
    write: Callable[..., Path],
) -> None:
    path = published(
        write,
        "县(市、区),2023年地区生产总值增长目标,2023年固定资产投资增长目标",
        "全市,7%左右,10%以上",
        "西华县,7.5%,12%以上",
        title="周口市各县(市、区)主要经济指标目标",
    )
    assert [
        (t.region_name, t.indicator_name, t.year, t.target_value, t.target_kind, t.comparator)
        for t in read_file(path).targets
    ] == [
        ("周口市", "地区生产总值", 2023, 7.0, "growth_pct", "about"),
        ("周口市", "固定资产投资", 2023, 10.0, "growth_pct", "at_least"),
        ("西华县", "地区生产总值", 2023, 7.5, "growth_pct", "at_least"),
        ("西华县", "固定资产投资", 2023, 12.0, "growth_pct", "at_least"),
    ]


def test_a_plan_table_reads_the_plan_and_its_growth_and_reports_the_estimate(
    write: Callable[..., Path],
) -> None:
    path = published(
        write,
        "指标,单位,2022年预计完成,增长%,2023年计划,增长%",
        "地区生产总值,亿元,520,6.5,560,7左右",
        "社会消费品零售总额,亿元,210,4.1,225,8",
        title="川江区2023年国民经济和社会发展计划主要指标",
    )
    parsed = read_file(path)
    assert [
        (t.indicator_name, t.target_value, t.target_unit, t.target_kind, t.comparator)
        for t in parsed.targets
    ] == [
        ("地区生产总值", 560.0, "亿元", "level", "at_least"),
        ("地区生产总值", 7.0, "%", "growth_pct", "about"),
        ("社会消费品零售总额", 225.0, "亿元", "level", "at_least"),
        ("社会消费品零售总额", 8.0, "%", "growth_pct", "at_least"),
    ]
    assert {t.year for t in parsed.targets} == {2023}
    # Last year's estimate and its growth: reported with the reason, not dropped.
    assert [(u.column_name, u.text, u.reason) for u in parsed.figures.unread] == [
        ("C", "520", ACTUAL),
        ("D", "6.5", ACTUAL),
        ("C", "210", ACTUAL),
        ("D", "4.1", ACTUAL),
    ]


def test_a_tracking_table_reads_the_target_and_reports_what_was_done(
    write: Callable[..., Path],
) -> None:
    path = published(
        write,
        "指标名称,全年目标,1-6月完成,完成率(%)",
        "固定资产投资(亿元),300,160,53.3",
        title="川江区2023年目标任务完成情况",
    )
    parsed = read_file(path)
    assert [(t.indicator_name, t.target_value, t.target_unit) for t in parsed.targets] == [
        ("固定资产投资", 300.0, "亿元")
    ]
    assert [(u.text, u.reason) for u in parsed.figures.unread] == [
        ("160", ACTUAL),
        ("53.3", "progress against the target (完成率): derived from target and actual"),
    ]
    assert parsed.observations == []  # the column model reads no figure of this sheet


def test_a_tracking_tables_actuals_go_to_the_column_model_where_it_reads_them(
    write: Callable[..., Path],
) -> None:
    path = published(
        write,
        "指标名称,单位,全年目标,1-6月完成,增长%,完成目标%",
        "地区生产总值,亿元,600,290,6.5,48.3",
        "固定资产投资,亿元,300,160,8.1,53.3",
        title="川江区2023年1-6月主要经济指标完成情况",
    )
    parsed = read_file(path)
    assert [(t.indicator_name, t.target_value) for t in parsed.targets] == [
        ("地区生产总值", 600.0),
        ("固定资产投资", 300.0),
    ]
    # The year-to-date growth is a figure of the period, read as the column model reads it.
    assert [(o.indicator_name, o.period_label, o.yoy_growth_pct) for o in parsed.observations] == [
        ("地区生产总值", "2023年1-6月", 6.5),
        ("固定资产投资", "2023年1-6月", 8.1),
    ]
    assert parsed.figures.read == 4
    assert parsed.figures.total == 8  # the rest unread, each with its reason


def test_two_targets_in_one_cell_go_to_the_two_names_of_the_row(
    write: Callable[..., Path],
) -> None:
    path = published(
        write, "指标名称,计量单位,2023年目标值", "城镇登记失业率/城镇调查失业率,%,<4/<5.5"
    )
    assert [(t.indicator_name, t.target_value, t.comparator) for t in read_file(path).targets] == [
        ("城镇登记失业率", 4.0, "at_most"),
        ("城镇调查失业率", 5.5, "at_most"),
    ]


def test_sub_items_right_of_their_group_are_the_indicators(xlsx: Callable[..., Path]) -> None:
    rows = [
        ["川江区2023年主要目标"],
        ["序号", "指标名称", None, "计量单位", "2023年目标值"],
        ["1", "人力资源水平", "每万劳动力中研发人员数", "人年", "≥140"],
        [None, None, "每万劳动力中高技能人才数", "人", "≥750"],
        ["2", "常住人口城镇化率", None, "%", "≥ 72"],
    ]
    parsed = read_file(xlsx("targets.xlsx", rows, merged=["B2:C2", "B3:B4", "B5:C5"]))
    assert [(t.indicator_name, t.target_unit, t.target_kind) for t in parsed.targets] == [
        ("每万劳动力中研发人员数", "人年", "level"),
        ("每万劳动力中高技能人才数", "人", "level"),
        ("常住人口城镇化率", "%", "rate"),
    ]
    assert parsed.figures.skipped == {"serial numbers (序号)": 2}


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ("=100", "comparator '=' in '=100' is not one of"),
        ("翻一番", "'翻一番' is not a figure"),
        ("≥8%以上", "two comparators"),
        ("6.5%-7%", "is a range"),
    ],
)
def test_a_target_cell_that_is_no_target_is_reported_not_guessed(
    write: Callable[..., Path], printed: str, reason: str
) -> None:
    path = published(write, "指标,单位,2023年目标", f"脱贫率,%,{printed}", "城镇化率,%,≥ 72")
    parsed = read_file(path)
    assert [t.indicator_name for t in parsed.targets] == ["城镇化率"]
    [unread] = parsed.figures.unread
    assert reason in unread.reason


def test_a_target_in_words_with_a_figure_in_brackets_is_that_figure(
    write: Callable[..., Path],
) -> None:
    path = published(
        write,
        "指标名称,计量单位,2020年目标值",
        "地区生产总值,亿元,翻一番(全省人均GDP ≥ 10万元)",
        "居民人均可支配收入,元,翻一番(全省≥ 3.4万元)",
    )
    assert [
        (t.indicator_name, t.target_value, t.target_unit, t.comparator)
        for t in read_file(path).targets
    ] == [("人均GDP", 10.0, "万元", "at_least"), ("居民人均可支配收入", 3.4, "万元", "at_least")]


def test_notes_end_a_published_table_and_their_numbers_are_skipped(
    write: Callable[..., Path],
) -> None:
    path = published(
        write, "指标,单位,2023年目标", "城镇化率,%,≥ 72", "注:省下达目标,%,75", "人口,万人,90"
    )
    parsed = read_file(path)
    assert [t.indicator_name for t in parsed.targets] == ["城镇化率"]
    assert parsed.figures.skipped == {"notes under the table": 2}


@pytest.mark.parametrize(
    ("printed", "value", "comparator"),
    [
        ("增长8%以上", 8.0, "at_least"),
        ("力争增长9%", 9.0, "at_least"),
        ("增速7.5%左右", 7.5, "about"),
        ("下降3%以上", -3.0, "at_most"),  # a fall of at least 3 %: growth at most -3 %
        ("下降2%以内", -2.0, "at_least"),
    ],
)
def test_a_growth_word_before_the_figure_makes_a_growth_target(
    write: Callable[..., Path], printed: str, value: float, comparator: str
) -> None:
    path = published(write, "指标名称,2023年目标", f"单位地区生产总值能耗,{printed}")
    [found] = read_file(path).targets
    assert (found.target_kind, found.target_value, found.comparator) == (
        "growth_pct",
        value,
        comparator,
    )
    assert found.target_unit == "%"


@pytest.mark.parametrize("third", ["完成目标%", "增长(%)"])
def test_a_region_table_with_indicators_over_target_and_period_columns(
    xlsx: Callable[..., Path], third: str
) -> None:
    rows = [
        ["周口市2023年1-6月各县(市、区)主要指标目标完成情况"],
        ["县(市、区)", "地区生产总值", None, None, "固定资产投资", None, None],
        [None, "全年目标(%)", "1-6月(%)", third, "全年目标(%)", "1-6月(%)", third],
        ["全市", "7左右", "6.1", None, "10以上", "8.2", None],
        ["西华县", "7.5", "6.8", None, "12以上", "13.0", None],
    ]
    merged = ["A1:G1", "A2:A3", "B2:D2", "E2:G2"]
    parsed = read_file(xlsx("targets.xlsx", rows, sheet="目标", merged=merged))
    assert [
        (t.region_name, t.indicator_name, t.year, t.target_value, t.target_kind, t.comparator)
        for t in parsed.targets
    ] == [
        ("周口市", "地区生产总值", 2023, 7.0, "growth_pct", "about"),
        ("周口市", "固定资产投资", 2023, 10.0, "growth_pct", "at_least"),
        ("西华县", "地区生产总值", 2023, 7.5, "growth_pct", "at_least"),
        ("西华县", "固定资产投资", 2023, 12.0, "growth_pct", "at_least"),
    ]
    # A column of the period ("1-6月") beside the target is what was done: the column model's.
    assert [(o.region_name, o.period_label) for o in parsed.observations] == [
        ("周口市", "2023年1-6月"),
        ("周口市", "2023年1-6月"),
        ("西华县", "2023年1-6月"),
        ("西华县", "2023年1-6月"),
    ]
    assert parsed.figures.total == parsed.figures.read == 8


@pytest.mark.parametrize(
    ("row", "kind", "value"),
    [
        ("地区生产总值,%,7", "growth_pct", 7.0),  # per cent of a quantity: its growth
        ("常住人口城镇化率,%,72", "rate", 72.0),  # per cent of a ratio: a rate
        ("服务业增加值占GDP比重,%,≥ 53", "rate", 53.0),
        ("居民消费价格涨幅,%,3左右", "growth_pct", 3.0),
        ("居民消费价格,,上涨3%左右", "growth_pct", 3.0),
        ("城镇新增就业,万人,5以上", "level", 5.0),
    ],
)
def test_kind_from_unit_and_name(
    write: Callable[..., Path], row: str, kind: str, value: float
) -> None:
    [found] = read_file(published(write, "指标,单位,2023年目标", row)).targets
    assert (found.target_kind, found.target_value) == (kind, value)


def test_this_years_plan_takes_the_title_year_and_last_years_estimate_stays_unread(
    write: Callable[..., Path],
) -> None:
    path = published(
        write,
        "指标,单位,上年预计完成,本年计划",
        "一般公共预算收入,亿元,40.2,42",
        title="川江区2024年国民经济和社会发展计划主要指标",
    )
    parsed = read_file(path)
    [found] = parsed.targets
    assert (found.year, found.target_value, found.target_unit) == (2024, 42.0, "亿元")
    assert [(u.text, u.reason) for u in parsed.figures.unread] == [("40.2", ACTUAL)]


def test_a_published_table_keeps_its_publisher_and_release_date(
    write: Callable[..., Path],
) -> None:
    text = "川江区2023年主要目标\n编制单位:川江区发展和改革局 发布日期:2023-01-10\n"
    text += "指标,单位,2023年目标\n城镇化率,%,≥ 72\n"
    parsed = read_file(write("targets.csv", text))
    assert (parsed.publisher, parsed.release_date) == ("川江区发展和改革局", date(2023, 1, 10))
    assert [t.indicator_name for t in parsed.targets] == ["城镇化率"]
