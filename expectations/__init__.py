"""Great Expectations: the custom expectations, the suites and the publishing gate.

The rules themselves run inside the warehouse in SQL (dbt_project/models/dq/rules); their
catalogue is the dbt seed dbt_project/seeds/dq_rules.csv (read in Python by
statswh.rule_catalogue). Great Expectations validates the raw batch and gates publishing
on the anomalies.
"""

import os

# Every import of Great Expectations in the project goes through this package, so this runs
# first: GX versions that send usage statistics read the switch when they are imported.
# (GX 1.24.1 reads it nowhere and sends none; the switch stays off for an upgrade.)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
