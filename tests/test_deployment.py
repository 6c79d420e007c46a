"""The Docker Compose deployment: docker-compose.yml resolves with .env.example's
variables, every long-running service has a healthcheck, nothing is published
beyond this host, no secret is written in the compose file, the data folders are
volumes, the setup creates the one-writer pool, and the image is built from pins.

Needs Docker Compose (v2 `docker compose` or Debian's `docker-compose` 1.29) but
no Docker engine: only `config` is run. `make test` installs it
(scripts/install_system_packages.sh); without it these tests fail.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"

SECRET_VARS = (
    "POSTGRES_PASSWORD",
    "AIRFLOW__CORE__FERNET_KEY",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__API__SECRET_KEY",
)
AIRFLOW_SERVICES = (
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
)
CELERY_SERVICES = ("redis", "airflow-worker")
# What the scheduler, the api-server and every worker must agree on to work together.
CLUSTER_SETTINGS = (
    "AIRFLOW__CORE__EXECUTOR",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__CELERY__BROKER_URL",
    "AIRFLOW__CELERY__RESULT_BACKEND",
    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
    "AIRFLOW__API_AUTH__JWT_SECRET",
)
# Secrets a deployment may leave out (no mail, no PostgreSQL copy): empty by default.
OPTIONAL_SECRET_VARS = ("PGPASSWORD",)
# Services whose tasks or triggers read the landing folder or write the warehouse.
DATA_SERVICES = ("airflow-scheduler", "airflow-dag-processor", "airflow-triggerer")
# One-shot services that exit when done: a healthcheck makes no sense for them.
ONE_SHOT_SERVICES = ("airflow-init",)


def _compose_command() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return ["docker", "compose"]
    pytest.fail(
        "Docker Compose is not installed: install it to run the deployment tests "
        "(`apt-get install -y docker-compose` on Debian, or the Docker Compose v2 plugin). "
        "`make test` installs it (scripts/install_system_packages.sh)."
    )


def _env_lines(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


@pytest.fixture(scope="module")
def sentinels() -> dict[str, str]:
    """A distinct random value per secret, to trace where each one ends up."""
    return {var: f"sentinel{secrets.token_hex(8)}" for var in SECRET_VARS}


@pytest.fixture(scope="module")
def env_file(tmp_path_factory: pytest.TempPathFactory, sentinels: dict[str, str]) -> Path:
    """.env.example copied to a temporary file, its placeholders replaced by sentinels."""
    lines = []
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        key = line.split("=", 1)[0].strip()
        lines.append(f"{key}={sentinels[key]}" if key in sentinels else line)
    path = tmp_path_factory.mktemp("compose") / "test.env"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _config(env_file: Path, *profiles: str) -> subprocess.CompletedProcess[str]:
    cmd = [*_compose_command(), "--env-file", str(env_file), "-f", str(COMPOSE_FILE)]
    for profile in profiles:
        cmd += ["--profile", profile]
    return subprocess.run(
        [*cmd, "config"], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120
    )


@pytest.fixture(scope="module", params=[(), ("celery",)], ids=["default", "celery"])
def config(request: pytest.FixtureRequest, env_file: Path) -> dict:
    result = _config(env_file, *request.param)
    assert result.returncode == 0, f"docker-compose config failed:\n{result.stderr}"
    return {"profiles": request.param, "config": yaml.safe_load(result.stdout)}


def _environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # KEY=VALUE list form
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def test_expected_services_exist(config: dict) -> None:
    services = config["config"]["services"]
    expected = {"postgres", "airflow-init", *AIRFLOW_SERVICES}
    if "celery" in config["profiles"]:
        expected |= set(CELERY_SERVICES)
    assert expected <= set(services), f"missing: {sorted(expected - set(services))}"


def test_long_running_services_have_healthchecks(config: dict) -> None:
    services = config["config"]["services"]
    for name, service in services.items():
        if name in ONE_SHOT_SERVICES:
            continue
        check = service.get("healthcheck")
        assert check and check.get("test"), f"{name} has no healthcheck"
        assert not check.get("disable"), f"{name} disables its healthcheck"


def test_airflow_services_share_the_image_and_wait_for_postgres(config: dict) -> None:
    services = config["config"]["services"]
    airflow = [n for n in services if n.startswith("airflow-")]
    for name in airflow:
        assert services[name]["image"] == "statswh-airflow:latest", name
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        env = _environment(services[name])
        assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == (
            "http://airflow-apiserver:8080/execution/"
        ), name
    for name in AIRFLOW_SERVICES:
        assert services[name]["depends_on"]["airflow-init"]["condition"] == (
            "service_completed_successfully"
        ), name


def _published_ports(service: dict) -> list[tuple[str, str]]:
    """(host_ip, published) for each published port, in v1 or v2 output form."""
    found = []
    for port in service.get("ports") or []:
        if isinstance(port, dict):  # long form; no "published" means a random host port
            published = port.get("published")
            host_ip = str(port.get("host_ip") or "")
            found.append((host_ip, "random" if published is None else str(published)))
            continue
        spec = str(port).rsplit("/", 1)[0]  # drop /tcp
        parts = spec.rsplit(":", 2)
        if len(parts) == 3:
            found.append((parts[0].strip("[]"), parts[1]))
        elif len(parts) == 2:
            found.append(("", parts[0]))
        else:  # container port only: Docker picks a host port on every interface
            found.append(("", "random"))
    return found


def test_no_port_is_published_beyond_this_host(config: dict) -> None:
    services = config["config"]["services"]
    for name, service in services.items():
        for host_ip, published in _published_ports(service):
            assert host_ip in {"127.0.0.1", "::1"}, (
                f"{name} publishes port {published} on {host_ip or '0.0.0.0'}"
            )
    ports = _published_ports(services["airflow-apiserver"])
    assert ports == [("127.0.0.1", "8080")]


def test_secrets_come_from_the_env_file(config: dict, sentinels: dict[str, str]) -> None:
    services = config["config"]["services"]
    postgres_env = _environment(services["postgres"])
    assert postgres_env["POSTGRES_PASSWORD"] == sentinels["POSTGRES_PASSWORD"]
    for name in [n for n in services if n.startswith("airflow-")]:
        env = _environment(services[name])
        for var in SECRET_VARS[1:]:
            assert env[var] == sentinels[var], f"{name}: {var} is not the value from .env"
        conn = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
        assert f":{sentinels['POSTGRES_PASSWORD']}@postgres:" in conn, name


def test_no_literal_secret_in_compose_file() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    for var in SECRET_VARS:
        assert re.search(rf"^\s*{var}\s*:", text, flags=re.MULTILINE), f"{var} is not set"
    # Every setting whose name says it is secret is a required reference to .env.
    secret_name = r"[A-Z0-9_]*(?:PASSWORD|SECRET|SECRET_KEY|FERNET_KEY|TOKEN)"
    for key, value in re.findall(rf"^\s*({secret_name})\s*[:=]\s*(.+?)\s*$", text, re.MULTILINE):
        value = value.strip("\"'")
        if key in OPTIONAL_SECRET_VARS:
            assert value == f"${{{key}:-}}", f"{key} must be ${{{key}:-}}, found {value!r}"
            continue
        assert re.fullmatch(rf"\$\{{{key}:\?[^}}]*\}}", value), (
            f"{key} must be a required reference ${{{key}:?...}}, found {value!r}"
        )
    # The password inside each connection URL is a reference too.
    userinfo = re.findall(r"://(\$\{[^}]*\}|[^:/\s@]+):(\$\{[^}]*\}|[^@\s]+)@", text)
    assert userinfo, "no database URL found"
    for _user, password in userinfo:
        assert re.fullmatch(r"\$\{POSTGRES_PASSWORD:\?[^}]*\}", password), password


def test_env_example_has_only_placeholders_and_every_variable() -> None:
    example = _env_lines(ENV_EXAMPLE)
    for var in SECRET_VARS:
        assert example.get(var) == "change-me", f"{var} in .env.example must be 'change-me'"
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    used = set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
    assert used <= set(example), f"not in .env.example: {sorted(used - set(example))}"


def test_airflow_reads_naive_dates_in_the_bureau_time_zone() -> None:
    """Compose cannot import the DAG's time zone (statswh.orchestration.BUREAU_TIMEZONE), so
    Airflow's default zone there, for dates typed without one, is checked against it."""
    from statswh.orchestration import BUREAU_TIMEZONE

    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert f"${{AIRFLOW__CORE__DEFAULT_TIMEZONE:-{BUREAU_TIMEZONE}}}" in text
    assert _env_lines(ENV_EXAMPLE)["AIRFLOW__CORE__DEFAULT_TIMEZONE"] == BUREAU_TIMEZONE


def test_missing_secret_is_refused(tmp_path: Path, env_file: Path) -> None:
    lines = env_file.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("AIRFLOW__API_AUTH__JWT_SECRET=")]
    incomplete = tmp_path / "incomplete.env"
    incomplete.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = _config(incomplete)
    assert result.returncode != 0
    assert "AIRFLOW__API_AUTH__JWT_SECRET" in result.stderr


def _mounts(service: dict) -> dict[str, str]:
    """Container path -> source (named volume or host path), in v1 or v2 output form."""
    mounts = {}
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            mounts[volume["target"]] = str(volume.get("source"))
        else:
            source, target = str(volume).split(":")[:2]
            mounts[target] = source
    return mounts


def test_data_folders_are_volumes_shared_by_the_services_that_run_tasks(config: dict) -> None:
    services = config["config"]["services"]
    names = [*DATA_SERVICES, "airflow-apiserver"]
    if "celery" in config["profiles"]:
        names.append("airflow-worker")
    for name in names:
        mounts = _mounts(services[name])
        assert mounts.get("/data/warehouse") == "warehouse", name
        assert mounts.get("/data/warehouse/published") == "published", name
        assert mounts.get("/data/landing", "").endswith("landing"), name
    assert {"warehouse", "published"} <= set(config["config"]["volumes"])


def test_the_celery_profile_runs_what_the_celery_test_runs(env_file: Path) -> None:
    """tests/dags/test_celery_executor.py runs the monthly DAG on api-server, dag-processor,
    scheduler and Celery workers (tests/celery_cluster.py): the profile has each of them,
    and they agree on the settings that tie them together."""
    result = _config(env_file, "celery")
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    commands = {
        " ".join(service["command"]): name
        for name, service in services.items()
        if isinstance(service.get("command"), list) and service["command"][0] == "airflow"
    }
    for command in ("airflow api-server", "airflow dag-processor", "airflow scheduler"):
        assert command in commands, f"no service runs {command}"
    assert commands.get("airflow celery worker") == "airflow-worker"
    for setting in CLUSTER_SETTINGS:
        values = {name: _environment(services[name]).get(setting) for name in commands.values()}
        assert len(set(values.values())) == 1, f"{setting} differs: {values}"
    worker = _environment(services["airflow-worker"])
    assert worker["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://redis:")
    assert "@postgres:5432/" in worker["AIRFLOW__CELERY__RESULT_BACKEND"]
    assert int(worker["AIRFLOW__CELERY__WORKER_CONCURRENCY"]) >= 1
    worker_depends = services["airflow-worker"]["depends_on"]
    assert worker_depends["redis"]["condition"] == "service_healthy"
    assert worker_depends["airflow-apiserver"]["condition"] == "service_healthy"


def test_the_setup_creates_the_one_writer_pool(config: dict) -> None:
    init = config["config"]["services"]["airflow-init"]
    script = " ".join(init["command"]) if isinstance(init["command"], list) else init["command"]
    assert "airflow db migrate" in script
    assert re.search(r"airflow pools set statswh_warehouse 1\b", script)
    assert script.index("airflow db migrate") < script.index("airflow pools set")


def test_optional_features_are_off_by_default(config: dict) -> None:
    env = _environment(config["config"]["services"]["airflow-scheduler"])
    assert env["STATSWH_PUBLISH_POSTGRES"] == "false"
    assert env["STATSWH_ALERT_EMAIL"] == ""
    assert env["AIRFLOW_CONN_SMTP_DEFAULT"] == ""


def test_connections_come_only_from_the_environment() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert "connections add" not in text and "connections import" not in text
    assert re.search(
        r"^\s*AIRFLOW_CONN_SMTP_DEFAULT: \$\{AIRFLOW_CONN_SMTP_DEFAULT:-\}$", text, re.M
    )


def test_the_image_installs_only_pinned_packages() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"pip install [^\n]*-c constraints\.txt", dockerfile)
    packages = re.search(r'ARG DEPLOY_PACKAGES="(.*?)"', dockerfile, re.S).group(1)
    constraints = dict(
        line.split("==", 1)
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    )
    pins = re.findall(r"([A-Za-z0-9_.\-\[\]]+?)(==[^\s\\]+)?(?=[\s\\]|$)", packages)
    pins = [(name, version) for name, version in pins if name]
    assert pins, "no deploy packages found"
    for name, version in pins:
        assert version, f"{name} is not pinned in the Dockerfile"
        if name in constraints:
            assert version == f"=={constraints[name]}", f"{name}: Dockerfile and constraints differ"
    # The PostgreSQL driver: Airflow's metadata database and publishing to PostgreSQL.
    assert dict(pins).get("psycopg2-binary")


def test_the_image_has_what_a_deployment_needs() -> None:
    """Airflow 3 opens a PostgreSQL metadata database through asyncpg too (no component
    starts without it), and the celery profile's workers need the Celery provider."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"pip install [^\n]*'\.\[deploy\]'", dockerfile)
    with (ROOT / "pyproject.toml").open("rb") as handle:
        deploy = tomllib.load(handle)["project"]["optional-dependencies"]["deploy"]
    names = {re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0] for requirement in deploy}
    assert {"asyncpg", "apache-airflow-providers-celery"} <= names
