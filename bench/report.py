"""The printed table of a benchmark result: each figure beside its same-run baseline."""

from __future__ import annotations

from typing import Any


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if abs(seconds) < 10 else f"{seconds:.1f} s"


def _n(count: float) -> str:
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if count >= size:
            return f"{count / size:.1f}{suffix}"
    return f"{count:.0f}"


def table(result: dict[str, Any]) -> str:
    """The summary a reader compares against the aims, then where the time goes."""
    scale, figures = result["scale"], result["figures"]
    ingest, build = figures["ingest"], figures["build"]
    incremental, orchestration = figures["incremental"], figures["orchestration"]
    growth = figures["memory_growth"]
    low, high = result["history_months"]
    rows = [
        (
            f"ingest, {high} months ({_n(ingest['facts'])} facts)",
            f"{_s(ingest['seconds'])}: {_n(ingest['facts_per_second'])} facts/s, "
            f"{ingest['megabytes_per_second']:.2f} MB/s",
            f"calamine parse floor {_s(ingest['parse_floor_seconds'])}",
            f"{ingest['ratio_to_parse_floor']:.1f}x",
            f"{ingest['cpu_ratio_to_parse_floor']:.1f}x",
            "<= 2x",
        ),
        (
            "full dbt build (models + tests)",
            _s(build["seconds"]),
            f"engine floor (compiled SQL) {_s(build['engine_floor_seconds'])}",
            f"{build['ratio_to_engine_floor']:.2f}x",
            f"{build['cpu_ratio_to_engine_floor']:.2f}x",
            "<= 1.5x",
        ),
        (
            "incremental month (ingest + build)",
            _s(incremental["seconds"]),
            f"full build {_s(build['seconds'])}",
            f"{incremental['ratio_to_full_build']:.0%}",
            f"{incremental['cpu_ratio_to_full_build']:.0%}",
            "< 5% (national)",
        ),
    ]
    if "airflow_seconds" in orchestration:
        rows.append(
            (
                "monthly run under Airflow",
                _s(orchestration["airflow_seconds"]),
                f"same functions called directly {_s(orchestration['direct_seconds'])}",
                f"{orchestration['ratio']:.2f}x, +{orchestration['overhead_seconds']:.1f} s",
                f"+{orchestration['overhead_cpu_seconds']:.1f} s",
                "overhead < 30 s",
            )
        )
    rows.append(
        (
            f"peak memory, {low} -> {high} months",
            ", ".join(f"{stage} {ratio:.2f}x" for stage, ratio in growth.items()),
            f"same stage at {low} months",
            f"{max(growth.values()):.2f}x",
            "",
            "flat (1x)",
        )
    )
    header = ("measure", "figure", "baseline (same run)", "ratio", "cpu ratio", "aim")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        f"Stats Warehouse benchmark, scale {scale['name']}: {scale['counties']} counties x "
        f"{scale['indicators']} indicators x {scale['months']} months "
        f"({high} of history + 1 new), median of {result['repeat']}, "
        f"{result['machine']['cpus']} CPUs, commit {result['git_commit']}",
        "",
        *(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
            for row in [header, *rows]
        ),
        "",
        f"ingest: parsing (ingest.readers.read_file) {_s(ingest['read_files_seconds'])} "
        f"= {ingest['read_files_cpu_seconds'] / ingest['cpu_seconds']:.0%} of the ingest's CPU; "
        "the rest is the registry, archive and DuckDB load",
        f"build: dbt start-up and parse {_s(build['dbt_startup_and_parse_seconds'])}, "
        f"nodes {_s(build['dbt_elapsed_seconds'])} on 2 threads "
        f"(unit tests {_s(build['dbt_unit_test_seconds'])}); engine floor by kind: "
        + ", ".join(f"{kind} {_s(sec)}" for kind, sec in build["floor_seconds_by_kind"].items()),
        "monthly run, direct: "
        + ", ".join(f"{step} {_s(seconds)}" for step, seconds in incremental["steps"].items()),
        "peak memory (MiB): "
        + ", ".join(f"{stage} {mib:.0f}" for stage, mib in figures["memory_mib"].items()),
    ]
    return "\n".join(lines)
