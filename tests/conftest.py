"""Shared fixtures: the sample bureau files and a warehouse built from them, once per session."""

from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from statswh import pipeline
from statswh.sample import generate_sample
from statswh.sample_anomalies import FlagKey, expected_demo_flags
from statswh.settings import Settings

# Airflow reads its home when first imported: keep test runs out of ~/airflow.
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="statswh-airflow-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")


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


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    root = tmp_path_factory.mktemp("sample")
    generate_sample(root / "landing", root / "truth")
    return Sample(root / "landing", root / "truth")


@pytest.fixture(scope="session")
def built(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A warehouse after one full `statswh run` over the 36 sample months."""
    settings = Settings(tmp_path_factory.mktemp("warehouse") / "stats.duckdb", sample.landing)
    pipeline.run(settings)
    return settings
