"""Reading bureau files into the warehouse's raw tables.

The package is independent of Airflow and dbt: readers turn a file into
normalised records (`records`), and the loader writes them to DuckDB once per
file, keeping the original (`loader`).
"""
