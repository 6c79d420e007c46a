"""The printed table of a benchmark result: each figure beside its same-run baseline."""

from __future__ import annotations

from typing import Any


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _n(count: float) -> str:
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if count >= size:
            return f"{count / size:.1f}{suffix}"
    return f"{count:.0f}"


def table(result: dict[str, Any]) -> str:
    """The summary a reader compares against the aims (ratios first, then where time goes)."""
    scale, figures = result["scale"], result["figures"]
    ingest, build = figures["ingest"], figures["build"]
    incremental, orchestration = figures["incremental"], figures["orchestration"]
    growth = figures["memory_growth"]
    months = figures["history_months"]
    rows = [
        (
            f"ingest, {months} months ({_n(ingest['facts'])} facts)",
            f"{_s(ingest['seconds'])}: {_n(ingest['facts_per_second'])} facts/s, "
            f"{ingest['megabytes_per_second']:.2f} MB/s",
            f"calamine parse floor {_s(ingest['parse_floor_seconds'])}",
            f"{ingest['ratio_to_parse_floor']:.2f}x",
            "<= 2x",
        ),
        (
            "full dbt build (models + tests)",
            _s(build["seconds"]),
            f"engine floor (compiled SQL) {_s(build['engine_floor_seconds'])}",
            f"{build['ratio_to_engine_floor']:.2f}x",
            "<= 1.5x",
        ),
        (
            "incremental month (ingest + build)",
            _s(incremental["seconds"]),
            f"full build {_s(build['seconds'])}",
            f"{incremental['ratio_to_full_build']:.1%}",
            "< 5% (national)",
        ),
    ]
    if "airflow_seconds" in orchestration:
        rows.append(
            (
                "monthly run under Airflow",
                _s(orchestration["airflow_seconds"]),
                f"same functions called directly {_s(orchestration['direct_seconds'])}",
                f"{orchestration['ratio']:.2f}x (+{orchestration['overhead_seconds']:.1f} s)",
                "overhead < 30 s",
            )
        )
    low, high = growth["months"]
    rows.append(
        (
            f"peak memory, {low} -> {high} months",
            f"ingest {growth['ingest']:.2f}x, build {growth['build']:.2f}x, "
            f"check {growth['check']:.2f}x",
            f"same stage at {low} months",
            f"{max(growth['ingest'], growth['build'], growth['check']):.2f}x",
            "flat (~1x)",
        )
    )
    header = ("measure", "figure", "baseline (same run)", "ratio", "aim")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        f"Stats Warehouse benchmark, scale {scale['name']}: {scale['counties']} counties x "
        f"{scale['indicators']} indicators x {scale['months']} months "
        f"({months} of history + 1 new), median of {result['repeat']}, "
        f"{result['machine']['cpus']} CPUs, commit {result['git_commit']}",
        "",
        "  ".join(text.ljust(width) for text, width in zip(header, widths, strict=True)),
    ]
    lines += [
        "  ".join(str(text).ljust(w) for text, w in zip(row, widths, strict=True)) for row in rows
    ]
    steps = ", ".join(f"{step} {_s(seconds)}" for step, seconds in incremental["steps"].items())
    lines += [
        "",
        f"build: dbt start-up and parse {_s(build['dbt_startup_and_parse_seconds'])}, "
        f"node time {_s(build['dbt_node_seconds'])} over 2 threads "
        f"(unit tests {_s(build['dbt_unit_test_seconds'])}); floor by kind: "
        + ", ".join(f"{kind} {_s(sec)}" for kind, sec in build["floor_seconds_by_kind"].items()),
        f"monthly run, direct: {steps}",
        "peak memory (MiB): "
        + ", ".join(f"{stage} {mib:.0f}" for stage, mib in figures["memory_mib"].items()),
    ]
    return "\n".join(lines)
