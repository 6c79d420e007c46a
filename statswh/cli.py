"""`statswh`: the command line for data engineers and analysts.

Every command takes --warehouse (default $STATSWH_WAREHOUSE, else warehouse/stats.duckdb)
and exits non-zero with a clear message on failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingest.limits import Limits
from statswh import pipeline, reporting
from statswh.publishing import read_manifest
from statswh.review_report import PAGE, REPORT_FOLDER
from statswh.settings import PROJECT_ROOT, Settings

EXAMPLE_QUERY = (
    "select region_name, indicator_name, period_end, value, unit, yoy_growth_pct "
    "from marts.fct_indicator_observation "
    "where region_name = '川江区' and period_type = 'year' order by period_end, indicator_code"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `statswh` command."""
    arguments = _parser().parse_args(argv)
    try:
        settings = Settings.from_env(arguments.warehouse, getattr(arguments, "landing", None))
        return arguments.handler(arguments, settings)
    except (pipeline.StepFailed, FileNotFoundError, ValueError, duckdb.Error) as error:
        print(f"statswh {arguments.command}: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="statswh", description=__doc__.splitlines()[0])
    _add_global_options(parser, default=None)
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="load bureau files or folders into raw")
    ingest.add_argument("paths", nargs="+", type=Path)
    ingest.add_argument(
        "--explain",
        action="store_true",
        help="load nothing: list every number the reader skipped or could not read, and where",
    )
    ingest.set_defaults(handler=_ingest)

    build = commands.add_parser("build", help="dbt build plus the data-quality checks")
    build.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild the incremental models from the whole history",
    )
    build.add_argument(
        "--unit-tests", action="store_true", help="also run dbt's unit tests of the SQL logic"
    )
    build.set_defaults(handler=_build)

    run = commands.add_parser("run", help="ingest the landing folder, build, check, publish")
    run.add_argument("--landing", help="the landing folder (default $STATSWH_LANDING)")
    run.add_argument("--month", action="append", help="only this month's folder (YYYY-MM)")
    run.set_defaults(handler=_run)

    publish = commands.add_parser(
        "publish", help="run the data-quality gate, then publish the marts for readers"
    )
    publish.add_argument(
        "--postgres",
        action="store_true",
        help="also copy them to PostgreSQL (target from PGHOST, PGDATABASE, PGUSER, ...)",
    )
    publish.set_defaults(handler=_publish)

    anomalies = commands.add_parser("anomalies", help="the flagged anomalies")
    anomalies.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table (fits the terminal), or every column as CSV or JSON",
    )
    anomalies.add_argument(
        "--long", action="store_true", help="with each anomaly's messages and ids"
    )
    anomalies.set_defaults(handler=_anomalies)

    accept = commands.add_parser(
        "accept", help="accept a warning with a reason: not raised again for the same figure"
    )
    accept.add_argument("anomaly_id", help="the anomaly_id shown by `statswh anomalies`")
    accept.add_argument("--reason", required=True, help="why the figure is right after all")
    accept.add_argument("--by", help="who accepts it (default: your login name)")
    accept.set_defaults(handler=_accept)

    sql = commands.add_parser("sql", help="a read-only query against the published marts")
    sql.add_argument("query")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.set_defaults(handler=_sql)

    sample = commands.add_parser("sample", help="write the sample bureau files")
    sample.add_argument("--landing", help="where to write them (default $STATSWH_LANDING)")
    sample.add_argument(
        "--truth",
        type=Path,
        default=PROJECT_ROOT / "sample_truth",
        help="where to write the injected anomalies' ground truth",
    )
    sample.set_defaults(handler=_sample)

    demo = commands.add_parser("demo", help="write the sample files and run the whole pipeline")
    demo.add_argument("--landing", help="where to write the sample files")
    demo.add_argument("--truth", type=Path, default=PROJECT_ROOT / "sample_truth")
    demo.set_defaults(handler=_demo)

    export = commands.add_parser(
        "export", help="the published observations as SDMX-CSV 2.0, for data exchange"
    )
    export.add_argument("--format", choices=("sdmx-csv",), default="sdmx-csv")
    export.add_argument(
        "--output",
        type=Path,
        help="the file to write (default: exports/indicator_observations.sdmx.csv "
        "beside the warehouse)",
    )
    export.set_defaults(handler=_export)

    status = commands.add_parser("status", help="what is published and how to query it")
    status.set_defaults(handler=_status)

    for command in commands.choices.values():
        _add_global_options(command, default=argparse.SUPPRESS)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    """Options every command takes before or after its name (`statswh --warehouse X build`,
    `statswh build --warehouse X`). A command's copy defaults to SUPPRESS, so that it leaves
    a value given before the command's name alone."""
    parser.add_argument("--warehouse", default=default, help="the working DuckDB file")


def _ingest(arguments: argparse.Namespace, settings: Settings) -> int:
    from ingest.loader import discover_files

    paths = discover_files(arguments.paths)
    limits = Limits.from_env()
    if arguments.explain:
        print("\n".join(pipeline.explain(path, limits) for path in paths))
        return 0
    with reporting.FileProgress(len(paths)) as progress:
        pipeline.ingest(settings, paths, on_file=progress.loaded, limits=limits)
    return 0


def _build(arguments: argparse.Namespace, settings: Settings) -> int:
    built = pipeline.build(settings, full_refresh=arguments.full_refresh)
    print(f"dbt build: {_statuses(built.statuses)} in {built.seconds:.1f} s")
    if arguments.unit_tests:
        tested = pipeline.unit_tests(settings)
        print(f"dbt unit tests: {_statuses(tested.statuses)} in {tested.seconds:.1f} s")
    checked = pipeline.check(settings)
    print("anomalies:")
    print(reporting.anomaly_counts(reporting.anomalies(settings.warehouse)))
    print(f"Data Docs: {checked.data_docs}")
    return 0


def _run(arguments: argparse.Namespace, settings: Settings) -> int:
    with reporting.FileProgress(len(pipeline.run_paths(settings, arguments.month))) as progress:
        _, built, checked, published = pipeline.run(
            settings,
            arguments.month,
            on_file=progress.loaded,
            on_line=lambda line: print(f"  [dbt] {line}", flush=True),
            limits=Limits.from_env(),
        )
    print(f"dbt build: {_statuses(built.statuses)} in {built.seconds:.1f} s")
    print("anomalies:")
    print(reporting.anomaly_counts(reporting.anomalies(published.database)))
    print(f"Data Docs: {checked.data_docs}")
    print(f"published: {published.database} ({len(published.tables)} tables)")
    print(f"review report: {published.database.parent / REPORT_FOLDER / PAGE}")
    return 0


def _publish(arguments: argparse.Namespace, settings: Settings) -> int:
    pipeline.check(settings)
    published = pipeline.publish(settings)
    print(f"published: {published.database} ({len(published.tables)} tables)")
    if arguments.postgres:
        import psycopg2

        from statswh.publishing import publish_to_postgres

        try:
            tables = publish_to_postgres(settings)
        except psycopg2.Error as error:
            raise pipeline.StepFailed(
                f"publishing to PostgreSQL failed: {error}".strip()
            ) from error
        print(f"published to PostgreSQL schema marts ({len(tables)} tables)")
    return 0


def _anomalies(arguments: argparse.Namespace, settings: Settings) -> int:
    found = reporting.anomalies(settings.warehouse)
    if arguments.format == "table":
        reporting.show_anomalies(found, long=arguments.long)
    else:
        print(reporting.render(found, arguments.format))
    return 0


def _accept(arguments: argparse.Namespace, settings: Settings) -> int:
    from statswh.review import accept

    accepted = accept(settings, arguments.anomaly_id, arguments.reason, arguments.by)
    print(
        f"accepted {accepted.rule_code} for {accepted.fact} (published {accepted.observed}) "
        f"by {accepted.accepted_by}: {accepted.reason}\n"
        "It stays in marts.dq_anomalies marked accepted, is not raised again for this figure, "
        "and is published with the next run."
    )
    return 0


def _sql(arguments: argparse.Namespace, settings: Settings) -> int:
    frame = reporting.read_only_query(settings.published, arguments.query)
    reporting.show(frame, arguments.format)
    return 0


def _export(arguments: argparse.Namespace, settings: Settings) -> int:
    from statswh.sdmx import export_sdmx_csv

    output = arguments.output or settings.exports / "indicator_observations.sdmx.csv"
    exported = export_sdmx_csv(settings.published, output.resolve())
    print(f"wrote {exported.observations} observations (SDMX-CSV 2.0) to {exported.path}")
    for fact in exported.left_out:
        print(f"not exported: {fact}", file=sys.stderr)
    return 0


def _sample(arguments: argparse.Namespace, settings: Settings) -> int:
    from samples import generate_sample

    summary = generate_sample(settings.landing, arguments.truth.resolve())
    print(
        f"wrote {len(summary.files)} files ({summary.n_facts} figures, "
        f"{summary.n_anomalies} injected anomalies) to {settings.landing}"
    )
    return 0


def _demo(arguments: argparse.Namespace, settings: Settings) -> int:
    _sample(arguments, settings)
    _run(argparse.Namespace(month=None), settings)
    return _status(arguments, settings)


def _status(arguments: argparse.Namespace, settings: Settings) -> int:
    tables = reporting.read_only_query(
        settings.published,
        "select table_name, estimated_size as rows from duckdb_tables() "
        "where schema_name = 'marts' order by table_name",
    )
    manifest = read_manifest(settings)
    print(f"Published warehouse: {settings.published} (at {manifest['published_at']})")
    reporting.show(tables, "table")
    print("\nAnomalies found:")
    print(reporting.anomaly_counts(reporting.anomalies(settings.published)))
    print(f"\nData Docs: {settings.data_docs}")
    print("\nQuery it, for example:")
    print(f'  statswh sql "{EXAMPLE_QUERY}"')
    return 0


def _statuses(statuses: dict[str, int]) -> str:
    return ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))


if __name__ == "__main__":
    raise SystemExit(main())
