"""Great Expectations: the custom expectations, the suites and the publishing gate.

The rules themselves run inside the warehouse in SQL (dbt_project/models/dq/rules); their
catalogue is the dbt seed dbt_project/seeds/dq_rules.csv (read in Python by
statswh.rule_catalogue). Great Expectations validates the raw batch and gates publishing
on the anomalies.
"""
