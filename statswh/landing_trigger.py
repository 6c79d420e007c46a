"""An event trigger that turns files landing in the landing folder into asset events.

It runs in Airflow's triggerer (an AssetWatcher on the `statswh_landing` asset), not in
the scheduler or a worker: one cheap listing of the folder every `poll_seconds`, in an
asyncio loop beside the other triggers. A file is reported once its size and
modification time have stayed the same over two listings, so a file still being
copied is not picked up half written. What has been reported is kept in the asset's
state store, so a restarted triggerer does not report the same files again.

The event's payload, {"files": [...], "months": [...]}, names the files relative to the
landing folder; it reaches the DAG run as the asset event's extra["payload"].
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from airflow.triggers.base import BaseEventTrigger, TriggerEvent

Signature = tuple[int, int]
"""(size in bytes, modification time in ns) of a file."""

SEEN_KEY = "reported_files"


class LandingFilesTrigger(BaseEventTrigger):
    """Fire one event per batch of new or changed files in the landing folder."""

    def __init__(self, folder: str, poll_seconds: float = 30.0) -> None:
        super().__init__()
        self.folder = folder
        self.poll_seconds = poll_seconds

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {"folder": self.folder, "poll_seconds": self.poll_seconds},
        )

    async def run(self) -> AsyncIterator[TriggerEvent]:
        reported = await self._load_reported()
        previous: dict[str, Signature] = {}
        while True:
            listing = await asyncio.to_thread(list_landing, Path(self.folder))
            settled = {
                name: signature
                for name, signature in listing.items()
                if reported.get(name) != signature and previous.get(name) == signature
            }
            previous = listing
            if settled:
                reported.update(settled)
                await self._save_reported(reported)
                names = sorted(settled)
                months = sorted({name.split("/", 1)[0] for name in names if "/" in name})
                self.log.info("New files in %s: %s", self.folder, ", ".join(names))
                yield TriggerEvent({"files": names, "months": months})
            await asyncio.sleep(self.poll_seconds)

    async def _load_reported(self) -> dict[str, Signature]:
        if self.asset_state_store is None:
            return {}
        stored = await self.asset_state_store.aget(SEEN_KEY, {}) or {}
        return {name: (size, mtime) for name, (size, mtime) in stored.items()}

    async def _save_reported(self, reported: dict[str, Signature]) -> None:
        if self.asset_state_store is not None:
            await self.asset_state_store.aset(SEEN_KEY, {k: list(v) for k, v in reported.items()})


def list_landing(folder: Path) -> dict[str, Signature]:
    """Every file the ingest would take from the folder, with its size and mtime."""
    from ingest.loader import discover_files

    if not folder.is_dir():
        return {}
    listing = {}
    for path in discover_files([folder]):
        try:
            status = path.stat()
        except FileNotFoundError:  # moved away between listing and stat
            continue
        listing[path.relative_to(folder).as_posix()] = (status.st_size, status.st_mtime_ns)
    return listing
