"""Data-quality rules: the catalogue, the Great Expectations suites and the publishing gate.

The rules themselves run inside the warehouse in SQL (dbt_project/models/dq);
their metadata lives in `catalogue/dq_rules.csv` (a dbt seed analysts can edit);
Great Expectations validates the raw batch and gates publishing on the anomalies.
"""
