"""Tests for the sample-data generator: layout, determinism, anchors and the injected anomalies."""

import csv
import re
import zipfile
from collections import defaultdict
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from statswh.sample_data import (
    FIXED_TIMESTAMP,
    ZIP_DATE_TIME,
    SampleSummary,
    generate_sample,
)

REGION_SHEETS = ["川江区", "淮阳区", "西华县", "商水县", "项城市"]
NOMINAL = {"fixed_asset_investment", "retail_sales", "budget_revenue"}
REAL = {"gdp", "industrial_value_added"}
FOOTNOTE = "注:1.地区生产总值、规模以上工业增加值增速按可比价格计算。2.“—”表示无数据。"
EXPECTED_ANOMALIES = {
    ("growth_level_mismatch", "411622", "retail_sales", "ytd", "2023-06-30"),
    ("growth_level_mismatch", "411623", "fixed_asset_investment", "ytd", "2023-09-30"),
    ("growth_level_mismatch", "411602", "budget_revenue", "ytd", "2023-04-30"),
    ("growth_level_mismatch", "411603", "retail_sales", "ytd", "2023-03-31"),
    ("growth_level_mismatch", "411681", "fixed_asset_investment", "ytd", "2022-05-31"),
    ("base_revision", "411622", "budget_revenue", "year", "2022-12-31"),
}


def workbook_path(landing: Path, year: int, month: int) -> Path:
    return landing / f"{year}-{month:02d}" / f"周口市县区主要经济指标_{year}年{month:02d}月.xlsx"


def year_month(file_name: str) -> tuple[int, int]:
    year, month = re.search(r"(\d{4})年(\d{2})月", file_name).groups()
    return int(year), int(month)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def obs_key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return row["region_code"], row["indicator_code"], row["period_type"], row["period_end"]


def half_unit(text: str) -> Decimal:
    """Half a unit of the last published decimal: the rounding radius of a figure."""
    decimals = len(text.partition(".")[2])
    return Decimal(5).scaleb(-decimals - 1)


def implied_growth(value_text: str, base_text: str) -> tuple[Decimal, Decimal]:
    """The interval of growth (%) that two rounded levels allow."""
    value, base = Decimal(value_text), Decimal(base_text)
    hv, hb = half_unit(value_text), half_unit(base_text)
    return ((value - hv) / (base + hb) - 1) * 100, ((value + hv) / (base - hb) - 1) * 100


def is_consistent(value_text: str, base_text: str, growth_text: str) -> bool:
    low, high = implied_growth(value_text, base_text)
    growth, hg = Decimal(growth_text), half_unit(growth_text)
    return low <= growth + hg and growth - hg <= high


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, SampleSummary]:
    root = tmp_path_factory.mktemp("sample")
    landing, truth = root / "landing", root / "truth"
    return landing, truth, generate_sample(landing, truth)


@pytest.fixture(scope="module")
def landing(sample: tuple[Path, Path, SampleSummary]) -> Path:
    return sample[0]


@pytest.fixture(scope="module")
def observations(sample: tuple[Path, Path, SampleSummary]) -> list[dict[str, str]]:
    return read_csv(sample[1] / "observations.csv")


@pytest.fixture(scope="module")
def anomalies(sample: tuple[Path, Path, SampleSummary]) -> list[dict[str, str]]:
    return read_csv(sample[1] / "anomalies.csv")


@pytest.fixture(scope="module")
def workbooks(landing: Path) -> dict[str, Workbook]:
    return {path.name: load_workbook(path) for path in sorted(landing.rglob("*.xlsx"))}


@pytest.fixture(scope="module")
def last_year(observations: list[dict[str, str]]) -> dict[tuple[str, ...], dict[str, str]]:
    """Observations keyed by region, indicator, period label and year, for year-on-year pairs."""
    return {
        (row["region_code"], row["indicator_code"], row["period_label"], row["period_end"][:4]): row
        for row in observations
    }


def base_row(
    row: dict[str, str], index: dict[tuple[str, ...], dict[str, str]]
) -> dict[str, str] | None:
    year = str(int(row["period_end"][:4]) - 1)
    return index.get((row["region_code"], row["indicator_code"], row["period_label"], year))


def test_writes_36_monthly_workbooks_and_the_truth(sample: tuple[Path, Path, SampleSummary]):
    landing, truth, summary = sample
    expected = [workbook_path(landing, y, m) for y in (2021, 2022, 2023) for m in range(1, 13)]
    assert sorted(landing.rglob("*")) == sorted([*expected, *(p.parent for p in expected)])
    assert summary.files == [*expected, truth / "observations.csv", truth / "anomalies.csv"]
    assert summary.n_anomalies == 6
    assert summary.n_facts == len(read_csv(truth / "observations.csv"))


def test_output_is_byte_identical_across_runs(
    sample: tuple[Path, Path, SampleSummary], tmp_path: Path
):
    landing, truth, summary = sample
    again = generate_sample(tmp_path / "landing", tmp_path / "truth")
    roots = {landing: tmp_path / "landing", truth: tmp_path / "truth"}
    for first, second in zip(summary.files, again.files, strict=True):
        root = next(root for root in roots if first.is_relative_to(root))
        assert second == roots[root] / first.relative_to(root)
        assert first.read_bytes() == second.read_bytes(), first.name


def test_workbooks_carry_no_wall_clock_time(landing: Path, workbooks: dict[str, Workbook]):
    # Two runs within the same second would be identical anyway; check the stamps themselves.
    for path in landing.rglob("*.xlsx"):
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {ZIP_DATE_TIME}
        properties = workbooks[path.name].properties
        assert properties.created == properties.modified == FIXED_TIMESTAMP


def test_truth_dir_inside_landing_dir_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="truth_dir"):
        generate_sample(tmp_path, tmp_path / "truth")


def test_chuanjiang_2022_anchors_read_back(landing: Path):
    sheet = load_workbook(workbook_path(landing, 2022, 12))["川江区"]
    rows = {sheet.cell(r, 1).value: r for r in range(5, 10)}
    anchors = {
        "地区生产总值": ("全年", 349.8, "0.0", 7.0),
        "规模以上工业增加值": ("1-12月", 83.9, "0.0", 13.5),
        "固定资产投资": ("1-12月", 148.8, "0.0", 24.0),
        "社会消费品零售总额": ("1-12月", 161.5, "0.0", 3.0),
        "一般公共预算收入": ("1-12月", 8.26, "0.00", 19.4),
    }
    for name, (label, value, number_format, growth) in anchors.items():
        row = rows[name]
        assert sheet.cell(row, 2).value == label
        assert sheet.cell(row, 3).value == pytest.approx(value, abs=1e-9)
        assert sheet.cell(row, 3).number_format == number_format
        assert sheet.cell(row, 4).value == "亿元"
        assert sheet.cell(row, 5).value == pytest.approx(growth, abs=1e-9)
        assert sheet.cell(row, 5).number_format == "0.0"


def test_workbook_cells_match_the_truth(
    observations: list[dict[str, str]], workbooks: dict[str, Workbook]
):
    for obs in observations:
        sheet = workbooks[obs["file_name"]][obs["sheet_name"]]
        cells = [sheet.cell(int(obs["row_number"]), column) for column in range(1, 6)]
        shown = []
        for cell in (cells[2], cells[4]):
            if isinstance(cell.value, str):
                shown.append(cell.value)
            else:
                decimals = len(cell.number_format.partition(".")[2])
                shown.append(f"{cell.value:.{decimals}f}")
        assert [cells[0].value, cells[1].value, cells[3].value, *shown] == [
            obs["indicator_name_published"],
            obs["period_label"],
            obs["unit_published"],
            obs["value_text"],
            obs["growth_text"],
        ]


def test_sheet_layout(workbooks: dict[str, Workbook], observations: list[dict[str, str]]):
    last_row = defaultdict(int)
    for obs in observations:
        key = (obs["file_name"], obs["sheet_name"])
        last_row[key] = max(last_row[key], int(obs["row_number"]))
    for file_name, workbook in workbooks.items():
        year, month = year_month(file_name)
        period = "1月" if month == 1 else f"1-{month}月"
        assert workbook.sheetnames == ["说明", *REGION_SHEETS]
        assert 3 <= workbook["说明"].max_row <= 5
        release = f"{year + month // 12}-{month % 12 + 1:02d}-15"
        for name, title_name in zip(
            REGION_SHEETS, ["川江区", "淮阳区", "西华", "商水县", "项城"], strict=True
        ):
            sheet = workbook[name]
            footnote = last_row[file_name, name] + 2
            assert {str(r) for r in sheet.merged_cells.ranges} == {
                "A1:E1", "A3:A4", "B3:B4", "C3:D3", "E3:E4", f"A{footnote}:E{footnote}"
            }  # fmt: skip
            assert sheet["A1"].value == f"{title_name}主要经济指标({year}年{period})"
            assert sheet["A2"].value == f"编制单位:周口市统计局  发布日期:{release}"
            header = [sheet[f"{c}{r}"].value for r in (3, 4) for c in "ABCDE"]
            assert header == [
                "指标名称", "时期", "本期", None, "比上年同期增长(%)",
                None, None, "数值", "单位", None,
            ]  # fmt: skip
            assert all(sheet.cell(footnote - 1, c).value is None for c in range(1, 6))
            assert sheet.cell(footnote, 1).value == FOOTNOTE
            assert sheet.max_row == footnote


def test_rows_periods_and_regional_quirks(observations: list[dict[str, str]]):
    sheets = defaultdict(list)
    for obs in observations:
        sheets[obs["file_name"], obs["sheet_name"]].append(obs)
    for (file_name, sheet_name), rows in sheets.items():
        month = year_month(file_name)[1]
        codes = [row["indicator_code"] for row in rows]
        monthly = ["industrial_value_added", "fixed_asset_investment", "retail_sales"]
        gdp = ["gdp"] if month % 3 == 0 else []
        assert codes == [*gdp, *monthly, "budget_revenue"]
        assert [int(row["row_number"]) for row in rows] == list(range(5, 5 + len(rows)))
        for row in rows:
            if row["indicator_code"] == "industrial_value_added":
                short = sheet_name in ("西华县", "项城市")
                expected = "规上工业增加值" if short else "规模以上工业增加值"
                assert row["indicator_name_published"] == expected
            if row["indicator_code"] == "budget_revenue" and sheet_name == "商水县":
                assert row["unit_published"] == "万元"
                assert row["value_text"].isdigit()
            if month == 1 and row["indicator_code"] in monthly:
                assert (row["period_label"], row["value_text"], row["growth_text"]) == (
                    "1月", "—", "—"
                )  # fmt: skip
            else:
                assert row["value_text"] != "—"
                assert row["growth_text"] != "—"


def test_period_normalisation(observations: list[dict[str, str]]):
    expected = {
        "1月": ("month", "01-31"),
        "1-2月": ("ytd", None),
        "1-6月": ("ytd", "06-30"),
        "1-12月": ("year", "12-31"),
        "一季度": ("quarter", "03-31"),
        "上半年": ("ytd", "06-30"),
        "前三季度": ("ytd", "09-30"),
        "全年": ("year", "12-31"),
    }
    for obs in observations:
        assert obs["period_start"][5:] == "01-01"
        assert obs["period_start"][:4] == obs["period_end"][:4]
        if obs["period_label"] in expected:
            period_type, end = expected[obs["period_label"]]
            assert obs["period_type"] == period_type
            assert end is None or obs["period_end"][5:] == end
    feb = {obs["period_end"] for obs in observations if obs["period_label"] == "1-2月"}
    assert feb == {"2021-02-28", "2022-02-28", "2023-02-28"}


def test_anomalies_csv_lists_the_six_injections(anomalies: list[dict[str, str]]):
    assert len(anomalies) == 6
    assert {tuple(row.values())[:5] for row in anomalies} == EXPECTED_ANOMALIES
    assert all(row["description"] and "\n" not in row["description"] for row in anomalies)


def test_clean_nominal_rows_are_consistent_with_last_year(
    observations: list[dict[str, str]], anomalies: list[dict[str, str]], last_year: dict
):
    injected = {obs_key(row) for row in anomalies}
    checked = 0
    for obs in observations:
        base = base_row(obs, last_year)
        if obs["indicator_code"] not in NOMINAL or base is None or obs["value_text"] == "—":
            continue
        if obs_key(obs) in injected:
            continue
        assert is_consistent(obs["value_text"], base["value_text"], obs["growth_text"]), obs
        checked += 1
    # 2022-23 x 5 regions x 3 indicators x 12 months, less the withheld January figures of two
    # indicators and the six injected rows.
    assert checked == 2 * 5 * 3 * 12 - 2 * 5 * 2 - 6


def test_injected_growth_level_mismatches_are_inconsistent(
    observations: list[dict[str, str]], anomalies: list[dict[str, str]], last_year: dict
):
    rows = {obs_key(obs): obs for obs in observations}
    mismatches = [row for row in anomalies if row["rule_code"] == "growth_level_mismatch"]
    assert len(mismatches) == 5
    for anomaly in mismatches:
        obs = rows[obs_key(anomaly)]
        base = base_row(obs, last_year)
        assert not is_consistent(obs["value_text"], base["value_text"], obs["growth_text"]), obs


def test_base_revision_is_consistent_only_with_a_base_08_percent_higher(
    observations: list[dict[str, str]], last_year: dict
):
    obs = next(
        row
        for row in observations
        if obs_key(row) == ("411622", "budget_revenue", "year", "2022-12-31")
    )
    base = base_row(obs, last_year)
    assert not is_consistent(obs["value_text"], base["value_text"], obs["growth_text"])
    revised = f"{Decimal(base['value_text']) * Decimal('1.008'):.4f}"
    assert is_consistent(obs["value_text"], revised, obs["growth_text"])


def test_real_growth_is_nominal_growth_less_a_plausible_deflator(
    observations: list[dict[str, str]], last_year: dict
):
    for obs in observations:
        base = base_row(obs, last_year)
        if obs["indicator_code"] not in REAL or base is None or obs["value_text"] == "—":
            continue
        low, high = implied_growth(obs["value_text"], base["value_text"])
        growth, hg = Decimal(obs["growth_text"]), half_unit(obs["growth_text"])
        assert low - (growth + hg) <= Decimal("3.5"), obs
        assert high - (growth - hg) >= Decimal("1.5"), obs


def test_ytd_values_strictly_increase_within_each_year(
    observations: list[dict[str, str]], anomalies: list[dict[str, str]]
):
    injected = {obs_key(row) for row in anomalies}
    series = defaultdict(list)
    for obs in sorted(observations, key=lambda row: row["period_end"]):
        if obs["value_text"] != "—" and obs_key(obs) not in injected:
            key = (obs["region_code"], obs["indicator_code"], obs["period_end"][:4])
            series[key].append(Decimal(obs["value_text"]))
    assert len(series) == 5 * 5 * 3
    for key, values in series.items():
        assert values[0] > 0, key
        assert all(a < b for a, b in pairwise(values)), key


def test_chuanjiang_2023_growth_tracks_the_targets(observations: list[dict[str, str]]):
    growth = {
        obs["indicator_code"]: float(obs["growth_text"])
        for obs in observations
        if obs["region_code"] == "411602" and obs["period_end"] == "2023-12-31"
    }
    assert 7.5 <= growth["gdp"] <= 9.0
    assert 11.0 <= growth["industrial_value_added"] <= 13.0
    assert 15.0 <= growth["fixed_asset_investment"] <= 18.0
    assert 10.0 <= growth["retail_sales"] <= 12.0
    assert 6.5 <= growth["budget_revenue"] <= 8.0
