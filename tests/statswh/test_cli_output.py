"""What people read from `statswh`: tables that fit the terminal, names rather than codes,
progress on a terminal, plain lines in a pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from statswh.cli import main
from statswh.settings import Settings

pytestmark = pytest.mark.integration

REGION_CODE = re.compile(r"\b41\d{4}\b")
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def statswh(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_the_anomaly_table_fits_the_width_and_shows_names(
    built: Settings, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = statswh(capsys, "--warehouse", str(built.warehouse), "anomalies")
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 100
    assert "川江区" in out and "2023年1-4月" in out and "sign_flip" in out
    assert not REGION_CODE.search(out)
    assert "公布增速" not in out  # the messages wait for --long


def test_long_and_json_carry_the_messages_and_ids(
    built: Settings, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    records = json.loads(
        statswh(capsys, "--warehouse", str(built.warehouse), "anomalies", "--format", "json")
    )
    assert records and all(r["message"] and r["anomaly_id"] and r["region_name"] for r in records)
    long = statswh(capsys, "--warehouse", str(built.warehouse), "anomalies", "--long")
    assert max(cell_len(line) for line in long.splitlines()) <= 100
    for record in records:
        assert record["anomaly_id"] in long
        assert record["message"].partition(" | ")[0][:20] in long.replace("\n", "")


def test_a_wide_query_result_fits_as_one_block_per_row(
    built: Settings, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = statswh(
        capsys,
        "--warehouse",
        str(built.warehouse),
        "sql",
        "select * from marts.fct_indicator_observation order by all limit 2",
    )
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    assert re.search(r"^indicator_code\s+\S+\s*$", out, re.MULTILINE)  # name, value, one line
    narrow = statswh(
        capsys,
        "--warehouse",
        str(built.warehouse),
        "sql",
        "select region_name, value from marts.fct_indicator_observation limit 2",
    )
    assert narrow.splitlines()[0].split() == ["region_name", "value"]


def test_ingest_into_a_pipe_prints_plain_lines(
    built: Settings, capsys: pytest.CaptureFixture
) -> None:
    month = built.landing / "2022-12"
    out = statswh(capsys, "--warehouse", str(built.warehouse), "ingest", str(month))
    lines = out.splitlines()
    assert len(lines) == len(list(month.iterdir()))
    assert all(line.endswith("unchanged (already loaded)") for line in lines)
    assert "\x1b" not in out and "\r" not in out


def test_ingest_on_a_terminal_shows_files_done(built: Settings, tmp_path: Path) -> None:
    month = built.landing / "2023-01"
    files = len(list(month.iterdir()))
    warehouse = str(tmp_path / "w.duckdb")
    out = _on_a_terminal(
        [sys.executable, "-m", "statswh.cli", "--warehouse", warehouse, "ingest", str(month)]
    )
    text = ESCAPE.sub("", out)
    assert f"{files}/{files} files" in text
    assert re.search(r"[\d,]+ facts · [\d,]+ facts/s", text)
    assert "loaded" in text


def _on_a_terminal(command: list[str]) -> str:
    """Run a command with a pseudo-terminal as its output, as a person's shell would."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    with subprocess.Popen(command, stdout=follower, stderr=follower, env=environment) as process:
        os.close(follower)
        chunks = []
        while True:
            ready, _, _ = select.select([leader], [], [], 120)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the command ends
                break
            if not chunk:
                break
            chunks.append(chunk)
    os.close(leader)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_run_passes_dbt_progress_through(
    built: Settings, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    shutil.copytree(built.home, tmp_path / "wh", symlinks=True)
    warehouse = tmp_path / "wh" / built.warehouse.name
    out = statswh(
        capsys,
        "--warehouse",
        str(warehouse),
        "run",
        "--landing",
        str(built.landing),
        "--month",
        "2023-12",
    )
    lines = out.splitlines()
    assert any(line.endswith("unchanged (already loaded)") for line in lines)
    assert any(re.search(r"^  \[dbt\] .*\d+ of \d+ OK created", line) for line in lines)
    assert "review report: " in out and out.index("[dbt]") < out.index("dbt build:")
