"""Data-quality rules: the catalogue, the Great Expectations suites and the publishing gate.

The rules themselves run inside the warehouse in SQL (dbt_project/models/dq);
their metadata lives in `catalogue/dq_rules.csv` (a dbt seed analysts can edit);
Great Expectations validates the raw batch and gates publishing on the anomalies.
"""

import os

# Every import of Great Expectations in the project goes through this package, so this runs
# first: GX versions that send usage statistics read the switch when they are imported.
# (GX 1.24.1 reads it nowhere and sends none; the switch stays off for an upgrade.)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
