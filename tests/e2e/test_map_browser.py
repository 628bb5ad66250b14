"""The map explorer in a real browser: legend, hover tooltip, click through to the commune profile."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import feature_index, hover_commune, running_app, wait_for_app, wait_for_map

pytestmark = pytest.mark.browser


def test_map_legend_hover_and_click_to_profile(page, app_url, artifacts):
    page.goto(app_url + "/map?kpi=women_councillors_share&year=2024")
    wait_for_app(page)
    wait_for_map(page)
    legend = page.locator(".js-plotly-plot .colorbar")
    expect(legend).to_contain_text("Femmes parmi les conseillers")
    expect(legend).to_contain_text("données démo")
    expect(legend.locator(".cbaxis text, .ytick text, text")).not_to_have_count(0)
    expect(page.get_by_text("données démo").first).to_be_visible()

    index = feature_index("0304")
    hover_commune(page, index)
    tooltip = page.locator(".hoverlayer .hovertext")
    expect(tooltip).to_contain_text("Luxembourg")
    expect(tooltip).to_contain_text("rang")
    page.screenshot(path=str(artifacts / "map_hover.png"))

    page.mouse.click(*_centre(page, index))
    wait_for_app(page)
    link = page.get_by_role("link", name="Ouvrir le profil de Luxembourg")
    expect(link).to_be_visible()
    page.screenshot(path=str(artifacts / "map_selected.png"))
    link.click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Luxembourg")).to_be_visible()
    assert "/commune" in page.url


def test_profile_by_code(page, app_url, artifacts):
    page.goto(app_url + "/commune?commune=0304")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Luxembourg")).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame']")).to_be_visible()
    page.screenshot(path=str(artifacts / "commune_0304.png"), full_page=True)


def _centre(page, index: int) -> tuple[float, float]:
    box = page.locator(".js-plotly-plot .choroplethlocation").nth(index).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_first_visit_to_a_permalink_on_a_fresh_server_gets_the_shell(browser, warehouse):
    """A first deep link on a freshly started `streamlit run app.py` runs navigation.py (shell, language switch, page).

    With an auto-discovered `pages/` folder beside navigation.py, Streamlit would serve it in legacy multipage mode,
    without the shell: the pages live in `app_pages/` for that reason."""
    with running_app(warehouse) as base:  # a server of its own: nobody has opened "/" on it yet
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(base + "/map?kpi=gemengepakt_stage&year=2025&lang=en")
        wait_for_app(page)
        wait_for_map(page)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text("Langue · Sprache · Language")
        expect(sidebar).to_contain_text("KPI map")
        expect(page.locator(".js-plotly-plot .colorbar")).to_contain_text("Gemengepakt")
        page.close()


def test_the_map_fetches_its_polygons_once_and_they_are_cached_by_build(page, app_url):
    """The /map figure carries a URL, not the polygons; the browser fetches them once and may keep them a year."""
    import json
    import urllib.request

    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/map-assets/" in r.url else None)
    page.goto(app_url + "/map?kpi=women_councillors_share&year=2024")
    wait_for_app(page)
    wait_for_map(page)
    expect(page.locator(".js-plotly-plot .choroplethlocation")).to_have_count(100)
    assert len(fetched) == 1 and "/map-assets/communes.geojson?build=" in fetched[0]

    with urllib.request.urlopen(fetched[0], timeout=30) as resp:
        body, headers = json.loads(resp.read()), resp.headers
    assert resp.status == 200 and headers["Content-Type"] == "application/geo+json"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert sorted(f["id"] for f in body["features"])[:2] == ["0101", "0102"] and len(body["features"]) == 100
    stale = urllib.request.urlopen(app_url + "/map-assets/communes.geojson?build=older", timeout=30)
    assert stale.headers["Cache-Control"] == "no-cache"  # a page open across a rebuild still draws, uncached
    again = urllib.request.Request(fetched[0], headers={"If-None-Match": headers["ETag"]})
    try:
        urllib.request.urlopen(again, timeout=30)
        status = 200
    except urllib.error.HTTPError as err:
        status = err.code
    assert status == 304
