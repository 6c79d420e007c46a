"""Precision and recall of each rule of the catalogue against a scenario's ground truth."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from evaluation.truth import FlagKey
from statswh.rule_catalogue import load_rules


@dataclass(frozen=True)
class RuleScore:
    """How one rule did against the ground truth."""

    rule_code: str
    severity: str
    expected: int
    flagged: int
    found: int  # flagged and expected

    @property
    def precision(self) -> float | None:
        return self.found / self.flagged if self.flagged else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None


def score(expected: Iterable[FlagKey], flagged: Iterable[FlagKey]) -> list[RuleScore]:
    """Precision and recall per rule of the catalogue (every rule listed, flagged or not)."""
    expected, flagged = set(expected), set(flagged)
    return [
        RuleScore(
            code,
            rule.severity,
            expected=sum(flag[0] == code for flag in expected),
            flagged=sum(flag[0] == code for flag in flagged),
            found=sum(flag[0] == code for flag in expected & flagged),
        )
        for code, rule in load_rules().items()
    ]


@dataclass(frozen=True)
class Scenario:
    """One pipeline run over a scenario's landing folder, and what its checks flagged."""

    name: str
    gate_passed: bool
    expected: dict[FlagKey, str]  # flag -> the injection that causes it
    flagged: dict[FlagKey, str]  # flag -> severity

    @property
    def scores(self) -> list[RuleScore]:
        return score(self.expected, self.flagged)

    @property
    def errors(self) -> set[FlagKey]:
        return {flag for flag, severity in self.flagged.items() if severity == "error"}
