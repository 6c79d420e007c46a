"""The sample bureau files of a test session and what the generator says they contain."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from evaluation.truth import FlagKey, expected_demo_flags


@dataclass(frozen=True)
class Sample:
    landing: Path
    truth: Path

    def injected_anomalies(self) -> set[tuple[str, str, str, str, str]]:
        with (self.truth / "anomalies.csv").open(encoding="utf-8") as handle:
            return {
                (
                    row["rule_code"],
                    row["region_code"],
                    row["indicator_code"],
                    row["period_type"],
                    row["period_end"],
                )
                for row in csv.DictReader(handle)
            }

    def expected_flags(self) -> set[FlagKey]:
        """Every flag the sample should raise: its injected anomalies and their consequences."""
        return expected_demo_flags(self.truth)
