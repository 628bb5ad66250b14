"""Issue 12's acceptance values on the shipped files: what is official, for which years, with which certainty."""

import pandas as pd
import pytest

from analytics.config.settings import Settings
from analytics.sources.context_facts import commune_context_facts, national_context_facts
from analytics.sources.fact_rows import mandate_years
from analytics.sources.official import official_frames

WOMEN_MAYORS = {"0306", "0401", "0102", "0410", "0807", "0302", "0213", "0304"}
TOP_VOTE_ONLY = {"0301", "1002", "0101", "1005", "0408", "0902", "0704", "1006", "0901", "1008", "0406"}
FORMER = {"0705", "0710", "1201", "1208"}
MANDATE = mandate_years(2026)


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return official_frames(Settings())


def value(facts, lau2, kpi, year):
    hit = facts[(facts.lau2 == lau2) & (facts.kpi == kpi) & (facts.year == year)]
    assert len(hit) == 1, (lau2, kpi, year, len(hit))
    return hit.iloc[0]


def test_every_value_has_a_source_and_a_certainty(facts):
    assert not facts.duplicated(["lau2", "kpi", "year"]).any()
    assert facts["source"].str.len().gt(0).all()
    assert set(facts["certainty"]) <= {"high", "medium", "low"}


def test_women_mayors_official_for_the_mandate(facts):
    assert MANDATE == [2023, 2024, 2025, 2026]
    for lau2 in WOMEN_MAYORS:
        for year in MANDATE:
            row = value(facts, lau2, "woman_mayor", year)
            assert row.value == 1 and row.certainty == "high"
    m = facts[(facts.kpi == "woman_mayor") & (facts.year == 2023)]
    assert set(m.loc[(m.value == 1) & (m.certainty == "high"), "lau2"]) == WOMEN_MAYORS
    bourscheid = value(facts, "0602", "woman_mayor", 2023)
    assert bourscheid.value == 1 and bourscheid.certainty == "medium" and bourscheid.basis == "proposed"


def test_top_vote_list_is_never_woman_mayor_and_unknown_is_not_a_man(facts):
    mayors = facts[facts.kpi == "woman_mayor"]
    assert not set(mayors.lau2) & TOP_VOTE_ONLY
    topped = commune_context_facts(Settings())
    assert TOP_VOTE_ONLY <= set(topped.loc[topped.fact == "woman_topped_vote_2023", "lau2"])
    m2023 = mayors[mayors.year == 2023]
    assert len(m2023) == 34 and "1104" not in set(m2023.lau2)  # Grevenmacher's mayor left in Nov 2023
    assert (m2023.value == 0).sum() == 25


def test_women_councillors_2023(facts):
    assert value(facts, "0304", "women_councillors_share", 2023).value == 55.6
    assert value(facts, "0405", "women_councillors_share", 2023).value == 0
    assert value(facts, "0610", "women_councillors_share", 2023).value == 0
    walfer = value(facts, "0310", "women_councillors_share", 2023)
    assert walfer.value == 38.5 and walfer.certainty == "medium" and walfer.basis == "commune website"
    assert value(facts, "0304", "women_councillors_share", 2026).value == 55.6  # the mandate holds


def test_aldermen_stop_where_a_later_source_says_the_college_changed(facts):
    assert value(facts, "0309", "women_aldermen_share", 2023).value == 100.0
    assert facts[(facts.lau2 == "0304") & (facts.kpi == "women_aldermen_share")].empty
    kayl = facts[(facts.lau2 == "0206") & (facts.kpi == "women_aldermen_share")]
    assert sorted(kayl.year) == [2023, 2024]


def test_foreign_share_keeps_its_reference_year(facts):
    assert value(facts, "0304", "foreign_residents_share", 2017).value == 70.7
    census = value(facts, "0410", "foreign_residents_share", 2021)
    assert census.value == 19.6 and census.reference_date.startswith("2021-11-08")
    assert 2023 not in set(facts.loc[facts.kpi == "foreign_residents_share", "year"])


def test_nothing_for_former_communes_or_their_successor(facts):
    assert not set(facts.lau2) & FORMER
    assert set(facts.loc[facts.lau2 == "0711", "kpi"]) <= {"population", "gemengepakt_stage"}  # not Wahl's 19.3 %
    ctx = commune_context_facts(Settings())
    assert not set(ctx.lau2) & FORMER and "0711" not in set(ctx.lau2)


def test_national_context_without_the_top_vote_count():
    n = national_context_facts(Settings())
    assert n.loc[n.topic == "women_elected_2023", "value"].tolist() == ["337"]
    assert n.loc[n.topic == "mandates_2023", "value"].tolist() == ["1112"]
    assert n.loc[n.topic == "colleges_without_woman_2023", "value"].str.startswith("44 (of 98").all()
    assert not (n.indicator == "women_mayors_after_election_2023").any()
    assert n["source"].str.len().gt(0).all()
