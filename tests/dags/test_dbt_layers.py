"""The DAG's per-layer dbt steps build every node of the project exactly once, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from statswh.orchestration import DBT_LAYERS, layer_selection
from statswh.pipeline import selection_arguments
from statswh.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.integration


def _ls(*arguments: str, target: Path) -> list[str]:
    """`dbt ls` in this process: what a `dbt build` with the same selection would run."""
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        [
            "ls", "--quiet", "--no-send-anonymous-usage-stats",
            "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(target),
            "--resource-type", "seed", "model", "test", "unit_test", "snapshot",
            *arguments,
        ]
    )  # fmt: skip
    assert result.success, result.exception
    return list(result.result)


def test_the_layers_partition_the_project(tmp_path: Path) -> None:
    everything = _ls(target=tmp_path)
    steps = {
        layer: _ls(*selection_arguments(*layer_selection(layer)), target=tmp_path)
        for layer, _ in DBT_LAYERS
    }
    built = [node for nodes in steps.values() for node in nodes]
    assert sorted(built) == sorted(everything), "a node is built twice or never"
    assert all(steps.values()), f"an empty step: {steps}"
    model_folders = (".staging.", ".intermediate.", ".marts.", ".dq.")
    assert not any(f in node for node in steps["reference"] for f in model_folders), (
        "seeds and their tests only"
    )
    assert any(".marts." in node for node in steps["marts"])
