"""Precision and recall of the bulletin reader on the hand-labelled bulletins.

Runs the real reader (`ingest.bulletin.read_facts`, the same code `statswh ingest`
uses) over every document in tests/fixtures/bulletins/ and compares its facts with
the labels in the YAML file beside each document. Each label file says which set its
document belongs to: "development" documents were used to write and tune the rules,
"held_out" documents were written and labelled after that and never tuned on.

A fact matches a label when kind, indicator, region, period, value (with its decimals)
and unit, growth (with its decimals) and, for targets, target kind and comparator are
all equal.

    python scripts/evaluate_bulletins.py            # the summary
    python scripts/evaluate_bulletins.py --details  # and every miss and spurious fact
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.bulletin import FACT_KINDS, TARGET, Fact, read_facts
from ingest.numbers import parse_text
from ingest.periods import parse_period

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "bulletins"

# kind, indicator, region, period (type, start, end), value, decimals, unit, growth,
# growth decimals, target kind, comparator
Key = tuple[object, ...]


@dataclass
class Tally:
    """Matched, extracted and labelled counts of one kind (or of all)."""

    matched: int = 0
    extracted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


@dataclass
class Evaluation:
    """Tallies overall and per kind, and what did not match, per document."""

    documents: int = 0
    overall: Tally = field(default_factory=Tally)
    by_set: dict[str, Tally] = field(default_factory=dict)
    by_kind: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in FACT_KINDS})
    missed: dict[str, list[Key]] = field(default_factory=dict)
    spurious: dict[str, list[Key]] = field(default_factory=dict)


def fact_key(fact: Fact) -> Key:
    return (
        fact.kind,
        fact.indicator,
        fact.region,
        fact.period.period_type,
        fact.period.start,
        fact.period.end,
        _rounded(fact.value),
        fact.value_decimals,
        fact.unit,
        _rounded(fact.growth_pct),
        fact.growth_decimals,
        fact.target_kind,
        fact.comparator if fact.kind == TARGET else None,
    )


def label_key(label: dict[str, object], document: dict[str, object]) -> Key:
    """The key of a hand label; region and period default to the document's."""
    kind = str(label["kind"])
    if kind == TARGET:
        period = parse_period("全年", default_year=int(str(label["year"])))
    else:
        period = parse_period(str(label.get("period", document["period"])))
    value = parse_text(str(label["value"])) if "value" in label else None
    growth = parse_text(str(label["growth"])) if "growth" in label else None
    growth_decimals = label.get("growth_decimals", growth.decimals if growth else None)
    return (
        kind,
        label["indicator"],
        label.get("region", document["region"]),
        period.period_type,
        period.start,
        period.end,
        _rounded(value.value if value else None),
        value.decimals if value else None,
        label.get("unit"),
        _rounded(growth.value if growth else None),
        growth_decimals,
        label.get("target_kind"),
        label.get("comparator"),
    )


def evaluate(folder: Path = FIXTURES) -> Evaluation:
    """Run the reader over every labelled document in `folder` and tally the matches."""
    evaluation = Evaluation()
    for labels_path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        name = str(document["document"])
        labelled = Counter(label_key(label, document) for label in document["facts"])
        extracted = Counter(fact_key(fact) for fact in read_facts(folder / name))
        matched = labelled & extracted
        evaluation.documents += 1
        set_tally = evaluation.by_set.setdefault(str(document.get("set", "development")), Tally())
        for tally, counts in (
            ("matched", matched),
            ("extracted", extracted),
            ("labelled", labelled),
        ):
            for key, count in counts.items():
                for totals in (evaluation.by_kind[str(key[0])], evaluation.overall, set_tally):
                    setattr(totals, tally, getattr(totals, tally) + count)
        evaluation.missed[name] = sorted((labelled - extracted).elements(), key=str)
        evaluation.spurious[name] = sorted((extracted - labelled).elements(), key=str)
    return evaluation


def report(evaluation: Evaluation, details: bool = False) -> str:
    """The evaluation as a small table (and, with details, every mismatch)."""
    lines = [
        f"{evaluation.documents} documents, {evaluation.overall.labelled} labelled facts",
        "",
        f"{'kind':<14}{'labelled':>9}{'extracted':>10}{'matched':>9}{'precision':>11}{'recall':>8}",
    ]
    rows = [
        *evaluation.by_kind.items(),
        ("overall", evaluation.overall),
        *((f"  {name}", tally) for name, tally in sorted(evaluation.by_set.items())),
    ]
    for kind, tally in rows:
        lines.append(
            f"{kind:<14}{tally.labelled:>9}{tally.extracted:>10}{tally.matched:>9}"
            f"{tally.precision:>11.3f}{tally.recall:>8.3f}"
        )
    if details:
        for name in evaluation.missed:
            for title, keys in (
                ("missed", evaluation.missed[name]),
                ("spurious", evaluation.spurious[name]),
            ):
                lines.extend(f"{name} {title}: {_describe(key)}" for key in keys)
    return "\n".join(lines)


def _describe(key: Key) -> str:
    kind, indicator, region, period_type, _, end, value, _, unit, growth, *target = key
    parts = [f"{kind} {indicator} ({region}, {period_type} to {end})"]
    if value is not None:
        parts.append(f"value {value} {unit}")
    if growth is not None:
        parts.append(f"growth {growth}%")
    if target[0] is not None:
        parts.append(f"{target[0]} {target[1]}")
    return ", ".join(parts)


def _rounded(number: float | None) -> float | None:
    return None if number is None else round(number, 6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FIXTURES)
    parser.add_argument("--details", action="store_true", help="list every mismatch")
    arguments = parser.parse_args(argv)
    print(report(evaluate(arguments.folder), details=arguments.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
