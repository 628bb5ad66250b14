"""Production mode (OBSERVATORY_DEMO=0) in Chromium: every page renders on a warehouse without any demo data."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import outside_requests, running_app, wait_for_app

pytestmark = pytest.mark.browser

PAGES = ["", "map", "commune", "benchmark", "trends", "programmes", "grants", "practices", "data", "briefing"]


@pytest.fixture(scope="module")
def production_url(warehouse_of):
    with running_app(warehouse_of("official"), env={"OBSERVATORY_DEMO": "0"}) as base:
        yield base


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_without_demo_data(browser, production_url, artifacts, path):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(f"{production_url}/{path}?lang=en")
        wait_for_app(page)
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        expect(page.get_by_text("Production mode: official data only, no demo data.").first).to_be_visible()
        page.screenshot(path=str(artifacts / f"production_{path or 'home'}.png"))
        assert outside_requests(requests, production_url) == []
    finally:
        context.close()
