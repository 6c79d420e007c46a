"""The on-failure callback: a readable JSON-lines record, and mail only when SMTP is set up.

Mail goes through Airflow's SMTP provider to a small SMTP server on 127.0.0.1 that
keeps what it receives.
"""

from __future__ import annotations

import json
import socketserver
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from types import SimpleNamespace

import pendulum
import pytest

from statswh.orchestration import record_failure
from statswh.settings import Settings


class _SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept mail: each message's raw bytes go to server.messages."""

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250 sink\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 end with .\r\n")
                body = b"".join(iter(self.rfile.readline, b".\r\n"))
                self.server.messages.append(body)
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp() -> Iterator[socketserver.ThreadingTCPServer]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSink)
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STATSWH_WAREHOUSE", str(tmp_path / "stats.duckdb"))
    monkeypatch.delenv("STATSWH_ALERT_EMAIL", raising=False)
    monkeypatch.delenv("AIRFLOW_CONN_SMTP_DEFAULT", raising=False)
    return tmp_path


def _context(error: Exception, map_index: int = 2) -> dict:
    ti = SimpleNamespace(
        dag_id="statswh_monthly",
        run_id="scheduled__2023-06-30T22:00:00+00:00",
        task_id="parse_file",
        map_index=map_index,
        try_number=1,
        log_url="http://127.0.0.1:8080/dags/statswh_monthly/runs/x",
    )
    return {
        "ti": ti,
        "params": {"month": None, "first_month": None},
        "data_interval_start": pendulum.datetime(2023, 6, 30, 22, tz="UTC"),
        "exception": error,
    }


def _records(warehouse: Path) -> list[dict]:
    lines = (warehouse / "logs" / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_a_failure_leaves_a_readable_record_and_no_mail_without_smtp(warehouse: Path, smtp) -> None:
    record_failure(_context(ValueError("川江区 workbook: no title row")), Settings.from_env())
    record_failure(_context(RuntimeError("dbt build failed"), map_index=-1), Settings.from_env())

    first, second = _records(warehouse)
    assert first["dag"] == "statswh_monthly"
    assert first["run"] == "scheduled__2023-06-30T22:00:00+00:00"
    assert first["task"] == "parse_file[2]"
    assert first["month"] == "2023-07"  # 22:00 UTC on 30 June is 1 July in Beijing
    assert first["error"] == "ValueError: 川江区 workbook: no title row"
    assert second["task"] == "parse_file"
    assert smtp.messages == []


def test_mail_goes_out_when_smtp_is_configured(
    warehouse: Path, smtp, monkeypatch: pytest.MonkeyPatch
) -> None:
    host, port = smtp.server_address
    monkeypatch.setenv("STATSWH_ALERT_EMAIL", "oncall@example.org, lead@example.org")
    monkeypatch.setenv(
        "AIRFLOW_CONN_SMTP_DEFAULT",
        json.dumps(
            {
                "conn_type": "smtp",
                "host": host,
                "port": port,
                "extra": {
                    "from_email": "statswh@example.org",
                    "disable_ssl": True,
                    "disable_tls": True,
                },
            }
        ),
    )
    record_failure(_context(ValueError("<bad> file")), Settings.from_env())

    [raw] = smtp.messages
    mail = message_from_bytes(raw)
    assert str(make_header(decode_header(mail["Subject"]))) == (
        "[statswh] statswh_monthly parse_file[2] failed (2023-07)"
    )
    assert "oncall@example.org" in mail["To"] and "lead@example.org" in mail["To"]
    html = next(part for part in mail.walk() if part.get_content_type() == "text/html")
    body = html.get_payload(decode=True).decode()
    assert "ValueError: &lt;bad&gt; file" in body
    assert len(_records(warehouse)) == 1


def test_an_alert_address_without_an_smtp_connection_only_logs(
    warehouse: Path, smtp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STATSWH_ALERT_EMAIL", "oncall@example.org")
    record_failure(_context(ValueError("boom")), Settings.from_env())
    assert smtp.messages == []
    assert len(_records(warehouse)) == 1
