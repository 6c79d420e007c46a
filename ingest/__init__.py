"""Reading bureau files into the warehouse's raw tables.

The package is independent of Airflow and dbt: readers turn a file into
normalised records (`records`), parsers stage them beside the archive (`staging`,
in parallel), and the one writer loads them into DuckDB once per file, keeping the
original (`loader`).
"""
