"""Where the warehouse, the landing folder and the published copy live.

Everything comes from the command line or the environment, never from code:
STATSWH_WAREHOUSE (the working DuckDB file) and STATSWH_LANDING (where bureau
files arrive). The published copy, archive and quarantine sit beside the
working warehouse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("STATSWH_HOME") or Path(__file__).resolve().parents[1])
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


@dataclass(frozen=True)
class Settings:
    """Paths of one warehouse installation."""

    warehouse: Path
    landing: Path

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
        return cls(Path(warehouse).resolve(), Path(landing).resolve())

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
