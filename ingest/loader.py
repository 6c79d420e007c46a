"""Loading files into `raw`: once per file content, originals kept, bad files quarantined.

A file is identified by its sha256. Files are parsed in parallel into staging sets
(`ingest.staging`) and loaded by one writer: a file's facts, the numbers its reader
could not read and its registry row (with the account of every number) are written in
one transaction, so a failure leaves nothing half-loaded; offering the same file
again changes nothing. Originals are copied to the archive (loaded) or to
quarantine (rejected, with the reason beside them) and never modified.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import duckdb

from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.readers import file_format
from ingest.records import FigureAccount
from ingest.staging import (
    LandedFile,
    StagedFile,
    discard,
    read_staged,
    stage,
    sweep_abandoned,
)

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
_UNSAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")
_PR_SET_PDEATHSIG = 1  # prctl(2)


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

    @property
    def staging(self) -> Path:
        """Where parsers leave each file's staging set for the writer (`ingest.staging`)."""
        return self.archive.parent / "staging"


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
    paths: list[Path],
    connection: duckdb.DuckDBPyConnection,
    dirs: StoreDirs,
    *,
    limits: Limits = DEFAULT_LIMITS,
    workers: int = 1,
    on_file: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Ingest each file independently: one bad file never stops the others.

    Files neither loaded before nor staged already (by a parse task, or a run that died
    before loading them) are parsed into their staging sets by `workers` processes (1: in
    this process), while this process, the one writer, loads each set as soon as it is
    there, in the order of `paths`, each in its own transaction. `on_file` hears each
    file's result as it is loaded. Partial sets that killed parsers left long ago are
    removed first.
    """
    ensure_raw_schema(connection)
    sweep_abandoned(dirs.staging)
    files = [LandedFile.of(path) for path in paths]
    to_parse = [
        _registered(connection, file) is None and not (dirs.staging / file.sha256).is_dir()
        for file in files
    ]
    results = []
    with _parsing(workers, sum(to_parse)) as parse:
        staged = parse(
            partial(stage, staging=dirs.staging, limits=limits),
            [file for file, parsing in zip(files, to_parse, strict=True) if parsing],
        )
        for file, parsing in zip(files, to_parse, strict=True):
            if parsing:
                next(staged)  # this file's staging set is written
            results.append(load_staged(file, connection, dirs))
            if on_file:
                on_file(results[-1])
    return results


@contextmanager
def _parsing(workers: int, files: int) -> Iterator[Callable]:
    """An ordered map over the files: in this process, or in a pool of worker processes.

    The workers are forked (they start at once with the readers imported, and see the
    readers registered in READERS) and never touch this process's DuckDB connection.
    """
    if min(workers, files) <= 1:
        yield map
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        min(workers, files),
        mp_context=context,
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        try:
            yield pool.map
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def _die_with_parent(parent: int) -> None:
    """Make a worker end with the process that forked it, even when that one is killed:
    an idle worker would otherwise wait for work forever (Linux's PR_SET_PDEATHSIG)."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # killed before the line above took effect
        os._exit(1)


def load_staged(
    file: LandedFile, connection: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> FileResult:
    """Load a file's staging set, or report the file unchanged, or quarantine it with its
    readable reason; the set is removed once done with (also after a failed read or
    write, so that a rerun parses the file again)."""
    known = _registered(connection, file)
    if known is not None:
        discard(dirs.staging, file.sha256)
        status, error = known
        detail = "already loaded" if status == "loaded" else f"quarantined earlier: {error}"
        return FileResult(file.path.name, file.source_file_id, "unchanged", 0, detail)
    try:
        staged = read_staged(dirs.staging, file.sha256)
        if staged.error is not None:
            _register_quarantined(file, staged.error, connection, dirs)
            return FileResult(file.path.name, file.source_file_id, "quarantined", 0, staged.error)
        stored = _store(dirs.archive, file.source_file_id, file.path)
        _load_staged(file, staged, stored, connection)
    finally:
        discard(dirs.staging, file.sha256)
    return FileResult(
        file.path.name, file.source_file_id, "loaded", staged.n_facts, "", staged.figures
    )


def _registered(
    connection: duckdb.DuckDBPyConnection, file: LandedFile
) -> tuple[str, str | None] | None:
    """(status, error) of a content the registry knows, else None."""
    return connection.execute(
        "select status, error from raw.source_files where sha256 = ?", [file.sha256]
    ).fetchone()


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
    file: LandedFile, error: str, connection: duckdb.DuckDBPyConnection, dirs: StoreDirs
) -> None:
    stored = _store(dirs.quarantine, file.source_file_id, file.path)
    stored.with_name(stored.name + ".reason.txt").write_text(error + "\n", encoding="utf-8")
    connection.execute(
        """
        insert into raw.source_files
            (source_file_id, file_name, sha256, format, size_bytes, status, error, n_facts,
             stored_path, loaded_at)
        values (?, ?, ?, ?, ?, 'quarantined', ?, 0, ?, ?)
        """,
        [
            file.source_file_id,
            file.path.name,
            file.sha256,
            file_format(file.path),
            file.size_bytes,
            error,
            str(stored),
            _now(),
        ],
    )


def _load_staged(
    file: LandedFile,
    staged: StagedFile,
    stored: Path,
    connection: duckdb.DuckDBPyConnection,
) -> None:
    """Write the registry row, all facts and the unread numbers of one file in a single
    transaction."""
    loaded_at = _now()
    figures = staged.figures
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
                file.source_file_id,
                file.path.name,
                file.sha256,
                file_format(file.path),
                file.size_bytes,
                staged.publisher,
                staged.release_date,
                staged.n_facts,
                json.dumps(staged.skipped_sheets, ensure_ascii=False),
                str(stored),
                loaded_at,
                figures.read,
                figures.n_skipped,
                len(figures.unread),
                json.dumps(figures.skipped, ensure_ascii=False),
            ],
        )
        for table, parquet in staged.tables.items():
            connection.execute(
                f"insert into raw.{table} by name "
                "select *, ? as source_file_id, ? as loaded_at from read_parquet(?)",
                [file.source_file_id, loaded_at, str(parquet)],
            )
        connection.execute("commit")
    except Exception:
        connection.execute("rollback")
        raise


def _now() -> datetime:
    """Load times in UTC without tzinfo, as DuckDB's timestamp stores them."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
