"""A throwaway PostgreSQL server for tests: Debian's postgresql-15 binaries, a temp directory.

The server runs as the `postgres` OS user when the tests run as root (PostgreSQL refuses to
run as root), listens on a free loopback port with its socket inside its own directory, and
requires a password over TCP, so the dbt profile's PGPASSWORD look-up is exercised too.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

POSTGRES_BIN = Path(os.environ.get("STATSWH_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "statswh"
DATABASE = "statswh"


@dataclass(frozen=True)
class PostgresServer:
    """How to reach the running server: the libpq environment variables dbt and psycopg2 read."""

    host: str
    port: int
    user: str
    password: str
    database: str

    @property
    def dsn(self) -> str:
        return (
            f"host={self.host} port={self.port} user={self.user} "
            f"password={self.password} dbname={self.database}"
        )

    @property
    def environ(self) -> dict[str, str]:
        return {
            "PGHOST": self.host,
            "PGPORT": str(self.port),
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGDATABASE": self.database,
        }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """Run as `postgres` when we are root; as ourselves otherwise."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    completed = subprocess.run(
        _as_server_user(command), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({completed.returncode}):\n"
            f"{completed.stdout[-2000:]}{completed.stderr[-2000:]}"
        )


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a fresh server (initdb, pg_ctl start), yield its address, then stop and remove it."""
    if not (POSTGRES_BIN / "pg_ctl").exists():
        raise RuntimeError(
            f"no PostgreSQL binaries in {POSTGRES_BIN}: install Debian's postgresql-15 "
            "(apt-get install postgresql), or set STATSWH_POSTGRES_BIN"
        )
    # Not pytest's tmp_path: its parents are private to root, and the server user must own this.
    home = Path(tempfile.mkdtemp(prefix="statswh-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    data, log = home / "data", home / "server.log"
    password = secrets.token_hex(12)
    password_file = home / "password"
    password_file.write_text(password + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        shutil.chown(password_file, "postgres", "postgres")
    port = free_port()
    _run(
        [
            str(POSTGRES_BIN / "initdb"),
            "--pgdata",
            str(data),
            "--username",
            SUPERUSER,
            "--pwfile",
            str(password_file),
            "--auth-local",
            "trust",
            "--auth-host",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        ]
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={home} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    pg_ctl = str(POSTGRES_BIN / "pg_ctl")
    _run(
        [pg_ctl, "--pgdata", str(data), "--log", str(log), "--options", options, "--wait", "start"]
    )
    try:
        _run(
            [
                str(POSTGRES_BIN / "createdb"),
                "--host",
                str(home),
                "--port",
                str(port),
                "--username",
                SUPERUSER,
                DATABASE,
            ]
        )
        yield PostgresServer("127.0.0.1", port, SUPERUSER, password, DATABASE)
    finally:
        _run([pg_ctl, "--pgdata", str(data), "--mode", "fast", "--wait", "stop"])
        shutil.rmtree(home, ignore_errors=True)
