"""Loading files into `raw`: once per file content, originals kept, bad files quarantined.

A file is identified by its sha256. Its facts, the numbers its reader could not read
and its registry row (with the account of every number) are written in one
transaction, so a failure leaves nothing half-loaded; offering the same file
again changes nothing. Originals are copied to the archive (loaded) or to
quarantine (rejected, with the reason beside them) and never modified.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from ingest.errors import IngestError
from ingest.readers import file_format, read_file
from ingest.records import FigureAccount, ParsedFile

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
_UNSAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file, as the CLI and the DAG report it."""

    file_name: str
    source_file_id: str
    status: str  # loaded | unchanged | quarantined
    n_facts: int
    message: str
    figures: FigureAccount | None = None  # the reader's account of every number (loaded files)

    def line(self) -> str:
        if self.status == "loaded":
            account = f"; {self.figures.summary()}" if self.figures is not None else ""
            return f"{self.file_name}: loaded {self.n_facts} facts{account}"
        if self.status == "unchanged":
            return f"{self.file_name}: unchanged ({self.message})"
        return f"{self.file_name}: quarantined: {self.message}"


@dataclass(frozen=True)
class StoreDirs:
    """Where originals are kept: archive for loaded files, quarantine for rejected ones."""

    archive: Path
    quarantine: Path


def ensure_raw_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables if they do not exist yet."""
    connection.execute(SCHEMA_SQL.read_text(encoding="utf-8"))


def discover_files(paths: list[Path]) -> list[Path]:
    """Files under the given paths that a reader may take, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not p.name.startswith("~$")
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return found


def ingest_files(
    paths: list[Path], connection: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> list[FileResult]:
    """Ingest each file independently: one bad file never stops the others."""
    ensure_raw_schema(connection)
    return [ingest_file(path, connection, dirs) for path in paths]


def ingest_file(path: Path, connection: duckdb.DuckDBPyConnection, dirs: StoreDirs) -> FileResult:
    """Load one file, or report it unchanged, or quarantine it with a readable reason.

    The file is hashed and copied in chunks, never read whole: only a reader, after the
    size limit (`ingest.limits`), reads its content.
    """
    with path.open("rb") as handle:
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    size_bytes = path.stat().st_size
    source_file_id = sha256[:16]
    known = connection.execute(
        "select status, error from raw.source_files where sha256 = ?", [sha256]
    ).fetchone()
    if known is not None:
        status, error = known
        detail = "already loaded" if status == "loaded" else f"quarantined earlier: {error}"
        return FileResult(path.name, source_file_id, "unchanged", 0, detail)
    try:
        parsed = read_file(path)
    except IngestError as error:
        _register_quarantined(
            path, size_bytes, source_file_id, sha256, str(error), connection, dirs
        )
        return FileResult(path.name, source_file_id, "quarantined", 0, str(error))
    stored = _store(dirs.archive, source_file_id, path)
    _load_parsed(path, parsed, source_file_id, sha256, size_bytes, stored, connection)
    return FileResult(path.name, source_file_id, "loaded", parsed.n_facts, "", parsed.figures)


def _store(folder: Path, source_file_id: str, original: Path) -> Path:
    """Copy an original into the archive or quarantine under a name that cannot escape it."""
    folder.mkdir(parents=True, exist_ok=True)
    safe_name = _UNSAFE_NAME.sub("_", original.name).lstrip(".") or "file"
    target = folder / f"{source_file_id}__{safe_name}"
    if not target.exists():
        temporary = target.with_name(target.name + ".part")
        shutil.copyfile(original, temporary)
        temporary.replace(target)
    return target


def _register_quarantined(
    path: Path,
    size_bytes: int,
    source_file_id: str,
    sha256: str,
    error: str,
    connection: duckdb.DuckDBPyConnection,
    dirs: StoreDirs,
) -> None:
    stored = _store(dirs.quarantine, source_file_id, path)
    stored.with_name(stored.name + ".reason.txt").write_text(error + "\n", encoding="utf-8")
    connection.execute(
        """
        insert into raw.source_files
            (source_file_id, file_name, sha256, format, size_bytes, status, error, n_facts,
             stored_path, loaded_at)
        values (?, ?, ?, ?, ?, 'quarantined', ?, 0, ?, ?)
        """,
        [
            source_file_id,
            path.name,
            sha256,
            file_format(path),
            size_bytes,
            error,
            str(stored),
            _now(),
        ],
    )


def _load_parsed(
    path: Path,
    parsed: ParsedFile,
    source_file_id: str,
    sha256: str,
    size_bytes: int,
    stored: Path,
    connection: duckdb.DuckDBPyConnection,
) -> None:
    """Write the registry row, all facts and the unread numbers of one file in a single
    transaction."""
    loaded_at = _now()
    figures = parsed.figures
    frames = {
        table: _frame(records, source_file_id, loaded_at)
        for table, records in (
            ("indicator_observations", parsed.observations),
            ("project_progress", parsed.projects),
            ("indicator_targets", parsed.targets),
            ("unread_figures", figures.unread),
        )
        if records
    }
    connection.execute("begin transaction")
    try:
        connection.execute(
            """
            insert into raw.source_files
                (source_file_id, file_name, sha256, format, size_bytes, publisher,
                 release_date, status, n_facts, skipped_sheets, stored_path, loaded_at,
                 numbers_read, numbers_skipped, numbers_unread, numbers_skipped_reasons)
            values (?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                source_file_id,
                path.name,
                sha256,
                file_format(path),
                size_bytes,
                parsed.publisher,
                parsed.release_date,
                parsed.n_facts,
                json.dumps(parsed.skipped_sheets, ensure_ascii=False),
                str(stored),
                loaded_at,
                figures.read,
                figures.n_skipped,
                len(figures.unread),
                json.dumps(figures.skipped, ensure_ascii=False),
            ],
        )
        for table, frame in frames.items():
            connection.register("incoming_records", frame)
            connection.execute(f"insert into raw.{table} by name select * from incoming_records")
            connection.unregister("incoming_records")
        connection.execute("commit")
    except Exception:
        connection.execute("rollback")
        raise


def _frame(records: list, source_file_id: str, loaded_at: datetime) -> pd.DataFrame:
    """Records of one dataclass type as a DataFrame with the file's id and load time.

    Built column by column: dataclasses.asdict deep-copies every field of every record,
    which cost more than reading the workbook (docs/benchmarks.md).
    """
    names = [field.name for field in fields(records[0])]
    frame = pd.DataFrame({name: [getattr(record, name) for record in records] for name in names})
    frame.insert(0, "source_file_id", source_file_id)
    frame["loaded_at"] = loaded_at
    return frame


def _now() -> datetime:
    """Load times in UTC without tzinfo, as DuckDB's timestamp stores them."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
