"""Copy the raw layer of the DuckDB warehouse into PostgreSQL, so dbt can build there too.

The dbt project runs unchanged on PostgreSQL (`dbt build --target postgres`); only the raw
tables have to get there. They are copied with PostgreSQL's COPY through psycopg2: DuckDB
writes each table as CSV, PostgreSQL reads it. No DuckDB extension is needed.

The copy replaces the raw tables' rows in one transaction: a dbt run on PostgreSQL sees the
previous copy or the new one, never half of it. Tables are truncated rather than dropped so
the staging views dbt built on them stay valid. The connection comes from the standard libpq
variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE); nothing is stored.

    python -m statswh.postgres --warehouse warehouse/stats.duckdb
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import duckdb
import psycopg2
from psycopg2 import sql

from statswh.settings import Settings

RAW_SCHEMA = "raw"
# DuckDB column types and their PostgreSQL equivalents; anything else stops the copy.
POSTGRES_TYPES = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "HUGEINT": "numeric(39, 0)",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
}
_DECIMAL = re.compile(r"DECIMAL\(\d+,\s*\d+\)")


def postgres_type(duckdb_type: str) -> str:
    """The PostgreSQL type a DuckDB column is copied into."""
    if _DECIMAL.fullmatch(duckdb_type):
        return duckdb_type.replace("DECIMAL", "numeric")
    if duckdb_type not in POSTGRES_TYPES:
        raise ValueError(f"no PostgreSQL type for DuckDB type {duckdb_type}")
    return POSTGRES_TYPES[duckdb_type]


def raw_tables(warehouse: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """Each raw table's columns, in order, with their PostgreSQL types."""
    rows = warehouse.execute(
        "select table_name, column_name, data_type from duckdb_columns() "
        "where schema_name = ? order by table_name, column_index",
        [RAW_SCHEMA],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, postgres_type(data_type)))
    return tables


def copy_raw(warehouse_path: Path, dsn: str = "") -> dict[str, int]:
    """Replace the rows of PostgreSQL's raw.* with the warehouse's; return rows per table.

    `dsn` is a libpq connection string; empty means the PG* environment variables.
    """
    counts: dict[str, int] = {}
    with (
        closing(duckdb.connect(str(warehouse_path), read_only=True)) as warehouse,
        tempfile.TemporaryDirectory(prefix="statswh-copy-") as folder,
        closing(psycopg2.connect(dsn)) as server,
    ):
        tables = raw_tables(warehouse)
        if not tables:
            raise ValueError(f"{warehouse_path} has no {RAW_SCHEMA} tables: run the ingest first")
        with server, server.cursor() as cursor:  # one transaction: committed on success
            cursor.execute(
                sql.SQL("create schema if not exists {}").format(sql.Identifier(RAW_SCHEMA))
            )
            for table, columns in tables.items():
                counts[table] = _copy_table(warehouse, cursor, table, columns, Path(folder))
    return counts


def _copy_table(
    warehouse: duckdb.DuckDBPyConnection,
    cursor: psycopg2.extensions.cursor,
    table: str,
    columns: list[tuple[str, str]],
    folder: Path,
) -> int:
    """Create the table (or add new columns), truncate it and COPY the warehouse's rows in."""
    target = sql.Identifier(RAW_SCHEMA, table)
    definitions = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(type_)) for name, type_ in columns
    )
    cursor.execute(sql.SQL("create table if not exists {} ({})").format(target, definitions))
    for name, type_ in columns:
        cursor.execute(
            sql.SQL("alter table {} add column if not exists {} {}").format(
                target, sql.Identifier(name), sql.SQL(type_)
            )
        )
    cursor.execute(sql.SQL("truncate table {}").format(target))
    names = [name for name, _ in columns]
    csv_file = folder / f"{table}.csv"
    # DuckDB quotes empty strings and leaves NULL unquoted and empty, as PostgreSQL reads them.
    column_list = ", ".join(f'"{name}"' for name in names)
    warehouse.execute(
        f"copy (select {column_list} from {RAW_SCHEMA}.{table}) to ? (format csv, header false)",
        [str(csv_file)],
    )
    with csv_file.open(encoding="utf-8") as handle:
        cursor.copy_expert(
            sql.SQL("copy {} ({}) from stdin with (format csv)").format(
                target, sql.SQL(", ").join(map(sql.Identifier, names))
            ),
            handle,
        )
    return cursor.rowcount


def main(argv: list[str] | None = None) -> int:
    """`python -m statswh.postgres`: copy raw.* to the server the PG* variables name."""
    parser = argparse.ArgumentParser(
        prog="python -m statswh.postgres",
        description="Copy the warehouse's raw tables into PostgreSQL "
        "(connection from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).",
    )
    parser.add_argument("--warehouse", help="the working DuckDB file (default: STATSWH_WAREHOUSE)")
    arguments = parser.parse_args(argv)
    settings = Settings.from_env(warehouse=arguments.warehouse)
    try:
        counts = copy_raw(settings.warehouse)
    except (OSError, ValueError, duckdb.Error, psycopg2.Error) as error:
        print(f"copy to PostgreSQL failed: {error}", file=sys.stderr)
        return 1
    for table, count in counts.items():
        print(f"raw.{table}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
