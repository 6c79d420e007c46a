"""The rule catalogue: every rule code of the design with its severity, readable thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations.catalogue import CATALOGUE_CSV, load_rules

# design.md's rule codes, with the severities the issue gives them (docs/data-quality.md).
SEVERITIES = {
    "growth_level_mismatch": "warning",
    "real_growth_implausible": "warning",
    "base_revision": "info",
    "ytd_decrease": "warning",
    "ytd_month_mismatch": "warning",
    "component_exceeds_total": "error",
    "components_sum_mismatch": "warning",
    "share_out_of_range": "error",
    "unit_magnitude_jump": "error",
    "outlier": "warning",
    "missing_period": "warning",
    "conflicting_duplicate": "warning",
    "unmapped_indicator": "warning",
    "unmapped_region": "warning",
    "unread_figures": "warning",
}
HEADER = (
    "rule_code,severity,applies_to,thresholds,thresholds_meaning,description_en,description_zh\n"
)


def write(tmp_path: Path, row: str) -> Path:
    catalogue = tmp_path / "rules.csv"
    catalogue.write_text(HEADER + row + "\n", encoding="utf-8")
    return catalogue


def test_every_rule_code_of_the_design_has_its_severity() -> None:
    assert {code: rule.severity for code, rule in load_rules().items()} == SEVERITIES


def test_every_rule_is_described_in_both_languages() -> None:
    for rule in load_rules().values():
        assert rule.description_en and rule.description_zh, rule.rule_code


def test_thresholds_and_scopes_are_read_as_the_sql_reads_them() -> None:
    rules = load_rules()
    assert rules["outlier"].thresholds == {
        "robust_z": 5.0,
        "mad_floor_pp": 1.0,
        "neighbour_months": 1.0,
        "min_points": 5.0,
    }
    assert rules["share_out_of_range"].thresholds == {"low": 0.0, "high": 100.0}
    assert rules["growth_level_mismatch"].applies_to == {"growth_basis": {"nominal"}}
    assert rules["components_sum_mismatch"].applies_to["parts_of"] == {"gdp"}
    assert rules["missing_period"].applies_to == {}


def test_an_unknown_severity_in_the_catalogue_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown severity 'fatal'"):
        load_rules(write(tmp_path, "x,fatal,,,,,"))


def test_a_threshold_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="threshold 'robust_z' is 'five'"):
        load_rules(write(tmp_path, "outlier,warning,,robust_z=five,,,"))


def test_an_unknown_selector_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="applies_to uses 'unit'"):
        load_rules(write(tmp_path, "outlier,warning,unit=亿元,,,,"))


def test_the_catalogue_is_the_dbt_seed() -> None:
    """dbt reads the same file (seed-paths include expectations/catalogue)."""
    project = (Path(__file__).parents[2] / "dbt_project" / "dbt_project.yml").read_text()
    assert "../expectations/catalogue" in project
    assert CATALOGUE_CSV.name == "dq_rules.csv"
