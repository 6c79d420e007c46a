"""The rule catalogue: every rule code of the design with its severity, readable thresholds,
and every rule at home in its own folder of the dbt project."""

from __future__ import annotations

from pathlib import Path

import pytest

from statswh.rule_catalogue import CATALOGUE_CSV, load_rules
from statswh.settings import DBT_PROJECT_DIR

RULES_DIR = DBT_PROJECT_DIR / "models" / "dq" / "rules"

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
    rules = load_rules()
    assert {code: rules[code].severity for code in SEVERITIES if code in rules} == SEVERITIES


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
        "reference_years": 5.0,
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


def test_the_catalogue_is_a_seed_inside_the_dbt_project() -> None:
    """dbt reads the same file, and reaches no seed outside its project folder."""
    project = (DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8")
    assert 'seed-paths: ["seeds"]' in project
    assert CATALOGUE_CSV == DBT_PROJECT_DIR / "seeds" / "dq_rules.csv"


def _rule_folders() -> list[Path]:
    return sorted(folder for folder in RULES_DIR.iterdir() if folder.is_dir())


def test_each_rule_folder_holds_its_model_its_docs_and_its_unit_tests() -> None:
    for folder in _rule_folders():
        model = f"dq_{folder.name}"
        assert sorted(path.name for path in folder.iterdir()) == [f"_{model}.yml", f"{model}.sql"]
        docs = (folder / f"_{model}.yml").read_text(encoding="utf-8")
        assert f"  - name: {model}\n" in docs, folder.name
        assert f"    model: {model}\n" in docs, f"{folder.name} has no dbt unit test"


def test_every_catalogue_rule_is_flagged_by_a_rule_model_and_every_model_is_catalogued() -> None:
    """Each code is named in a rule model's SQL (a model may flag two, as unmapped_names)."""
    sql = {path.parent.name: path.read_text() for path in RULES_DIR.glob("*/dq_*.sql")}
    codes = set(load_rules())
    homes = {code: [name for name, text in sql.items() if f"'{code}'" in text] for code in codes}
    assert {code for code, folders in homes.items() if not folders} == set(), "no rule model"
    assert {name for name, text in sql.items() if not any(f"'{c}'" in text for c in codes)} == set()
