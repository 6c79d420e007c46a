"""Benchmarks of the warehouse at district, province and national scale (issue 7).

`python -m bench --scale province` generates the data, measures ingest, build, the
incremental month, orchestration and memory against same-run baselines, prints a table
and writes warehouse/bench/bench-<scale>.json. See docs/benchmarks.md.
"""
