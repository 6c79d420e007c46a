# Stats Warehouse: one image for every Airflow component (api-server, scheduler,
# dag-processor, triggerer, celery worker) and for the `statswh` command line.
#
#   docker compose build          # or: docker build -t statswh-airflow:latest .
#
# Every dependency is installed here, at build time, from the pinned
# constraints.txt; nothing is installed when a container starts.
FROM python:3.11-slim

# The project's `deploy` extra (pyproject.toml) brings what a deployment needs beyond the
# command line: asyncpg (Airflow 3 opens its PostgreSQL metadata database through it as
# well; no component starts without it) and the Celery provider for the opt-in
# CeleryExecutor profile (celery[redis], flower). Further packages are pinned here,
# resolved against constraints.txt; if constraints.txt pins one as well, the pins agree.
ARG DEPLOY_PACKAGES="\
    psycopg2-binary==2.9.13"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    AIRFLOW_HOME=/opt/airflow \
    AIRFLOW__CORE__DAGS_FOLDER=/opt/statswh/dags \
    AIRFLOW__CORE__LOAD_EXAMPLES=False \
    STATSWH_HOME=/opt/statswh \
    STATSWH_LANDING=/data/landing \
    STATSWH_WAREHOUSE=/data/warehouse/stats.duckdb \
    PYTHONPATH=/opt/statswh

# curl is used by the compose healthchecks; nothing else is needed at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# Non-root user, uid 50000 and group 0, as in Airflow's own image.
RUN useradd --uid 50000 --gid 0 --home-dir /home/airflow --create-home \
        --shell /bin/bash airflow

WORKDIR /opt/statswh

# The installable packages first, so the (slow) dependency layer is rebuilt only
# when they, pyproject.toml or constraints.txt change.
COPY pyproject.toml constraints.txt README.md ./
COPY ingest/ ingest/
COPY statswh/ statswh/
COPY samples/ samples/
COPY expectations/ expectations/
# shellcheck disable=SC2086
RUN pip install --no-cache-dir -c constraints.txt '.[deploy]' ${DEPLOY_PACKAGES} \
    && rm -rf build ./*.egg-info

COPY dags/ dags/
COPY dbt_project/ dbt_project/

# dbt packages (if the project declares any) are fetched now, not at run time.
RUN if [ -f dbt_project/packages.yml ] || [ -f dbt_project/dependencies.yml ]; then \
        cd dbt_project && dbt deps; \
    fi

# Writable places for the airflow user: Airflow's home (logs, the generated
# login file), dbt's target/ and logs/, Great Expectations' output, and the
# data folders. Named volumes mounted on these paths start with this ownership.
# The code itself (dags/, ingest/, statswh/, samples/) stays read-only to the runtime user.
RUN mkdir -p /opt/airflow/logs /opt/airflow/auth /data/landing /data/warehouse/published \
    && chown -R airflow:0 /opt/airflow /data /opt/statswh/dbt_project /opt/statswh/expectations \
    && chmod -R g+rwX /opt/airflow /data /opt/statswh/dbt_project /opt/statswh/expectations

USER airflow

CMD ["airflow", "version"]
