"""The engine floor runs a compiled dbt manifest's SQL in dependency order."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from bench.floor import run_compiled, statements


def node(
    kind: str, name: str, depends: list[str], materialized: str = "table", sql: str = ""
) -> dict:
    return {
        "resource_type": kind,
        "database": "stats",
        "schema": "main",
        "relation_name": f'"stats"."main"."{name}"',
        "config": {"materialized": materialized, "column_types": {"code": "varchar"}},
        "depends_on": {"nodes": depends},
        "compiled_code": sql,
        "root_path": "/project",
        "original_file_path": f"seeds/{name}.csv",
    }


def manifest(seed_path: Path) -> dict:
    seed = node("seed", "codes", [])
    seed["root_path"], seed["original_file_path"] = str(seed_path.parent), seed_path.name
    return {
        "nodes": {
            "test.p.unique_total": node(
                "test",
                "t",
                ["model.p.total"],
                sql='select code from "stats"."main"."total" group by code having count(*) > 1',
            ),
            "model.p.total": node(
                "model", "total", ["model.p.recent"], sql='select * from "stats"."main"."recent"'
            ),
            "model.p.inlined": node("model", "inlined", [], materialized="ephemeral"),
            "model.p.recent": node(
                "model",
                "recent",
                ["seed.p.codes"],
                materialized="view",
                sql='select code, value * 2 as value from "stats"."main"."codes"',
            ),
            "seed.p.codes": seed,
        }
    }


def test_statements_follow_dependencies_and_skip_ephemeral_models(tmp_path: Path) -> None:
    ordered = statements(manifest(tmp_path / "codes.csv"))
    assert [uid for uid, _, _ in ordered] == [
        "seed.p.codes",
        "model.p.recent",
        "model.p.total",
        "test.p.unique_total",
    ]
    assert ordered[1][2].startswith('create or replace view "stats"."main"."recent" as')
    assert "types = {'code': 'varchar'}" in ordered[0][2]


def test_run_compiled_builds_the_relations_and_counts_failing_tests(tmp_path: Path) -> None:
    seed = tmp_path / "codes.csv"
    seed.write_text("code,value\n001,1.5\n001,2\n", encoding="utf-8")
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest(seed)), encoding="utf-8")
    result = run_compiled(path, tmp_path / "stats.duckdb")
    assert result["statements"] == 4
    assert result["failing_tests"] == 1  # code 001 twice
    with duckdb.connect(str(tmp_path / "stats.duckdb")) as connection:
        assert connection.execute("select code, value from total order by value").fetchall() == [
            ("001", 3.0),
            ("001", 4.0),
        ]


def test_an_unknown_materialization_is_named(tmp_path: Path) -> None:
    nodes = manifest(tmp_path / "codes.csv")
    nodes["nodes"]["model.p.total"]["config"]["materialized"] = "external"
    with pytest.raises(NotImplementedError, match=r"model\.p\.total"):
        statements(nodes)
