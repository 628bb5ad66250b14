"""Every page renders without an exception in Streamlit's AppTest, in each language and with bad URL values."""


import pytest

from analytics.present.i18n import LANGUAGES, MISSING_MARK
from tests.apptest.harness import open_app, page_text, plotly_figures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_renders_in_every_language(warehouse, monkeypatch, lang):
    at = open_app(warehouse, monkeypatch, lang=lang)
    body = page_text(at)
    assert MISSING_MARK.split("{")[0] not in body
    assert "690" in body  # national population, whatever the locale's grouping
    assert {m.value for m in at.metric} >= {"100", "Luxembourg"}


def test_home_states_what_is_known_about_women_mayors(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, lang="en")
    body = page_text(at)
    assert "13 / 100" not in body
    mayors = next(m for m in at.metric if m.label == "Women mayors (2023 mandate)")
    assert (mayors.value, mayors.delta) == ("≥ 8", "mayor known: 34 / 100")  # what fits the tile
    assert ("Women mayors: at least 8 confirmed (+1 proposed, not confirmed); mayor known for 34 of 100 communes "
            "in 2026. A commune without a source is not counted as “no”.") in body
    assert "337 / 1,112" in body and "44 of 98 colleges" in body and "North 23.6%" in body


def test_home_map_shows_population_classes_and_cantons(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, lang="en")
    [fig] = plotly_figures(at)
    choropleth, casing, borders = fig["data"]  # canton borders: a dark line on a white casing (WCAG 1.4.11)
    assert choropleth["type"] == "choropleth" and len(choropleth["locations"]) == 100
    labels = choropleth["colorbar"]["ticktext"]
    assert len(labels) == 5 and all(label.endswith("(20)") for label in labels)
    assert "137,678" in labels[-1]
    assert borders["type"] == "scattergeo" and borders["mode"] == "lines"
    assert casing["line"]["color"] == "#ffffff" and casing["line"]["width"] > borders["line"]["width"]
    assert casing["lon"] == borders["lon"]
    lux = choropleth["customdata"][choropleth["locations"].index("0304")]
    assert lux[:3] == ["Luxembourg", "Canton Luxembourg", "Population: 137,678"]


def test_metric_switch_is_in_the_url(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, lang="en", metric="growth")
    [fig] = plotly_figures(at)
    assert fig["data"][0]["colorbar"]["title"]["text"] == "Growth since 2015"
    assert at.query_params["metric"] == "growth"
    assert at.query_params["lang"] == "en"


@pytest.mark.parametrize("bad", [{"metric": "<script>alert(1)</script>"}, {"lang": "xx"}, {"metric": "' or 1=1"}])
def test_bad_url_values_warn_and_fall_back(warehouse, monkeypatch, bad):
    at = open_app(warehouse, monkeypatch, **bad)
    assert len(at.warning) == 1
    key = next(iter(bad))
    assert f"« {key} »" in at.warning[0].value or f"“{key}”" in at.warning[0].value
    [fig] = plotly_figures(at)
    assert len(fig["data"][0]["locations"]) == 100  # the default view still renders
