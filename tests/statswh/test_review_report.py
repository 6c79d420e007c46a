"""The review report of a release, opened as a statistician would: in a browser, offline.

The sample warehouse (36 months, its injected anomalies) is published by the real pipeline;
its report is loaded in headless Chromium driven over the DevTools protocol, which tells us
what a person would see: console errors, the charts Plotly drew, and a screenshot.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from statistics import pvariance

import duckdb
import pandas as pd
import pytest
from PIL import Image
from websockets.sync.client import connect

from statswh.publishing import publish
from statswh.reporting import period_label, read_only_query
from statswh.review_report import (
    PLOTLY_SCRIPT,
    REPORT_FOLDER,
    cell_label,
    charted_series,
    write_review_report,
)
from statswh.settings import Settings

pytestmark = pytest.mark.integration

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
WIDTH = 1280


@dataclass
class PageView:
    """What a browser made of a page: console errors, DOM answers and a screenshot."""

    errors: list[str] = field(default_factory=list)
    answers: dict[str, object] = field(default_factory=dict)
    screenshot: bytes = b""


def view_page(page: Path, questions: dict[str, str], height: int = 1600) -> PageView:
    """Load `page` in headless Chromium, answer each JavaScript question once Plotly has
    drawn, and take a screenshot of the top `height` pixels."""
    with tempfile.TemporaryDirectory() as profile:
        browser = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its helper processes share its group: ended together
        )
        try:
            return _drive(_page_socket(Path(profile)), page, questions, height)
        finally:
            _end_group(browser)


def _end_group(browser: subprocess.Popen) -> None:
    """End Chromium and its helpers, and wait until none is left writing to its profile."""
    os.killpg(browser.pid, signal.SIGTERM)
    browser.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(browser.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(browser.pid, signal.SIGKILL)


def _page_socket(profile: Path) -> str:
    """The DevTools address of the browser's first tab (Chromium writes its port to a file)."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    while not port_file.exists() or not port_file.read_text().strip():
        if time.monotonic() > deadline:
            raise TimeoutError("Chromium did not open its DevTools port within 60 s")
        time.sleep(0.1)
    port = port_file.read_text().split()[0]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as answer:
        tabs = json.load(answer)
    return next(tab["webSocketDebuggerUrl"] for tab in tabs if tab["type"] == "page")


def _drive(address: str, page: Path, questions: dict[str, str], height: int) -> PageView:
    view = PageView()
    numbers = itertools.count(1)
    with connect(address, max_size=None, open_timeout=30) as socket:

        def call(method: str, **params: object) -> dict:
            number = next(numbers)
            socket.send(json.dumps({"id": number, "method": method, "params": params}))
            while True:
                message = json.loads(socket.recv(timeout=120))
                if message.get("id") == number:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message["result"]
                _note_error(message, view.errors)

        for domain in ("Page", "Runtime", "Log"):
            call(f"{domain}.enable")
        call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        call("Page.navigate", url=page.as_uri())
        call(
            "Runtime.evaluate",
            expression="new Promise(done => { const ready = () => document.readyState"
            " === 'complete' ? setTimeout(done, 1500) : setTimeout(ready, 100); ready(); })",
            awaitPromise=True,
        )
        for name, expression in questions.items():
            result = call("Runtime.evaluate", expression=expression, returnByValue=True)
            view.answers[name] = result["result"].get("value")
        shot = call("Page.captureScreenshot", format="png")
        view.screenshot = base64.b64decode(shot["data"])
    return view


def _note_error(message: dict, errors: list[str]) -> None:
    """Keep console errors, uncaught exceptions and failed loads (a missing script)."""
    method, params = message.get("method"), message.get("params", {})
    if method == "Runtime.exceptionThrown":
        errors.append(params["exceptionDetails"].get("text", "exception"))
    elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
        errors.append(" ".join(str(arg.get("value", arg)) for arg in params.get("args", [])))
    elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
        errors.append(f"{params['entry'].get('url', '')}: {params['entry']['text']}")


def grey_variance(png: bytes) -> float:
    """Variance of the grey levels: near zero for a blank (one-colour) page."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return pvariance(image.get_flattened_data())


OPEN_ANOMALY_CHARTS = (
    "[...document.querySelectorAll('section[data-anomaly-id]')]"
    ".filter(s => s.querySelector('.js-plotly-plot .main-svg')).map(s => s.dataset.anomalyId)"
)


@pytest.fixture(scope="module")
def report(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a release of the sample warehouse, by its stable link."""
    home = tmp_path_factory.mktemp("report") / "wh"
    shutil.copytree(built.home, home, symlinks=True)
    settings = Settings(home / built.warehouse.name, built.landing)
    publish(settings)
    return home / "published" / REPORT_FOLDER / "index.html"


def test_each_release_publishes_its_report_beside_the_parquet(report: Path) -> None:
    release = report.parent.resolve().parent
    assert release.parent.name == "releases"
    assert (release / "parquet").is_dir()
    assert (report.parent / PLOTLY_SCRIPT).stat().st_size > 1_000_000  # works offline
    assert '<script src="https://' not in report.read_text(encoding="utf-8")


SIGN_FLIP = (
    "select anomaly_id from marts.dq_anomalies where rule_code = 'growth_level_mismatch' "
    "and region_name = '川江区' and indicator_code = 'budget_revenue' and period_end = '2023-04-30'"
)


@pytest.fixture(scope="module")
def view(report: Path, built: Settings) -> PageView:
    """The report as Chromium shows it, asked once (drawing its charts takes a while)."""
    sign_flip = read_only_query(built.published, SIGN_FLIP)["anomaly_id"].item()
    return view_page(
        report,
        {
            "charted": OPEN_ANOMALY_CHARTS,
            "indicators": "document.querySelectorAll('section[data-indicator] "
            ".js-plotly-plot').length",
            "text": "document.body.innerText",
            "sign_flip": f"document.querySelector('[data-anomaly-id=\"{sign_flip}\"]').innerText",
        },
    )


def test_the_report_renders_a_chart_per_open_anomaly_with_no_console_error(
    view: PageView, built: Settings
) -> None:
    open_ids = set(
        read_only_query(
            built.published, "select anomaly_id from marts.dq_anomalies where not accepted"
        )["anomaly_id"]
    )
    assert view.errors == []
    assert open_ids and set(view.answers["charted"]) == open_ids
    assert view.answers["indicators"] > 0
    assert "待复核异常" in view.answers["text"] and "Open anomalies" in view.answers["text"]
    assert grey_variance(view.screenshot) > 100


def test_each_anomaly_names_its_file_sheet_and_row(view: PageView) -> None:
    """The sample's sign flip in 川江区's budget revenue of 1-4月 2023 is in the monthly
    workbook, on 川江区's own sheet."""
    card = view.answers["sign_flip"]
    assert "周口市县区主要经济指标_2023年04月.xlsx" in card
    assert "工作表「川江区」第8行" in card
    assert "sign flip" in card and "-7.2" in card


def test_past_the_card_limit_the_most_recent_anomalies_get_cards_and_the_rest_a_count(
    built: Settings, tmp_path: Path
) -> None:
    """A long history's thousands of open anomalies would each cost a chart: the page draws
    the most recent few and counts the others."""
    page = write_review_report(built.warehouse, tmp_path, "r1", card_limit=3)
    text = page.read_text(encoding="utf-8")
    periods = read_only_query(
        built.warehouse, "select anomaly_id, period_end from marts.dq_anomalies where not accepted"
    ).set_index("anomaly_id")["period_end"]
    carded = set(re.findall(r'data-anomaly-id="([^"]+)"', text))
    assert len(periods) > 3 and len(carded) == 3
    assert periods[list(carded)].min() >= periods.drop(list(carded)).max()
    assert f'<div class="figure">{len(periods)}</div>' in text
    assert f"{len(periods) - 3} older open anomalies are not shown" in text


def test_a_blank_page_has_no_variance(tmp_path: Path) -> None:
    """The blank check can fail: an empty page is one colour."""
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>", encoding="utf-8")
    assert grey_variance(view_page(empty, {}, height=400).screenshot) < 1


def test_a_missing_plotly_script_is_a_console_error(report: Path, tmp_path: Path) -> None:
    """The console check can fail: the page without its script beside it."""
    alone = tmp_path / "index.html"
    shutil.copy(report, alone)
    errors = view_page(alone, {}, height=400).errors
    assert any(PLOTLY_SCRIPT in error for error in errors)


@pytest.mark.parametrize(
    ("period_type", "period_end", "label"),
    [
        ("ytd", "2023-04-30", "2023年1-4月"),
        ("ytd", "2023-01-31", "2023年1月"),
        ("month", "2023-04-30", "2023年4月"),
        ("quarter", "2023-06-30", "2023年二季度"),
        ("year", "2022-12-31", "2022年"),
    ],
)
def test_periods_read_as_a_bureau_writes_them(period_type: str, period_end: str, label: str):
    assert period_label(period_type, period_end) == label


def test_cells_name_sheet_row_and_column_when_known() -> None:
    assert cell_label("主要指标", 5, None) == "工作表「主要指标」第5行 (sheet 主要指标, row 5)"
    assert cell_label("主要指标", 5, "D") == (
        "工作表「主要指标」第5行 D列 (sheet 主要指标, row 5, column D)"
    )
    assert cell_label(None, 3, None) == "第3段 paragraph 3"


def test_an_indicator_chart_draws_a_bounded_number_of_regions_the_flagged_ones_first(
    built: Settings, tmp_path: Path
) -> None:
    """A national history has hundreds of regions an indicator: a chart draws a few, those a
    reviewer must look at first, over the most recent months, and says how many it left out."""
    with closing(duckdb.connect(str(built.warehouse), read_only=True)) as connection:
        charted = charted_series(connection, region_limit=2, chart_months=12)
        everything = charted_series(connection, region_limit=10_000, chart_months=10_000)
        flagged = connection.execute(
            "select distinct indicator_code, region_name from marts.dq_anomalies where not accepted"
        ).fetchall()
    regions = charted.groupby("indicator_code")["region_name"].agg(set)
    assert regions.map(len).max() == 2
    assert (everything.groupby("indicator_code")["region_name"].nunique() > 2).any()
    latest = everything["period_end"].max()
    assert charted["period_end"].min() > latest - pd.DateOffset(months=12)
    with_recent_series = {
        (code, region)
        for code, region in flagged
        if code in regions.index
        and region in set(everything.query("indicator_code == @code")["region_name"])
    }
    assert with_recent_series, "the sample has open anomalies on charted indicators"
    for code in {code for code, _ in with_recent_series}:
        flagged_here = {region for c, region in with_recent_series if c == code}
        if len(flagged_here) <= 2:
            assert flagged_here <= regions[code], code
        assert flagged_here & regions[code], code

    page = write_review_report(built.warehouse, tmp_path, "r1", region_limit=2)
    text = page.read_text(encoding="utf-8")
    total = everything.groupby("indicator_code")["region_name"].nunique().max()
    assert f"2 of {total} regions charted" in " ".join(text.split())
