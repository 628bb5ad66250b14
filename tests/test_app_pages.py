"""Every page renders without an exception in Streamlit's AppTest, in each language and with bad URL values."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.present.i18n import LANGUAGES, MISSING_MARK

APP = str(Path(__file__).resolve().parent.parent / "navigation.py")  # the pages script app.py serves
TIMEOUT = 60


def run_app(warehouse, monkeypatch, page: str | None = None, **query) -> AppTest:
    monkeypatch.setenv("OBSERVATORY_DB", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    parts += [m.label for m in at.metric] + [str(m.value) for m in at.metric] + [w.value for w in at.warning]
    return "\n".join(str(p) for p in parts)


def plotly_figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_renders_in_every_language(warehouse, monkeypatch, lang):
    at = run_app(warehouse, monkeypatch, lang=lang)
    body = texts(at)
    assert MISSING_MARK.split("{")[0] not in body
    assert "690" in body  # national population, whatever the locale's grouping
    assert {m.value for m in at.metric} >= {"100", "Luxembourg"}


def test_home_map_shows_population_classes_and_cantons(warehouse, monkeypatch):
    at = run_app(warehouse, monkeypatch, lang="en")
    [fig] = plotly_figures(at)
    choropleth, borders = fig["data"]
    assert choropleth["type"] == "choropleth" and len(choropleth["locations"]) == 100
    labels = choropleth["colorbar"]["ticktext"]
    assert len(labels) == 5 and all(label.endswith("(20)") for label in labels)
    assert "137,678" in labels[-1]
    assert borders["type"] == "scattergeo" and borders["mode"] == "lines"
    lux = choropleth["customdata"][choropleth["locations"].index("0304")]
    assert lux[:3] == ["Luxembourg", "Canton Luxembourg", "Population: 137,678"]


def test_metric_switch_is_in_the_url(warehouse, monkeypatch):
    at = run_app(warehouse, monkeypatch, lang="en", metric="growth")
    [fig] = plotly_figures(at)
    assert fig["data"][0]["colorbar"]["title"]["text"] == "Growth since 2015"
    assert at.query_params["metric"] == "growth"
    assert at.query_params["lang"] == "en"


@pytest.mark.parametrize("bad", [{"metric": "<script>alert(1)</script>"}, {"lang": "xx"}, {"metric": "' or 1=1"}])
def test_bad_url_values_warn_and_fall_back(warehouse, monkeypatch, bad):
    at = run_app(warehouse, monkeypatch, **bad)
    assert len(at.warning) == 1
    key = next(iter(bad))
    assert f"« {key} »" in at.warning[0].value or f"“{key}”" in at.warning[0].value
    [fig] = plotly_figures(at)
    assert len(fig["data"][0]["locations"]) == 100  # the default view still renders
