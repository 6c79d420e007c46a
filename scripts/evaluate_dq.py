"""Precision and recall of the data-quality rules, per rule, on data with known anomalies.

Generates the sample (statswh.sample), then runs the real pipeline (ingest, build,
check) on two copies made by statswh.sample_anomalies: a clean one (the sample plus every
clean addition: rounding-boundary cases, a revision, a base revision) that must pass the
gate with no error, and one with anomalies of every rule type injected, whose gate must
fail on the injected errors. Prints a table per rule and exits non-zero when an injected
error is missed or the clean copy raises an error.

    python scripts/evaluate_dq.py [--workdir DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from statswh.sample_anomalies import Scenario, evaluate


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="keep the copies and warehouses here")
    parser.add_argument("--verbose", action="store_true", help="list every flag")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="statswh-evaluate-") as temporary:
        workdir = arguments.workdir or Path(temporary)
        clean, injected = evaluate(workdir)
    print(report(clean, arguments.verbose))
    print()
    print(report(injected, arguments.verbose))
    error_rules = [rule for rule in injected.scores if rule.severity == "error"]
    problems = [
        f"{rule.rule_code}: recall {_ratio(rule.recall)} on injected errors"
        for rule in error_rules
        if rule.recall != 1.0
    ]
    if clean.errors:
        problems.append(f"{len(clean.errors)} errors on clean data: {sorted(clean.errors)}")
    if not clean.gate_passed:
        problems.append("the gate failed on clean data")
    if injected.gate_passed:
        problems.append("the gate passed despite injected errors")
    print()
    print("\n".join(problems) or "OK: every injected error found, none on clean data.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
