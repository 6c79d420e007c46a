"""The printed table of a benchmark result: each figure beside its same-run baseline."""

from __future__ import annotations

from typing import Any

NA = "n/a"


def _s(seconds: float | None) -> str:
    if seconds is None:
        return NA
    return f"{seconds:.2f} s" if abs(seconds) < 10 else f"{seconds:.1f} s"


def _n(count: float | None) -> str:
    if count is None:
        return NA
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if count >= size:
            return f"{count / size:.1f}{suffix}"
    return f"{count:.0f}"


def _x(ratio: float | None, spec: str = ".1f") -> str:
    return NA if ratio is None else f"{ratio:{spec}}x"


def _pct(ratio: float | None) -> str:
    return NA if ratio is None else f"{ratio:.0%}"


def _plus(seconds: float | None) -> str:
    return NA if seconds is None else f"{seconds:+.1f} s"


def table(result: dict[str, Any]) -> str:
    """The summary a reader compares against the aims, then where the time goes."""
    scale, figures = result["scale"], result["figures"]
    ingest, build = figures["ingest"], figures["build"]
    incremental, orchestration = figures["incremental"], figures["orchestration"]
    growth = figures["memory_growth"]
    low, high = result["history_months"]
    rate = ingest["megabytes_per_second"]
    rows = [
        ("measure", "figure", "baseline (same run)", "ratio", "cpu ratio", "aim"),
        (
            f"ingest, {high} months ({_n(ingest['facts'])} facts)",
            f"{_s(ingest['seconds'])}: {_n(ingest['facts_per_second'])} facts/s, "
            + (NA if rate is None else f"{rate:.2f} MB/s"),
            f"calamine parse floor {_s(ingest['parse_floor_seconds'])}",
            _x(ingest["ratio_to_parse_floor"]),
            _x(ingest["cpu_ratio_to_parse_floor"]),
            "<= 2.5x wall (2 processes), <= 4x cpu",
        ),
        (
            "full dbt build (models + tests)",
            _s(build["seconds"]),
            f"engine floor (compiled SQL) {_s(build['engine_floor_seconds'])}",
            _x(build["ratio_to_engine_floor"], ".2f"),
            _x(build["cpu_ratio_to_engine_floor"], ".2f"),
            "<= 1.5x",
        ),
        (
            "incremental month (ingest + build)",
            _s(incremental["seconds"]),
            f"full build {_s(build['seconds'])}",
            _pct(incremental["ratio_to_full_build"]),
            _pct(incremental["cpu_ratio_to_full_build"]),
            "<= 10%",
        ),
        (
            "monthly run under Airflow",
            _s(orchestration["airflow_seconds"]),
            f"same functions called directly {_s(orchestration['direct_seconds'])}",
            f"{_x(orchestration['ratio'], '.2f')}, {_plus(orchestration['overhead_seconds'])}",
            _plus(orchestration["overhead_cpu_seconds"]),
            "overhead <= 10 s",
        ),
        (
            f"peak memory of the monthly steps, {low} -> {high} months",
            ", ".join(f"{stage} {_x(ratio, '.2f')}" for stage, ratio in growth.items()),
            f"same stage at {low} months",
            _x(max((r for r in growth.values() if r is not None), default=None), ".2f"),
            "",
            "<= 1.2x",
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    read_share = (
        NA
        if ingest["read_files_cpu_seconds"] is None or not ingest["cpu_seconds"]
        else f"{ingest['read_files_cpu_seconds'] / ingest['cpu_seconds']:.0%}"
    )
    lines = [
        f"Stats Warehouse benchmark, scale {scale['name']}: {scale['counties']} counties x "
        f"{scale['indicators']} indicators x {scale['months']} months "
        f"({high} of history + 1 new), median of {result['repeat']}, "
        f"{result['machine']['cpus']} CPUs, commit {result['git_commit']}",
        "",
        *(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ),
        "",
        f"ingest: parsing alone (ingest.readers.read_file) {_s(ingest['read_files_seconds'])}, "
        f"{read_share} of the ingest's CPU; the rest is the registry, archive and DuckDB load",
        f"build: dbt start-up and parse {_s(build['dbt_startup_and_parse_seconds'])}, "
        f"nodes {_s(build['dbt_elapsed_seconds'])} on 2 threads; engine floor by kind: "
        + ", ".join(f"{kind} {_s(sec)}" for kind, sec in build["floor_seconds_by_kind"].items()),
        "monthly run, direct: "
        + ", ".join(f"{step} {_s(seconds)}" for step, seconds in incremental["steps"].items()),
        "peak memory of the full-history stages, same stage at "
        f"{low} months: "
        + ", ".join(
            f"{stage} {_x(ratio, '.2f')}"
            for stage, ratio in figures["memory_growth_full_stages"].items()
        ),
        "peak memory (MiB): "
        + ", ".join(
            f"{stage} {NA if mib is None else round(mib)}"
            for stage, mib in figures["memory_mib"].items()
        ),
    ]
    lines.append(
        "DuckDB spill (peak temp files) vs warehouse, MiB, memory limit at its default: "
        + ", ".join(
            f"{stage} {round(mib['spill_peak'])} vs {round(mib['warehouse'])}"
            for stage, mib in figures["spill_mib"].items()
        )
    )
    lines += [
        f"FAILED {label}: {messages[-1][-300:]}" for label, messages in result["failures"].items()
    ]
    lines += [f"monthly run, direct, stopped: {message[:300]}" for message in incremental["failed"]]
    if incremental["airflow_runs_failed"]:
        lines.append(
            f"monthly run under Airflow: {incremental['airflow_runs_failed']} of "
            f"{result['repeat']} DAG runs ended failed (see samples[...]['output_tail'])"
        )
    return "\n".join(lines)


def _mib(mib: float | None) -> str:
    return NA if mib is None else f"{mib:.0f} MiB"


def history_table(result: dict[str, Any], slopes: dict[str, Any]) -> str:
    """The history-length series: each length's full build beside the shortest one's, then
    the slope per month, fitted and between each two lengths."""
    scale, rows = result["scale"], result["rows"]
    first = rows[0]["months"]
    ratios = {figure: entry["ratios"] for figure, entry in slopes.items()}

    def with_ratio(text: str, figure: str, months: int) -> str:
        value = ratios[figure].get(months)
        return text if value is None else f"{text} ({value:.2f}x)"

    header = (
        "months",
        "facts",
        "full build wall",
        "cpu",
        "peak memory",
        "DuckDB spill (peak)",
        "warehouse",
        "failed",
    )
    table_rows = [header] + [
        (
            f"{row['months']} ({row['months'] / first:.2f}x)",
            _n(row["facts"]),
            with_ratio(_s(row["seconds"]), "seconds", row["months"]),
            with_ratio(_s(row["cpu_seconds"]), "cpu_seconds", row["months"]),
            with_ratio(_mib(row["peak_rss_mib"]), "peak_rss_mib", row["months"]),
            _mib(row["spill_peak_mib"]),
            _mib(row["warehouse_mib"]),
            "yes" if row["failed"] else "no",
        )
        for row in rows
    ]
    widths = [max(len(row[i]) for row in table_rows) for i in range(len(header))]
    units = {
        "seconds": "s",
        "cpu_seconds": "s",
        "peak_rss_mib": "MiB",
        "spill_peak_mib": "MiB",
    }
    slope_lines = []
    for figure, entry in slopes.items():
        if entry["slope_per_month"] is None:
            continue
        unit = units[figure]
        segments = ", ".join(
            f"{s['from']}->{s['to']}: {s['slope_per_month']:.3f}" for s in entry["segment_slopes"]
        )
        slope_lines.append(
            f"{figure}: fitted {entry['slope_per_month']:.3f} {unit}/month "
            f"(intercept {entry['intercept']:.2f} {unit}); between lengths {segments}"
        )
    months = [row["months"] for row in rows]
    lines = [
        f"Stats Warehouse benchmark, history series: {scale['counties']} counties x "
        f"{scale['indicators']} indicators at {', '.join(map(str, months))} months, "
        f"full build (dbt build --full-refresh) median of {result['repeat']}, "
        f"DuckDB memory limit at its default, {result['machine']['cpus']} CPUs, "
        f"commit {result['git_commit']}",
        "",
        *(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
            for row in table_rows
        ),
        "",
        "slope per month (linear cost: the same slope between every two lengths; a cost "
        "growing with the square of the months: slopes growing with the lengths' sum)",
        *slope_lines,
    ]
    lines += [
        f"FAILED {label}: {messages[-1][-500:]}" for label, messages in result["failures"].items()
    ]
    return "\n".join(lines)
