"""The programmes, grants and practices pages in AppTest: real facts shown with sources, URL state, bad URL values."""

from __future__ import annotations

import pytest

from analytics.present.i18n import LANGUAGES, MISSING_MARK
from tests.apptest.harness import frames, open_app, page_text, plotly_figures

PAGES = {"programmes": "app_pages/programmes.py", "grants": "app_pages/grants.py", "practices": "app_pages/practices.py"}


def listing(at):
    """The sourced list of the programme (charts' data tables come before it on the page, in their expanders)."""
    return next(f for f in frames(at) if "Source" in f.columns)


def test_programmes_lists_the_real_signatories_with_sources(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, PAGES["programmes"], lang="en")
    text = page_text(at)
    assert "Signatory communes" in text and "51" in text and "36" in text
    signatories = listing(at)
    assert len(signatories) == 52  # 51 signatories + Dippach, pilot only
    row = signatories[signatories["Commune"] == "Bettembourg"].iloc[0]
    assert row["Date"] == "2024-03-27" and row["Source"].startswith("https://gouvernement.lu/")
    reiden = signatories[signatories["Signed by / group"] == "Syndicat intercommunal Kanton Réiden"]
    assert len(reiden) == 9 and set(reiden["Certainty"]) == {"⚠ medium"}
    funnel, stage_map, timeline = plotly_figures(at)
    assert len(stage_map["data"][0]["locations"]) == 100
    assert sum(int(t) for t in timeline["data"][0]["text"]) == 47  # y is a typed array in plotly 7
    assert "Kayl, Kiischpelt, Mersch, Vianden" in text
    assert "1 pilot commune(s) with no known Gemengepakt signature" in text


@pytest.mark.parametrize("programme", ["equality", "pilot"])
def test_programme_choice_in_the_url(warehouse, monkeypatch, programme):
    at = open_app(warehouse, monkeypatch, PAGES["programmes"], programme=programme, lang="en")
    assert at.query_params["programme"] == programme
    text = page_text(at)
    if programme == "pilot":
        pilots = listing(at)
        assert len(pilots) == 25 and {"Grosbous", "Wahl"} <= set(pilots["Commune when signing"])
        pilot_map, _timeline = plotly_figures(at)
        assert any(label.startswith("2021 (") for label in pilot_map["data"][0]["colorbar"]["ticktext"])
        assert "Then signed the Gemengepakt" in text
    else:
        assert "Partnership conventions (Nov 2022)" in text
        assert len(listing(at)) == 15  # 8 conventions, 5 prizes, 2 CEMR


def test_stuck_threshold_from_the_url(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, PAGES["programmes"], stuck="5", lang="en")
    assert "commune(s) at the same stage for 5 year(s) or more" in page_text(at)


@pytest.mark.parametrize("page,query,param", [
    ("programmes", {"programme": "<b>x</b>"}, "programme"),
    ("programmes", {"stuck": "99"}, "stuck"),
    ("grants", {"year": "1999"}, "year"),
    ("grants", {"commune": "9999"}, "commune"),
    ("practices", {"kpi": "' or 1=1"}, "kpi"),
])
def test_bad_url_values_warn_and_fall_back(warehouse, monkeypatch, page, query, param):
    at = open_app(warehouse, monkeypatch, PAGES[page], **query)
    assert len(at.warning) == 1 and f"« {param} »" in at.warning[0].value
    assert frames(at)  # the page still renders its default view


def test_grants_calculator_from_the_url(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, PAGES["grants"], commune="0903", year="2025", lang="en")
    text = page_text(at)
    assert "Calculator: Vianden, 2025" in text
    assert "If 200 more residents sign the citizens’ pact, the grant rises by €1,000." in text
    calc = next(t.value for t in at.table if "Allowed by the rules" in t.value.columns)
    assert calc["Allowed by the rules"].tolist()[1] == "€3,000"
    assert "⚠ unverified" in calc["Rule"].tolist()[1]
    assert "Share of total granted" in " ".join(c for f in frames(at) for c in f.columns)
    assert "No grant above what the rules allow." in text
    assert "demo data" in text


def test_grants_default_and_2024_before_vianden_signed(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, PAGES["grants"], commune="0903", year="2024")
    assert "Calculateur : Vianden, 2024" in page_text(at)
    calc = next(t.value for t in at.table if "Permis par les règles" in t.value.columns)
    assert set(calc["Permis par les règles"]) == {"0\u00a0€"}


def test_practices_in_german_show_german_titles_and_official_only_hides_demo(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, PAGES["practices"], q="Kannerrot", lang="de")
    [table] = frames(at)[:1]
    assert table.iloc[:, 0].tolist() == ["Kinderrat („Kannerrot“)"]
    at = open_app(warehouse, monkeypatch, PAGES["practices"], status="official", lang="en")
    table = frames(at)[0]
    assert len(table) == 60 and not table.iloc[:, 0].str.contains("(demo data)", regex=False).any()


def test_practices_search_and_peers(warehouse, monkeypatch):
    at = open_app(warehouse, monkeypatch, PAGES["practices"], q="Mamer", lang="en")
    table = frames(at)[0]
    assert len(table) >= 1 and all("Mamer" in c for c in table["Commune(s)"])
    at = open_app(warehouse, monkeypatch, PAGES["practices"], commune="0204", kpi="multilingual_communication_share",
                   lang="en")
    assert "Peers of Esch-sur-Alzette" in page_text(at)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_in_every_language(warehouse, monkeypatch, page, lang):
    at = open_app(warehouse, monkeypatch, PAGES[page], lang=lang)
    text = page_text(at) + " ".join(c for f in frames(at) for c in map(str, f.columns))
    assert MISSING_MARK.split("{")[0] not in text
