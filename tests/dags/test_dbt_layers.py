"""The DAG's per-layer dbt steps build every node of the project exactly once, in order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from statswh.orchestration import DBT_LAYERS, layer_selection
from statswh.pipeline import selection_arguments
from statswh.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.integration

# What a monthly build runs: dbt's unit tests are left out (statswh.pipeline.build).
RESOURCES = ("seed", "model", "test", "snapshot")


def _ls(*arguments: str, target: Path, resources: tuple[str, ...] = RESOURCES) -> list[str]:
    """`dbt ls`, run as the pipeline runs `dbt build`: what a build with the same selection
    would run, as `resource_type:name` lines."""
    completed = subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")), "ls", "--quiet",
            "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(target), "--output", "json",
            "--output-keys", "resource_type", "unique_id",
            "--resource-type", *resources, *arguments,
        ],
        capture_output=True, text=True, check=True,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"},
    )  # fmt: skip
    return [line for line in completed.stdout.splitlines() if line.startswith("{")]


def test_the_layers_partition_the_project(tmp_path: Path) -> None:
    everything = _ls(target=tmp_path)
    steps = {
        layer: _ls(*selection_arguments(*layer_selection(layer)), target=tmp_path)
        for layer, _ in DBT_LAYERS
    }
    built = [node for nodes in steps.values() for node in nodes]
    assert sorted(built) == sorted(everything), "a node is built twice or never"
    assert all(steps.values()), f"an empty step: {steps}"
    seeds = _ls(target=tmp_path, resources=("seed",))
    assert set(seeds) <= set(steps["reference"]), "every seed is built first"
    assert not [node for node in steps["reference"] if '"model"' in node], "no model with seeds"
    assert any("model.stats_warehouse.fct_" in node for node in steps["marts"])
