"""The home page in a real browser: the map draws offline, the legend is there, hovering names a commune."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    feature_index,
    hover_commune,
    outside_requests,
    wait_for_app,
    wait_for_map,
)

pytestmark = pytest.mark.browser


def test_home_map_legend_and_hover(page, app_url, artifacts):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(app_url + "/")
    wait_for_app(page)
    wait_for_map(page)

    expect(page.locator(".js-plotly-plot .choroplethlocation")).to_have_count(100)
    legend = page.locator(".js-plotly-plot .colorbar")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Habitants au 1er janvier")
    expect(legend).to_contain_text("137\u202f678")

    hover_commune(page, feature_index("0304"))
    expect(page.locator(".hoverlayer .hovertext")).to_contain_text("Luxembourg")
    expect(page.locator(".hoverlayer .hovertext")).to_contain_text("137 678")
    page.screenshot(path=str(artifacts / "home.png"))
    assert outside_requests(requests, app_url) == []


def test_metric_switch_redraws_with_density_legend(page, app_url, artifacts):
    page.goto(app_url + "/?lang=en")
    wait_for_app(page)
    wait_for_map(page)
    page.get_by_role("radio", name="Density").click()
    # plotly briefly holds both colour bars while it redraws: wait for the new one alone.
    expect(page.locator(".js-plotly-plot .colorbar").filter(has_text="Residents per km²")).to_have_count(1)
    expect(page.locator(".js-plotly-plot .colorbar")).to_have_count(1)
    wait_for_app(page)
    assert "metric=density" in page.url
    page.screenshot(path=str(artifacts / "home_density_en.png"))
