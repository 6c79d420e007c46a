"""The landing-folder trigger: one event per batch of new files, once they stopped changing."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from statswh.landing_trigger import LandingFilesTrigger, list_landing

POLL = 0.05


async def _next_event(events, timeout: float = 5.0) -> dict:
    return (await asyncio.wait_for(anext(events), timeout)).payload


def test_a_new_file_is_reported_once_with_its_month(tmp_path: Path) -> None:
    async def scenario() -> None:
        (tmp_path / "2023-06").mkdir()
        trigger = LandingFilesTrigger(folder=str(tmp_path), poll_seconds=POLL)
        events = trigger.run()
        first = asyncio.ensure_future(_next_event(events))
        await asyncio.sleep(POLL * 3)
        assert not first.done(), "an empty folder fires nothing"
        (tmp_path / "2023-06" / "report.xlsx").write_bytes(b"data")
        (tmp_path / "2023-06" / ".partial.xlsx").write_bytes(b"skipped")
        assert await first == {"files": ["2023-06/report.xlsx"], "months": ["2023-06"]}

        second = asyncio.ensure_future(_next_event(events))
        await asyncio.sleep(POLL * 4)
        assert not second.done(), "a file is reported once"
        (tmp_path / "2023-07").mkdir()
        (tmp_path / "2023-07" / "report.csv").write_bytes(b"more")
        os.utime(tmp_path / "2023-06" / "report.xlsx", ns=(1, 1))  # a changed file: again
        assert await second == {
            "files": ["2023-06/report.xlsx", "2023-07/report.csv"],
            "months": ["2023-06", "2023-07"],
        }
        await events.aclose()

    asyncio.run(scenario())


def test_a_file_still_being_written_waits_until_it_stops_changing(tmp_path: Path) -> None:
    async def scenario() -> None:
        growing = tmp_path / "2023-06" / "big.xlsx"
        growing.parent.mkdir()
        trigger = LandingFilesTrigger(folder=str(tmp_path), poll_seconds=POLL)
        events = trigger.run()
        event = asyncio.ensure_future(_next_event(events))
        for chunk in range(6):
            with growing.open("ab") as handle:
                handle.write(b"x" * (chunk + 1))
            await asyncio.sleep(POLL * 0.6)
            assert not event.done(), "reported while still growing"
        assert await event == {"files": ["2023-06/big.xlsx"], "months": ["2023-06"]}
        await events.aclose()

    asyncio.run(scenario())


def test_the_trigger_serializes_to_its_own_class_and_arguments(tmp_path: Path) -> None:
    classpath, kwargs = LandingFilesTrigger(folder=str(tmp_path), poll_seconds=7).serialize()
    assert classpath == "statswh.landing_trigger.LandingFilesTrigger"
    assert LandingFilesTrigger(**kwargs).serialize() == (classpath, kwargs)


def test_a_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert list_landing(tmp_path / "absent") == {}
