"""Running the suites: the raw batch after ingest, the anomaly gate after the dbt build.

Great Expectations 1.x has no DuckDB data source, so the data reaches it as
DataFrames; a file-backed context under the warehouse keeps the suites, the
validation results and the Data Docs a reviewer opens.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from expectations import custom_expectations as custom

os.environ.setdefault("TQDM_DISABLE", "1")


@dataclass(frozen=True)
class SuiteOutcome:
    """The result of one checkpoint run."""

    suite: str
    success: bool
    failures: list[str]
    data_docs: Path


# The gate's report names every blocking anomaly by id, rule and fact, not only a count.
RESULT_FORMATS = {
    "dq_gate": {
        "result_format": "COMPLETE",
        "unexpected_index_column_names": [
            "anomaly_id",
            "rule_code",
            "region_name",
            "indicator_name",
            "period_end",
        ],
    },
}


def _suites() -> dict[str, list]:
    return {
        "raw_observations": [
            custom.ExpectKnownPeriodTypes(),
            custom.ExpectGrowthRatesPossible(),
            custom.ExpectPublishedDecimals(),
            _gx().expectations.ExpectColumnValuesToNotBeNull(column="region_name"),
            _gx().expectations.ExpectColumnValuesToNotBeNull(column="indicator_name"),
        ],
        "dq_gate": [custom.ExpectNoErrorAnomalies()],
    }


def _gx():
    import great_expectations as gx

    return gx


def validate(frame: pd.DataFrame, suite_name: str, project_root: Path) -> SuiteOutcome:
    """Validate a DataFrame against one of the project's suites and update the Data Docs.

    The Great Expectations project (suites, results, Data Docs) is `project_root`/gx.
    """
    gx = _gx()
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="file", project_root_dir=str(project_root))
    # GX draws a progress bar per validation; in a pipeline log they are only noise.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = _get_or_add(context.data_sources, "statswh", context.data_sources.add_pandas)
    asset = _get_or_add(source, suite_name, source.add_dataframe_asset, lookup=source.get_asset)
    batch = _get_or_add(
        asset,
        "whole",
        asset.add_batch_definition_whole_dataframe,
        lookup=asset.get_batch_definition,
    )
    suite = gx.ExpectationSuite(name=suite_name, expectations=_suites()[suite_name])
    suite = context.suites.add_or_update(suite)
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite_name, data=batch, suite=suite)
    )
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=suite_name,
            validation_definitions=[definition],
            actions=[UpdateDataDocsAction(name="update_data_docs")],
            result_format=RESULT_FORMATS.get(suite_name, "SUMMARY"),
        )
    )
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    failures = [
        f"{check.expectation_config.type}: {check.result.get('unexpected_count', '?')} "
        f"unexpected, e.g. {_examples(check.result)}"
        for run in result.run_results.values()
        for check in run.results
        if not check.success
    ]
    docs = project_root / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    return SuiteOutcome(suite_name, bool(result.success), failures, docs)


def _examples(result: dict) -> list:
    """A few unexpected rows: by their index columns (the gate's anomaly ids) when known."""
    rows = result.get("unexpected_index_list") or result.get("partial_unexpected_list", [])
    return rows[:3]


def _get_or_add(container, name, add, lookup=None):
    lookup = lookup or container.get
    try:
        return lookup(name)
    except (KeyError, LookupError, ValueError):
        return add(name)
