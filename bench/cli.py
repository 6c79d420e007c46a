"""Command line of the benchmark: choose a scale, run it, print the table, write the JSON."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench.history import history_series, slopes
from bench.report import history_table, table
from bench.runner import REPO, StageFailed, benchmark
from bench.scales import SCALES


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _lengths(text: str) -> list[int]:
    lengths = sorted({int(part) for part in text.split(",")})
    if len(lengths) < 2 or lengths[0] < 3:
        raise argparse.ArgumentTypeError("two or more lengths, each at least 3 months")
    return lengths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="district")
    parser.add_argument(
        "--fraction",
        type=float,
        help="generate only this fraction of the scale's counties (e.g. 0.1 for a national slice)",
    )
    parser.add_argument("--counties", type=int, help="override the scale's number of counties")
    parser.add_argument("--indicators", type=int, help="override the number of indicators")
    parser.add_argument("--months", type=int, help="override the number of months (>= 3)")
    parser.add_argument(
        "--months-series",
        type=_lengths,
        help="instead of the benchmark, the full build at these history lengths of the same "
        "counties and indicators (e.g. 36,72,120), with ratios and slopes per month",
    )
    parser.add_argument("--repeat", type=int, default=3, help="repeats per measurement (median)")
    parser.add_argument("--jobs", type=int, help="processes generating workbooks (default: CPUs)")
    parser.add_argument("--no-airflow", action="store_true", help="skip the Airflow comparison")
    parser.add_argument("--work", type=Path, help="working folder (default warehouse/bench/SCALE)")
    parser.add_argument(
        "--out", type=Path, help="JSON file (default warehouse/bench/bench-SCALE.json)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one scale; exit non-zero with the failing stage's output if anything fails."""
    arguments = _parser().parse_args(argv)
    scale = SCALES[arguments.scale]
    overrides = {
        key: value
        for key in ("counties", "indicators", "months")
        if (value := getattr(arguments, key)) is not None
    }
    if scale.name == "district" and (overrides or arguments.fraction):
        print(
            "python -m bench: the district scale is the demo sample; it has no size options",
            file=sys.stderr,
        )
        return 2
    series = arguments.months_series
    if series and (scale.name == "district" or arguments.months):
        print(
            "python -m bench: --months-series needs a generated scale and no --months",
            file=sys.stderr,
        )
        return 2
    if overrides:
        scale = replace(scale, name=f"{scale.name}-custom", **overrides)
    if arguments.fraction:
        scale = scale.sliced(arguments.fraction)
    if series:
        scale = replace(scale, name=f"{scale.name}-history")
    if scale.months < 3:
        print("python -m bench: --months must be at least 3", file=sys.stderr)
        return 2
    work = arguments.work or REPO / "warehouse" / "bench" / scale.name
    out = arguments.out or REPO / "warehouse" / "bench" / f"bench-{scale.name}.json"
    started = time.perf_counter()
    try:
        if series:
            result = history_series(
                scale,
                series,
                work.resolve(),
                repeat=arguments.repeat,
                jobs=arguments.jobs,
                log=_log,
            )
            result["slopes"] = slopes(result["rows"])
        else:
            result = benchmark(
                scale,
                work.resolve(),
                repeat=arguments.repeat,
                jobs=arguments.jobs,
                airflow=not arguments.no_airflow,
                log=_log,
            )
    except StageFailed as error:
        print(f"python -m bench: stage failed: {error}", file=sys.stderr)
        return 1
    result["total_seconds"] = time.perf_counter() - started
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(history_table(result, result["slopes"]) if series else table(result))
    print(f"\n(total {result['total_seconds']:.0f} s; figures and samples in {out})")
    return 0
