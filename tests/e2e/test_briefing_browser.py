"""The /briefing page in a real browser, in the three languages: no missing string, one click gives the PDF."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from analytics.present.i18n import LANGUAGES, MISSING_MARK, Translator
from tests.e2e.helpers import outside_requests, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_briefing_page_in_every_language_downloads_the_pdf(browser, app_url, artifacts, tmp_path, lang):
    tr = Translator(lang)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(app_url + f"/briefing?lang={lang}&commune=0304")
        wait_for_app(page)
        button = page.get_by_role("button", name=tr("briefing.download_pdf"))
        expect(button).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stImage").first).to_be_visible()
        body = page.locator("[data-testid='stMain']").inner_text()
        assert MISSING_MARK.split("{")[0] not in body
        assert tr("briefing.demo_warning") in body
        with page.expect_download() as info:
            button.click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert path.name == f"briefing_0304_2026_{lang}.pdf"
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert "Luxembourg" in text
        page.screenshot(path=str(artifacts / f"briefing_page_{lang}.png"))
        assert outside_requests(requests, app_url) == []
    finally:
        context.close()
