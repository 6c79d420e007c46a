"""Precision and recall of the data-quality rules, per rule, on data with known anomalies.

Generates the sample (samples), then runs the real pipeline (ingest, build,
check) on two copies made by evaluation.injections: a clean one (the sample plus every
clean addition: rounding-boundary cases, a revision, a base revision) that must pass the
gate with no error, and one with anomalies of every rule type injected, whose gate must
fail on the injected errors and on nothing else. A third scenario
(evaluation.layout_scenario) writes two years of monthly figures in two layouts of real
bureau tables, with five anomalies of five kinds, so the rules are scored on files the
sample generator did not shape. Prints a table per rule and exits non-zero when an
injected error is missed, an error is raised where none was injected, or an anomaly
injected in the corpus layouts is missed.

    python scripts/evaluate_dq.py [--workdir DIR] [--verbose] [--layouts-only]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from evaluation.layout_scenario import evaluate_corpus_layouts
from evaluation.runner import evaluate
from evaluation.scoring import Scenario


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def report(scenario: Scenario, verbose: bool) -> str:
    lines = [
        f"{scenario.name}: gate {'passed' if scenario.gate_passed else 'failed'}, "
        f"{len(scenario.flagged)} flagged, {len(scenario.expected)} expected",
        f"  {'rule_code':<24} {'severity':<8} {'expected':>8} {'flagged':>8} {'found':>6} "
        f"{'precision':>9} {'recall':>7}",
    ]
    for rule in scenario.scores:
        lines.append(
            f"  {rule.rule_code:<24} {rule.severity:<8} {rule.expected:>8} {rule.flagged:>8} "
            f"{rule.found:>6} {_ratio(rule.precision):>9} {_ratio(rule.recall):>7}"
        )
    missed = sorted(set(scenario.expected) - set(scenario.flagged))
    unexpected = sorted(set(scenario.flagged) - set(scenario.expected))
    if verbose or missed or unexpected:
        lines += [f"  missed: {flag} ({scenario.expected[flag]})" for flag in missed]
        lines += [f"  not expected: {flag}" for flag in unexpected]
    return "\n".join(lines)


def sample_problems(clean: Scenario, injected: Scenario) -> list[str]:
    """What went wrong on the sample's copies: an injected error missed, an error raised
    on clean data or where nothing was injected."""
    problems = [
        f"{rule.rule_code}: recall {_ratio(rule.recall)} on injected errors"
        for rule in injected.scores
        if rule.severity == "error" and rule.recall != 1.0
    ]
    if clean.errors:
        problems.append(f"{len(clean.errors)} errors on clean data: {sorted(clean.errors)}")
    if not clean.gate_passed:
        problems.append("the gate failed on clean data")
    if injected.gate_passed:
        problems.append("the gate passed despite injected errors")
    if unexpected := injected.errors - set(injected.expected):
        problems.append(f"{len(unexpected)} errors nobody injected: {sorted(unexpected)}")
    return problems


def layout_problems(layouts: Scenario) -> list[str]:
    """What went wrong in the corpus layouts: a missed anomaly, an error nobody injected."""
    problems = []
    if missed := set(layouts.expected) - set(layouts.flagged):
        problems.append(f"{len(missed)} anomalies in the corpus layouts missed")
    if unexpected := layouts.errors - set(layouts.expected):
        problems.append(f"{len(unexpected)} unexpected errors in the corpus layouts")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="keep the copies and warehouses here")
    parser.add_argument("--verbose", action="store_true", help="list every flag")
    parser.add_argument(
        "--layouts-only",
        action="store_true",
        help="score only the corpus-layout scenario (one warehouse instead of three)",
    )
    arguments = parser.parse_args(argv)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="statswh-evaluate-") as temporary:
        workdir = arguments.workdir or Path(temporary)
        scenarios = []
        if not arguments.layouts_only:
            clean, injected = evaluate(workdir)
            scenarios += [clean, injected]
            problems += sample_problems(clean, injected)
        layouts = evaluate_corpus_layouts(workdir)
        scenarios.append(layouts)
        problems += layout_problems(layouts)
    for scenario in scenarios:
        print(report(scenario, arguments.verbose))
        print()
    print(
        "\n".join(problems)
        or "OK: every injected error and corpus-layout anomaly found, no error on clean data."
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
