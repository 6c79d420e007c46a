"""A reviewer's side of the data-quality gate: accepting a warning with a reason."""

from __future__ import annotations

import getpass
from contextlib import closing

from statswh import pipeline
from statswh.review_store import Acceptance, insert_acceptance
from statswh.settings import Settings


def accept(settings: Settings, anomaly_id: str, reason: str, by: str | None = None) -> Acceptance:
    """Accept a warning (or info) anomaly; it stays in dq_anomalies, marked accepted.

    The acceptance is keyed by the figure (rule, fact, published value), so it holds for
    later builds and files that publish the same figure, and lapses when the figure changes.
    marts.dq_anomalies is rebuilt at once; the published copy follows on the next run.
    """
    with closing(pipeline.connect(settings)) as connection:
        acceptance = insert_acceptance(connection, anomaly_id, reason, by or getpass.getuser())
    pipeline.refresh(settings, "dq_anomalies")
    return acceptance
