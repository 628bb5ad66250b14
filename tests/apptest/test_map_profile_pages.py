"""/map and /commune render in AppTest with several URL states; bad values warn and fall back, never raise."""

import pytest

from analytics.present.i18n import LANGUAGES
from tests.apptest.harness import open_app, page_text, plotly_figures


@pytest.mark.parametrize(
    "query",
    [
        {"kpi": "women_councillors_share", "year": "2024"},
        {"kpi": "gemengepakt_stage", "year": "2025", "lang": "de"},
        {"kpi": "intercultural_actions", "norm": "per_1000", "scheme": "fisher_jenks", "k": "7"},
        {"kpi": "woman_mayor", "lang": "en"},
    ],
)
def test_map_renders_the_requested_view(warehouse, monkeypatch, query):
    at = open_app(warehouse, monkeypatch, "app_pages/map.py", **query)
    [fig] = plotly_figures(at)
    trace = fig["data"][0]
    assert len(trace["locations"]) == 100
    assert not at.warning
    if "k" in query:
        assert len(trace["colorbar"]["ticktext"]) <= 7
    for key, value in query.items():
        assert at.query_params[key] == value


def test_map_legend_names_the_kpi_and_flags_demo(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, "app_pages/map.py", kpi="women_councillors_share", year="2024", lang="en")
    [fig] = plotly_figures(at)
    title = fig["data"][0]["colorbar"]["title"]["text"]
    assert "Women among municipal" in title and "demo data" in title
    assert len(fig["data"][0]["colorbar"]["ticktext"]) == 5


@pytest.mark.parametrize(
    "query,param",
    [
        ({"kpi": "women_councilor_share"}, "kpi"),
        ({"kpi": "women_councillors_share", "year": "1999"}, "year"),
        ({"kpi": "women_councillors_share", "year": "abc"}, "year"),
        # the default KPI is now judged against parity with fixed classes (no scheme, no k): use one that has them
        ({"kpi": "foreign_residents_share", "scheme": "'; drop table kpi_values; --"}, "scheme"),
        ({"kpi": "foreign_residents_share", "k": "12"}, "k"),
    ],
)
def test_map_bad_url_values_warn_specifically(warehouse, monkeypatch, query, param):
    at = open_app(warehouse, monkeypatch, "app_pages/map.py", lang="en", **query)
    assert len(at.warning) == 1 and f"“{param}”" in at.warning[0].value
    assert len(plotly_figures(at)[0]["data"][0]["locations"]) == 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_profile_finds_luxembourg(warehouse, monkeypatch, lang):
    at = open_app(warehouse, monkeypatch, "app_pages/commune.py", commune="0304", lang=lang)
    assert at.header[0].value == "Luxembourg"
    assert "⟦" not in page_text(at)
    table = at.dataframe[0].value
    assert len(table) >= 20


def test_profile_reads_excel_style_codes_and_refuses_unknown(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, "app_pages/commune.py", commune="304")
    assert at.header[0].value == "Luxembourg" and not at.warning
    at = open_app(warehouse, monkeypatch, "app_pages/commune.py", commune="0705", lang="en")
    assert len(at.warning) == 1 and "0705" in at.warning[0].value


def test_a_yes_no_map_says_one_colour_per_answer_not_dark_is_high(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, "app_pages/map.py", kpi="woman_mayor", year="2024", lang="en")
    text = page_text(at)
    assert "one colour per answer" in text and "dark colours mark high values" not in text
