"""The engine floor of the build: the dbt project's own SQL, run directly in DuckDB.

`dbt compile --full-refresh` renders every model and data test to plain SQL (incremental
models compile to their full-refresh form). Here that SQL runs in dependency order in
one DuckDB connection: seeds as `create table ... as select * from read_csv(...)` with
the seed's column types, models as `create or replace table/view ... as (...)`
(ephemeral models are already inlined by dbt), data tests as `select count(*)` over
their query, as dbt does. Not run here: hooks, and dbt unit tests, which a monthly
build leaves out. What remains between `dbt build` and this floor is dbt itself: process
start-up, parsing, templating, per-node transactions and metadata queries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import closing
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import duckdb

from bench.clock import Clock
from ingest.loader import ensure_raw_schema
from statswh.review_store import ensure_dq_tables

_RELATION_MATERIALIZATIONS = {"table": "table", "incremental": "table", "view": "view"}


def compile_project(dbt_project: Path, warehouse: Path, target_path: Path) -> Path:
    """Render the project's SQL against `warehouse` (full refresh); return the manifest."""
    dbt = str(Path(sys.executable).with_name("dbt"))
    completed = subprocess.run(
        [
            dbt,
            "compile",
            "--full-refresh",
            "--no-use-colors",
            "--project-dir",
            str(dbt_project),
            "--profiles-dir",
            str(dbt_project),
            "--target-path",
            str(target_path),
        ],
        env={**os.environ, "STATSWH_WAREHOUSE": str(warehouse)},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"dbt compile failed:\n{completed.stdout[-3000:]}")
    return target_path / "manifest.json"


def statements(manifest: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(unique_id, kind, sql) for every seed, model and data test, in dependency order."""
    nodes = manifest["nodes"]
    graph = {
        uid: [dep for dep in node.get("depends_on", {}).get("nodes", []) if dep in nodes]
        for uid, node in nodes.items()
    }
    ordered: list[tuple[str, str, str]] = []
    for uid in TopologicalSorter(graph).static_order():
        node = nodes[uid]
        kind = node["resource_type"]
        if kind == "seed":
            ordered.append((uid, "seed", _seed_sql(node)))
        elif kind == "model":
            materialized = node["config"]["materialized"]
            if materialized == "ephemeral":
                continue
            if materialized not in _RELATION_MATERIALIZATIONS:
                raise NotImplementedError(f"{uid}: no floor for materialization {materialized!r}")
            relation = _RELATION_MATERIALIZATIONS[materialized]
            ordered.append(
                (
                    uid,
                    "model",
                    f"create or replace {relation} {node['relation_name']} as "
                    f"(\n{node['compiled_code']}\n)",
                )
            )
        elif kind == "test":
            ordered.append(
                (uid, "test", f"select count(*) from (\n{node['compiled_code']}\n) as test_rows")
            )
    return ordered


def _seed_sql(node: dict[str, Any]) -> str:
    path = (Path(node["root_path"]) / node["original_file_path"]).resolve()
    types = node["config"].get("column_types") or {}
    type_struct = ", ".join(f"'{column}': '{kind}'" for column, kind in types.items())
    return (
        f"create or replace table {node['relation_name']} as select * from "
        f"read_csv('{path}', header = true, types = {{{type_struct}}})"
    )


def run_compiled(manifest_path: Path, warehouse: Path) -> dict[str, Any]:
    """Run every statement against a copy of the warehouse; time the whole run."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    ordered = statements(manifest)
    schemas = sorted(
        {
            (node["database"], node["schema"])
            for node in manifest["nodes"].values()
            if node["resource_type"] in ("seed", "model")
        }
    )
    per_kind: dict[str, float] = {}
    per_node: dict[str, float] = {}
    failing_tests = 0
    clock = Clock()
    with closing(duckdb.connect(str(warehouse))) as connection:
        # The same preconditions as statswh.pipeline.build: the tables the models read.
        ensure_raw_schema(connection)
        ensure_dq_tables(connection)
        for database, schema in schemas:
            connection.execute(f'create schema if not exists "{database}"."{schema}"')
        for uid, kind, sql in ordered:
            step = time.perf_counter()
            rows = connection.execute(sql).fetchall()
            if kind == "test" and rows[0][0]:
                failing_tests += 1
            per_node[uid] = time.perf_counter() - step
            per_kind[kind] = per_kind.get(kind, 0.0) + per_node[uid]
    slowest = sorted(per_node.items(), key=lambda item: -item[1])[:5]
    return clock.result(
        statements=len(ordered),
        per_kind_seconds=per_kind,
        slowest=[(uid, round(seconds, 3)) for uid, seconds in slowest],
        failing_tests=failing_tests,
    )
