"""Benchmark and trends in a real browser, opened by a shared link (the server, browser and page come from conftest)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import outside_requests, wait_for_app

pytestmark = pytest.mark.browser

LINK = "?commune=0304&kpi=women_councillors_share"
PLOT = ".js-plotly-plot"


def open_link(page, url: str, charts: int) -> None:
    page.set_viewport_size({"width": 1440, "height": 1800})  # tall enough to see every chart in one screenshot
    page.goto(url)
    wait_for_app(page)
    expect(page.locator(PLOT)).to_have_count(charts, timeout=60_000)


def test_benchmark_link_highlights_the_commune_and_marks_the_peer_median(page, app_url, artifacts):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_link(page, app_url + "/benchmark" + LINK, charts=2)

    # Opened through the app's navigation, not as a bare page file: sidebar, language picker, our page selected.
    expect(page.locator("[data-testid='stSidebarNav']")).to_contain_text("Comparaison entre pairs")
    expect(page.get_by_text("Langue · Sprache · Language")).to_be_visible()

    strip = page.locator(PLOT).first
    expect(strip.locator(".textpoint", has_text="Luxembourg")).to_have_count(1)  # the highlighted commune
    expect(strip.locator(".annotation-text", has_text=re.compile(r"Médiane des pairs\s*:\s*\d"))).to_have_count(1)
    expect(strip.locator(".legendtext", has_text="Pairs")).to_have_count(1)
    expect(page.get_by_text("Données de démonstration").first).to_be_visible()  # the values are demo values
    heat = page.locator(PLOT).nth(1)
    expect(heat.locator(".ytick", has_text="Femmes parmi les conseillers communaux")).to_have_count(1)
    page.screenshot(path=str(artifacts / "benchmark_0304.png"), full_page=True)
    assert "commune=0304" in page.url
    assert outside_requests(requests, app_url) == []


def test_trends_link_draws_the_commune_against_the_peer_median_and_band(page, app_url, artifacts):
    open_link(page, app_url + "/trends" + LINK, charts=2)
    main = page.locator(PLOT).first
    legend = main.locator(".legendtext")
    expect(legend.filter(has_text="Médiane des pairs")).to_have_count(1)  # the peer line
    expect(legend.filter(has_text="Écart interquartile des pairs")).to_have_count(1)
    expect(legend.filter(has_text="Médiane nationale")).to_have_count(1)
    expect(legend.filter(has_text=re.compile(r"^Luxembourg$"))).to_have_count(1)  # the commune's own line
    expect(legend.filter(has_text="Luxembourg (démo)")).to_have_count(1)  # demo years: a line of their own
    expect(main.locator(".scatterlayer .trace")).to_have_count(6)
    page.screenshot(path=str(artifacts / "trends_0304.png"), full_page=True)


def test_changing_the_peer_group_goes_into_the_url(page, app_url, artifacts):
    open_link(page, app_url + "/benchmark" + LINK + "&lang=en&peers=canton", charts=2)
    expect(page.get_by_text("Same canton: Luxembourg")).to_be_visible()
    assert "peers=canton" in page.url and "lang=en" in page.url
