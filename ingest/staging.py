"""Parsed files staged beside the archive: files are parsed in parallel and written once.

A parser (a process of the ingest's pool, or one mapped Airflow task per file) reads one file
and writes what the loader writes for it into `staging/<sha256>/`: one Parquet file per raw
table it has records for (observations, project rows, targets, unread figures) and
`file.json`, what the reader said about the file (publisher, release date, skipped sheets,
the account of its numbers, or the reason it is rejected). A set appears by one rename once
it is complete, so a parser killed half-way leaves nothing a writer would load. The one
writer (`ingest.loader`) loads each set in its own transaction and then removes it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from dataclasses import dataclass, fields
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.errors import IngestError
from ingest.limits import Limits
from ingest.readers import read_file
from ingest.records import FigureAccount, ParsedFile, UnreadFigure

METADATA = "file.json"
PARTIAL_SUFFIX = ".part"
# A parser writes its set in seconds (the readers' limits bound a file); a partial set older
# than this was left by a parser that was killed, not one still writing.
ABANDONED_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class LandedFile:
    """A file offered to the ingest, identified by its content."""

    path: Path
    sha256: str
    size_bytes: int

    @classmethod
    def of(cls, path: Path) -> LandedFile:
        """Hashed in chunks, never read whole: only a reader, after the size limit, reads it."""
        with path.open("rb") as handle:
            sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
        return cls(path, sha256, path.stat().st_size)

    @property
    def source_file_id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class StagedFile:
    """A staging set read back: what the reader found, or why it rejected the file."""

    error: str | None
    publisher: str | None
    release_date: date | None
    n_facts: int
    skipped_sheets: dict[str, str]
    figures: FigureAccount
    tables: dict[str, Path]  # raw table -> the Parquet file of its records


def stage(file: LandedFile, staging: Path, limits: Limits) -> None:
    """Parse one file into its staging set, unless a set for its content is there already."""
    folder = staging / file.sha256
    if folder.is_dir():
        return
    try:
        parsed, error = read_file(file.path, limits), None
    except IngestError as rejected:
        parsed, error = ParsedFile(), str(rejected)
    partial = staging / f".{file.sha256}.{uuid.uuid4().hex}{PARTIAL_SUFFIX}"
    partial.mkdir(parents=True)
    try:
        _write(parsed, error, partial)
        try:
            partial.rename(folder)
        except OSError:
            if not folder.is_dir():
                raise  # not a parser of the same content that got there first
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _write(parsed: ParsedFile, error: str | None, folder: Path) -> None:
    tables = {
        "indicator_observations": parsed.observations,
        "project_progress": parsed.projects,
        "indicator_targets": parsed.targets,
        "unread_figures": parsed.figures.unread,
    }
    for table, records in tables.items():
        if records:
            pq.write_table(_arrow_table(records), folder / f"{table}.parquet")
    metadata = {
        "error": error,
        "publisher": parsed.publisher,
        "release_date": parsed.release_date.isoformat() if parsed.release_date else None,
        "n_facts": parsed.n_facts,
        "skipped_sheets": parsed.skipped_sheets,
        "numbers_read": parsed.figures.read,
        "numbers_skipped": parsed.figures.skipped,
    }
    (folder / METADATA).write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")


def _arrow_table(records: list) -> pa.Table:
    """Records of one dataclass type as an Arrow table, built column by column (not with
    dataclasses.asdict, which deep-copies every field: docs/benchmarks.md)."""
    names = [field.name for field in fields(records[0])]
    return pa.table({name: [getattr(record, name) for record in records] for name in names})


def read_staged(staging: Path, sha256: str) -> StagedFile:
    """The staging set of a file's content; FileNotFoundError when it was not staged."""
    folder = staging / sha256
    metadata = json.loads((folder / METADATA).read_text(encoding="utf-8"))
    tables = {path.stem: path for path in sorted(folder.glob("*.parquet"))}
    unread = (
        [UnreadFigure(**row) for row in pq.read_table(tables["unread_figures"]).to_pylist()]
        if "unread_figures" in tables
        else []
    )
    released = metadata["release_date"]
    return StagedFile(
        error=metadata["error"],
        publisher=metadata["publisher"],
        release_date=date.fromisoformat(released) if released else None,
        n_facts=metadata["n_facts"],
        skipped_sheets=metadata["skipped_sheets"],
        figures=FigureAccount(metadata["numbers_read"], metadata["numbers_skipped"], unread),
        tables=tables,
    )


def discard(staging: Path, sha256: str) -> None:
    """Remove a file's staging set once the writer is done with it."""
    shutil.rmtree(staging / sha256, ignore_errors=True)


def sweep_abandoned(staging: Path, older_than: timedelta = ABANDONED_AFTER) -> list[Path]:
    """Remove partial sets that killed parsers left (a parser's `finally` never ran), but
    not those of parsers still writing; return what was removed. The one writer calls it."""
    if not staging.is_dir():
        return []
    cutoff = time.time() - older_than.total_seconds()
    abandoned = [
        path
        for path in staging.glob(f".*{PARTIAL_SUFFIX}")
        if path.is_dir() and path.stat().st_mtime < cutoff
    ]
    for path in abandoned:
        shutil.rmtree(path, ignore_errors=True)
    return abandoned
