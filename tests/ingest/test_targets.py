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
