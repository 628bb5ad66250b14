"""'Official data only' (status=official in the URL) on every KPI page, and the production mode (OBSERVATORY_DEMO=0)."""

from __future__ import annotations

import pytest
import streamlit as st

from analytics.present.i18n import MISSING_MARK
from tests.apptest.harness import open_app, page_text, plotly_figures

KPI_PAGES = ["app_pages/map.py", "app_pages/commune.py", "app_pages/benchmark.py", "app_pages/trends.py"]
ALL_PAGES = ["app_pages/home.py", *KPI_PAGES, "app_pages/programmes.py", "app_pages/grants.py",
             "app_pages/practices.py", "app_pages/data.py", "app_pages/briefing.py"]


def test_map_legend_gives_the_coverage_and_the_switch_hides_demo(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, "app_pages/map.py", kpi="women_councillors_share", year="2023", lang="en")
    [fig] = plotly_figures(at)
    title = fig["data"][0]["colorbar"]["title"]["text"].replace("<br>", " ").replace("\u00a0", " ")
    assert "10 official · 90 demo · 0 none" in title
    assert "Coverage 2023: official for 10 communes, demo for 90, no value for 0" in page_text(at)
    at.toggle(key="url_status").set_value(True).run()
    assert at.query_params["status"] == "official"
    [fig] = plotly_figures(at)
    title = fig["data"][0]["colorbar"]["title"]["text"].replace("<br>", " ").replace("\u00a0", " ")
    assert "90 demo hidden" in title and "demo data" not in title
    statuses = [c[4] if len(c) > 4 else None for c in fig["data"][0]["customdata"]]
    assert "Demo" not in " ".join(str(c) for c in fig["data"][0]["customdata"])
    assert statuses  # the map still draws, official values only
    [table] = at.dataframe  # communes without an official value: empty cells (never "None"), status "no data"
    assert table.proto.placeholder == "" and table.value["rank"].isna().sum() == 90
    assert (table.value["status"] == "no data").sum() == 90


@pytest.mark.parametrize("page", KPI_PAGES)
def test_every_kpi_page_has_the_switch_in_the_url(warehouse, monkeypatch, page):
    at = open_app(warehouse, monkeypatch, page, status="official", lang="en")
    assert at.toggle(key="url_status").value is True
    assert at.query_params["status"] == "official"
    assert "Demo data" not in page_text(at)


def test_a_bad_status_value_warns_and_shows_all_data(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, "app_pages/map.py", status="everything", lang="en")
    assert len(at.warning) == 1 and "“status”" in at.warning[0].value
    assert at.toggle(key="url_status").value is False and "status" not in at.query_params


@pytest.fixture
def production(monkeypatch, warehouse_of):
    """The production mode on a warehouse built without demo data."""
    monkeypatch.setenv("OBSERVATORY_DEMO", "0")
    st.cache_resource.clear()  # the settings are a cache_resource: read the environment again
    st.cache_data.clear()
    yield warehouse_of("official")
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.parametrize("page", ALL_PAGES)
def test_production_mode_renders_every_page(production, monkeypatch, page):
    at = open_app(production, monkeypatch, page, lang="en")
    text = page_text(at)
    assert MISSING_MARK.split("{")[0] not in text
    assert "Production mode: official data only, no demo data." in text
    assert "Demo data" not in text


def test_production_mode_says_plainly_when_a_kpi_has_no_data(production, monkeypatch):
    at = open_app(production, monkeypatch, "app_pages/map.py", kpi="women_staff_share", lang="en")
    assert [i.value for i in at.info] == [
        "No official data for this indicator and year. Demo values are hidden."
    ]
