"""Running the benchmark of one scale: data, stages in child processes, medians, ratios.

Every figure is compared with a baseline measured in the same run, and each pair is
measured `repeat` times, alternating which of the two goes first, so drift on a shared
machine hits both sides alike. The median of the repeats is reported.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.floor import compile_project
from bench.generate import Layout, generate, layout
from bench.home import prepare_home, taken
from bench.scales import Scale

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(sys.executable).parent
Result = dict[str, Any]


class StageFailed(RuntimeError):
    """A stage's child process failed; the message carries the tail of its output."""


@dataclass
class Data:
    """The generated files of a scale, by month (YYYY-MM), oldest first."""

    files: dict[str, list[str]]
    generate_seconds: float | None
    rows_written: int

    @property
    def months(self) -> list[str]:
        return list(self.files)

    def of(self, months: list[str]) -> list[str]:
        return [path for month in months for path in self.files[month]]


@dataclass
class Workspace:
    """Folders of one benchmark run; warehouses are always called stats.duckdb.

    dbt names the database after the file, so the compiled SQL (engine floor) finds its
    relations in every copy; and dbt always builds at the same path (`run`), so its
    partial parsing stays valid between builds as in a production warehouse.
    """

    root: Path

    def warehouse(self, name: str) -> Path:
        return self.root / name / "stats.duckdb"

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def home(self) -> Path:
        return self.root / "home"

    def fresh(self, name: str, source: str | None = None) -> Path:
        """An empty folder `name`, holding a copy of warehouse `source` if given."""
        folder = self.root / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        target = folder / "stats.duckdb"
        if source is not None:
            shutil.copyfile(self.warehouse(source), target)
        return target


@dataclass
class Runner:
    """Runs stages in child processes with the benchmark's environment."""

    env: dict[str, str]
    log: Callable[[str], None]
    samples: dict[str, list[Result]] = field(default_factory=dict)

    def stage(self, label: str, name: str, **arguments: Any) -> Result:
        """Run bench.stages `name` in a child; record and return its result plus wall time."""
        self.log(f"  {label} ...")
        started = time.perf_counter()
        completed = subprocess.run(
            [PYTHON, "-m", "bench.stages", name, json.dumps(arguments, ensure_ascii=False)],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        if completed.returncode != 0:
            raise StageFailed(f"{label}: {(completed.stdout + completed.stderr)[-4000:]}")
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        result["wall"] = wall
        self.samples.setdefault(label, []).append(result)
        return result

    def pair(
        self, repeat: int, first: Callable[[int], Result], second: Callable[[int], Result]
    ) -> tuple[list[Result], list[Result]]:
        """Measure two things `repeat` times, alternating which goes first."""
        a: list[Result] = []
        b: list[Result] = []
        for r in range(repeat):
            if r % 2 == 0:
                a.append(first(r))
                b.append(second(r))
            else:
                b.append(second(r))
                a.append(first(r))
        return a, b


def median(results: list[Result], key: str | Callable[[Result], float]) -> float:
    values = [key(result) if callable(key) else result[key] for result in results]
    return statistics.median(values)


def prepare_data(scale: Scale, space: Workspace, jobs: int | None) -> tuple[Data, Layout | None]:
    """Generate the scale's workbooks, or reuse them when the same scale was written before."""
    marker = space.root / "data.json"
    generated_layout = None if scale.name == "district" else layout(scale, *taken(REPO))
    if marker.exists():
        saved = json.loads(marker.read_text(encoding="utf-8"))
        if saved["scale"] == asdict(scale):
            return Data(saved["files"], None, saved["rows_written"]), generated_layout
    shutil.rmtree(space.landing, ignore_errors=True)
    started = time.perf_counter()
    if generated_layout is None:
        from statswh.sample_data import generate_sample

        summary = generate_sample(space.landing, space.root / "truth")
        rows = summary.n_facts
    else:
        written = generate(scale, space.landing, generated_layout, jobs)
        rows = sum(item.rows for item in written)
    seconds = time.perf_counter() - started
    files: dict[str, list[str]] = {}
    for path in sorted(space.landing.rglob("*.xlsx")):
        files.setdefault(path.parent.name, []).append(str(path))
    data = Data(dict(sorted(files.items())), seconds, rows)
    marker.write_text(
        json.dumps({"scale": asdict(scale), "files": data.files, "rows_written": rows}),
        encoding="utf-8",
    )
    return data, generated_layout


def benchmark(
    scale: Scale,
    work: Path,
    *,
    repeat: int,
    jobs: int | None = None,
    airflow: bool = True,
    log: Callable[[str], None] = print,
) -> Result:
    """Run every measurement of one scale; return the figures, ratios and raw samples."""
    space = Workspace(work)
    work.mkdir(parents=True, exist_ok=True)
    log(f"[{scale.name}] data ...")
    data, generated_layout = prepare_data(scale, space, jobs)
    home = prepare_home(REPO, space.home, generated_layout)
    months = data.months
    history, new_month = months[:-1], months[-1]
    half = history[: max(1, len(history) // 2)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
        "STATSWH_HOME": str(home),
        "STATSWH_LANDING": str(space.landing),
        "GX_ANALYTICS_ENABLED": "False",
        "TQDM_DISABLE": "1",
        "AIRFLOW_HOME": str(work / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    }
    runner = Runner(env, log)
    landing = str(space.landing)
    history_files = data.of(history)

    log(f"[{scale.name}] ingest vs calamine parse floor ({len(history)} months) ...")

    def ingest_history(r: int) -> Result:
        target = space.fresh(f"ingest-{r}")
        return runner.stage("ingest", "ingest", files=history_files, warehouse=str(target))

    floors, ingests = runner.pair(
        repeat,
        lambda r: runner.stage("parse floor", "parse_floor", files=history_files),
        ingest_history,
    )
    shutil.rmtree(work / "history-raw", ignore_errors=True)
    (work / "ingest-0").rename(work / "history-raw")
    for r in range(1, repeat):
        shutil.rmtree(work / f"ingest-{r}", ignore_errors=True)
    half_ingest = runner.stage(
        "ingest (half history)",
        "ingest",
        files=data.of(half),
        warehouse=str(space.fresh("half-raw")),
    )

    log(f"[{scale.name}] dbt build vs engine floor ...")
    run_warehouse = space.fresh("run", "history-raw")
    env_run = {**env, "STATSWH_WAREHOUSE": str(run_warehouse)}
    dbt_project = home / "dbt_project"
    runner.env = env_run
    runner.stage(
        "dbt parse (warm-up)",
        "command",
        argv=[
            str(BIN / "dbt"),
            "parse",
            "--project-dir",
            str(dbt_project),
            "--profiles-dir",
            str(dbt_project),
            "--target-path",
            str(dbt_project / "target"),
        ],
    )
    manifest = compile_project(
        dbt_project, space.fresh("compile", "history-raw"), work / "compiled"
    )

    def full_build(r: int) -> Result:
        space.fresh("run", "history-raw")
        return runner.stage("full build", "build", warehouse=str(run_warehouse), landing=landing)

    def engine_floor(r: int) -> Result:
        target = space.fresh("floor", "history-raw")
        return runner.stage(
            "engine floor", "engine_floor", manifest=str(manifest), warehouse=str(target)
        )

    builds, engine = runner.pair(repeat, full_build, engine_floor)
    shutil.rmtree(work / "history-built", ignore_errors=True)
    shutil.copytree(work / "run", work / "history-built")
    check_history = runner.stage("check", "check", warehouse=str(run_warehouse), landing=landing)
    space.fresh("run", "half-raw")
    half_build = runner.stage(
        "full build (half history)", "build", warehouse=str(run_warehouse), landing=landing
    )
    check_half = runner.stage(
        "check (half history)", "check", warehouse=str(run_warehouse), landing=landing
    )

    log(f"[{scale.name}] monthly run {new_month}: direct vs Airflow ...")

    def direct(r: int) -> Result:
        space.fresh("run", "history-built")
        return runner.stage(
            "monthly run, direct",
            "monthly_direct",
            warehouse=str(run_warehouse),
            landing=landing,
            month=new_month,
        )

    airflow_runs: list[Result] = []
    migrate = None
    if airflow:
        migrate = runner.stage(
            "airflow db migrate (setup)", "command", argv=[str(BIN / "airflow"), "db", "migrate"]
        )

        def under_airflow(r: int) -> Result:
            space.fresh("run", "history-built")
            return runner.stage(
                "monthly run, Airflow",
                "command",
                argv=[
                    str(BIN / "airflow"),
                    "dags",
                    "test",
                    "statswh_monthly",
                    "-c",
                    json.dumps({"month": new_month}),
                ],
            )

        directs, airflow_runs = runner.pair(repeat, direct, under_airflow)
    else:
        directs = [direct(r) for r in range(repeat)]

    figures = _figures(
        scale=scale,
        data=data,
        history=history,
        half=half,
        floors=floors,
        ingests=ingests,
        half_ingest=half_ingest,
        builds=builds,
        engine=engine,
        half_build=half_build,
        check_history=check_history,
        check_half=check_half,
        directs=directs,
        airflow_runs=airflow_runs,
        migrate=migrate,
    )
    for name in ("compile", "floor", "half-raw", "run"):
        shutil.rmtree(work / name, ignore_errors=True)
    return {
        "scale": asdict(scale),
        "repeat": repeat,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "git_commit": _git_commit(),
        "generated": {
            "seconds": data.generate_seconds,
            "rows": data.rows_written,
            "files": sum(len(paths) for paths in data.files.values()),
        },
        "figures": figures,
        "samples": runner.samples,
    }


def _figures(
    *,
    scale: Scale,
    data: Data,
    history: list[str],
    half: list[str],
    floors: list[Result],
    ingests: list[Result],
    half_ingest: Result,
    builds: list[Result],
    engine: list[Result],
    half_build: Result,
    check_history: Result,
    check_half: Result,
    directs: list[Result],
    airflow_runs: list[Result],
    migrate: Result | None,
) -> Result:
    ingest_s = median(ingests, "seconds")
    floor_s = median(floors, "seconds")
    facts = ingests[0]["facts"]
    size = ingests[0]["bytes"]
    build_s = median(builds, "seconds")
    engine_s = median(engine, "seconds")
    month_ingest = median(directs, lambda r: r["steps"]["ingest"])
    month_build = median(directs, lambda r: r["steps"]["build"])
    direct_s = median(directs, "wall")
    figures: Result = {
        "history_months": len(history),
        "ingest": {
            "seconds": ingest_s,
            "facts": facts,
            "megabytes": size / 1e6,
            "facts_per_second": facts / ingest_s,
            "megabytes_per_second": size / 1e6 / ingest_s,
            "parse_floor_seconds": floor_s,
            "cells": floors[0]["cells"],
            "ratio_to_parse_floor": ingest_s / floor_s,
        },
        "build": {
            "seconds": build_s,
            "engine_floor_seconds": engine_s,
            "ratio_to_engine_floor": build_s / engine_s,
            "dbt_startup_and_parse_seconds": median(
                builds, lambda r: r["seconds"] - r["dbt_elapsed"]
            ),
            "dbt_node_seconds": median(builds, "node_seconds"),
            "dbt_unit_test_seconds": median(builds, "unit_test_seconds"),
            "floor_seconds_by_kind": engine[0]["per_kind_seconds"],
            "statuses": builds[0]["statuses"],
            "slowest_nodes": builds[0]["slowest"],
        },
        "incremental": {
            "month_ingest_seconds": month_ingest,
            "month_build_seconds": month_build,
            "seconds": month_ingest + month_build,
            "ratio_to_full_build": (month_ingest + month_build) / build_s,
            "steps": {
                step: median(directs, lambda r, step=step: r["steps"][step])
                for step in directs[0]["steps"]
            },
        },
        "orchestration": {"direct_seconds": direct_s},
        "memory_mib": {
            "parse floor": max(r["peak_rss_mb"] for r in floors),
            "ingest": max(r["peak_rss_mb"] for r in ingests),
            f"ingest ({len(half)} months)": half_ingest["peak_rss_mb"],
            "full build (dbt)": max(r["peak_rss_mb"] for r in builds),
            f"full build ({len(half)} months)": half_build["peak_rss_mb"],
            "engine floor": max(r["peak_rss_mb"] for r in engine),
            "check": check_history["peak_rss_mb"],
            f"check ({len(half)} months)": check_half["peak_rss_mb"],
            "monthly run, direct": max(r["peak_rss_mb"] for r in directs),
        },
        "memory_growth": {
            "months": [len(half), len(history)],
            "ingest": max(r["peak_rss_mb"] for r in ingests) / half_ingest["peak_rss_mb"],
            "build": max(r["peak_rss_mb"] for r in builds) / half_build["peak_rss_mb"],
            "check": check_history["peak_rss_mb"] / check_half["peak_rss_mb"],
        },
    }
    if airflow_runs:
        airflow_s = median(airflow_runs, "seconds")
        figures["orchestration"].update(
            {
                "airflow_seconds": airflow_s,
                "overhead_seconds": airflow_s - direct_s,
                "ratio": airflow_s / direct_s,
                "airflow_db_migrate_seconds": migrate["seconds"] if migrate else None,
            }
        )
        figures["memory_mib"]["monthly run, Airflow"] = max(r["peak_rss_mb"] for r in airflow_runs)
    return figures


def _git_commit() -> str | None:
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.stdout.strip() or None
