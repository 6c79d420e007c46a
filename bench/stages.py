"""The measured stages, each run in a fresh process: `python -m bench.stages NAME < ARGS.json`.

A fresh process per stage keeps one stage's imports, caches and memory out of the next,
and lets the peak resident memory of the stage be read from getrusage: the process's own
peak and the largest peak of the processes it waited for (dbt, Airflow's task runners).
Each stage prints one JSON object as its last line of output.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from bench.clock import Clock
from bench.spill import SpillSampler, spill_folder, warehouse_bytes

Result = dict[str, Any]


def parse_floor(files: list[str]) -> Result:
    """python-calamine alone: open each workbook and touch every cell of every sheet."""
    from python_calamine import CalamineWorkbook

    clock = Clock()
    cells = sheets = 0
    for path in files:
        workbook = CalamineWorkbook.from_path(path)
        for name in workbook.sheet_names:
            sheets += 1
            for row in workbook.get_sheet_by_name(name).iter_rows():
                for _ in row:
                    cells += 1
        workbook.close()
    return clock.result(cells=cells, sheets=sheets)


def ingest(files: list[str], warehouse: str) -> Result:
    """The real ingest (ingest.loader.ingest_files) into a fresh DuckDB file, parsing in
    $STATSWH_INGEST_WORKERS processes (one per CPU by default), as `statswh ingest` does."""
    import duckdb

    from ingest.limits import Limits
    from ingest.loader import StoreDirs, ingest_files
    from statswh.settings import ingest_workers

    home = Path(warehouse).parent
    home.mkdir(parents=True, exist_ok=True)
    dirs = StoreDirs(archive=home / "archive", quarantine=home / "quarantine")
    limits, workers = Limits.from_env(), ingest_workers()
    clock = Clock()
    with closing(duckdb.connect(warehouse)) as connection:
        results = ingest_files(
            [Path(path) for path in files], connection, dirs, limits=limits, workers=workers
        )
    measured = clock.result()
    not_loaded = [result.line() for result in results if result.status != "loaded"]
    if not_loaded:
        raise RuntimeError("benchmark files not loaded:\n" + "\n".join(not_loaded[:10]))
    return {
        **measured,
        "facts": sum(result.n_facts for result in results),
        "files": len(results),
        "bytes": sum(Path(path).stat().st_size for path in files),
    }


def read_files(files: list[str]) -> Result:
    """ingest.readers.read_file alone: parsing without the registry, archive and load."""
    from ingest.limits import Limits
    from ingest.readers import read_file

    limits = Limits.from_env()
    clock = Clock()
    facts = sum(read_file(Path(path), limits).n_facts for path in files)
    return clock.result(facts=facts)


def build(warehouse: str, landing: str, full_refresh: bool = True) -> Result:
    """statswh.pipeline.build (dbt build in its own process), with dbt's own timings; a
    full refresh unless asked otherwise (incremental models rebuilt from all the history)."""
    from statswh import pipeline
    from statswh.settings import DBT_TARGET_DIR, Settings

    clock = Clock()
    run_results = DBT_TARGET_DIR / "run_results.json"
    try:
        summary = pipeline.build(
            Settings(Path(warehouse), Path(landing)), full_refresh=full_refresh
        )
    except pipeline.StepFailed as error:
        # dbt's summary lines do not always carry DuckDB's own error (out of memory, disk
        # full): the nodes' messages in run_results.json do.
        raise RuntimeError(f"{error}\n{failed_nodes(run_results)}") from error
    measured = clock.result()
    results = json.loads(run_results.read_text("utf-8"))
    nodes = results["results"]
    return {
        **measured,
        "statuses": summary.statuses,
        "dbt_elapsed": results["elapsed_time"],
        "node_seconds": sum(node["execution_time"] for node in nodes),
        "slowest": sorted(
            ((node["unique_id"], round(node["execution_time"], 3)) for node in nodes),
            key=lambda item: -item[1],
        )[:5],
    }


def failed_nodes(run_results: Path) -> str:
    """Each failed dbt node with its error message (DuckDB's text), one per line."""
    if not run_results.exists():
        return "(no run_results.json)"
    nodes = json.loads(run_results.read_text("utf-8"))["results"]
    return "\n".join(
        f"{node['unique_id']}: {node['message']}"
        for node in nodes
        if node["status"] in ("error", "fail")
    )


def engine_floor(manifest: str, warehouse: str) -> Result:
    """The compiled SQL of the dbt project run directly in one DuckDB connection."""
    from bench.floor import run_compiled

    return run_compiled(Path(manifest), Path(warehouse))


def monthly_actions(warehouse: str, landing: str, month: str) -> dict[str, Callable[[], object]]:
    """The steps of one month's run, in order, as the DAG runs them: ingest, build, check,
    publish (the build incremental, as every monthly run's)."""
    from statswh import pipeline
    from statswh.settings import Settings

    settings = Settings(Path(warehouse), Path(landing))
    return {
        "ingest": lambda: pipeline.ingest(settings, pipeline.landing_files(settings, month)),
        "build": lambda: pipeline.build(settings),
        "check": lambda: pipeline.check(settings),
        "publish": lambda: pipeline.publish(settings),
    }


def monthly_direct(warehouse: str, landing: str, month: str) -> Result:
    """One month the way the DAG runs it, but as plain calls: ingest, build, check, publish."""
    actions = monthly_actions(warehouse, landing, month)
    steps: dict[str, float] = {}
    cpu_steps: dict[str, float] = {}

    def timed(name: str, step: Callable[[], object]) -> object:
        clock = Clock()
        try:
            return step()
        finally:
            measured = clock.result()
            steps[name], cpu_steps[name] = measured["seconds"], measured["cpu_seconds"]

    failed = None
    files: object = []
    try:
        for name, action in actions.items():
            outcome = timed(name, action)
            files = outcome if name == "ingest" else files
    except Exception as error:
        # A step that fails (the quality gate stopping publishing, memory at scale) is
        # timed up to its failure, and the steps before it are figures.
        failed = f"{type(error).__name__}: {str(error)[:1000]}"
    facts = sum(result.n_facts for result in files)  # type: ignore[attr-defined]
    return {"steps": steps, "cpu_steps": cpu_steps, "facts": facts, "failed": failed}


def monthly_step(warehouse: str, landing: str, month: str, step: str) -> Result:
    """One step of a month's run alone in this process, so its peak memory is its own (the
    runner runs the steps in order on the same warehouse). A quality gate that stops
    publishing is still a figure, as in `check`."""
    from statswh import pipeline

    clock = Clock()
    try:
        monthly_actions(warehouse, landing, month)[step]()
        gate_passed = True
    except pipeline.QualityGateFailed:
        gate_passed = False
    return clock.result(gate_passed=gate_passed)


def check(warehouse: str, landing: str) -> Result:
    """statswh.pipeline.check alone (Great Expectations on raw data and the anomaly gate).

    A gate that stops publishing (the demo's injected error) did its work: still a figure.
    """
    from statswh import pipeline
    from statswh.settings import Settings

    clock = Clock()
    try:
        pipeline.check(Settings(Path(warehouse), Path(landing)))
        gate_passed = True
    except pipeline.QualityGateFailed:
        gate_passed = False
    return clock.result(gate_passed=gate_passed)


def command(argv: list[str], allow_failure: bool = False) -> Result:
    """Any command (airflow dags test, airflow db migrate); fails with its output's tail.

    With allow_failure, a failing command is still a figure (a DAG run stopped by the
    quality gate did the same work as the direct calls stopped by it).
    """
    clock = Clock()
    completed = subprocess.run(argv, capture_output=True, text=True, check=False)
    measured = clock.result()
    tail = (completed.stdout + completed.stderr)[-3000:]
    if completed.returncode != 0 and not allow_failure:
        raise RuntimeError(f"{' '.join(argv[:3])} failed (exit {completed.returncode}):\n{tail}")
    return {**measured, "returncode": completed.returncode, "output_tail": tail[-500:]}


STAGES: dict[str, Callable[..., Result]] = {
    "parse_floor": parse_floor,
    "ingest": ingest,
    "read_files": read_files,
    "build": build,
    "engine_floor": engine_floor,
    "monthly_direct": monthly_direct,
    "monthly_step": monthly_step,
    "check": check,
    "command": command,
}


def peak_rss_mb() -> float:
    """The largest resident set of this process or any process it waited for, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def main(argv: list[str]) -> int:
    """Run stage argv[0] with the JSON arguments on stdin (file lists outgrow a command line).

    A stage on a warehouse also reports the peak size of DuckDB's spill folder while it
    ran, and the warehouse's size after it.
    """
    name, arguments = argv[0], json.loads(sys.stdin.read())
    warehouse = arguments.get("warehouse")
    if warehouse is None:
        result = STAGES[name](**arguments)
    else:
        with SpillSampler(spill_folder(Path(warehouse))) as sampler:
            result = STAGES[name](**arguments)
        result["spill_peak_bytes"] = sampler.peak_bytes
        result["warehouse_bytes"] = warehouse_bytes(Path(warehouse))
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
