"""The history-length series: the full build at several lengths of the same history.

The same counties and indicators, the most recent 36, 72 and 120 months (say) of one
generated history, each ingested into its own warehouse and then built in full the way
the main benchmark builds (`dbt build --full-refresh` over a previous build). If the
build's cost grows linearly with the history, its CPU time per added month (the slope)
is the same between every two lengths; if a model's work grows with the square of a
series' length, the later slopes are larger.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from bench.home import prepare_home
from bench.runner import (
    MIB,
    REPO,
    Runner,
    Workspace,
    environment,
    git_commit,
    prepare_data,
    ratio,
)
from bench.scales import Scale

Result = dict[str, Any]


def fit_line(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """Least-squares slope and intercept of ys against xs (at least two distinct xs)."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return slope, mean_y - slope * mean_x


def history_series(
    scale: Scale,
    months_series: Sequence[int],
    work: Path,
    *,
    repeat: int,
    jobs: int | None = None,
    log: Callable[[str], None] = print,
) -> Result:
    """Measure the full build at each history length; return rows, slopes and samples."""
    lengths = sorted(set(months_series))
    scale = replace(scale, months=lengths[-1])
    space = Workspace(work)
    work.mkdir(parents=True, exist_ok=True)
    log(f"[{scale.name}] data ({lengths[-1]} months) ...")
    data, generated_layout = prepare_data(scale, space, jobs)
    home = prepare_home(REPO, space.home, generated_layout)
    runner = Runner(environment(work, home, space.landing), log)
    run_warehouse = space.warehouse("run")
    runner.env = {**runner.env, "STATSWH_WAREHOUSE": str(run_warehouse)}
    on_run = {"warehouse": str(run_warehouse), "landing": str(space.landing)}
    facts: dict[int, int] = {}
    built: list[int] = []
    for months in lengths:
        log(f"[{scale.name}] {months} months: ingest and first build (setup) ...")
        files = [path for month in data.months[-months:] for path in data.files[month]]
        raw = space.fresh(f"raw-{months}")
        facts[months] = runner.stage(
            f"ingest, {months} months (setup)", "ingest", files=files, warehouse=str(raw)
        )["facts"]
        space.fresh("run", f"raw-{months}")
        if runner.stage(f"first build, {months} months", "build", optional=True, **on_run):
            shutil.rmtree(work / f"built-{months}", ignore_errors=True)
            shutil.copytree(work / "run", work / f"built-{months}")
            built.append(months)

    def full_build(months: int) -> Callable[[int], Result]:
        def measure(r: int) -> Result:
            space.fresh("run", f"built-{months}")
            return runner.stage(f"full build, {months} months", "build", optional=True, **on_run)

        return measure

    log(f"[{scale.name}] full builds at {', '.join(map(str, built))} months ...")
    runner.rotate(repeat, *(full_build(months) for months in built))
    for name in ("run", *(f"{kind}-{m}" for kind in ("raw", "built") for m in lengths)):
        shutil.rmtree(work / name, ignore_errors=True)
    return {
        "scale": asdict(scale),
        "months_series": lengths,
        "repeat": repeat,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "git_commit": git_commit(),
        "rows": series_rows(runner, lengths, facts),
        "failures": runner.failures,
        "samples": runner.samples,
    }


def series_rows(runner: Runner, lengths: list[int], facts: dict[int, int]) -> list[Result]:
    """One row per history length: the full build's medians, peaks and failures."""
    rows = []
    for months in lengths:
        label = f"full build, {months} months"
        setup = f"first build, {months} months"
        spills = [runner.peak(name, "spill_peak_bytes") for name in (label, setup)]
        spill = max((s for s in spills if s is not None), default=None)
        warehouse = runner.peak(label, "warehouse_bytes") or runner.peak(setup, "warehouse_bytes")
        rows.append(
            {
                "months": months,
                "facts": facts[months],
                "seconds": runner.median(label),
                "cpu_seconds": runner.median(label, "cpu_seconds"),
                "peak_rss_mib": runner.peak(label),
                "spill_peak_mib": None if spill is None else spill / MIB,
                "warehouse_mib": None if warehouse is None else warehouse / MIB,
                "failed": [
                    message for name in (setup, label) for message in runner.failures.get(name, [])
                ],
            }
        )
    return rows


FIGURES = ("seconds", "cpu_seconds", "peak_rss_mib", "spill_peak_mib")


def slopes(rows: list[Result]) -> Result:
    """Per figure: the ratio of each row to the first, the least-squares slope per month,
    and the slope of each segment between two lengths (equal segments: linear cost)."""
    result: Result = {}
    for figure in FIGURES:
        points = [(row["months"], row[figure]) for row in rows if row[figure] is not None]
        first = points[0][1] if points else None
        entry: Result = {
            "ratios": {months: ratio(value, first) for months, value in points},
            "slope_per_month": None,
            "intercept": None,
            "segment_slopes": [],
        }
        if len(points) >= 2:
            xs, ys = zip(*points, strict=True)
            entry["slope_per_month"], entry["intercept"] = fit_line(xs, ys)
            entry["segment_slopes"] = [
                {"from": a, "to": b, "slope_per_month": (vb - va) / (b - a)}
                for (a, va), (b, vb) in itertools.pairwise(points)
            ]
        result[figure] = entry
    return result
