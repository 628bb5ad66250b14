"""The programmes, grants and practices pages in a real browser, opened straight from permalinks; screenshots for review.

The server is a plain `streamlit run app.py` (tests/e2e/helpers.py); a first deep link gets the full shell because the
pages live in `app_pages/`, which Streamlit does not auto-discover.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import outside_requests, wait_for_app, wait_for_map

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    """A tall viewport: the screenshots show whole pages (Streamlit scrolls inside its own container)."""
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def test_programmes_page_shows_map_timeline_and_signatories(page, app_url, artifacts):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(app_url + "/programmes")
    wait_for_app(page)
    wait_for_map(page)
    expect(page.locator(".js-plotly-plot .choroplethlocation")).to_have_count(100)
    expect(page.get_by_test_id("stMetric").nth(1)).to_contain_text("51")
    expect(page.locator(".js-plotly-plot .colorbar")).to_contain_text("Engagement politique")
    expect(page.get_by_text("Signatures du Gemengepakt dans le temps")).to_be_visible()
    expect(page.get_by_text("Kayl, Kiischpelt, Mersch, Vianden", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Programmes")
    page.screenshot(path=str(artifacts / "programmes.png"))
    assert outside_requests(requests, app_url) == []


def test_pilot_permalink(page, app_url, artifacts):
    page.goto(app_url + "/programmes?programme=pilot&lang=en")
    wait_for_app(page)
    expect(page.get_by_text("Pilot signatures over time")).to_be_visible()
    expect(page.get_by_text("Grosbous and Wahl count separately", exact=False)).to_be_visible()
    page.screenshot(path=str(artifacts / "programmes_pilot_en.png"))


def test_grants_permalink_opens_the_calculator(page, app_url, artifacts):
    page.goto(app_url + "/grants?commune=0903&year=2024")
    wait_for_app(page)
    expect(page.get_by_text("Calculateur : Vianden, 2024")).to_be_visible()
    table = page.get_by_test_id("stTable").filter(has_text="Permis par les règles")
    expect(table).to_contain_text("non vérifié")
    expect(page.get_by_text("la subvention augmente de 1\u202f000\u00a0€", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    page.screenshot(path=str(artifacts / "grants_0903_2024.png"))


def test_grants_bad_year_warns(page, app_url):
    page.goto(app_url + "/grants?year=1999&lang=en")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("“year”")


def test_practices_page(page, app_url, artifacts):
    page.goto(app_url + "/practices?commune=0204&kpi=multilingual_communication_share")
    wait_for_app(page)
    expect(page.get_by_text("Qu’ont fait les pairs ?")).to_be_visible()
    expect(page.get_by_text("Pairs de Esch-sur-Alzette", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(2)
    page.screenshot(path=str(artifacts / "practices.png"))
