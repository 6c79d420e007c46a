"""The bulletin reader against the hand-labelled bulletins (scripts/evaluate_bulletins.py)."""

from __future__ import annotations

import json
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


def test_a_folder_of_texts_is_scored_against_a_folder_of_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--labels DIR --texts DIR: a blind set kept outside the repository; a single quarter
    after the first matches no label (it has no form in them)."""
    texts, labels = tmp_path / "texts", tmp_path / "labels"
    texts.mkdir()
    labels.mkdir()
    name = "川江区2023年前三季度经济运行情况.txt"
    (texts / name).write_text(
        "前三季度，全区地区生产总值300.5亿元，同比增长5.1%。分季度看，一季度增长4.8%，"
        "三季度增长5.3%。\n",
        encoding="utf-8",
    )
    fields = ("period", "cumulative", "value", "unit", "growth_pct")
    facts = [
        {"region": "川江区", "indicator": "地区生产总值", **dict(zip(fields, row, strict=True))}
        for row in [
            ("2023-09", True, 300.5, "亿元", 5.1),
            ("2023-03", True, None, "", 4.8),
            ("2023-09", False, None, "", 5.3),  # a label of September alone: no match
        ]
    ]
    label = {"text": name, "year_note": "file name", "facts": facts}
    (labels / "川江区.expected.json").write_text(json.dumps(label, ensure_ascii=False), "utf-8")

    assert main(["--labels", str(labels), "--texts", str(texts), "--details"]) == 0

    output = capsys.readouterr().out
    assert "3     3       2      0  total: precision 0.667, recall 0.667" in output
    assert "'2023-Q3', False, None, '', 5.3)" in output
