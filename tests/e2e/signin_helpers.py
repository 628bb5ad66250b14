"""Sign in through the local OpenID provider's form, as a person does; shared by the sign-in browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import wait_for_app

TIMEOUT = 30_000


def sign_in(page: Page, app_url: str, sub: str) -> None:
    """Home page → "Se connecter" → the provider's form → `sub` → back on the app, signed in."""
    page.goto(app_url + "/")
    wait_for_app(page)
    page.get_by_role("button", name="Se connecter").first.click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"), timeout=TIMEOUT)
    page.locator('input[name="sub"]').fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(re.compile(re.escape(app_url) + r"/?(\?.*)?$"), timeout=TIMEOUT)
    expect(page.get_by_text("Connecté·e")).to_be_visible(timeout=TIMEOUT)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def grid_text(page: Page, testid_index: int = 0) -> str:
    """The cells of an st.dataframe as text (its grid keeps an accessible copy of the cells in the DOM)."""
    grid = page.locator("[data-testid='stDataFrame']").nth(testid_index)
    expect(grid).to_be_visible(timeout=TIMEOUT)
    expect(grid.locator("table [role=gridcell], table td").first).to_be_attached(timeout=TIMEOUT)
    return grid.text_content() or ""
