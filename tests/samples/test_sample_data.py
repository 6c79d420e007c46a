"""Tests for the sample-data generator: layout, determinism, anchors and the injected anomalies.

The key-project lists, targets and work report are tested in test_sample_projects.py.
"""

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

from samples import FIXED_TIMESTAMP, ZIP_DATE_TIME, SampleSummary, generate_sample

REGION_SHEETS = ["川江区", "淮阳区", "西华县", "商水县", "项城市"]
REGION_TABLE = "各县区主要指标"
INDUSTRY = "分行业增加值增速"
NOMINAL = {"fixed_asset_investment", "retail_sales", "budget_revenue"}
REAL = {"gdp", "industrial_value_added"}
FOOTNOTE = "注:1.地区生产总值、规模以上工业增加值增速按可比价格计算。2.“—”表示无数据。"
EXPECTED_ANOMALIES = {
    ("growth_level_mismatch", "411622", "retail_sales", "ytd", "2023-06-30"),
    ("growth_level_mismatch", "411623", "fixed_asset_investment", "ytd", "2023-09-30"),
    ("growth_level_mismatch", "411602", "budget_revenue", "ytd", "2023-04-30"),
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
    """The monthly report workbooks by file name."""
    paths = sorted(landing.rglob("周口市县区主要经济指标_*.xlsx"))
    return {path.name: load_workbook(path) for path in paths}


@pytest.fixture(scope="module")
def region_table(sample: tuple[Path, Path, SampleSummary]) -> list[dict[str, str]]:
    return read_csv(sample[1] / "region_table.csv")


@pytest.fixture(scope="module")
def industry_growth(sample: tuple[Path, Path, SampleSummary]) -> list[dict[str, str]]:
    return read_csv(sample[1] / "industry_growth.csv")


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


def test_writes_the_bureau_files_and_the_truth(sample: tuple[Path, Path, SampleSummary]):
    landing, truth, summary = sample
    reports = [workbook_path(landing, y, m) for y in (2021, 2022, 2023) for m in range(1, 13)]
    projects = [
        landing / f"2023-{m:02d}" / f"川江区重点项目建设进展_2023年{m:02d}月.xlsx"
        for m in range(1, 13)
    ]
    others = [
        landing / "2023-06" / "西华县主要经济指标_2023年6月.csv",
        *projects,
        landing / "2023-01" / "川江区2023年主要预期目标.yaml",
        landing / "2023-01" / "川江区2023年政府工作报告(摘要).txt",
    ]
    facts = ["observations", "region_table", "industry_growth", "projects", "targets"]
    truth_files = [truth / f"{name}.csv" for name in [*facts, "anomalies"]]
    assert summary.files == [*reports, *others, *truth_files]
    landed = [*reports, *others]
    assert sorted(landing.rglob("*")) == sorted({*landed, *(p.parent for p in landed)})
    assert sorted(truth.iterdir()) == sorted(truth_files)
    assert summary.n_anomalies == 5
    assert summary.n_facts == sum(len(read_csv(truth / f"{name}.csv")) for name in facts)


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


def test_workbooks_carry_no_wall_clock_time(landing: Path):
    # Two runs within the same second would be identical anyway; check the stamps themselves.
    paths = sorted(landing.rglob("*.xlsx"))
    assert len(paths) == 36 + 12
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {ZIP_DATE_TIME}
        workbook = load_workbook(path, read_only=True)
        properties = workbook.properties
        workbook.close()
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
        # January's region comparison is published with February's, by industry from 2022.
        extra = [REGION_TABLE] if month > 1 else []
        extra += [INDUSTRY] if month > 1 and year >= 2022 else []
        assert workbook.sheetnames == ["说明", *REGION_SHEETS, *extra]
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


def test_anomalies_csv_lists_the_five_injections(anomalies: list[dict[str, str]]):
    assert len(anomalies) == 5
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
    # indicators and the five injected rows.
    assert checked == 2 * 5 * 3 * 12 - 2 * 5 * 2 - 5


def test_injected_growth_level_mismatches_are_inconsistent(
    observations: list[dict[str, str]], anomalies: list[dict[str, str]], last_year: dict
):
    rows = {obs_key(obs): obs for obs in observations}
    mismatches = [row for row in anomalies if row["rule_code"] == "growth_level_mismatch"]
    assert len(mismatches) == 4
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


# --- the region table, growth by industry and the CSV duplicate -----------------------------


def shown(cell) -> str:
    """A cell as the sheet displays it: text as is, numbers with their format's decimals."""
    if isinstance(cell.value, str):
        return cell.value
    decimals = len(cell.number_format.partition(".")[2])
    return f"{cell.value:.{decimals}f}"


def test_region_table_layout(workbooks: dict[str, Workbook]):
    for file_name, workbook in workbooks.items():
        year, month = year_month(file_name)
        if month == 1:
            continue
        sheet = workbook[REGION_TABLE]
        assert sheet["A1"].value == f"周口市各县区主要经济指标({year}年1-{month}月)"
        assert {str(r) for r in sheet.merged_cells.ranges} == {
            "A1:I1", "A3:A4", "B3:C3", "D3:F3", "G3:I3", "A11:I11"
        }  # fmt: skip
        assert [sheet.cell(3, c).value for c in range(1, 10)] == [
            "地区", "规模以上工业增加值", None, "固定资产投资", None, None,
            "社会消费品零售总额", None, None,
        ]  # fmt: skip
        assert [sheet.cell(4, c).value for c in range(2, 10)] == [
            "增速(%)", "位次", "绝对值(亿元)", "增速(%)", "位次", "绝对值(亿元)", "增速(%)", "位次"
        ]  # fmt: skip
        regions = [sheet.cell(r, 1).value for r in range(5, 10)]
        assert regions == ["川江", "淮阳", "西华", "商水", "项城"]
        assert all(sheet.cell(10, c).value is None for c in range(1, 10))
        assert (sheet["A11"].value, sheet.max_row, sheet.max_column) == (
            "注:位次按增速排列。",
            11,
            9,
        )


def test_region_table_repeats_the_region_sheets_figures(
    workbooks: dict[str, Workbook],
    region_table: list[dict[str, str]],
    observations: list[dict[str, str]],
):
    published = {
        (row["file_name"], row["region_code"], row["indicator_code"]): row for row in observations
    }
    columns = {"industrial_value_added": (None, 2), "fixed_asset_investment": (4, 5)}
    columns["retail_sales"] = (7, 8)
    # 2021-2023, February to December, five regions, three indicators.
    assert len(region_table) == 3 * 11 * 5 * 3
    for row in region_table:
        same = published[row["file_name"], row["region_code"], row["indicator_code"]]
        assert row["growth_text"] == same["growth_text"]
        assert row["period_end"] == same["period_end"]
        value_column, growth_column = columns[row["indicator_code"]]
        sheet = workbooks[row["file_name"]][REGION_TABLE]
        cells = [sheet.cell(int(row["row_number"]), column) for column in range(1, 10)]
        assert cells[0].value == row["region_name_published"]
        assert shown(cells[growth_column - 1]) == row["growth_text"]
        assert shown(cells[growth_column]) == row["rank"]
        if value_column is not None:
            assert row["value_text"] == same["value_text"]
            assert row["unit_published"] == same["unit_published"] == "亿元"
            assert shown(cells[value_column - 1]) == row["value_text"]
    # The injected anomalies are shown as published, so the duplicate adds no conflict.
    swapped = [r for r in region_table if r["file_name"].endswith("2023年09月.xlsx")]
    shangshui = next(
        r
        for r in swapped
        if (r["region_code"], r["indicator_code"]) == ("411623", "fixed_asset_investment")
    )
    assert shangshui["value_text"] == "69.9"


def test_region_table_ranks_follow_growth(region_table: list[dict[str, str]]):
    groups = defaultdict(list)
    for row in region_table:
        groups[row["file_name"], row["indicator_code"]].append(row)
    for rows in groups.values():
        growth = [Decimal(row["growth_text"]) for row in rows]
        expected = [1 + sum(other > g for other in growth) for g in growth]
        assert [int(row["rank"]) for row in rows] == expected
        assert min(expected) == 1


def test_growth_by_industry_sheet(
    workbooks: dict[str, Workbook], industry_growth: list[dict[str, str]]
):
    assert {row["file_name"][-13:-9] for row in industry_growth} == {"2022", "2023"}
    series = defaultdict(list)
    for row in industry_growth:
        sheet = workbooks[row["file_name"]][INDUSTRY]
        year, month = year_month(row["file_name"])
        assert sheet["A1"].value == f"川江区规模以上工业分行业增加值增速({year}年1-{month}月)"
        assert [sheet.cell(3, c).value for c in range(1, 4)] == ["行业", "时期", "增速(%)"]
        cells = [sheet.cell(int(row["row_number"]), c) for c in range(1, 4)]
        assert [cells[0].value, cells[1].value, shown(cells[2])] == [
            row["industry"], row["period_label"], row["growth_text"]
        ]  # fmt: skip
        series[row["industry"], year].append(float(row["growth_text"]))
    industries = {industry for industry, _ in series}
    assert 6 <= len(industries) <= 8 and "电子信息" in industries
    for values in series.values():
        assert len(values) == 11
        assert all(-10 < value < 40 for value in values)
        assert all(abs(b - a) < 2.5 for a, b in pairwise(values))


ROW_KEYS = (
    "indicator_name_published",
    "period_label",
    "value_text",
    "unit_published",
    "growth_text",
)


def test_xihua_csv_is_a_gbk_copy_of_its_june_2023_sheet(
    landing: Path, workbooks: dict[str, Workbook], observations: list[dict[str, str]]
):
    content = (landing / "2023-06" / "西华县主要经济指标_2023年6月.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    rows = list(csv.reader(content.decode("gbk").splitlines()))
    sheet = workbooks[workbook_path(landing, 2023, 6).name]["西华县"]
    assert rows[0][0] == "西华县主要经济指标(2023年1-6月)"
    assert sheet["A1"].value == "西华主要经济指标(2023年1-6月)"
    assert rows[1][0] == sheet["A2"].value
    assert rows[2:4] == [[sheet.cell(r, c).value or "" for c in range(1, 6)] for r in (3, 4)]
    figures = [
        [o[key] for key in ROW_KEYS]
        for o in observations
        if o["file_name"] == workbook_path(landing, 2023, 6).name and o["sheet_name"] == "西华县"
    ]
    assert len(figures) == 5
    assert rows[4:9] == figures
    # The injected overstated growth of 西华县's retail sales is repeated, not corrected.
    retail = next(row for row in rows if row[0] == "社会消费品零售总额")
    assert retail == next(f for f in figures if f[0] == "社会消费品零售总额")
    assert rows[9:] == [[""] * 5, [FOOTNOTE, "", "", "", ""]]
