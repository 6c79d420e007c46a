"""The evaluation harness: what it injects where, and the flags it expects."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sample_landing import Sample

from evaluation.injections import inject_anomalies
from evaluation.truth import expected_demo_flags, expected_flags
from statswh.rule_catalogue import load_rules

ERROR_RULES = {code for code, rule in load_rules().items() if rule.severity == "error"}


def cell(landing: Path, month: str, sheet: str, address: str) -> object:
    path = next((landing / month).glob("周口市县区主要经济指标_*月.xlsx"))
    return load_workbook(path)[sheet][address].value


@pytest.fixture(scope="module")
def injected(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injected")
    inject_anomalies(sample.landing, sample.truth, root / "landing", root / "truth")
    return root


def test_every_rule_has_something_to_find(injected: Path) -> None:
    expected = expected_flags(injected / "truth")
    assert {flag[0] for flag in expected} == set(load_rules())
    assert {flag[0] for flag in expected} >= ERROR_RULES


def test_injections_change_the_workbooks_as_described(sample: Sample, injected: Path) -> None:
    landing = injected / "landing"
    # 西华县 retail 1-8月 2022 (row 7 in months without GDP): a 万元 figure under 亿元
    original = cell(sample.landing, "2022-08", "西华县", "C7")
    assert cell(landing, "2022-08", "西华县", "C7") == round(original * 10_000)
    assert not (landing / "2022-07").exists()
    assert (landing / "2023-06" / "2023年1-6月川江区主要经济指标.xlsx").exists()
    assert "周口市" in load_workbook(next((landing / "2023-02").glob("*月.xlsx"))).sheetnames


def test_the_clean_copy_expects_no_error(sample: Sample, tmp_path: Path) -> None:
    inject_anomalies(
        sample.landing, sample.truth, tmp_path / "landing", tmp_path / "truth", anomalies=False
    )
    expected = expected_flags(tmp_path / "truth")
    assert not {flag for flag in expected if flag[0] in ERROR_RULES}
    assert (tmp_path / "landing" / "2022-07").exists()


def test_the_default_sample_flags_include_their_consequences(sample: Sample) -> None:
    flags = expected_demo_flags(sample.truth)
    assert sample.injected_anomalies() <= flags
    # the digit swap 96.9 -> 69.9 also shrinks the year to date; a flipped sign is an outlier
    assert ("ytd_decrease", "411623", "fixed_asset_investment", "ytd", "2023-09-30") in flags
    assert ("outlier", "411602", "budget_revenue", "ytd", "2023-04-30") in flags
    # 5 pp too much in a smooth series is within the outlier band (7.4 pp with the defaults)
    assert ("outlier", "411622", "retail_sales", "ytd", "2023-06-30") not in flags
