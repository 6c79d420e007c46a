"""Where the warehouse, the landing folder and the published copy live.

Everything comes from the command line or the environment, never from code:
STATSWH_WAREHOUSE (the working DuckDB file), STATSWH_LANDING (where bureau files
arrive), STATSWH_INGEST_WORKERS (how many processes parse files, by default one per
CPU) and STATSWH_DUCKDB_MEMORY_LIMIT (what DuckDB may hold in memory before it spills to
disk, 4GB by default, for dbt and every connection statswh opens); STATSWH_DBT_TARGET_PATH
moves dbt's target folder from dbt_project/target. The published copy,
archive and quarantine sit beside the working warehouse. Read once where the program
starts (the CLI, the DAG file, the benchmark) and passed down.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("STATSWH_HOME") or Path(__file__).resolve().parents[1])
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
# Where dbt writes its manifest, partial parse and run results. Two builds at once (tests on
# several processes) each need their own: STATSWH_DBT_TARGET_PATH points elsewhere.
DBT_TARGET_VARIABLE = "STATSWH_DBT_TARGET_PATH"
DBT_TARGET_DIR = Path(os.environ.get(DBT_TARGET_VARIABLE) or DBT_PROJECT_DIR / "target")
WORKERS_VARIABLE = "STATSWH_INGEST_WORKERS"
MEMORY_LIMIT_VARIABLE = "STATSWH_DUCKDB_MEMORY_LIMIT"
# The same default as dbt's profile (dbt_project/profiles.yml), which reads the same variable.
DEFAULT_MEMORY_LIMIT = "4GB"


@dataclass(frozen=True)
class Settings:
    """Paths of one warehouse installation, how many processes parse its files, and how
    much memory DuckDB may use."""

    warehouse: Path
    landing: Path
    ingest_workers: int = 1  # 1 parses in the loading process itself
    duckdb_memory_limit: str = DEFAULT_MEMORY_LIMIT

    @classmethod
    def from_env(
        cls, warehouse: str | Path | None = None, landing: str | Path | None = None
    ) -> Settings:
        """Arguments win over the environment, which wins over the project's defaults."""
        warehouse = (
            warehouse
            or os.environ.get("STATSWH_WAREHOUSE")
            or (PROJECT_ROOT / "warehouse" / "stats.duckdb")
        )
        landing = landing or os.environ.get("STATSWH_LANDING") or PROJECT_ROOT / "landing"
        return cls(
            Path(warehouse).resolve(),
            Path(landing).resolve(),
            ingest_workers(),
            os.environ.get(MEMORY_LIMIT_VARIABLE) or DEFAULT_MEMORY_LIMIT,
        )

    @property
    def home(self) -> Path:
        return self.warehouse.parent

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def published(self) -> Path:
        """The read-only copy analysts and BI tools open."""
        return self.home / "published" / self.warehouse.name

    @property
    def parquet(self) -> Path:
        """A link to the current folder of Parquet files, one per mart."""
        return self.home / "published" / "parquet"

    @property
    def exports(self) -> Path:
        """Where `statswh export` writes by default."""
        return self.home / "exports"

    @property
    def data_docs(self) -> Path:
        """The Data Docs a reviewer opens; the Great Expectations project is home/gx."""
        return self.home / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def ingest_workers() -> int:
    """How many processes parse files: $STATSWH_INGEST_WORKERS, else one per CPU."""
    workers = os.environ.get(WORKERS_VARIABLE) or str(os.cpu_count() or 1)
    if not workers.isdigit() or int(workers) < 1:
        raise ValueError(f"{WORKERS_VARIABLE} must be a whole number of at least 1: {workers!r}")
    return int(workers)
