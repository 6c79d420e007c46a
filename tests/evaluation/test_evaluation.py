"""The evaluation: every injected anomaly found, no error on clean data (scripts/evaluate_dq.py)."""

from __future__ import annotations

import pytest

from evaluation.runner import evaluate
from evaluation.scoring import Scenario

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, Scenario]:
    return evaluate(tmp_path_factory.mktemp("evaluation"))


def test_no_error_on_clean_data_and_the_gate_passes(scenarios: tuple[Scenario, Scenario]) -> None:
    clean, _ = scenarios
    assert clean.errors == set()
    assert clean.gate_passed
    assert set(clean.flagged) == set(clean.expected)


def test_every_injected_error_is_found_and_stops_publishing(
    scenarios: tuple[Scenario, Scenario],
) -> None:
    _, injected = scenarios
    errors = [rule for rule in injected.scores if rule.severity == "error"]
    assert errors and all(rule.recall == 1.0 for rule in errors)
    assert not injected.gate_passed


def test_every_rule_finds_what_was_injected_and_nothing_else(
    scenarios: tuple[Scenario, Scenario],
) -> None:
    _, injected = scenarios
    assert sorted(set(injected.expected) - set(injected.flagged)) == []
    assert sorted(set(injected.flagged) - set(injected.expected)) == []
    assert all(rule.expected > 0 for rule in injected.scores)
