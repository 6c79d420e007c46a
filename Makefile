# The front door. `make demo` and `make test` each set everything up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(CURDIR)/$(VENV)/bin

export PATH := $(BIN):$(PATH)
export AIRFLOW_HOME ?= $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export STATSWH_WAREHOUSE ?= $(CURDIR)/warehouse/stats.duckdb
export STATSWH_LANDING ?= $(CURDIR)/landing

# The demo loads all 36 sample months in one catch-up run of the monthly DAG.
DEMO_CONF := {"first_month": "2021-01", "month": "2023-12"}

.PHONY: setup system-packages demo test lint airflow-db docs clean bench evaluate

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,deploy]'
	touch $@

# The Debian packages the tests use (Docker Compose, PostgreSQL 15, Redis, Chromium), only
# those missing: a few file checks when everything is there.
system-packages:
	@scripts/install_system_packages.sh

airflow-db: setup
	airflow db migrate > /dev/null
	airflow pools set statswh_warehouse 1 "One writer on the working warehouse" > /dev/null

demo: setup airflow-db
	statswh sample
	@mkdir -p warehouse/logs
	@echo "Running the statswh_monthly DAG under Airflow (log: warehouse/logs/demo-dag.log) ..."
	@airflow dags test statswh_monthly -c '$(DEMO_CONF)' > warehouse/logs/demo-dag.log 2>&1 \
		|| { tail -40 warehouse/logs/demo-dag.log; exit 1; }
	@grep -o 'DagRun Finished.*state=[a-z]*' warehouse/logs/demo-dag.log | sed 's/, run_id.*state=/ ... state=/'
	@statswh status

lint: setup
	ruff check .
	ruff format --check .
	# The dbt templater opens a DuckDB file to compile: give it a scratch one.
	STATSWH_WAREHOUSE=$$(mktemp -d)/lint.duckdb sqlfluff lint dbt_project/models

# The test files spread over the machine's CPUs; a file's tests share one worker, so a
# module's fixtures (a built warehouse, a server) are made once. Files go out in the order
# tests/conftest.py gives (the slow ones first), not largest first.
TEST_WORKERS ?= $(shell nproc)
test: setup system-packages lint
	pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

evaluate: setup
	python scripts/evaluate_dq.py

bench: setup
	python -m bench --scale district
	python -m bench --scale province

# Apache Superset on loopback with the dashboard (statswh/bi.py): installs it once per machine,
# publishes the demo first if nothing is published, prints the URL and the login.
.PHONY: bi bi-stop
bi: setup
	python -m statswh.bi up

bi-stop: setup
	python -m statswh.bi stop

docs: setup
	cd dbt_project && dbt docs generate --profiles-dir . && dbt docs serve --profiles-dir . --port 8081

clean:
	rm -rf warehouse landing sample_truth .airflow dbt_project/target dbt_project/logs
