"""The KPI catalogue is complete (fixed ids, three languages, named stages) and the read API returns current values."""

from __future__ import annotations

import pytest

from analytics.config.catalogue import LANGS, load_catalogue
from analytics.present.templates import template_csv, template_xlsx
from analytics.queries import kpis, provenance, submissions
from analytics.store.reader import WarehouseReader

FIXED_IDS = {
    "equality": [
        "women_councillors_share",
        "women_aldermen_share",
        "woman_mayor",
        "women_commission_members_share",
        "equality_commission",
        "equality_officer",
        "equality_action_plan_stage",
        "women_staff_share",
        "women_management_share",
        "equality_training_hours",
        "equality_budget_eur",
    ],
    "intercultural": [
        "gemengepakt_stage",
        "pact_coordinator_fte",
        "citizens_pact_signatories",
        "intercultural_actions",
        "consultative_commission_meetings",
        "foreign_residents_share",
        "multilingual_communication_share",
    ],
    "grants": ["grant_coordinator_eur", "grant_implementation_eur", "grant_signatories_eur", "equality_funding_eur"],
}


def test_the_fixed_ids_exist_in_their_programme():
    catalogue = load_catalogue()
    for programme, ids in FIXED_IDS.items():
        for kpi in ids:
            assert catalogue[kpi].programme == programme


def test_every_kpi_has_labels_and_definitions_in_three_languages():
    for kpi in load_catalogue():
        for lang in LANGS:
            assert kpi.label(lang).strip() and kpi.definition_in(lang).strip(), (kpi.id, lang)
        assert kpi.source and kpi.unit


@pytest.mark.parametrize(
    ("kpi", "names"),
    [
        (
            "equality_action_plan_stage",
            ["None", "Partnership", "Assessment", "Action plan", "Implementation & evaluation"],
        ),
        (
            "gemengepakt_stage",
            ["None", "Political commitment", "Assessment", "Citizen workshops", "Implementation", "Evaluation"],
        ),
    ],
)
def test_stages_are_named(kpi, names):
    k = load_catalogue()[kpi]
    assert [k.stage_label(i) for i in range(len(names))] == names
    assert k.max == len(names) - 1
    assert all(k.stage_label(i, "fr") and k.stage_label(i, "de") for i in range(len(names)))


def test_catalogue_ranges():
    c = load_catalogue()
    assert (c["grant_coordinator_eur"].min, c["grant_coordinator_eur"].max) == (0, 30000)
    assert c["grant_implementation_eur"].allowed == (0, 3000, 5000, 8000)
    assert (c["women_staff_share"].min, c["women_staff_share"].max) == (0, 100)


def test_templates_have_the_submission_header():
    assert template_csv() == b"lau2,kpi,year,value,comment\n"
    assert template_xlsx()[:2] == b"PK"


def test_read_api_on_the_demo_warehouse(demo_project):
    settings, _ = demo_project
    reader = WarehouseReader(settings.db_path)
    try:
        mayors = kpis.current_values(reader, "woman_mayor", 2023)
        assert list(mayors.columns) == ["lau2", "value", "status"]
        official = mayors[mayors["status"] == "official"]
        assert len(official) == 34 and official["value"].sum() == 9  # 8 confirmed + Bourscheid (proposed)
        assert set(official.loc[official["value"] == 1, "lau2"]) == {
            "0306", "0401", "0102", "0410", "0807", "0302", "0213", "0304", "0602"
        }
        assert "0301" not in set(official["lau2"])  # a woman topped the vote in Bertrange: not a mayor fact
        sourced = reader.query(
            "select value, certainty, source from kpi_current_sourced "
            "where lau2 = '0304' and kpi = 'women_councillors_share' and year = 2023"
        )
        assert sourced["value"].tolist() == [55.6] and sourced["certainty"].tolist() == ["high"]
        assert sourced["source"].iloc[0].startswith("https://")
        foreign = reader.query(
            "select year, value, status from kpi_current where lau2 = '0304' and kpi = 'foreign_residents_share' "
            "and year in (2017, 2018, 2022) order by year"
        )
        assert foreign.values.tolist() == [[2017, 70.7, "official"], [2018, 70.8, "official"], [2022, 70.6, "official"]]
        assert kpis.kpi_years(reader, "women_councillors_share") == list(range(2019, 2027))
        profile = kpis.commune_kpis(reader, "0304")
        assert {"kpi", "year", "value", "status", "programme", "unit"} <= set(profile.columns)
        assert profile["kpi"].nunique() == len(load_catalogue())
        log = submissions.submission_log(reader)
        assert len(log) == 807 and log["submission_id"].iloc[0] == 807  # 7 official fact sets, 800 demo files
        past = provenance.history(reader, "304", "woman_mayor", 2023)
        assert past["file_name"].tolist() == ["official/woman_mayor_2023_mandate.csv"]
    finally:
        reader.close()
