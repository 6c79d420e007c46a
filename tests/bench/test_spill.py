"""DuckDB's spill is measured where DuckDB writes it, and the stages never raise its limit."""

from __future__ import annotations

import json
import time
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from bench.runner import MEMORY_LIMIT_VARIABLE, environment
from bench.spill import SpillSampler, folder_bytes, spill_folder, warehouse_bytes
from bench.stages import failed_nodes


def test_a_sort_larger_than_the_memory_limit_spills_into_the_sampled_folder(
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "stats.duckdb"
    with (
        SpillSampler(spill_folder(warehouse), interval=0.01) as sampler,
        closing(duckdb.connect(str(warehouse), config={"memory_limit": "30MB"})) as connection,
    ):
        connection.execute("set threads = 1")
        connection.execute(
            "create table sorted as select md5(i::varchar) as key from range(1500000) t(i) "
            "order by key"
        )
    assert sampler.peak_bytes > 1_000_000
    assert warehouse_bytes(warehouse) > 0


def test_the_sampler_keeps_the_largest_size_it_saw(tmp_path: Path) -> None:
    folder = tmp_path / "spill"
    with SpillSampler(folder, interval=0.01) as sampler:
        folder.mkdir()
        (folder / "block").write_bytes(b"x" * 50_000)
        for _ in range(500):  # until the thread's next sample has seen the file
            if sampler.peak_bytes:
                break
            time.sleep(0.01)
        (folder / "block").unlink()
    assert sampler.peak_bytes == 50_000
    assert folder_bytes(folder) == 0
    assert folder_bytes(tmp_path / "missing") == 0


def test_the_stages_run_with_the_default_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, "14GB")
    env = environment(tmp_path, tmp_path / "home", tmp_path / "landing")
    assert MEMORY_LIMIT_VARIABLE not in env
    assert env["STATSWH_HOME"] == str(tmp_path / "home")


def test_a_failed_build_reports_each_failed_node_with_duckdbs_message(tmp_path: Path) -> None:
    run_results = tmp_path / "run_results.json"
    message = "Out of Memory Error: failed to pin block of size 256.0 KiB (3.7 GiB/3.7 GiB used)"
    run_results.write_text(
        json.dumps(
            {
                "results": [
                    {"unique_id": "model.p.dq_outlier", "status": "error", "message": message},
                    {"unique_id": "model.p.dim_region", "status": "success", "message": "OK"},
                ]
            }
        ),
        encoding="utf-8",
    )
    assert failed_nodes(run_results) == f"model.p.dq_outlier: {message}"
    assert failed_nodes(tmp_path / "missing.json") == "(no run_results.json)"
