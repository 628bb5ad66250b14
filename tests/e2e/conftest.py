"""One app server and one browser for all browser tests (starting them dominates the run time)."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.helpers import launch_browser, running_app


@pytest.fixture(scope="session")
def app_url(warehouse):
    with running_app(warehouse) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


