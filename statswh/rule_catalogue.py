"""The rule catalogue: one CSV that analysts can read and change without touching the engine.

dbt loads it as the seed `dq_rules` (dbt_project/seeds/dq_rules.csv), and every rule model
reads its severity, scope (`applies_to`) and thresholds from there; this module reads the
same file for Python and checks that an edit still makes sense before a build trips over it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from statswh.settings import DBT_PROJECT_DIR

CATALOGUE_CSV = DBT_PROJECT_DIR / "seeds" / "dq_rules.csv"
SEVERITIES = ("error", "warning", "info")
SELECTOR_KEYS = ("measure_type", "growth_basis", "category", "indicator_code", "parts_of")


@dataclass(frozen=True)
class Rule:
    """A data-quality rule's metadata."""

    rule_code: str
    severity: str
    applies_to: dict[str, set[str]]
    thresholds: dict[str, float]
    thresholds_meaning: str
    description_en: str
    description_zh: str


def load_rules(path: Path = CATALOGUE_CSV) -> dict[str, Rule]:
    """Rules by code; ValueError names the rule and the cell an edit got wrong."""
    rules: dict[str, Rule] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["rule_code"]
            if row["severity"] not in SEVERITIES:
                raise ValueError(
                    f"{path.name}: rule {code} has unknown severity "
                    f"{row['severity']!r} (use one of {', '.join(SEVERITIES)})"
                )
            rules[code] = Rule(
                rule_code=code,
                severity=row["severity"],
                applies_to=_selectors(path.name, code, row["applies_to"]),
                thresholds=_thresholds(path.name, code, row["thresholds"]),
                thresholds_meaning=row["thresholds_meaning"],
                description_en=row["description_en"],
                description_zh=row["description_zh"],
            )
    return rules


def _pairs(text: str) -> list[tuple[str, str]]:
    """'a=1;b=2' as [('a', '1'), ('b', '2')], the way the SQL macros read it."""
    return [
        (name.strip(), value.strip())
        for name, _, value in (part.partition("=") for part in text.split(";") if part.strip())
    ]


def _thresholds(file_name: str, code: str, text: str) -> dict[str, float]:
    thresholds = {}
    for name, value in _pairs(text):
        try:
            thresholds[name] = float(value)
        except ValueError:
            raise ValueError(
                f"{file_name}: rule {code} threshold {name!r} is {value!r}, not a number"
            ) from None
    return thresholds


def _selectors(file_name: str, code: str, text: str) -> dict[str, set[str]]:
    selectors: dict[str, set[str]] = {}
    for key, value in _pairs(text):
        if key not in SELECTOR_KEYS:
            raise ValueError(
                f"{file_name}: rule {code} applies_to uses {key!r} "
                f"(use one of {', '.join(SELECTOR_KEYS)})"
            )
        selectors.setdefault(key, set()).add(value)
    return selectors
