"""Shared fixtures: the sample bureau files and a warehouse built from them, once per session."""

from __future__ import annotations

import os
import tempfile

# Airflow reads its home when first imported: keep test runs out of ~/airflow.
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="statswh-airflow-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
# `make test` runs the tests on several processes (pytest-xdist): each builds with dbt into a
# target and a log folder of its own, or one's run results and partial parse would be another's.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    dbt_folder = tempfile.mkdtemp(prefix=f"statswh-dbt-{worker}-")
    os.environ.setdefault("STATSWH_DBT_TARGET_PATH", os.path.join(dbt_folder, "target"))
    os.environ.setdefault("DBT_LOG_PATH", os.path.join(dbt_folder, "logs"))

import pytest
from sample_landing import Sample

from samples import generate_sample
from statswh import pipeline
from statswh.settings import Settings


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow files (dbt, Airflow, servers) first, each file's tests kept together: on two
    processes the quick ones then fill in around them instead of one slow file running last
    alone."""
    items.sort(key=lambda item: item.get_closest_marker("integration") is None)
