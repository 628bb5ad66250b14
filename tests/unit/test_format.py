"""The one value formatter on known inputs, in all three languages: the same value reads the same on every page."""

from dataclasses import replace

import pytest

from analytics.config.catalogue import load_catalogue
from analytics.present.format import (
    format_gap,
    format_range,
    format_value,
    missing_text,
    stage_text,
    unit_label,
    unit_text,
    yes_no_text,
)
from analytics.present.i18n import Translator

CAT = load_catalogue()
NB, NNB = "\xa0", "\u202f"  # no-break space; narrow no-break space (French thousands)
VISITS = replace(CAT["equality_training_hours"], unit="visits")  # a unit the locales do not know


@pytest.mark.parametrize(
    "kpi,value,options,fr,de,en",
    [
        ("women_councillors_share", 32.5, {}, f"32,5{NB}%", f"32,5{NB}%", "32.5%"),
        ("equality_budget_eur", 30_000, {}, f"30{NNB}000{NB}€", f"30.000{NB}€", "€30,000"),
        ("intercultural_actions", 12, {}, f"12{NB}actions", f"12{NB}Maßnahmen", f"12{NB}actions"),
        ("intercultural_actions", 2.5, {}, f"2,5{NB}actions", f"2,5{NB}Maßnahmen", f"2.5{NB}actions"),  # a median
        ("equality_training_hours", 12.5, {}, f"12,5{NB}heures", f"12,5{NB}Stunden", f"12.5{NB}hours"),
        ("pact_coordinator_fte", 0.5, {}, f"0,5{NB}ETP", f"0,5{NB}VZÄ", f"0.5{NB}FTE"),
        ("gemengepakt_stage", 2, {}, "2 · État des lieux", "2 · Bestandsaufnahme", "2 · Assessment"),
        ("gemengepakt_stage", 1.5, {}, "étape 1,5", "Stufe 1,5", "stage 1.5"),  # a median between two stages
        ("woman_mayor", 1, {}, "oui", "ja", "yes"),
        ("woman_mayor", 0, {}, "non", "nein", "no"),
        ("woman_mayor", 0.4, {"style": "summary"}, f"40{NB}% oui", f"40{NB}% ja", "40% yes"),
        ("women_councillors_share", None, {}, "pas de données", "keine Daten", "no data"),
        ("women_councillors_share", float("nan"), {}, "pas de données", "keine Daten", "no data"),
        ("woman_mayor", None, {"style": "summary"}, "pas de données", "keine Daten", "no data"),
        ("intercultural_actions", 1.25, {"norm": "per_1000"}, "1,25 actions pour 1 000 hab.",
         "1,25 Maßnahmen je 1.000 Einw.", "1.25 actions per 1,000 residents"),
        ("equality_budget_eur", 1234.5, {"norm": "per_1000"}, f"1{NNB}234,50 € pour 1 000 hab.",
         "1.234,50 € je 1.000 Einw.", "1,234.50 € per 1,000 residents"),
        ("women_councillors_share", 32.5, {"norm": "per_1000"}, f"32,5{NB}%", f"32,5{NB}%", "32.5%"),  # never per 1,000
        ("gemengepakt_stage", 2, {"style": "short"}, "2", "2", "2"),
        ("equality_training_hours", 12.5, {"style": "short"}, "12,5", "12,5", "12.5"),
        ("women_councillors_share", 32.5, {"style": "short"}, f"32,5{NB}%", f"32,5{NB}%", "32.5%"),
    ],
)
def test_values_read_the_same_in_every_language(kpi, value, options, fr, de, en):
    words = {lang: format_value(value, CAT[kpi], Translator(lang), **options) for lang in ("fr", "de", "en")}
    assert words == {"fr": fr, "de": de, "en": en}


def test_a_unit_without_a_translation_stays_as_the_catalogue_writes_it():
    assert [format_value(3, VISITS, Translator(lang)) for lang in ("fr", "de", "en")] == [
        f"3,0{NB}visits", f"3,0{NB}visits", f"3.0{NB}visits"]
    assert unit_text("visits", Translator("de")) == "visits" and unit_text("%", Translator("fr")) == "%"
    assert unit_text("hours", Translator("de")) == "Stunden"


def test_the_briefings_former_cases_still_read_right():
    """Moved from test_briefing when briefing/values.format_kpi gave way to this formatter."""
    fr = Translator("fr")
    stage = CAT["gemengepakt_stage"]
    assert format_value(0, stage, fr) == "0 · " + stage.stage_label(0, "fr")
    assert format_value(0.13, CAT["woman_mayor"], fr, style="summary") == f"13{NB}% oui"
    assert format_value(12, stage, fr) == "12"  # a stage the catalogue does not name: its number


def test_an_unknown_style_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="style was 'long' but is expected to be one of value, summary, short"):
        format_value(1.0, CAT["women_councillors_share"], Translator("en"), style="long")


@pytest.mark.parametrize("lang,missing,yes,no", [("fr", "pas de données", "oui", "non"),
                                                 ("de", "keine Daten", "ja", "nein"), ("en", "no data", "yes", "no")])
def test_missing_and_yes_no_are_one_wording(lang, missing, yes, no):
    tr = Translator(lang)
    assert (missing_text(tr), yes_no_text(True, tr), yes_no_text(False, tr)) == (missing, yes, no)
    assert stage_text(3, "Plan") == "3 · Plan"


@pytest.mark.parametrize(
    "lang,share,count,stage,eur",
    [
        ("fr", f"28,9–42,1{NB}%", f"3–5{NB}actions", "1–3", f"1{NNB}000{NB}€–2{NNB}000{NB}€"),
        ("de", f"28,9–42,1{NB}%", f"3–5{NB}Maßnahmen", "1–3", f"1.000{NB}€–2.000{NB}€"),
        ("en", "28.9–42.1%", f"3–5{NB}actions", "1–3", "€1,000–€2,000"),
    ],
)
def test_ranges_name_the_unit_once(lang, share, count, stage, eur):
    tr = Translator(lang)
    assert format_range(28.94, 42.1, CAT["women_councillors_share"], tr) == share
    assert format_range(3, 5, CAT["intercultural_actions"], tr) == count
    assert format_range(1, 3, CAT["gemengepakt_stage"], tr) == stage
    assert format_range(1000, 2000, CAT["equality_budget_eur"], tr) == eur
    assert format_range(None, 2, CAT["equality_budget_eur"], tr) == missing_text(tr)


@pytest.mark.parametrize("lang,points,eur", [("fr", "+2,5 pts", f"-1{NNB}000{NB}€"), ("de", "+2,5 Pp.", f"-1.000{NB}€"),
                                             ("en", "+2.5 pp", "-€1,000")])
def test_gaps_are_signed_and_shares_differ_in_points(lang, points, eur):
    tr = Translator(lang)
    assert format_gap(2.5, CAT["women_councillors_share"], tr) == points
    assert format_gap(-1000, CAT["equality_budget_eur"], tr) == eur
    assert format_gap(2, CAT["intercultural_actions"], tr) == "+2"
    assert format_gap(float("nan"), CAT["intercultural_actions"], tr) == missing_text(tr)


@pytest.mark.parametrize("lang,per_1000", [("fr", "actions pour 1 000 habitants"), ("de", "Maßnahmen je 1.000 Einwohner"),
                                           ("en", "actions per 1,000 residents")])
def test_unit_label_names_the_normalisation(lang, per_1000):
    tr = Translator(lang)
    assert unit_label(CAT["intercultural_actions"], "per_1000", tr) == per_1000
    assert unit_label(CAT["women_councillors_share"], "per_1000", tr) == "%"  # shares are never per 1,000
    assert unit_label(CAT["intercultural_actions"], "absolute", tr) == unit_text("actions", tr)
