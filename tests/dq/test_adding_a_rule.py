"""Adding a data-quality rule: its own folder, its catalogue row and one line in the collector.

The test adds a small rule to a copy of the dbt project the way docs/data-quality.md says
("How to add a rule") and shows that dbt tags it as a rule and dq_flagged (hence
marts.dq_anomalies) unions it, with no other file of the project touched. dbt cannot find a
model's parents by tag while it parses (dbt-core#1212), so the collector names each rule once;
forgetting that line stops the compile with dbt's message giving it.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from statswh.rule_catalogue import load_rules
from statswh.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.integration

RULE_SQL = """-- negative_level: a flow or stock level below zero.
with figures as (
    select * from {{ ref('dq_figures') }}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

this_rule as (
    {{ dq_rule('negative_level') }}
),

flagged as (
    select
        figures.*,
        this_rule.rule_code,
        this_rule.severity
    from figures
    cross join this_rule
    where figures.value + figures.value_half_width < 0
),

final as (
    select
        {{ anomaly_id('flagged') }} as anomaly_id,
        rule_code,
        severity,
        region_code,
        region_name,
        indicator_code,
        indicator_name,
        period_type,
        period_end,
        'value' as observed_measure,
        value as observed,
        0 as expected_low,
        null as expected_high,
        'out_of_range' as diagnosis,
        'below zero' as message,
        source_file_id,
        vintage_at as detected_at
    from flagged
)

select * from final
"""
RULE_YML = """version: 2

models:
  - name: dq_negative_level
    description: A level below zero beyond rounding.

unit_tests:
  - name: negative_level_allows_for_rounding
    model: dq_negative_level
    given:
      - input: ref('dq_rules')
        rows:
          - {rule_code: negative_level, severity: error}
      - input: ref('dq_figures')
        rows:
          - {region_code: pass, value: 1, value_half_width: 0.5}
          - {region_code: edge, value: -0.5, value_half_width: 0.5}
          - {region_code: fail, value: -1, value_half_width: 0.5}
    expect:
      rows:
        - {region_code: fail}
"""
CATALOGUE_ROW = "negative_level,error,,,none,A level below zero.,数值小于零。\n"
HINT = "-- depends_on: {{ ref('dq_negative_level') }}\n"


def _dbt(project: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")), *arguments,
            "--project-dir", str(project), "--profiles-dir", str(project),
        ],
        capture_output=True, text=True, check=check,
        env={
            **os.environ,
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "STATSWH_WAREHOUSE": str(project.parent / "empty.duckdb"),
        },
    )  # fmt: skip


def _changed_files(before: Path, after: Path) -> set[str]:
    """Files added to or changed in `after`, relative to it."""
    changed = set()
    for path in after.rglob("*"):
        if {"target", "logs"} & set(path.relative_to(after).parts) or path.is_dir():
            continue
        original = before / path.relative_to(after)
        if not original.exists() or not filecmp.cmp(original, path, shallow=False):
            changed.add(str(path.relative_to(after)))
    return changed


def test_a_rule_added_in_its_own_folder_is_collected(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project"
    ignore = shutil.ignore_patterns("target", "logs", "dbt_packages")
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=ignore)
    folder = project / "models" / "dq" / "rules" / "negative_level"
    folder.mkdir()
    (folder / "dq_negative_level.sql").write_text(RULE_SQL, encoding="utf-8")
    (folder / "_dq_negative_level.yml").write_text(RULE_YML, encoding="utf-8")
    catalogue = project / "seeds" / "dq_rules.csv"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + CATALOGUE_ROW, encoding="utf-8")

    assert load_rules(catalogue)["negative_level"].severity == "error"
    tagged = _dbt(project, "ls", "--quiet", "--resource-type", "model", "--select", "tag:dq_rule")
    assert "stats_warehouse.dq.rules.negative_level.dq_negative_level" in tagged.stdout.split()

    refused = _dbt(project, "compile", "--select", "dq_flagged", check=False)
    assert refused.returncode != 0
    assert HINT.strip() in refused.stdout, refused.stdout[-2000:]

    collector = project / "models" / "dq" / "dq_flagged.sql"
    text = collector.read_text(encoding="utf-8")
    collector.write_text(text.replace("-- depends_on:", HINT + "-- depends_on:", 1), "utf-8")
    _dbt(project, "compile", "--select", "dq_flagged")
    compiled = project / "target" / "compiled" / "stats_warehouse" / "models" / "dq"
    assert '"dq"."dq_negative_level"' in (compiled / "dq_flagged.sql").read_text(encoding="utf-8")
    parents = _dbt(project, "ls", "--quiet", "--select", "+dq_anomalies", "--output", "name")
    assert "dq_negative_level" in parents.stdout.split()

    assert _changed_files(DBT_PROJECT_DIR, project) == {
        "models/dq/rules/negative_level/dq_negative_level.sql",
        "models/dq/rules/negative_level/_dq_negative_level.yml",
        "seeds/dq_rules.csv",
        "models/dq/dq_flagged.sql",
    }
