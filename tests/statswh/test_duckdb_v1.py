"""A DuckDB 1.x client opens the published copy: BI tools bundle their own DuckDB, and
Apache Superset 6.1 installs DuckDB 1.5 (its DuckDB support pins duckdb<2).

The client runs in a virtual environment of its own (it cannot share ours, which has
DuckDB 2), made once per machine under ~/.cache/statswh/duckdb-<version>/ and reused by
later runs and fresh clones.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from statswh.publishing import STORAGE_VERSION, read_manifest
from statswh.settings import Settings

pytestmark = pytest.mark.integration

CLIENT_DUCKDB = "1.5.6"  # what `pip install apache-superset[duckdb]` 6.1 resolves to
CLIENT_HOME = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "statswh"
    / f"duckdb-{CLIENT_DUCKDB}"
)

# Opens a DuckDB file read-only and reads every row of every mart; prints the DuckDB
# version, and per mart the row count and a digest of its rows in a fixed order.
READ_EVERY_MART = """
import hashlib, json, sys
import duckdb

connection = duckdb.connect(sys.argv[1], read_only=True)
names = connection.execute(
    "select table_name from duckdb_tables() where schema_name = 'marts' order by table_name"
).fetchall()
tables = {}
for (name,) in names:
    rows = connection.execute(f"select * from marts.{name} order by all").fetchall()
    tables[name] = {"rows": len(rows), "digest": hashlib.sha256(repr(rows).encode()).hexdigest()}
print(json.dumps({"duckdb": duckdb.__version__, "tables": tables}))
"""


@pytest.fixture(scope="session")
def client_python() -> Path:
    """The Python of a virtual environment with DuckDB 1.5, made once per machine."""
    python = CLIENT_HOME / "bin" / "python"
    if python.exists():
        return python
    CLIENT_HOME.parent.mkdir(parents=True, exist_ok=True)
    with (CLIENT_HOME.parent / f"{CLIENT_HOME.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another checkout may be making it right now
        if not python.exists():
            partial = CLIENT_HOME.with_name(f"{CLIENT_HOME.name}.partial")
            shutil.rmtree(partial, ignore_errors=True)
            pip = [str(partial / "bin" / "python"), "-m", "pip", "install", "--quiet"]
            for command in (
                [sys.executable, "-m", "venv", str(partial)],
                [*pip, f"duckdb=={CLIENT_DUCKDB}"],
            ):
                made = subprocess.run(command, capture_output=True, text=True, check=False)
                if made.returncode != 0:
                    pytest.fail(f"could not make the DuckDB {CLIENT_DUCKDB} client:\n{made}")
            os.replace(partial, CLIENT_HOME)  # complete or absent, never half made
    return python


def read_every_mart(python: Path | str, database: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-c", READ_EVERY_MART, str(database)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_duckdb_1_5_reads_every_mart_of_the_published_copy(
    built: Settings, client_python: Path
) -> None:
    manifest = read_manifest(built)
    assert manifest["duckdb_storage_version"] == STORAGE_VERSION

    read = read_every_mart(client_python, built.published)

    assert read.returncode == 0, read.stderr
    client = json.loads(read.stdout)
    assert client["duckdb"] == CLIENT_DUCKDB
    counts = {name: table["rows"] for name, table in client["tables"].items()}
    assert counts == manifest["tables"]
    # Every value, not only the counts: what DuckDB 1.5 reads is what DuckDB 2 reads.
    ours = json.loads(read_every_mart(sys.executable, built.published).stdout)
    assert client["tables"] == ours["tables"]


def test_duckdb_1_5_refuses_a_file_in_duckdb_2_format(client_python: Path, tmp_path: Path) -> None:
    """What the published copy would be without its storage version: the check above can fail."""
    database = tmp_path / "default_format.duckdb"
    with closing(duckdb.connect(str(database))) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.t as select 1 as n")

    read = read_every_mart(client_python, database)

    assert read.returncode != 0
    assert "newer version of DuckDB" in read.stderr
