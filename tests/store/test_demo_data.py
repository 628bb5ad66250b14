"""The demo generator: byte-reproducible, plausible, and never in the way of a real (official) fact."""

from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest

from analytics import cli
from analytics.config.catalogue import load_catalogue, load_grant_rules
from analytics.config.settings import Settings
from analytics.sources.demo import DEMO_YEARS, MAJORITY_FOREIGN, NOMMERN, demo_files, demo_rows
from analytics.sources.official import official_frames

FIRST_BUILD_BUDGET_S = 30


def digest(files) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0" + f.data)
    return h.hexdigest()


@pytest.fixture(scope="module")
def current(demo_con) -> pd.DataFrame:
    frame = demo_con.execute("select * from kpi_current").df()
    councils = demo_con.execute("select lau2, councillors_estimate, canton_code from communes").df()
    return frame.merge(councils, on="lau2")


def pivot(current: pd.DataFrame, kpi: str) -> pd.DataFrame:
    return current[current["kpi"] == kpi].pivot(index="lau2", columns="year", values="value")


def test_same_seed_same_bytes_other_seed_other_bytes():
    settings = Settings()
    assert digest(demo_files(settings, 42)) == digest(demo_files(settings, 42))
    assert digest(demo_files(settings, 42)) != digest(demo_files(settings, 43))


def test_written_files_match_the_generator_and_are_one_per_commune_and_year(demo_project):
    settings, _ = demo_project
    written = sorted((settings.raw_dir / "demo").glob("demo_*.csv"))
    assert len(written) == 100 * len(DEMO_YEARS)
    expected = {f.name.rsplit("/", 1)[-1]: f.data for f in demo_files(settings, 42)}
    assert {p.name: p.read_bytes() for p in written} == expected


def test_first_build_with_demo_is_fast_and_complete(demo_project, demo_con):
    _, seconds = demo_project
    assert seconds < FIRST_BUILD_BUDGET_S
    counts = dict(demo_con.execute("select status, count(*) from submissions group by 1").fetchall())
    assert counts == {"official": 7, "demo": 800}
    by = demo_con.execute("select distinct submitted_by from submissions where status = 'demo'").fetchall()
    assert by == [("demo generator",)]


def test_demo_emits_no_official_key_and_official_values_survive(demo_con):
    settings = Settings()
    official = official_frames(settings)
    keys = set(zip(official["lau2"], official["kpi"], official["year"], strict=True))
    assert not [
        k for k in zip(*demo_rows(settings).pipe(lambda d: (d["lau2"], d["kpi"], d["year"])), strict=True) if k in keys
    ]
    stored = demo_con.execute(
        "select count(*) from kpi_current c join (select distinct lau2, kpi, year from kpi_values "
        "where status = 'official') o using (lau2, kpi, year) where c.status <> 'official'"
    ).fetchall()[0][0]
    assert stored == 0
    assert demo_con.execute(
        "select value, status from kpi_current where lau2 = '0410' and kpi = 'foreign_residents_share' and year = 2021"
    ).fetchall() == [(19.6, "official")]  # the census of 8 Nov 2021, no longer filed under 2023


@pytest.mark.parametrize("kpi", ["gemengepakt_stage", "equality_action_plan_stage"])
def test_stages_never_move_backwards(current, kpi):
    wide = pivot(current, kpi)
    assert wide.notna().all().all()
    assert (wide.diff(axis=1).iloc[:, 1:] >= 0).all().all()


def test_gemengepakt_respects_signing_and_pilot_years(current):
    wide = pivot(current, "gemengepakt_stage")
    signed = pd.read_csv(Settings().programmes_dir / "gemengepakt_signatories.csv", dtype={"lau2": str})
    for lau2, year in signed.groupby("lau2")["signing_year"].min().items():
        assert wide.loc[lau2, year] == 1
        assert (wide.loc[lau2, [y for y in wide.columns if y >= year]] >= 1).all()
    pilot = pd.read_csv(Settings().programmes_dir / "pakt_vum_zesummeliewen_pilot.csv", dtype={"lau2": str})
    for lau2, year in pilot.groupby("lau2")["signing_year"].min().items():
        assert (wide.loc[lau2, [y for y in wide.columns if y >= year]] >= 1).all(), lau2
    never = set(wide.index) - set(signed["lau2"]) - set(pilot["lau2"])
    assert (wide.loc[sorted(never)] == 0).all().all()


def test_grants_follow_the_programme_rules(current):
    rules = load_grant_rules()
    assert rules.verified is False
    coordinator = current[current["kpi"] == "grant_coordinator_eur"]
    assert coordinator["value"].between(0, 30000).all() and coordinator["year"].min() == rules.in_force_from_year
    implementation = current[current["kpi"] == "grant_implementation_eur"].merge(
        pivot(current, "gemengepakt_stage").stack().rename("stage").reset_index(), on=["lau2", "year"]
    )
    engaged = implementation[implementation["stage"] >= 1]
    assert (engaged["value"] == engaged["councillors_estimate"].map(rules.implementation_eur)).all()
    assert (implementation.loc[implementation["stage"] == 0, "value"] == 0).all()
    assert set(engaged["value"]) == {3000.0, 5000.0, 8000.0}
    signatories = pivot(current, "citizens_pact_signatories")
    grant = pivot(current, "grant_signatories_eur")
    assert (grant == 5 * signatories[grant.columns]).all().all()


def test_values_stay_in_their_catalogue_range(current):
    for kpi in load_catalogue():
        values = current.loc[current["kpi"] == kpi.id, "value"]
        assert values.between(kpi.min, kpi.max if kpi.max is not None else float("inf")).all(), kpi.id


def test_foreign_share_respects_the_press_facts(current):
    wide = pivot(current, "foreign_residents_share")[list(DEMO_YEARS)]  # 2017/2018: a few real press figures only
    assert (wide.loc[list(MAJORITY_FOREIGN)] > 50).all().all()
    assert (wide.drop(index=list(MAJORITY_FOREIGN)) < 50).all().all()
    assert (wide.idxmin() == NOMMERN).all()
    assert wide.loc[NOMMERN].between(19, 20.5).all()


def test_women_councillors_match_the_2023_national_and_regional_figures(current):
    share = current[(current["kpi"] == "women_councillors_share") & (current["year"] == 2023)].copy()
    share["women"] = share["value"] / 100 * share["councillors_estimate"]
    national = share["women"].sum() / share["councillors_estimate"].sum()
    south = share[share["canton_code"] == "C02"]
    north = share[share["canton_code"].isin(["C05", "C06", "C08", "C09"])]
    regional = {
        name: part["women"].sum() / part["councillors_estimate"].sum()
        for name, part in (("south", south), ("north", north))
    }
    assert 0.26 < national < 0.34
    assert regional["south"] > national > regional["north"]
    assert share.loc[share["lau2"] == "0304", ["value", "status"]].values.tolist() == [[55.6, "official"]]


def test_larger_communes_are_likelier_to_have_an_equality_officer(current, demo_con):
    officer = current[(current["kpi"] == "equality_officer") & (current["year"] == 2025)]
    pop = demo_con.execute(
        "select code as lau2, population from population where level = 'commune' and year = 2025"
    ).df()
    merged = officer.merge(pop, on="lau2")
    assert (
        merged.loc[merged["value"] == 1, "population"].median()
        > 2 * merged.loc[merged["value"] == 0, "population"].median()
    )
    assert (pivot(current, "equality_officer").diff(axis=1).iloc[:, 1:] >= 0).all().all()


def test_demo_command_leaves_ingested_official_values_alone(tmp_path, kpi_base_warehouse, capsys, monkeypatch):
    shutil.copytree(Settings().data_dir, tmp_path / "data", ignore=shutil.ignore_patterns("raw", "*.duckdb*"))
    db = tmp_path / "data" / "observatory.duckdb"
    shutil.copyfile(kpi_base_warehouse, db)
    real = tmp_path / "real.csv"
    real.write_text("lau2,kpi,year,value\n0304,women_councillors_share,2024,33.3\n", encoding="utf-8")
    assert cli.main(["ingest", str(real), "--db", str(db)]) == 0
    settings = Settings(data_dir=tmp_path / "data", db_path=db)
    monkeypatch.setattr(Settings, "from_env", classmethod(lambda cls, db_path=None: settings))  # this data copy
    assert cli.main(["demo", "--seed", "7", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "800 accepted, 0 already ingested, 0 rejected"
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    row = con.execute(
        "select value, status from kpi_current where lau2 = '0304' and kpi = 'women_councillors_share' and year = 2024"
    ).fetchall()
    con.close()
    assert row == [(33.3, "official")]
