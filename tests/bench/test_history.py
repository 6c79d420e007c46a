"""The history-length series: its slopes, its table, and a tiny run end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.history import fit_line, slopes
from bench.report import history_table

PROJECT = Path(__file__).resolve().parents[2]


def row(months: int, cpu: float, spill: float | None = 0.0) -> dict:
    return {
        "months": months,
        "facts": months * 10,
        "seconds": cpu * 2,
        "cpu_seconds": cpu,
        "peak_rss_mib": 100.0 + months,
        "spill_peak_mib": spill,
        "warehouse_mib": months / 10,
        "failed": [],
    }


def test_fit_line_recovers_a_line() -> None:
    slope, intercept = fit_line([36, 72, 120], [5 + 0.5 * m for m in (36, 72, 120)])
    assert slope == pytest.approx(0.5)
    assert intercept == pytest.approx(5.0)


def test_linear_cost_has_equal_segment_slopes_and_quadratic_cost_growing_ones() -> None:
    linear = slopes([row(m, 3 + 0.25 * m) for m in (36, 72, 120)])["cpu_seconds"]
    assert [s["slope_per_month"] for s in linear["segment_slopes"]] == pytest.approx([0.25, 0.25])
    assert linear["ratios"][36] == 1.0
    assert linear["ratios"][120] == pytest.approx((3 + 30) / (3 + 9))

    quadratic = slopes([row(m, 0.01 * m * m) for m in (36, 72, 120)])["cpu_seconds"]
    first, second = (s["slope_per_month"] for s in quadratic["segment_slopes"])
    assert second / first == pytest.approx((72 + 120) / (36 + 72))


def test_a_failed_length_is_left_out_of_the_fit() -> None:
    rows = [row(36, 10.0), row(72, 20.0), {**row(120, 0.0), "cpu_seconds": None}]
    entry = slopes(rows)["cpu_seconds"]
    assert set(entry["ratios"]) == {36, 72}
    assert entry["slope_per_month"] == pytest.approx(10 / 36)


def test_the_table_has_a_row_per_length_with_ratios_to_the_first() -> None:
    rows = [row(36, 10.0), row(72, 20.0), row(120, 33.0, spill=None)]
    rows[2]["failed"] = ["first build, 120 months: Out of Memory Error"]
    result = {
        "scale": {"counties": 20, "indicators": 30},
        "rows": rows,
        "repeat": 2,
        "machine": {"cpus": 2},
        "git_commit": "abc1234",
        "failures": {"first build, 120 months": ["... Out of Memory Error: failed to pin"]},
    }
    lines = history_table(result, slopes(rows)).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("months"))
    body = lines[header + 1 : header + 4]
    assert [line.split()[0] for line in body] == ["36", "72", "120"]
    assert "10.0 s (1.00x)" in body[0] and "20.0 s (2.00x)" in body[1]
    assert body[2].endswith("yes") and "n/a" in body[2]
    assert any(line.startswith("cpu_seconds: fitted") for line in lines)
    assert lines[-1].startswith("FAILED first build, 120 months:")
    assert "Out of Memory Error" in lines[-1]


@pytest.mark.integration
def test_a_tiny_history_series_measures_every_length(tmp_path: Path) -> None:
    out = tmp_path / "history.json"
    arguments = ["--scale", "province", "--counties", "3", "--indicators", "4"]
    arguments += ["--months-series", "6,12", "--repeat", "1"]
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            *arguments,
            "--work",
            str(tmp_path / "w"),
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
    rows = result["rows"]
    assert [r["months"] for r in rows] == [6, 12]
    assert rows[0]["facts"] == 3 * 4 * 6  # July to December: no January withheld
    assert rows[0]["facts"] < rows[1]["facts"] <= 3 * 4 * 12
    for measured in rows:
        assert measured["failed"] == []
        assert measured["cpu_seconds"] > 0 and measured["seconds"] > 0
        assert measured["peak_rss_mib"] > 0 and measured["warehouse_mib"] > 0
        assert measured["spill_peak_mib"] >= 0
    assert result["slopes"]["cpu_seconds"]["slope_per_month"] is not None
    assert "slope per month" in completed.stdout
    header = next(line for line in completed.stdout.splitlines() if line.startswith("months"))
    assert header.split()[:5] == ["months", "facts", "full", "build", "wall"]
    lines = completed.stdout.splitlines()
    body = lines[lines.index(header) + 1 : lines.index(header) + 3]
    assert [line.split()[:2] for line in body] == [["6", "(1.00x)"], ["12", "(2.00x)"]]
