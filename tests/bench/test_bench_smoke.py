"""The benchmark harness end to end at a tiny scale: it runs and writes its JSON.

No timing is asserted: timings on a shared machine say nothing in a test. Airflow is
left out to keep it short (tests/dags runs the DAG; `make bench` runs the comparison).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

PROJECT = Path(__file__).resolve().parents[2]


def test_bench_runs_at_a_tiny_scale_and_writes_its_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--scale",
            "province",
            "--counties",
            "2",
            "--indicators",
            "3",
            "--months",
            "3",
            "--repeat",
            "1",
            "--no-airflow",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    figures = result["figures"]
    assert figures["ingest"]["facts"] == 2 * 3 * 2  # counties x indicators x history months
    assert figures["build"]["statuses"].get("error", 0) == 0
    assert set(figures["incremental"]["steps"]) == {"ingest", "build", "check", "publish"}
    assert figures["orchestration"]["direct_seconds"] > 0
    assert "ingest" in figures["memory_mib"]
    # each monthly step measured alone at the whole history and at half of it
    for step in ("ingest", "build", "check", "publish"):
        assert figures["memory_mib"][f"month {step}"] > 0
        assert figures["memory_growth"][f"month {step}"] > 0
    assert "calamine parse floor" in completed.stdout
    spill = figures["spill_mib"]["full build"]
    assert spill["spill_peak"] >= 0 and spill["warehouse"] > 0
    assert "DuckDB spill (peak temp files) vs warehouse" in completed.stdout
