"""DuckDB's temporary files (its spill to disk), measured while a stage runs.

DuckDB writes what does not fit its memory limit to `temp_directory`, by default the
folder `<database file>.tmp` beside the warehouse, and removes it when the connection
closes. So the spill is read while the build runs: a thread samples the folder's size
and keeps the largest.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType


def spill_folder(warehouse: Path) -> Path:
    """Where DuckDB spills for this warehouse (its default temp_directory)."""
    return warehouse.with_name(warehouse.name + ".tmp")


def folder_bytes(folder: Path) -> int:
    """Bytes of the files under a folder now (0 if it does not exist); files that vanish
    while it is walked (DuckDB frees temp files as it goes) count as 0."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def warehouse_bytes(warehouse: Path) -> int:
    """The warehouse file and its write-ahead log, as they are on disk."""
    return sum(
        path.stat().st_size
        for path in (warehouse, warehouse.with_name(warehouse.name + ".wal"))
        if path.exists()
    )


class SpillSampler:
    """A context that samples a folder's size every `interval` seconds; `peak_bytes`."""

    def __init__(self, folder: Path, interval: float = 0.1) -> None:
        self.folder = folder
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            self.peak_bytes = max(self.peak_bytes, folder_bytes(self.folder))
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> SpillSampler:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
