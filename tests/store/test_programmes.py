"""Programme stages against the real signing dates, the stuck-at-stage flag, and signatures by decision."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.metrics import programmes as pg


def history(rows: list[tuple[str, int, int]], status: str = "demo") -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["lau2", "year", "stage"])
    return frame.assign(name=frame["lau2"], canton="C", status=status)


STAGES = history(
    [("A", 2019, 0), ("A", 2020, 1), ("A", 2021, 1), ("A", 2022, 1)]     # at 1 since 2020: 3 years in 2022
    + [("B", y, 0) for y in range(2019, 2023)]                          # never started
    + [("C", 2019, 5), ("C", 2020, 5), ("C", 2021, 5), ("C", 2022, 5)]  # at the last stage: nothing to move to
    + [("D", 2019, 1), ("D", 2020, 2), ("D", 2021, 2), ("D", 2022, 3)]  # moved this year
    + [("E", 2019, 2), ("E", 2020, 2), ("E", 2021, 2), ("E", 2022, 2)]  # 4 years at 2
)


def test_stage_runs_find_the_year_each_stage_was_reached():
    runs = pg.stage_runs(STAGES).set_index("lau2")
    assert runs.loc["A", ["stage", "since_year", "as_of"]].tolist() == [1, 2020, 2022]
    assert runs.loc["D", ["stage", "since_year"]].tolist() == [3, 2022]
    assert runs.loc["E", "since_year"] == 2019


@pytest.mark.parametrize("threshold,expected", [(1, ["E", "A", "D"]), (3, ["E", "A"]), (4, ["E"]), (5, [])])
def test_stuck_at_stage_threshold(threshold, expected):
    stuck = pg.stuck_at_stage(pg.stage_runs(STAGES), threshold, top_stage=5)
    assert stuck["lau2"].tolist() == expected
    if "A" in expected:
        assert stuck.set_index("lau2").at["A", "years_at_stage"] == 3


def test_stuck_run_is_demo_when_any_year_of_it_is_demo():
    mixed = STAGES[STAGES["lau2"] == "A"].copy()
    mixed.loc[mixed["year"] == 2022, "status"] = "official"
    assert pg.stage_runs(mixed).at[0, "status"] == "demo"


def test_stage_conflicts_on_hand_made_cases():
    signed = pd.DataFrame({"lau2": ["S", "P"], "signing_year": [2024, 2024]})
    pilot = pd.DataFrame({"lau2": ["P"], "signing_year": [2022]})
    rows = history([("S", 2023, 1), ("S", 2024, 0), ("P", 2021, 0), ("P", 2022, 1), ("P", 2024, 1), ("N", 2024, 0)])
    found = pg.stage_conflicts(rows, signed, pilot)
    assert sorted(zip(found["lau2"], found["year"], found["rule"])) == [
        ("S", 2023, "engaged_before_start"), ("S", 2024, "below_1_after_signing")]


def test_demo_stages_agree_with_every_real_signing_date(reader):
    stages = pg.stage_history(reader, "gemengepakt")
    signed, pilot = pg.signatories(reader), pg.pilot(reader)
    assert pg.stage_conflicts(stages, signed, pilot).empty
    by_key = stages.set_index(["lau2", "year"])["stage"]
    assert by_key[("0105", 2023)] == 0 and by_key[("0105", 2024)] >= 1  # Kehlen signed on 27 March 2024
    assert by_key[("0903", 2024)] == 0 and by_key[("0903", 2025)] >= 1  # Vianden signed in 2025
    assert by_key[("0708", 2020)] == 0 and by_key[("0708", 2021)] >= 1  # Useldange joined the pilot in April 2021
    for lau2, year in signed.groupby("lau2")["signing_year"].min().items():
        assert (stages[(stages["lau2"] == lau2) & (stages["year"] >= year)]["stage"] >= 1).all(), lau2


def test_signing_year_stage_is_official(reader):
    stages = pg.stage_history(reader, "gemengepakt").set_index(["lau2", "year"])
    assert stages.loc[("0201", 2024), "status"] == "official"  # Bettembourg, 1st ceremony
    assert stages.loc[("0201", 2024), "stage"] == 1


def test_intercommunal_bodies_count_as_one_decision(reader):
    signed = pg.signatories(reader)
    decisions = pg.signing_decisions(signed)
    assert len(signed) == 51 and len(decisions) == 36
    bodies = decisions[decisions["via_body"]].set_index("decision")["communes"].to_dict()
    assert bodies == {"Syndicat intercommunal Kanton Réiden": 9, "Naturpark Öewersauer": 5,
                      "Syndicat intercommunal Nordstad": 4}


def test_timeline_counts_dated_signatures_and_lists_the_undated(reader):
    signed = pg.signatories(reader)
    timeline = pg.signatures_timeline(signed)
    first = timeline.iloc[0]
    assert (str(first["signing_date"].date()), first["signed"], first["ceremony"]) == ("2024-03-27", 13,
                                                                                       "1st ceremony 2024")
    assert timeline["cumulative"].iloc[-1] == 47
    assert pg.undated_by_year(signed) == {2025: ["Kayl", "Kiischpelt", "Mersch", "Vianden"]}


def test_pilot_keeps_grosbous_and_wahl_and_flags_dippach(reader):
    pilot = pg.pilot(reader)
    assert len(pilot) == 25
    assert sorted(pilot.loc[pilot["lau2"] == "0711", "lau2_at_signing"]) == ["0705", "0710"]
    assert pg.pilot_not_signed(reader)["name"].tolist() == ["Dippach"]


def test_every_programme_fact_has_a_source_and_a_certainty(reader):
    for table in ("programme_signatories", "pilot_communes", "equality_facts", "cemr_signatories",
                  "intercultural_press_figures"):
        missing = reader.query(
            f"select count(*) as n from {table} where coalesce(source, '') = '' or coalesce(certainty, '') = ''")
        assert int(missing["n"].iloc[0]) == 0, table


def test_no_coordinator_flag_uses_real_signatories_only(reader):
    flagged = pg.signatories_without_coordinator(reader, 2025)
    assert set(flagged["lau2"]) <= set(pg.signatories(reader)["lau2"])


def test_funnel_counts_every_commune_each_year(reader):
    funnel = pg.stage_funnel(pg.stage_history(reader, "equality"))
    assert (funnel.groupby("year")["communes"].sum() == 100).all()
    assert set(funnel["stage"]) == {0, 1, 2, 3, 4}


def test_pilot_map_categories(reader):
    from analytics.queries.communes import communes

    cats = pg.pilot_categories(pg.pilot(reader), communes(reader))
    assert len(cats) == 100 and cats.attrs["years"] == [2021, 2022, 2023]
    assert (cats["category"] > 0).sum() == 24  # 25 signatures, Grosbous and Wahl are one commune today
    assert cats["signed_gemengepakt"].sum() == 23  # all but Dippach
    assert cats.set_index("lau2").at["0711", "category"] == 1 and cats.set_index("lau2").at["1107", "category"] == 3


def test_equality_phases_respect_the_real_partnership_conventions(reader):
    stages = pg.stage_history(reader, "equality")
    facts = pg.equality_facts(reader)
    conventions = set(facts.loc[facts["kind"] == "partnership_convention", "lau2"])
    assert len(conventions) == 8
    after = stages[stages["lau2"].isin(conventions) & (stages["year"] >= 2022)]
    assert len(after) == 8 * 5 and (after["stage"] >= 1).all()  # partnership (phase 1) by 14 Nov 2022; 2022-2026


def test_the_page_counts_on_known_rows():
    current = pg.current_stage(STAGES)
    assert pg.engaged_communes(current) == 4  # A, C, D, E are at stage 1 or beyond in 2022; B never started
    signed = pd.DataFrame({"lau2": ["A", "B", "C", "D"], "name": ["A", "B", "C", "D"],
                           "signed_via_body": [None, "Body", "Body", None],
                           "signing_date": pd.to_datetime(["2024-03-27"] * 4), "signing_year": [2024] * 4})
    assert pg.signing_counts(signed) == pg.SigningCounts(signatories=4, decisions=3, via_bodies=1)
    facts = pd.DataFrame({"kind": ["partnership_convention", "prize_encouragement", "prize_best_practice",
                                   "partnership_convention", "other"]})
    assert pg.equality_counts(facts) == pg.EqualityCounts(conventions=2, prizes=2)
    pilot_rows = pd.DataFrame({"lau2": ["0711", "0711", "0701"], "signing_year": [2021, 2021, 2022],
                               "signed_gemengepakt": [True, True, False]})
    communes = pd.DataFrame({"lau2": ["0701", "0711", "0304"], "name": ["Beckerich", "Groussbus-Wal", "Luxembourg"],
                             "canton": ["Redange"] * 2 + ["Luxembourg"]})
    counts = pg.pilot_counts(pilot_rows, pg.pilot_categories(pilot_rows, communes))
    assert counts == pg.PilotCounts(signatures=3, communes_today=2, then_signed=1)
