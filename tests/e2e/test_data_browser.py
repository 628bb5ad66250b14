"""The /data page in a real browser: tables, templates and the file check, with no request leaving the app."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import outside_requests, running_app, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def data_url(demo_project):
    with running_app(demo_project[0].db_path) as base:
        yield base


def test_data_page_tables_templates_and_upload(data_url, browser, tmp_path, artifacts):
    # The session browser (tests/e2e/conftest.py): a second sync_playwright() in one process fails once it runs.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(data_url + "/data?lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Data, indicators and provenance")).to_be_visible()
    expect(page.get_by_text("Langue · Sprache · Language")).to_be_visible()  # the shell ran (navigation.py's sidebar)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(3, timeout=30_000)
    expect(page.locator("[data-testid='stDownloadButton']")).to_have_count(5)  # 3 exports + 2 templates
    bad = tmp_path / "mine.csv"
    bad.write_text("lau2,kpi,year,value\n9999,woman_mayor,2023,1\n", encoding="utf-8")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
    expect(page.locator("[data-testid='stCode']")).to_contain_text(
        "mine.csv:2:lau2: unknown lau2 '9999'", timeout=30_000
    )
    page.screenshot(path=str(artifacts / "data.png"), full_page=True)
    assert outside_requests(requests, data_url) == []
    context.close()
