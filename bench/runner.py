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

from bench.clock import Clock
from bench.floor import compile_project
from bench.generate import Layout, generate, layout
from bench.home import prepare_home, taken
from bench.scales import Scale
from ingest.loader import discover_files
from statswh.settings import DBT_TARGET_VARIABLE, MEMORY_LIMIT_VARIABLE

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(sys.executable).parent
Result = dict[str, Any]


class StageFailed(RuntimeError):
    """A stage's child process failed; the message carries the tail of its output."""


WORKBOOK_SUFFIXES = (".xlsx", ".xls")
MIB = 1024 * 1024


@dataclass
class Data:
    """The files of a scale in the landing folder, by month (YYYY-MM), oldest first."""

    files: dict[str, list[str]]
    generate_seconds: float | None
    rows_written: int

    @property
    def months(self) -> list[str]:
        return list(self.files)

    def workbooks(self, months: list[str]) -> list[str]:
        """The spreadsheets of those months: what the parse floor can read too."""
        return [p for m in months for p in self.files[m] if p.lower().endswith(WORKBOOK_SUFFIXES)]

    def others(self, months: list[str]) -> list[str]:
        """Everything else the bureaus sent in those months (CSV, project lists, texts)."""
        return [
            p for m in months for p in self.files[m] if not p.lower().endswith(WORKBOOK_SUFFIXES)
        ]


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
    failures: dict[str, list[str]] = field(default_factory=dict)

    def stage(self, label: str, name: str, *, optional: bool = False, **arguments: Any) -> Result:
        """Run bench.stages `name` in a child; record and return its result plus wall time.

        An optional stage that fails (the quality gate, memory at national scale) is
        recorded with its reason and the benchmark goes on; it returns an empty result.
        """
        self.log(f"  {label} ...")
        clock = Clock()
        completed = subprocess.run(
            [PYTHON, "-m", "bench.stages", name],
            input=json.dumps(arguments, ensure_ascii=False),
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        whole = clock.result()
        if completed.returncode != 0:
            message = f"{label}: {(completed.stdout + completed.stderr)[-4000:]}"
            if not optional:
                raise StageFailed(message)
            self.log(f"  {label} failed, going on: {message[-400:]}")
            self.failures.setdefault(label, []).append(message[-2000:])
            return {}
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        # The whole child process, interpreter start and imports included.
        result["wall"], result["cpu"] = whole["seconds"], whole["cpu_seconds"]
        self.samples.setdefault(label, []).append(result)
        return result

    def rotate(self, repeat: int, *measures: Callable[[int], object]) -> None:
        """Run each measure `repeat` times, rotating which goes first in each round."""
        for r in range(repeat):
            for i in range(len(measures)):
                measures[(i + r) % len(measures)](r)

    def median(self, label: str, key: str | Callable[[Result], float] = "seconds") -> float | None:
        """The median of one figure over the samples of a stage that have it (None if none)."""
        values = []
        for result in self.samples.get(label, []):
            try:
                values.append(key(result) if callable(key) else result[key])
            except KeyError:
                continue
        return statistics.median(values) if values else None

    def peak(self, label: str, key: str = "peak_rss_mb") -> float | None:
        """The largest value of a figure over every sample of a stage (by default the peak
        resident memory in MiB); None if no sample has it."""
        peaks = [result[key] for result in self.samples.get(label, []) if key in result]
        return max(peaks) if peaks else None


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
        from samples import generate_sample

        summary = generate_sample(space.landing, space.root / "truth")
        rows = summary.n_facts
    else:
        written = generate(scale, space.landing, generated_layout, jobs)
        rows = sum(item.rows for item in written)
    seconds = time.perf_counter() - started
    months = sorted(folder for folder in space.landing.iterdir() if folder.is_dir())
    files = {month.name: [str(path) for path in discover_files([month])] for month in months}
    data = Data(files, seconds, rows)
    marker.write_text(
        json.dumps({"scale": asdict(scale), "files": data.files, "rows_written": rows}),
        encoding="utf-8",
    )
    return data, generated_layout


def environment(work: Path, home: Path, landing: Path) -> dict[str, str]:
    """The stages' environment: the benchmark's project home and landing folder, and
    DuckDB's memory limit left at the project's default (never raised), so a stage that
    needs more fails the way it would for a bureau and the failure is recorded."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
        "STATSWH_HOME": str(home),
        "STATSWH_LANDING": str(landing),
        "GX_ANALYTICS_ENABLED": "False",
        "TQDM_DISABLE": "1",
        "AIRFLOW_HOME": str(work / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    }
    env.pop(MEMORY_LIMIT_VARIABLE, None)
    env.pop(DBT_TARGET_VARIABLE, None)  # dbt's target folder is the benchmark home's own
    return env


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
    env = environment(work, home, space.landing)
    runner = Runner(env, log)
    landing = str(space.landing)
    history_files = data.workbooks(history)

    log(f"[{scale.name}] ingest vs calamine parse floor ({len(history)} months) ...")

    def ingest_history(r: int) -> Result:
        target = space.fresh(f"ingest-{r}")
        return runner.stage("ingest", "ingest", files=history_files, warehouse=str(target))

    runner.rotate(
        repeat,
        lambda r: runner.stage("parse floor", "parse_floor", files=history_files),
        ingest_history,
    )
    # Parsing alone, once: it splits the ingest's CPU time into parsing and loading.
    runner.stage("read files", "read_files", files=history_files)
    shutil.rmtree(work / "history-raw", ignore_errors=True)
    (work / "ingest-0").rename(work / "history-raw")
    for r in range(1, repeat):
        shutil.rmtree(work / f"ingest-{r}", ignore_errors=True)
    if data.others(history):
        # Not timed: the history's other files, so the build sees what the pipeline loads.
        runner.stage(
            "ingest other files (setup)",
            "ingest",
            files=data.others(history),
            warehouse=str(space.warehouse("history-raw")),
        )
    runner.stage(
        "ingest (half)",
        "ingest",
        optional=True,
        files=data.workbooks(half),
        warehouse=str(space.fresh("half-raw")),
    )

    log(f"[{scale.name}] dbt build vs engine floor ...")
    # dbt always builds at the same path, so its partial parsing stays valid. A first,
    # untimed build creates what the pipeline creates before dbt runs (raw and dq tables)
    # and the marts; the timed builds and the engine floor then rebuild over it, as every
    # monthly run does.
    run_warehouse = space.fresh("run", "history-raw")
    runner.env = {**env, "STATSWH_WAREHOUSE": str(run_warehouse)}
    on_run = {"warehouse": str(run_warehouse), "landing": landing}
    runner.stage("first build", "build", **on_run)
    shutil.rmtree(work / "history-built", ignore_errors=True)
    shutil.copytree(work / "run", work / "history-built")
    manifest = compile_project(
        home / "dbt_project", space.fresh("compile", "history-built"), work / "compiled"
    )

    def full_build(r: int) -> Result:
        space.fresh("run", "history-built")
        return runner.stage("full build", "build", **on_run)

    def engine_floor(r: int) -> Result:
        target = space.fresh("floor", "history-built")
        return runner.stage(
            "engine floor", "engine_floor", manifest=str(manifest), warehouse=str(target)
        )

    runner.rotate(repeat, full_build, engine_floor)
    # The check runs on the last full build, then the next month's steps on the same
    # warehouse, as on the half history below: each month's check validates the rows loaded
    # since the last passing check.
    runner.stage("check", "check", **on_run, optional=True)

    log(f"[{scale.name}] memory of each monthly step, at half and at the whole history ...")
    monthly_steps(runner, on_run, new_month, "")
    if "ingest (half)" in runner.samples:
        space.fresh("run", "half-raw")
        if runner.stage("first build (half)", "build", **on_run, optional=True):
            runner.stage("check (half)", "check", **on_run, optional=True)
            monthly_steps(runner, on_run, months[len(half)], " (half)")

    log(f"[{scale.name}] monthly run {new_month}: direct vs Airflow ...")

    def direct(r: int) -> Result:
        space.fresh("run", "history-built")
        return runner.stage(
            "monthly run, direct", "monthly_direct", **on_run, month=new_month, optional=True
        )

    def under_airflow(r: int) -> Result:
        space.fresh("run", "history-built")
        dags_test = ["dags", "test", "statswh_monthly", "-c", json.dumps({"month": new_month})]
        return runner.stage(
            "monthly run, Airflow",
            "command",
            argv=[str(BIN / "airflow"), *dags_test],
            allow_failure=True,
        )

    migrate = [str(BIN / "airflow"), "db", "migrate"]
    if airflow and runner.stage("airflow db migrate", "command", optional=True, argv=migrate):
        runner.rotate(repeat, direct, under_airflow)
    else:
        runner.rotate(repeat, direct)

    for name in ("compile", "floor", "half-raw", "run"):
        shutil.rmtree(work / name, ignore_errors=True)
    return {
        "scale": asdict(scale),
        "repeat": repeat,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "git_commit": git_commit(),
        "generated": {
            "seconds": data.generate_seconds,
            "rows": data.rows_written,
            "files": sum(len(paths) for paths in data.files.values()),
        },
        "history_months": [len(half), len(history)],
        "figures": figures(runner),
        "failures": runner.failures,
        "samples": runner.samples,
    }


MONTHLY_STEPS = ("ingest", "build", "check", "publish")


def monthly_steps(runner: Runner, on_run: dict[str, str], month: str, suffix: str) -> None:
    """The month after a built history, one step per process (`month <step><suffix>`), so
    each step's peak memory is its own; publishing stops where the quality gate fails, as in
    the monthly run."""
    for step in MONTHLY_STEPS:
        result = runner.stage(
            f"month {step}{suffix}",
            "monthly_step",
            **on_run,
            month=month,
            step=step,
            optional=True,
        )
        if not result or not result["gate_passed"]:
            return


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when a figure is missing (its stage failed)."""
    return None if numerator is None or not denominator else numerator / denominator


def figures(runner: Runner) -> Result:
    """Medians, ratios to the same-run baselines and peak memory, from the samples.

    A figure whose stage failed or did not run is None.
    """
    m = runner.median
    first = {label: samples[0] for label, samples in runner.samples.items()}
    ingest, build = m("ingest"), m("full build")
    ingest_cpu, build_cpu = m("ingest", "cpu_seconds"), m("full build", "cpu_seconds")
    facts, megabytes = first["ingest"]["facts"], first["ingest"]["bytes"] / 1e6
    monthly = "monthly run, direct"
    month = m(monthly, lambda r: r["steps"]["ingest"] + r["steps"]["build"])
    month_cpu = m(monthly, lambda r: r["cpu_steps"]["ingest"] + r["cpu_steps"]["build"])
    direct, airflow = m(monthly, "wall"), m("monthly run, Airflow", "wall")
    direct_cpu, airflow_cpu = m(monthly, "cpu"), m("monthly run, Airflow", "cpu")
    return {
        "ingest": {
            "seconds": ingest,
            "cpu_seconds": ingest_cpu,
            "facts": facts,
            "megabytes": megabytes,
            "facts_per_second": ratio(facts, ingest),
            "megabytes_per_second": ratio(megabytes, ingest),
            "parse_floor_seconds": m("parse floor"),
            "parse_floor_cpu_seconds": m("parse floor", "cpu_seconds"),
            "read_files_seconds": m("read files"),
            "read_files_cpu_seconds": m("read files", "cpu_seconds"),
            "ratio_to_parse_floor": ratio(ingest, m("parse floor")),
            "cpu_ratio_to_parse_floor": ratio(ingest_cpu, m("parse floor", "cpu_seconds")),
        },
        "build": {
            "seconds": build,
            "cpu_seconds": build_cpu,
            "engine_floor_seconds": m("engine floor"),
            "engine_floor_cpu_seconds": m("engine floor", "cpu_seconds"),
            "ratio_to_engine_floor": ratio(build, m("engine floor")),
            "cpu_ratio_to_engine_floor": ratio(build_cpu, m("engine floor", "cpu_seconds")),
            "dbt_startup_and_parse_seconds": m(
                "full build", lambda r: r["seconds"] - r["dbt_elapsed"]
            ),
            "dbt_elapsed_seconds": m("full build", "dbt_elapsed"),
            "dbt_node_seconds": m("full build", "node_seconds"),
            "statuses": first["full build"]["statuses"],
            "slowest_dbt_nodes": first["full build"]["slowest"],
            "floor_seconds_by_kind": first["engine floor"]["per_kind_seconds"],
            "slowest_floor_statements": first["engine floor"]["slowest"],
        },
        "incremental": {
            "seconds": month,
            "cpu_seconds": month_cpu,
            "ratio_to_full_build": ratio(month, build),
            "cpu_ratio_to_full_build": ratio(month_cpu, build_cpu),
            "steps": {
                step: m(monthly, lambda r, step=step: r["steps"][step])
                for step in ("ingest", "build", "check", "publish")
            },
            "failed": sorted({r["failed"] for r in runner.samples.get(monthly, []) if r["failed"]}),
            "airflow_runs_failed": sum(
                1 for r in runner.samples.get("monthly run, Airflow", []) if r["returncode"]
            ),
        },
        "orchestration": {
            "direct_seconds": direct,
            "direct_cpu_seconds": direct_cpu,
            "airflow_seconds": airflow,
            "airflow_cpu_seconds": airflow_cpu,
            "overhead_seconds": None if airflow is None or direct is None else airflow - direct,
            "overhead_cpu_seconds": (
                None if airflow_cpu is None or direct_cpu is None else airflow_cpu - direct_cpu
            ),
            "ratio": ratio(airflow, direct),
            "airflow_db_migrate_seconds": m("airflow db migrate"),
        },
        "memory_mib": {
            label: runner.peak(label)
            for label in runner.samples
            if label not in ("airflow db migrate", "ingest other files (setup)")
        },
        "spill_mib": {
            label: {
                "spill_peak": runner.peak(label, "spill_peak_bytes") / MIB,
                "warehouse": runner.peak(label, "warehouse_bytes") / MIB,
            }
            for label in runner.samples
            if runner.peak(label, "spill_peak_bytes") is not None
        },
        "memory_growth": {
            f"month {step}": ratio(
                runner.peak(f"month {step}"), runner.peak(f"month {step} (half)")
            )
            for step in MONTHLY_STEPS
        },
        "memory_growth_full_stages": {
            stage: ratio(runner.peak(stage), runner.peak(f"{stage} (half)"))
            for stage in ("ingest", "first build", "check")
        },
    }


def git_commit() -> str | None:
    """The short commit of the code being measured."""
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.stdout.strip() or None
