"""Apache Superset over the published warehouse: what `make bi` runs and tests/bi drives.

Superset 6.1 pins SQLAlchemy < 2 and duckdb < 2, so it lives in its own virtual environment,
installed once per machine from bi/superset-requirements.txt into
~/.cache/statswh/superset-<key>/ (<key>: the file's hash and the Python version), and this
module talks to it over its REST API with the project's Python. Superset's own state (SQLite
metadata, generated secret key and admin password, log, pid) lives in an ignored folder,
.bi/ by default.

    python -m statswh.bi up      install if needed, start Superset on loopback, register the
                                 published DuckDB file (read-only) and the PostgreSQL marts
                                 (read-only role), create the datasets and the dashboard
    python -m statswh.bi stop    stop the Superset and the PostgreSQL that `up` started
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from statswh.settings import PROJECT_ROOT, Settings

REQUIREMENTS = PROJECT_ROOT / "bi" / "superset-requirements.txt"
SUPERSET_CONFIG = PROJECT_ROOT / "bi" / "superset_config.py"
DEFAULT_HOME = PROJECT_ROOT / ".bi"
DEFAULT_PORT = 8088
ADMIN = "admin"
DUCKDB_DATABASE = "statswh published (DuckDB)"
POSTGRES_DATABASE = "statswh marts (PostgreSQL)"
SCHEMA = "marts"
DASHBOARD_SLUG = "statswh"
DASHBOARD_TITLE = "统计数据仓库 Stats Warehouse"
STARTUP_SECONDS = 180


class BiError(RuntimeError):
    """Superset could not be installed, started or set up; the message says why."""


# ---------------------------------------------------------------------------------------
# Installing Superset once per machine


def cache_root() -> Path:
    """Where per-machine installs live: $STATSWH_CACHE, else $XDG_CACHE_HOME/statswh."""
    if os.environ.get("STATSWH_CACHE"):
        return Path(os.environ["STATSWH_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "statswh"


def superset_venv(requirements: Path = REQUIREMENTS, cache: Path | None = None) -> Path:
    """The virtual environment these pins install to (it may not exist yet)."""
    digest = hashlib.sha256(requirements.read_bytes())
    digest.update(f"python{sys.version_info.major}.{sys.version_info.minor}".encode())
    python = f"py{sys.version_info.major}{sys.version_info.minor}"
    return (cache or cache_root()) / f"superset-{digest.hexdigest()[:16]}-{python}"


def install_superset(requirements: Path = REQUIREMENTS, cache: Path | None = None) -> Path:
    """Install the pinned Superset unless an install of the same pins is complete; return it.

    The marker file is written last, so an install that was interrupted is redone, and a
    lock keeps two processes (make bi and a test) from installing into the same folder.
    """
    venv = superset_venv(requirements, cache)
    marker = venv / ".statswh-installed"
    if marker.exists():
        return venv
    venv.parent.mkdir(parents=True, exist_ok=True)
    with _locked(venv.with_name(venv.name + ".lock")):
        if marker.exists():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        print(f"Installing Superset into {venv} (once per machine) ...", flush=True)
        _run([sys.executable, "-m", "venv", str(venv)], "creating Superset's venv")
        _run(
            [str(venv / "bin" / "pip"), "install", "--quiet", "-r", str(requirements)],
            f"installing {requirements.name}",
        )
        marker.write_text(requirements.read_text(encoding="utf-8"), encoding="utf-8")
    return venv


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> str:
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0:
        raise BiError(
            f"{what} failed ({completed.returncode}):\n"
            f"{completed.stdout[-3000:]}{completed.stderr[-3000:]}"
        )
    return completed.stdout


# ---------------------------------------------------------------------------------------
# Running Superset


@dataclass(frozen=True)
class Server:
    """A Superset started by `start`: where it answers and how to log in."""

    home: Path
    port: int
    pid: int
    admin_password: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _environment(home: Path, venv: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SUPERSET_CONFIG_PATH": str(SUPERSET_CONFIG),
        "STATSWH_BI_HOME": str(home),
        "SUPERSET_HOME": str(home),
        "FLASK_APP": "superset.app:create_app()",
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def _secret(path: Path) -> str:
    """Read a generated secret, generating it first if missing (readable by its owner only)."""
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(42) + "\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def metadata_template(venv: Path) -> Path:
    """An empty Superset metadata database (migrated, roles set up), made once per install.

    `superset db upgrade` and `superset init` take minutes on a busy machine; a new home
    starts from a copy instead. The template holds no user and nothing encrypted, so it
    does not depend on a home's secret key.
    """
    template = venv / "superset-metadata-template.db"
    if template.exists():
        return template
    with _locked(venv / "superset-metadata-template.lock"):
        if template.exists():
            return template
        print("Preparing Superset's metadata database (once per install) ...", flush=True)
        scratch = Path(tempfile.mkdtemp(prefix="template-", dir=venv))
        try:
            _secret(scratch / "secret_key")
            env = _environment(scratch, venv)
            superset = str(venv / "bin" / "superset")
            _run([superset, "db", "upgrade"], "superset db upgrade", env)
            _run([superset, "init"], "superset init", env)
            os.replace(scratch / "superset.db", template)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return template


def prepare(home: Path, venv: Path) -> str:
    """Give `home` a metadata database and the admin user once; return the admin password.

    A new home starts from the install's template; a home made by an older install is
    migrated (`superset db upgrade`, `superset init`) and keeps its dashboards.
    """
    home.mkdir(parents=True, exist_ok=True)
    _secret(home / "secret_key")
    password = _secret(home / "admin_password")
    marker = home / "prepared"
    if marker.exists() and marker.read_text(encoding="utf-8") == venv.name:
        return password
    env = _environment(home, venv)
    superset = str(venv / "bin" / "superset")
    if (home / "superset.db").exists():
        _run([superset, "db", "upgrade"], "superset db upgrade", env)
        _run([superset, "init"], "superset init", env)
    else:
        shutil.copyfile(metadata_template(venv), home / "superset.db")
    # Does nothing when the admin exists already.
    _run(
        [
            superset,
            "fab",
            "create-admin",
            "--username",
            ADMIN,
            "--firstname",
            "Stats",
            "--lastname",
            "Warehouse",
            "--email",
            "admin@statswh.invalid",
            "--password",
            password,
        ],
        "superset fab create-admin",
        env,
    )
    marker.write_text(venv.name, encoding="utf-8")
    return password


def free_port(preferred: int | None = None) -> int:
    """`preferred` if nothing listens there on loopback, else a port the system picks."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred or 0))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(home: Path, venv: Path, port: int) -> Server:
    """Start Superset (gunicorn, one worker, threads) on 127.0.0.1:port and wait until healthy."""
    password = prepare(home, venv)
    log = (home / "superset.log").open("ab")
    process = subprocess.Popen(
        [
            str(venv / "bin" / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            "8",
            "--timeout",
            "120",
            "superset.app:create_app()",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_environment(home, venv),
        start_new_session=True,  # survives `make bi`; stopped as a group by `stop`
    )
    log.close()
    (home / "superset.pid").write_text(f"{process.pid}\n", encoding="utf-8")
    (home / "superset.port").write_text(f"{port}\n", encoding="utf-8")
    server = Server(home, port, process.pid, password)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BiError(
                f"Superset exited with code {process.returncode} while starting; "
                f"see {home / 'superset.log'}"
            )
        try:
            if requests.get(f"{server.url}/health", timeout=5).ok:
                return server
        except requests.RequestException:
            pass  # not listening yet, or still loading the app
        time.sleep(1)
    stop(home)
    raise BiError(f"Superset did not answer within {STARTUP_SECONDS} s; see {home}/superset.log")


def running(home: Path) -> Server | None:
    """The Superset a previous `start` left running in `home`, if it still answers."""
    try:
        pid = int((home / "superset.pid").read_text(encoding="utf-8"))
        port = int((home / "superset.port").read_text(encoding="utf-8"))
        os.kill(pid, 0)
        server = Server(home, port, pid, _secret(home / "admin_password"))
        return server if requests.get(f"{server.url}/health", timeout=2).ok else None
    except (OSError, ValueError, requests.RequestException):
        return None


def stop(home: Path) -> bool:
    """Stop the Superset started in `home` (its whole process group); False if none ran."""
    pid_file = home / "superset.pid"
    try:
        pid = int(pid_file.read_text(encoding="utf-8"))
        os.killpg(pid, signal.SIGTERM)
    except (OSError, ValueError):
        pid_file.unlink(missing_ok=True)
        return False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        os.killpg(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)
    return True


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (reaping it when it is our child)."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# The REST API


class Client:
    """A logged-in session on Superset's REST API (JWT bearer token plus CSRF token)."""

    def __init__(self, url: str, username: str, password: str) -> None:
        self.url = url
        self.session = requests.Session()
        login = self.session.post(
            f"{url}/api/v1/security/login",
            json={"username": username, "password": password, "provider": "db"},
            timeout=30,
        )
        _check(login, "logging in")
        self.session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        csrf = self.session.get(f"{url}/api/v1/security/csrf_token/", timeout=30)
        _check(csrf, "fetching a CSRF token")
        self.session.headers["X-CSRFToken"] = csrf.json()["result"]
        self.session.headers["Referer"] = url

    def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self.session.request(method, f"{self.url}/api/v1/{path}", timeout=120, **kwargs)
        _check(response, f"{method} /api/v1/{path}")
        return response.json()

    def find(self, resource: str, column: str, value: str) -> list[dict[str, Any]]:
        """The objects of `resource` whose `column` equals `value`."""
        query = f"(filters:!((col:{column},opr:eq,value:{_rison(value)})),page_size:100)"
        return self.call("GET", f"{resource}/", params={"q": query})["result"]

    def upsert(self, resource: str, existing: list[dict[str, Any]], body: dict[str, Any]) -> int:
        """Update the one existing object with `body`, or create it; return its id."""
        if existing:
            identifier = existing[0]["id"]
            self.call("PUT", f"{resource}/{identifier}", json=body)
            return identifier
        return self.call("POST", f"{resource}/", json=body)["id"]

    def chart_data(self, chart_id: int) -> list[dict[str, Any]]:
        """The rows a chart shows, computed from its saved query context now."""
        answer = self.call("GET", f"chart/{chart_id}/data/", params={"format": "json"})
        return answer["result"][0]["data"]

    def query(self, query_context: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows of an ad-hoc query context (what a chart being explored asks for)."""
        return self.call("POST", "chart/data", json=query_context)["result"][0]["data"]


def _check(response: requests.Response, what: str) -> None:
    if not response.ok:
        raise BiError(
            f"Superset refused {what}: HTTP {response.status_code} {response.text[:2000]}"
        )


def _rison(value: str) -> str:
    """A string in Rison, the notation of Superset's `q` parameter."""
    return "'" + value.replace("!", "!!").replace("'", "!'") + "'"


# ---------------------------------------------------------------------------------------
# Databases, datasets, charts and the dashboard


@dataclass(frozen=True)
class Series:
    """The indicator and region the dashboard follows."""

    region_code: str = "411602"  # 川江区
    indicator_code: str = "retail_sales"


@dataclass(frozen=True)
class Dashboard:
    """What `build_dashboard` made: the dashboard's address and its charts by role."""

    url: str
    monthly_series: int
    target_tracking: int
    anomalies_per_rule: int


def register_duckdb(client: Client, published: Path) -> int:
    """Register the published DuckDB file, opened read-only on every query.

    The path stays the stable link (not resolved): each query opens the release that is
    current at that moment.
    """
    body = {
        "database_name": DUCKDB_DATABASE,
        "sqlalchemy_uri": f"duckdb:///{os.path.abspath(published)}",
        "expose_in_sqllab": True,
        "extra": json.dumps({"engine_params": {"connect_args": {"read_only": True}}}),
    }
    return client.upsert(
        "database", client.find("database", "database_name", DUCKDB_DATABASE), body
    )


def register_postgres(client: Client, uri: str) -> int:
    """Register the PostgreSQL marts; `uri` logs in as the read-only role."""
    body = {"database_name": POSTGRES_DATABASE, "sqlalchemy_uri": uri, "expose_in_sqllab": True}
    return client.upsert(
        "database", client.find("database", "database_name", POSTGRES_DATABASE), body
    )


def register_dataset(client: Client, database_id: int, table: str) -> int:
    """The dataset of marts.`table` in that database, created if missing."""
    return _dataset(client, {"database": database_id, "schema": SCHEMA, "table_name": table})


def register_postgres_dataset(client: Client, database_id: int, table: str) -> int:
    """A dataset of marts.`table` on PostgreSQL, as a query named after its database.

    Superset's SQLite metadata keeps a unique index on the bare table name, so the DuckDB
    dataset of the same table takes that name; this one selects the whole table instead.
    """
    return _dataset(
        client,
        {
            "database": database_id,
            "schema": SCHEMA,
            "table_name": f"{table} (PostgreSQL)",
            "sql": f"select * from {SCHEMA}.{table}",
        },
    )


def _dataset(client: Client, body: dict[str, Any]) -> int:
    for dataset in client.find("dataset", "table_name", body["table_name"]):
        if dataset["database"]["id"] == body["database"]:
            return dataset["id"]
    return client.call("POST", "dataset/", json=body)["id"]


def monthly_series_query(dataset_id: int, series: Series) -> dict[str, Any]:
    """The query context of the monthly series: one value per month, oldest first."""
    return _query_context(
        dataset_id,
        columns=[
            {
                "columnType": "BASE_AXIS",
                "expressionType": "SQL",
                "sqlExpression": "period_end",
                "label": "period_end",
                "timeGrain": "P1M",
            }
        ],
        metrics=[_sum("value")],
        filters=[*_series_filters(series), _equals("period_type", "month")],
        orderby=[["period_end", True]],
    )


def target_tracking_query(dataset_id: int, series: Series) -> dict[str, Any]:
    """The query context of target tracking: month by month, actual against the target."""
    return _query_context(
        dataset_id,
        columns=[
            "period_end",
            "target_value",
            "expected_value",
            "actual_value",
            "gap_to_target",
            "on_track",
        ],
        metrics=[],
        filters=_series_filters(series),
        orderby=[["period_end", True]],
    )


def anomalies_per_rule_query(dataset_id: int) -> dict[str, Any]:
    """The query context of the anomalies per rule and severity."""
    return _query_context(
        dataset_id,
        columns=["rule_code", "severity"],
        metrics=[{"expressionType": "SQL", "sqlExpression": "COUNT(*)", "label": "anomalies"}],
        filters=[],
        orderby=[["rule_code", True], ["severity", True]],
    )


def _query_context(
    dataset_id: int,
    columns: list[Any],
    metrics: list[dict[str, Any]],
    filters: list[dict[str, Any]],
    orderby: list[list[Any]],
) -> dict[str, Any]:
    query: dict[str, Any] = {
        "columns": columns,
        "metrics": metrics,
        "filters": filters,
        "orderby": orderby,
        "row_limit": 10000,
        "time_range": "No filter",
    }
    if not metrics:
        query["is_timeseries"] = False
    return {
        "datasource": {"id": dataset_id, "type": "table"},
        "force": True,
        "queries": [query],
        "result_format": "json",
        "result_type": "full",
    }


def _sum(column: str) -> dict[str, Any]:
    return {
        "expressionType": "SIMPLE",
        "column": {"column_name": column},
        "aggregate": "SUM",
        "label": column,
    }


def _equals(column: str, value: str) -> dict[str, Any]:
    return {"col": column, "op": "==", "val": value}


def _series_filters(series: Series) -> list[dict[str, Any]]:
    return [
        _equals("region_code", series.region_code),
        _equals("indicator_code", series.indicator_code),
    ]


def _adhoc_filters(filters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The query filters as the chart editor shows them."""
    return [
        {
            "expressionType": "SIMPLE",
            "clause": "WHERE",
            "subject": item["col"],
            "operator": "==",
            "comparator": item["val"],
        }
        for item in filters
    ]


def build_dashboard(client: Client, duckdb_id: int, series: Series) -> Dashboard:
    """Create (or update) the three charts on the published DuckDB file and their dashboard."""
    datasets = {
        table: register_dataset(client, duckdb_id, table)
        for table in ("fct_indicator_single_period", "mart_target_tracking", "dq_anomalies")
    }
    title = {"dashboard_title": DASHBOARD_TITLE, "slug": DASHBOARD_SLUG, "published": True}
    dashboard_id = client.upsert(
        "dashboard", client.find("dashboard", "slug", DASHBOARD_SLUG), title
    )

    series_query = monthly_series_query(datasets["fct_indicator_single_period"], series)
    targets_query = target_tracking_query(datasets["mart_target_tracking"], series)
    rules_query = anomalies_per_rule_query(datasets["dq_anomalies"])
    label = f"{series.indicator_code} · {series.region_code}"
    charts = {
        "monthly_series": _chart(
            client,
            dashboard_id,
            f"当月值 Monthly series: {label}",
            "echarts_timeseries_line",
            series_query,
            {"x_axis": "period_end", "time_grain_sqla": "P1M", "metrics": [_sum("value")]},
        ),
        "target_tracking": _chart(
            client,
            dashboard_id,
            f"目标跟踪 Target tracking: {label}",
            "table",
            targets_query,
            {"query_mode": "raw", "all_columns": targets_query["queries"][0]["columns"]},
        ),
        "anomalies_per_rule": _chart(
            client,
            dashboard_id,
            "异常 Anomalies per rule",
            "echarts_timeseries_bar",
            rules_query,
            {
                "x_axis": "rule_code",
                "groupby": ["severity"],
                "metrics": rules_query["queries"][0]["metrics"],
                "stack": "Stack",
            },
        ),
    }
    client.call(
        "PUT",
        f"dashboard/{dashboard_id}",
        json={"position_json": json.dumps(_layout(charts))},
    )
    return Dashboard(url=f"{client.url}/superset/dashboard/{DASHBOARD_SLUG}/", **charts)


def _chart(
    client: Client,
    dashboard_id: int,
    name: str,
    viz_type: str,
    query_context: dict[str, Any],
    form_data: dict[str, Any],
) -> int:
    """Create or update one chart; its saved query context is what /chart/{id}/data runs."""
    dataset_id = query_context["datasource"]["id"]
    params = {
        "datasource": f"{dataset_id}__table",
        "viz_type": viz_type,
        "adhoc_filters": _adhoc_filters(query_context["queries"][0]["filters"]),
        "row_limit": query_context["queries"][0]["row_limit"],
        "time_range": "No filter",
        **form_data,
    }
    body = {
        "slice_name": name,
        "viz_type": viz_type,
        "datasource_id": dataset_id,
        "datasource_type": "table",
        "params": json.dumps(params),
        "query_context": json.dumps({**query_context, "form_data": params}),
        "dashboards": [dashboard_id],
    }
    return client.upsert("chart", client.find("chart", "slice_name", name), body)


def _layout(charts: dict[str, int]) -> dict[str, Any]:
    """Superset's position_json: the series on one row, tracking and anomalies below it."""
    layout: dict[str, Any] = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
        "HEADER_ID": {"type": "HEADER", "id": "HEADER_ID", "meta": {"text": DASHBOARD_TITLE}},
    }
    rows = [[("monthly_series", 12)], [("target_tracking", 7), ("anomalies_per_rule", 5)]]
    for number, row in enumerate(rows, start=1):
        row_id = f"ROW-{number}"
        layout["GRID_ID"]["children"].append(row_id)
        layout[row_id] = {
            "type": "ROW",
            "id": row_id,
            "children": [],
            "parents": ["ROOT_ID", "GRID_ID"],
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
        }
        for role, width in row:
            chart_id = f"CHART-{role}"
            layout[row_id]["children"].append(chart_id)
            layout[chart_id] = {
                "type": "CHART",
                "id": chart_id,
                "children": [],
                "parents": ["ROOT_ID", "GRID_ID", row_id],
                "meta": {"chartId": charts[role], "width": width, "height": 50},
            }
    return layout


# ---------------------------------------------------------------------------------------
# PostgreSQL: the marts copied by publish_to_postgres, read through the read-only role

POSTGRES_BIN = Path(os.environ.get("STATSWH_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
READONLY_ROLE_SCRIPT = PROJECT_ROOT / "scripts" / "postgres_readonly_role.sql"
READER = "statswh_reader"
POSTGRES_DATABASE_NAME = "statswh"
POSTGRES_SUPERUSER = "statswh"


@dataclass(frozen=True)
class Postgres:
    """A PostgreSQL server on loopback and the role that publishes the marts into it."""

    port: int
    publisher: str
    publisher_password: str
    database: str = POSTGRES_DATABASE_NAME
    host: str = "127.0.0.1"

    def conninfo(self, database: str | None = None) -> str:
        """The publisher's libpq connection string, without its password (see `environ`)."""
        return (
            f"host={self.host} port={self.port} user={self.publisher} "
            f"dbname={database or self.database}"
        )

    @property
    def publisher_dsn(self) -> str:
        return f"{self.conninfo()} password={self.publisher_password}"

    @property
    def environ(self) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": self.publisher_password}

    def reader_uri(self, password: str) -> str:
        """What Superset connects with: the read-only role, never the publisher."""
        return f"postgresql://{READER}:{password}@{self.host}:{self.port}/{self.database}"


def start_postgres(folder: Path) -> Postgres:
    """Start the PostgreSQL kept in `folder` (created on first use) on a loopback port.

    It runs as the `postgres` OS user when we are root (PostgreSQL refuses root) and keeps
    its data between runs of `make bi`; `python -m statswh.bi stop` stops it.
    """
    if not (POSTGRES_BIN / "pg_ctl").exists():
        raise BiError(
            f"no PostgreSQL binaries in {POSTGRES_BIN}: install Debian's postgresql "
            "(apt-get install postgresql), or set STATSWH_POSTGRES_BIN"
        )
    folder.mkdir(parents=True, exist_ok=True)
    password = _secret(folder / "superuser_password")
    data = folder / "data"
    if not (data / "PG_VERSION").exists():
        _initdb(folder, data, password)
    port_file = folder / "port"
    port = int(port_file.read_text(encoding="utf-8")) if port_file.exists() else free_port()
    port_file.write_text(f"{port}\n", encoding="utf-8")
    pg_ctl = str(POSTGRES_BIN / "pg_ctl")
    if (
        subprocess.run(
            _as_postgres([pg_ctl, "status", "-D", str(data)]), check=False, capture_output=True
        ).returncode
        != 0
    ):
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={data}"
        _run(
            _as_postgres(
                [
                    pg_ctl,
                    "-D",
                    str(data),
                    "-l",
                    str(data / "server.log"),
                    "-o",
                    options,
                    "--wait",
                    "start",
                ]
            ),
            "starting PostgreSQL",
        )
    server = Postgres(port, POSTGRES_SUPERUSER, password)
    exists = _psql(server, "postgres", "select 1 from pg_database where datname = 'statswh'")
    if not exists.strip():
        _psql(server, "postgres", f"create database {POSTGRES_DATABASE_NAME}")
    return server


def stop_postgres(folder: Path) -> bool:
    """Stop the PostgreSQL `start_postgres` started in `folder`; False if none ran."""
    data = folder / "data"
    pg_ctl = str(POSTGRES_BIN / "pg_ctl")
    if not (data / "postmaster.pid").exists():
        return False
    _run(
        _as_postgres([pg_ctl, "-D", str(data), "--mode", "fast", "--wait", "stop"]),
        "stopping PostgreSQL",
    )
    return True


def _initdb(folder: Path, data: Path, password: str) -> None:
    password_file = folder / "initdb_password"
    password_file.write_text(password + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        for path in (folder, password_file):
            shutil.chown(path, "postgres", "postgres")
    try:
        _run(
            _as_postgres(
                [
                    str(POSTGRES_BIN / "initdb"),
                    "--pgdata",
                    str(data),
                    "--username",
                    POSTGRES_SUPERUSER,
                    "--pwfile",
                    str(password_file),
                    "--auth-local",
                    "peer",
                    "--auth-host",
                    "scram-sha-256",
                    "--encoding",
                    "UTF8",
                    "--locale",
                    "C",
                ]
            ),
            "initdb",
        )
    finally:
        password_file.unlink(missing_ok=True)


def _as_postgres(command: list[str]) -> list[str]:
    """Run as the `postgres` OS user when we are root; as ourselves otherwise."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _psql(server: Postgres, database: str, sql: str) -> str:
    return _run(
        [
            "psql",
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=1",
            server.conninfo(database),
            "-c",
            sql,
        ],
        f"psql: {sql}",
        server.environ,
    )


def grant_reader(server: Postgres, reader_password: str) -> None:
    """Create or refresh the read-only role with scripts/postgres_readonly_role.sql."""
    _run(
        [
            "psql",
            "-X",
            "-q",
            "-v",
            f"reader_password={reader_password}",
            "-v",
            f"publisher={server.publisher}",
            "-v",
            f"reader={READER}",
            "-f",
            str(READONLY_ROLE_SCRIPT),
            server.conninfo(),
        ],
        "creating the read-only role",
        server.environ,
    )


def publish_marts_to_postgres(settings: Settings, server: Postgres) -> dict[str, int]:
    """Copy the current release's marts to the server as its publisher (publish_to_postgres)."""
    from statswh.publishing import POSTGRES_DSN_VARIABLE, publish_to_postgres

    previous = os.environ.get(POSTGRES_DSN_VARIABLE)
    os.environ[POSTGRES_DSN_VARIABLE] = server.publisher_dsn
    try:
        return publish_to_postgres(settings)
    finally:
        if previous is None:
            del os.environ[POSTGRES_DSN_VARIABLE]
        else:
            os.environ[POSTGRES_DSN_VARIABLE] = previous


# ---------------------------------------------------------------------------------------
# make bi


def check_readable(venv: Path, published: Path) -> None:
    """Fail clearly when Superset's DuckDB (1.x) cannot open the published copy."""
    probe = "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True).close()"
    completed = subprocess.run(
        [str(venv / "bin" / "python"), "-c", probe, str(published)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        reason = (completed.stderr.strip().splitlines() or ["no message"])[-1]
        raise BiError(
            f"Superset's DuckDB cannot open {published}: {reason}\n"
            "The published copy must be written in a storage version DuckDB 1.x reads; "
            "republish it with `statswh publish`."
        )


def up(settings: Settings, home: Path, port: int, series: Series) -> tuple[Server, Dashboard]:
    """Everything `make bi` does; returns the running server and the dashboard."""
    venv = install_superset()
    if not settings.published.exists():
        from statswh import cli

        print(f"No published copy at {settings.published}: running the demo pipeline ...")
        if cli.main(["--warehouse", str(settings.warehouse), "demo"]) != 0:
            raise BiError("the demo pipeline failed; nothing is published")
    check_readable(venv, settings.published)

    postgres = start_postgres(home / "postgres")
    reader_password = _secret(home / "postgres" / "reader_password")
    grant_reader(postgres, reader_password)
    publish_marts_to_postgres(settings, postgres)

    server = running(home) or start(home, venv, port)
    client = Client(server.url, ADMIN, server.admin_password)
    duckdb_id = register_duckdb(client, settings.published)
    postgres_id = register_postgres(client, postgres.reader_uri(reader_password))
    for table in ("fct_indicator_single_period", "mart_target_tracking", "dq_anomalies"):
        register_postgres_dataset(client, postgres_id, table)
    return server, build_dashboard(client, duckdb_id, series)


def main(argv: list[str] | None = None) -> int:
    """`python -m statswh.bi up|stop`."""
    parser = argparse.ArgumentParser(
        prog="python -m statswh.bi", description=__doc__.split("\n")[0]
    )
    parser.add_argument("command", choices=["up", "stop"])
    parser.add_argument("--warehouse", help="the working DuckDB file (default: STATSWH_WAREHOUSE)")
    parser.add_argument(
        "--home",
        type=Path,
        default=Path(os.environ.get("STATSWH_BI_HOME") or DEFAULT_HOME),
        help="Superset's state: metadata, secrets, log (default: $STATSWH_BI_HOME or .bi/)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("STATSWH_BI_PORT") or 0),
        help=f"port on 127.0.0.1 (default: $STATSWH_BI_PORT, else {DEFAULT_PORT} if free)",
    )
    parser.add_argument("--region", default=Series.region_code, help="region code of the series")
    parser.add_argument("--indicator", default=Series.indicator_code, help="indicator code")
    arguments = parser.parse_args(argv)
    home = arguments.home.resolve()
    if arguments.command == "stop":
        stopped = [
            name
            for name, done in (
                ("Superset", stop(home)),
                ("PostgreSQL", stop_postgres(home / "postgres")),
            )
            if done
        ]
        print(f"stopped: {', '.join(stopped)}" if stopped else "nothing was running")
        return 0
    settings = Settings.from_env(warehouse=arguments.warehouse)
    try:
        server, dashboard = up(
            settings,
            home,
            arguments.port or free_port(DEFAULT_PORT),
            Series(arguments.region, arguments.indicator),
        )
    except BiError as error:
        print(f"make bi: {error}", file=sys.stderr)
        return 1
    print(f"Superset: {server.url} (log: {home / 'superset.log'})")
    print(f"Dashboard: {dashboard.url}")
    print(f"Login: {ADMIN} / {server.admin_password}   (kept in {home / 'admin_password'})")
    print("Stop it: make bi-stop (or python -m statswh.bi stop)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
