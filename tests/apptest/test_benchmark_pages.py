"""The benchmark and trends pages in AppTest: several URL states, bad values warned about, real content drawn."""

from __future__ import annotations

import pytest

from analytics.present.i18n import MISSING_MARK
from tests.apptest.harness import open_app, page_text, plotly_figures

BENCH, TRENDS = "app_pages/benchmark.py", "app_pages/trends.py"
MARK = MISSING_MARK.split("{")[0]


@pytest.mark.parametrize("lang", ["fr", "de", "en"])
def test_benchmark_default_view_in_every_language(warehouse, monkeypatch, lang):
    at = open_app(warehouse, monkeypatch, BENCH, commune="0304", kpi="women_councillors_share", lang=lang)
    body = page_text(at)
    assert MARK not in body
    assert not at.warning
    assert len(at.metric) == 5
    strip, heat = plotly_figures(at)
    names = [t.get("name") for t in strip["data"]]
    assert any(n and n.startswith("Luxembourg") for n in names)  # the highlighted commune is its own trace
    assert strip["layout"]["shapes"][1]["type"] == "line"  # peer median (after the IQR rectangle)
    assert heat["data"][0]["type"] == "heatmap"
    assert at.query_params["commune"] == "0304"


def test_benchmark_similar_peers_are_explained_and_k_is_in_the_url(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, BENCH, commune="0304", peers="similar", k="5", lang="en")
    body = page_text(at)
    why = at.expander[0].label  # who the peers are heads the expander that lists them
    assert "the 5 most similar communes" in why and "foreign-resident share" in why and "demo data" in body
    assert at.metric[4].delta == "5 peers with data"
    assert at.query_params["k"] == "5"


def test_benchmark_canton_group_on_another_kpi_and_year(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, BENCH, commune="0201", peers="canton", kpi="women_management_share",
               year="2022", lang="en")
    assert "Same canton: Esch-sur-Alzette" in at.expander[0].label
    assert at.selectbox(key="url_year").value == 2022  # the year widget follows the URL


def test_custom_peer_list_round_trips_and_flags_a_small_group(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, BENCH, commune="0304", peers="custom", custom="0101,302,zz", lang="en")
    warnings = [w.value for w in at.warning]
    assert any("zz" in w and "custom" in w for w in warnings)
    assert any("Only 2 peers have data" in w for w in warnings)  # flagged, not silently compared
    assert at.metric[4].value == "–"
    assert at.query_params["custom"] == "0101,0302"


@pytest.mark.parametrize(
    "bad,param",
    [
        ({"commune": "9999"}, "commune"),
        ({"kpi": "<script>x</script>"}, "kpi"),
        ({"peers": "friends"}, "peers"),
        ({"year": "1850"}, "year"),
        ({"year": "abc"}, "year"),
        ({"k": "500"}, "k"),
    ],
)
def test_bad_url_values_warn_specifically_and_fall_back(warehouse, monkeypatch, bad, param):
    at = open_app(warehouse, monkeypatch, BENCH, lang="en", **bad)
    assert len(at.warning) == 1 and f"“{param}”" in at.warning[0].value
    assert len(plotly_figures(at)) == 2


def test_trends_for_a_merged_commune_says_how_earlier_years_are_treated(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, TRENDS, commune="0711", kpi="women_councillors_share", lang="en")
    assert MARK not in page_text(at)
    info = " ".join(i.value for i in at.info)
    assert "1 September 2023" in info and "Grosbous (0705), Wahl (0710)" in info
    assert "no figures of the former communes" in info
    assert at.metric[0].label == "Latest value (2026)" and at.metric[0].delta.startswith("year on year: ")
    main, multiples = plotly_figures(at)
    names = [t.get("name") for t in main["data"]]
    assert {"Peer median", "National median (100 communes)", "Groussbus-Wal"} <= set(names)
    own = next(t for t in main["data"] if t.get("name") == "Groussbus-Wal")
    assert own["connectgaps"] is False
    assert len([a for a in multiples["layout"]["annotations"]]) >= 9  # one title per equality KPI


def test_trends_other_states(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, TRENDS, commune="1209", kpi="gemengepakt_stage", peers="gemengepakt")
    assert "le 1er septembre 2023" in " ".join(i.value for i in at.info)
    at = open_app(warehouse, monkeypatch, TRENDS, commune="304", kpi="gemengepakt_stage", peers="gemengepakt")
    assert not at.warning  # '304' is read as '0304', as Excel writes it
    assert not at.info  # Luxembourg city was not merged
    assert at.query_params["commune"] == "0304"
    at = open_app(warehouse, monkeypatch, TRENDS, commune="abc", lang="de")
    assert len(at.warning) == 1 and "„commune“" in at.warning[0].value


@pytest.fixture(scope="module")
def official_warehouse(warehouse_of):
    """Reference data and official facts only, as `python -m analytics build` makes it (no demo values)."""
    return warehouse_of("official")

def test_trends_on_official_data_only(official_warehouse, monkeypatch):
    """Without demo values the pages still draw, from the official facts (woman mayor, Gemengepakt stage)."""
    at = open_app(official_warehouse, monkeypatch, TRENDS, commune="0201", lang="en")
    # the default KPI (women councillors) now has official values for 10 communes from 2023 on: it is shown, and the
    # only warning says the peer group is too small for those years (no URL problem, no fallback)
    assert [w.value for w in at.warning] == [
        "Fewer than 5 peers with data in 2023, 2024, 2025, 2026: the median and band for those years are indicative, "
        "not a fair comparison."
    ]
    at = open_app(official_warehouse, monkeypatch, BENCH, commune="0201", kpi="gemengepakt_stage", lang="en")
    assert "Demo data" not in page_text(at)
    assert "Political commitment" in page_text(at)  # Bettembourg signed in 2024: stage 1
