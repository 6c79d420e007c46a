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

With --corpus HALF it scores the real texts of the corpus (../shared/corpus/texts, or
$STATSWH_CORPUS/texts) against the labels in tests/fixtures/corpus_texts/HALF/, by the
rule of the label conventions: a reader fact matches a label when region, period,
cumulative or not, value with its unit and growth are equal and the indicator names are
compatible; each fact matches at most one label.

    python scripts/evaluate_bulletins.py --corpus tuning --details

With --labels DIR (and --texts DIR, else the corpus's texts) it scores any folder of texts
against a folder of label files written by the same conventions, e.g. a new blind set kept
outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.bulletin import FACT_KINDS, TARGET, Fact, read_facts
from ingest.numbers import parse_text
from ingest.periods import parse_period
from ingest.readers import read_file
from ingest.records import Observation, ParsedFile

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "bulletins"
CORPUS_LABELS = ROOT / "tests" / "fixtures" / "corpus_texts"

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


# --- the real texts of the corpus -------------------------------------------------------------

# region, period ("2022-08" or "2022"), cumulative, value, unit, growth
CorpusKey = tuple[str, str, bool, float | None, str, float | None]


def corpus_texts() -> Path:
    """The corpus's texts folder: $STATSWH_CORPUS/texts, else ../shared/corpus/texts."""
    corpus = Path(os.environ.get("STATSWH_CORPUS", ROOT.parent / "shared" / "corpus"))
    return corpus / "texts"


@dataclass
class TextScore:
    """One text against its labels: counts, and what did not match."""

    text: str
    labelled: int
    read: int
    matched: int
    unread: int
    missed: list[dict[str, object]]
    spurious: list[Observation]


def observation_key(observation: Observation) -> CorpusKey:
    """An observation in the terms of the labels: a year is "YYYY", else the end month,
    cumulative when the period runs from January (1-6月, 一季度) and is not a single month.
    A single quarter after the first has no form in the labels: "YYYY-Qn", which no label
    matches (it must not pass for the quarter's last month)."""
    end = observation.period_end
    if observation.period_type == "year":
        period, cumulative = f"{end.year}", False
    elif observation.period_type == "quarter" and observation.period_start.month != 1:
        period, cumulative = f"{end.year}-Q{end.month // 3}", False
    else:
        period = f"{end.year}-{end.month:02d}"
        cumulative = observation.period_type != "month" and observation.period_start.month == 1
    return (
        observation.region_name,
        period,
        cumulative,
        _rounded(observation.value_published),
        (observation.unit_published or "") if observation.value_published is not None else "",
        _rounded(observation.yoy_growth_pct),
    )


def corpus_label_key(label: dict[str, object]) -> CorpusKey:
    value = label["value"]
    growth = label["growth_pct"]
    return (
        str(label["region"]),
        str(label["period"]),
        bool(label["cumulative"]),
        _rounded(float(value)) if value is not None else None,  # type: ignore[arg-type]
        str(label["unit"] or "") if value is not None else "",
        _rounded(float(growth)) if growth is not None else None,  # type: ignore[arg-type]
    )


def names_compatible(first: str, second: str) -> bool:
    """Indicator names name the same quantity: after removing spaces and punctuation, one
    contains the other, or they share at least half of their character bigrams."""
    a, b = _bare(first), _bare(second)
    if not a or not b:
        return a == b
    if a in b or b in a:
        return True
    bigrams_a, bigrams_b = _bigrams(a), _bigrams(b)
    shared = len(bigrams_a & bigrams_b)
    return shared * 2 >= min(len(bigrams_a), len(bigrams_b)) and shared > 0


def _bare(name: str) -> str:
    return re.sub(r"[\s\W_]+", "", name)


def _bigrams(name: str) -> set[str]:
    return {name[i : i + 2] for i in range(len(name) - 1)} or {name}


def score_text(text: str, parsed: ParsedFile, labels: list[dict[str, object]]) -> TextScore:
    """Match the reader's observations with the labels, each at most once."""
    remaining = list(labels)
    spurious = []
    for observation in parsed.observations:
        key = observation_key(observation)
        candidates = [label for label in remaining if corpus_label_key(label) == key]
        match = next(
            (
                label
                for label in candidates
                if names_compatible(observation.indicator_name, str(label["indicator"]))
            ),
            None,
        )
        if match is None:
            spurious.append(observation)
        else:
            remaining.remove(match)
    matched = len(labels) - len(remaining)
    return TextScore(
        text,
        len(labels),
        len(parsed.observations),
        matched,
        len(parsed.figures.unread),
        remaining,
        spurious,
    )


def evaluate_corpus(half: str, texts: Path | None = None) -> list[TextScore]:
    """Score every labelled text of one half (tuning or heldout) with the real reader."""
    return evaluate_labelled(CORPUS_LABELS / half, texts or corpus_texts())


def evaluate_labelled(labels: Path, texts: Path) -> list[TextScore]:
    """Score every text that has a label file in `labels` (<stem>.expected.json, naming
    its text) with the real reader; the texts are read from `texts`."""
    scores = []
    for labels_path in sorted(labels.glob("*.expected.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        parsed = read_file(texts / str(labels["text"]))
        scores.append(score_text(str(labels["text"]), parsed, labels["facts"]))
    return scores


def corpus_report(scores: list[TextScore], details: bool = False) -> str:
    """Per text: facts labelled, read, matched; unread numbers; then the totals."""
    lines = [f"{'labelled':>8}{'read':>6}{'matched':>8}{'unread':>7}  text"]
    for score in scores:
        lines.append(
            f"{score.labelled:>8}{score.read:>6}{score.matched:>8}{score.unread:>7}  {score.text}"
        )
    labelled = sum(score.labelled for score in scores)
    read = sum(score.read for score in scores)
    matched = sum(score.matched for score in scores)
    precision = matched / read if read else 1.0
    recall = matched / labelled if labelled else 1.0
    lines.append(
        f"{labelled:>8}{read:>6}{matched:>8}{sum(s.unread for s in scores):>7}  total: "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    if details:
        for score in scores:
            lines.extend(f"{score.text} missed: {label}" for label in score.missed)
            lines.extend(
                f"{score.text} spurious: {o.indicator_name} {observation_key(o)}"
                for o in score.spurious
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FIXTURES)
    parser.add_argument("--details", action="store_true", help="list every mismatch")
    parser.add_argument("--corpus", choices=("tuning", "heldout"), help="score the real texts")
    parser.add_argument("--labels", type=Path, help="score the texts of these label files")
    parser.add_argument("--texts", type=Path, help="where the texts are (with --labels)")
    arguments = parser.parse_args(argv)
    if arguments.corpus or arguments.labels:
        labels = arguments.labels or CORPUS_LABELS / arguments.corpus
        scores = evaluate_labelled(labels, arguments.texts or corpus_texts())
        print(corpus_report(scores, details=arguments.details))
        return 0
    print(report(evaluate(arguments.folder), details=arguments.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
