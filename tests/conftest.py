"""Shared fixtures: the sample bureau files and a warehouse built from them, once per session."""

from __future__ import annotations

import os
import tempfile

import pytest
from sample_landing import Sample

from samples import generate_sample
from statswh import pipeline
from statswh.settings import Settings

# Airflow reads its home when first imported: keep test runs out of ~/airflow.
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="statswh-airflow-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")


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
