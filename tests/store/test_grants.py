"""The grant calculator on hand-computed cases: every tier, the coordinator cap, signatories, and overspending."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from analytics.config.catalogue import GrantRules, load_grant_rules
from analytics.ingest.kpis import ACCEPTED, ingest_into
from analytics.metrics.grants import (
    allowed_grants,
    calculator,
    grant_checks,
    grant_outliers,
    spending_by,
    spending_summary,
    verdict,
    what_if_signatories,
)
from analytics.sources.files import SubmissionFile
from analytics.store.reader import WarehouseReader

RULES = GrantRules(verified=False, note="test", in_force_from_year=2024, coordinator_max_eur=30000.0,
                   per_signatory_eur=5.0, tiers=((7, 9, 3000.0), (11, 13, 5000.0), (15, 99, 8000.0)))


def test_shipped_rules_are_the_ministry_figures_and_marked_unverified():
    rules = load_grant_rules()
    assert rules.verified is False and "UNVERIFIED" in rules.note
    assert (rules.coordinator_max_eur, rules.per_signatory_eur, rules.in_force_from_year) == (30000, 5, 2024)
    assert sorted({eur for _, _, eur in rules.tiers}) == [3000, 5000, 8000]


@pytest.mark.parametrize("councillors,tier", [(7, 3000), (9, 3000), (11, 5000), (13, 5000), (15, 8000), (17, 8000),
                                              (19, 8000), (27, 8000)])
def test_every_implementation_tier(councillors, tier):
    allowance = allowed_grants(RULES, 2024, councillors, coordinator_fte=0.5, signatories=0, engaged=True)
    assert allowance.implementation == tier


def test_coordinator_is_capped_at_30000_whatever_the_fte():
    for fte in (0.1, 1.0, 2.5):
        assert allowed_grants(RULES, 2025, 9, fte, 0, engaged=True).coordinator == 30000
    assert allowed_grants(RULES, 2025, 9, 0.0, 0, engaged=True).coordinator == 0  # no coordinator, no grant
    assert allowed_grants(RULES, 2025, 9, None, 0, engaged=True).coordinator == 0


def test_signatories_are_5_eur_each():
    assert allowed_grants(RULES, 2025, 9, 0, 137, engaged=True).signatories == 685
    assert allowed_grants(RULES, 2025, 9, 0, 0, engaged=True).signatories == 0
    a = allowed_grants(RULES, 2025, 13, 1.0, 412, engaged=True)
    assert (a.coordinator, a.implementation, a.signatories, a.total) == (30000, 5000, 2060, 37060)


def test_nothing_before_the_law_or_outside_the_pact():
    before = allowed_grants(RULES, 2023, 19, 1.0, 500, engaged=True)
    assert (before.total, before.in_force) == (0, False)
    outside = allowed_grants(RULES, 2025, 19, 1.0, 0, engaged=False)
    assert (outside.coordinator, outside.implementation) == (0, 0)


def test_what_if_200_more_signatories_adds_1000_eur():
    assert what_if_signatories(RULES, 200) == 1000
    assert what_if_signatories(RULES, -5) == 0


@pytest.mark.parametrize("allowed,granted,expected", [(3000, 8000, "over"), (30000, 30000.4, "ok"),
                                                      (30000, 24000, "under"), (0, 0, "ok"), (5000, None, "none")])
def test_verdict_is_direction_aware(allowed, granted, expected):
    assert verdict(allowed, granted) == expected


def test_spending_by_type_adds_up_and_shares_total_100():
    frame = pd.DataFrame({
        "lau2": ["0001", "0002", "0001"], "kpi": ["a", "a", "b"], "value": [1000.0, 3000.0, 4000.0],
        "population": [1000, 2000, 1000], "status": ["demo", "official", "demo"], "year": [2024] * 3,
    })
    by = spending_by(frame, ["kpi"]).set_index("kpi")
    assert by.at["a", "granted"] == 4000 and by.at["a", "per_resident"] == pytest.approx(4000 / 3000)
    assert by.at["a", "share_of_total"] == 50 and by["share_of_total"].sum() == 100
    assert bool(by.at["a", "demo"]) and bool(by.at["b", "demo"])


def test_calculator_for_vianden_2025(reader):
    calc = calculator(reader, "0903", 2025)
    assert (calc.name, calc.councillors, calc.population_band) == ("Vianden", 9, (1000, 2999))
    rows = {r.component: r for r in calc.rows}
    assert rows["implementation"].allowed == 3000 and not rows["implementation"].verified
    assert rows["signatories"].allowed == 5 * calc.signatories
    assert rows["coordinator"].allowed == (30000 if calc.coordinator_fte else 0)
    assert all(r.verdict != "over" for r in calc.rows)  # the demo generator follows the rules
    assert not calc.overspent
    assert calc.demo


def test_vianden_gets_nothing_in_2024_before_its_real_signature(reader):
    calc = calculator(reader, "0903", 2024)
    assert calc.stage == 0 and calc.allowed_total == 0


def test_a_grant_above_the_rules_is_flagged_as_an_error(warehouse, tmp_path):
    copy = tmp_path / "over.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    body = b"lau2,kpi,year,value\n0903,grant_implementation_eur,2025,8000\n"  # a 9-member council: tier 3,000
    [outcome] = ingest_into(con, [SubmissionFile("over.csv", body)], status="official", submitted_by="test")
    assert outcome.outcome == ACCEPTED
    con.close()
    reader = WarehouseReader(copy)
    try:
        checks = grant_checks(reader, 2025)
        over = checks[checks["verdict"] == "over"]
        assert over[["lau2", "component", "allowed", "granted"]].values.tolist() == [
            ["0903", "implementation", 3000.0, 8000.0]]
        assert grant_outliers(checks).over["excess"].tolist() == [5000.0]
        assert calculator(reader, "0903", 2025).overspent
    finally:
        reader.close()


def spent_rows(rows: list[tuple]) -> pd.DataFrame:
    """Long grant values as `spending` returns them: lau2, name, canton, year, kpi, value, status, population."""
    return pd.DataFrame(rows, columns=["lau2", "name", "canton", "year", "kpi", "value", "status", "population"])


SPENT = spent_rows([
    ("0101", "A", "K1", 2024, "grant_coordinator_eur", 30000.0, "demo", 1000),
    ("0101", "A", "K1", 2024, "grant_implementation_eur", 3000.0, "demo", 1000),
    ("0102", "B", "K1", 2024, "grant_implementation_eur", 5000.0, "official", 3000),
    ("0201", "C", "K2", 2024, "grant_signatories_eur", 2000.0, "official", 4000),
    ("0201", "C", "K2", 2025, "grant_signatories_eur", 9999.0, "official", 4100),  # another year: not in 2024's figures
])


def test_spending_summary_totals_per_resident_and_shares_of_the_total():
    s = spending_summary(SPENT, 2024)
    assert (s.total, s.residents) == (40000.0, 8000.0)  # each commune's residents counted once
    assert s.per_resident == 5.0
    by_type = s.by_type.set_index("kpi")
    assert by_type["granted"].to_dict() == {"grant_coordinator_eur": 30000.0, "grant_implementation_eur": 8000.0,
                                            "grant_signatories_eur": 2000.0}
    assert by_type["share"].to_dict() == {"grant_coordinator_eur": 75.0, "grant_implementation_eur": 20.0,
                                          "grant_signatories_eur": 5.0}
    assert by_type.loc["grant_implementation_eur", "per_resident"] == 8000.0 / 4000  # A and B's residents
    assert not s.of_budget
    assert list(s.by_canton["canton"]) == ["K1", "K2"]  # spending_by: 38,000 / 5,000 = 7.6 before 2,000 / 4,000
    assert s.by_canton["share_of_total"].tolist() == [95.0, 5.0]
    assert list(s.by_commune["name"]) == ["A", "B", "C"]  # 16.5, 1.67, 0.5 per resident
    assert set(s.by_year_type["year"]) == {2024, 2025}


def test_spending_summary_shares_of_a_budget_and_the_top_communes():
    s = spending_summary(SPENT, 2024, budget=80000, top=2)
    assert s.of_budget and s.by_type.set_index("kpi")["share"].to_dict() == {
        "grant_coordinator_eur": 37.5, "grant_implementation_eur": 10.0, "grant_signatories_eur": 2.5}
    assert list(s.by_commune["name"]) == ["A", "B"]


def test_spending_summary_of_a_year_without_grants():
    s = spending_summary(SPENT, 2023)
    assert (s.total, s.residents, s.per_resident) == (0.0, 0.0, None)
    assert s.by_type.empty and s.by_commune.empty


def test_grant_outliers_give_the_excess_of_each_overspend():
    checks = pd.DataFrame({
        "lau2": ["0101", "0101", "0102", "0103"], "name": ["A", "A", "B", "C"],
        "component": ["coordinator", "implementation", "implementation", "signatories"],
        "allowed": [30000.0, 3000.0, 5000.0, 100.0], "granted": [31000.0, 1000.0, 5000.0, None],
        "verdict": ["over", "under", "ok", "none"],
    })
    found = grant_outliers(checks)
    assert found.over[["name", "component", "excess"]].values.tolist() == [["A", "coordinator", 1000.0]]
    assert found.under[["name", "component"]].values.tolist() == [["A", "implementation"]]
