"""The rule catalogue: one CSV that analysts can read and change without touching the engine."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CATALOGUE_CSV = Path(__file__).parent / "catalogue" / "dq_rules.csv"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    """A data-quality rule's metadata."""

    rule_code: str
    severity: str
    threshold: float | None
    threshold_meaning: str
    applies_to: str
    description_en: str
    description_zh: str


def load_rules(path: Path = CATALOGUE_CSV) -> dict[str, Rule]:
    """Rules by code, checked for a known severity."""
    rules: dict[str, Rule] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["severity"] not in SEVERITIES:
                raise ValueError(
                    f"{path.name}: rule {row['rule_code']} has unknown severity "
                    f"{row['severity']!r} (use one of {', '.join(SEVERITIES)})"
                )
            threshold = float(row["threshold"]) if row["threshold"] else None
            rules[row["rule_code"]] = Rule(**{**row, "threshold": threshold})
    return rules
