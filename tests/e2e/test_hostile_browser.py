"""A served app against hostile uploads, over-long addresses and a CLI ingest (issue 16, items 1-3 and 8).

The file check runs in a limited child process, so after the 1.6 KB far-cell workbook and a workbook of 3 M rows the
server still answers /_stcore/health; a value the CLI ingests shows in a new session without a rebuild.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import hostile_files as hostile
from tests.e2e.helpers import APP_IDLE, REPO_ROOT, running_app, wait_for_app
from tests.e2e.st_client import Run, StreamlitSession, run_apart

pytestmark = pytest.mark.browser
MAP_2025 = "/map?kpi=women_councillors_share&year=2025&lang=en"


@pytest.fixture(scope="module")
def served(kpi_base_warehouse, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "w.duckdb"
    shutil.copyfile(kpi_base_warehouse, db)
    with running_app(db) as base:
        yield base, db


def get(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (looked up without regard to case) and body."""
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_security_headers_and_a_clear_400_for_an_over_long_address(served):
    base, _ = served
    for path in ("/", "/map", "/_stcore/health", "/api/v1/kpi"):
        status, headers, _ = get(base + path)
        assert status == 200
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
        assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = get(base + "/map?kpi=" + "x" * 100_000)
    assert status == 400 and headers["Content-Type"].startswith("text/plain") and headers["X-Frame-Options"]
    assert body.startswith(b"400 Bad Request: this address is too long")
    assert get(base + "/map?kpi=" + "x" * 6_000)[0] == 200


def download_map_csv(context, base: str, tmp_path: Path) -> str:
    """Open /map in a new tab (a new Streamlit session) of `context`, download its CSV, close the tab."""
    page = context.new_page()
    page.goto(base + MAP_2025)
    page.wait_for_selector(APP_IDLE, timeout=60_000)  # the run has finished: the button serves this run's CSV
    with page.expect_download(timeout=60_000) as download:
        page.locator("[data-testid='stDownloadButton'] button").first.click()
    path = tmp_path / "map.csv"
    download.value.save_as(path)
    page.close()
    return path.read_text(encoding="utf-8-sig")


def ingest(db: Path, tmp_path: Path, value: str) -> float:
    """`analytics ingest` of one value for Luxembourg-City, 2025; returns the moment the CLI exited."""
    submission = tmp_path / f"luxembourg-{value}.csv"
    submission.write_text(f"lau2,kpi,year,value\n0304,women_councillors_share,2025,{value}\n")
    subprocess.run([sys.executable, "-m", "analytics", "ingest", str(submission), "--db", str(db)], cwd=REPO_ROOT,
                   check=True, capture_output=True, timeout=120)
    return time.monotonic()


async def _map_run(base: str) -> Run:
    session = StreamlitSession(base, "map", MAP_2025.split("?", 1)[1])
    await session.connect()
    try:
        return await session.load()
    finally:
        await session.close()


def map_run_in_a_new_session(base: str) -> Run:
    return run_apart(_map_run(base), timeout=120)


def test_an_ingested_value_reaches_a_new_session_within_5_s(served, tmp_path):
    """Issue 16's acceptance, timed where the app's part ends: a new session (Streamlit's own websocket protocol, what
    the browser speaks) gets the map with the ingested value, measured from the CLI's exit to the script's end."""
    base, db = served
    assert "66.6" not in "".join(map_run_in_a_new_session(base).charts)  # the old view is cached now
    exited = ingest(db, tmp_path, "66.6")
    run = map_run_in_a_new_session(base)
    elapsed = time.monotonic() - exited
    print(f"ingested value in a new session's map {elapsed:.2f} s after the CLI exited")
    assert not run.errors and "66.6" in "".join(run.charts)  # in the hover text of Luxembourg-City
    assert elapsed < 5


def test_an_ingested_value_shows_in_a_new_browser_tab_without_a_rebuild(served, browser, tmp_path):
    """The same through a real browser and the page's own CSV download. The time is printed, not held to 5 s: most
    of it is Chromium loading and drawing the page (3-9 s on a busy 2-core machine; the server's part is above)."""
    base, db = served
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    assert "77.7" not in download_map_csv(context, base, tmp_path)  # the old value is cached now
    exited = ingest(db, tmp_path, "77.7")
    assert "77.7" in download_map_csv(context, base, tmp_path)
    elapsed = time.monotonic() - exited
    context.close()
    print(f"ingested value seen in a new browser tab {elapsed:.1f} s after the CLI exited")
    assert elapsed < 30


@pytest.mark.parametrize(("name", "make", "message"), [
    ("far.xlsx", hostile.far_cell, "far.xlsx: sheet 1 has a row 1,048,576"),
    ("rows.xlsx", lambda: hostile.many_rows(3_000_000), "rows.xlsx: workbook part xl/worksheets/sheet1.xml unpacks"),
    ("formulas.xlsx", hostile.with_formulas, "formulas.xlsx:2:value: cell D2 holds a formula (=1+1)"),
], ids=["far-cell", "3M-rows", "formulas"])
def test_a_hostile_upload_is_a_message_and_the_server_keeps_serving(served, browser, tmp_path, name, make, message):
    base, _ = served
    path = tmp_path / name
    path.write_bytes(make())
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(base + "/data?lang=en")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    expect(page.locator("[data-testid='stCode']").first).to_contain_text(message, timeout=60_000)
    context.close()
    assert get(base + "/_stcore/health")[0] == 200
