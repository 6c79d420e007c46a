"""Measuring a block of work: wall time and CPU time."""

from __future__ import annotations

import resource
import time
from typing import Any


class Clock:
    """Wall time and CPU time (user + system, this process and its waited-for children).

    CPU time is the steadier figure on a shared machine: other people's load stretches
    wall time but not the work done; the report gives ratios on both.
    """

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = _cpu()

    def result(self, **extra: Any) -> dict[str, Any]:
        return {
            "seconds": time.perf_counter() - self.wall,
            "cpu_seconds": _cpu() - self.cpu,
            **extra,
        }


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
