"""The bulletin reader against the hand-labelled bulletins (scripts/evaluate_bulletins.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scripts.evaluate_bulletins import FIXTURES, evaluate, main

MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def test_the_labelled_set_is_large_and_varied() -> None:
    evaluation = evaluate()
    assert evaluation.documents >= 12
    assert evaluation.overall.labelled >= 150
    assert all(tally.labelled > 0 for tally in evaluation.by_kind.values())
    suffixes = {path.suffix for path in FIXTURES.iterdir()}
    assert {".txt", ".html", ".htm", ".yaml"} <= suffixes


def test_precision_and_recall_overall_and_on_the_held_out_documents() -> None:
    evaluation = evaluate()
    for name, tally in [("overall", evaluation.overall), *evaluation.by_set.items()]:
        assert tally.precision >= MIN_PRECISION, (name, tally)
        assert tally.recall >= MIN_RECALL, (name, tally)


def test_a_wrong_label_costs_precision_and_recall(tmp_path: Path) -> None:
    """The evaluation compares with the labels: a label the text does not support fails."""
    name = "chuanjiang_2022_communique"
    shutil.copy(FIXTURES / f"{name}.txt", tmp_path)
    labels = yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    first = labels["facts"][0]
    assert (first["indicator"], first["value"]) == ("地区生产总值", "349.8")
    first["value"] = "349.80"  # two decimals: not how the text publishes it
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), "utf-8")

    evaluation = evaluate(tmp_path)

    assert evaluation.overall.matched == evaluation.overall.labelled - 1
    assert evaluation.overall.precision < 1 and evaluation.overall.recall < 1
    [missed] = evaluation.missed[f"{name}.txt"]
    assert missed[:2] == ("level", "地区生产总值")


def test_the_script_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    output = capsys.readouterr().out
    assert "precision" in output and "held_out" in output and "overall" in output
