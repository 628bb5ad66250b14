"""The read side's one runner and one parameter style on a warehouse; one commune list; signing years from it."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from analytics.config.settings import Settings
from analytics.queries.communes import communes
from analytics.queries.programmes import signing_years
from analytics.store.reader import run_named


def test_the_runner_refuses_named_parameters(reader):
    with pytest.raises(TypeError, match=r"kpis.sql:kpi_years were dict but are expected to be a list"):
        run_named(reader, "kpis.sql", "kpi_years", {"kpi": "women_councillors_share"})
    assert len(run_named(reader, "kpis.sql", "kpi_years", ["women_councillors_share"]))


def test_one_commune_list_by_name_with_canton_and_district(reader, warehouse):
    frame = communes(reader)
    assert list(frame.columns) == ["lau2", "name", "canton", "canton_code", "district"]
    assert len(frame) == 100 and frame["lau2"].is_unique
    assert list(frame["name"]) == sorted(frame["name"])
    assert frame.set_index("lau2").loc["0304"].tolist() == ["Luxembourg", "Luxembourg", "C03", "Luxembourg"]
    con = duckdb.connect(str(warehouse), read_only=True)  # the same function on a plain connection (CLI, build)
    try:
        pd.testing.assert_frame_equal(communes(con), frame)
    finally:
        con.close()


def test_signing_years_come_from_the_warehouse_as_the_programme_files_state_them(reader):
    programmes = Settings().programmes_dir
    expected = {
        programme: pd.read_csv(programmes / csv, dtype={"lau2": str}).groupby("lau2")["signing_year"].min().to_dict()
        for programme, csv in (("gemengepakt", "gemengepakt_signatories.csv"),
                               ("pilot", "pakt_vum_zesummeliewen_pilot.csv"))
    }
    years = signing_years(reader)
    found = {p: dict(zip(g["lau2"], g["signing_year"].astype(int), strict=True)) for p, g in years.groupby("programme")}
    assert found == expected
    assert found["pilot"]["0711"] == 2021  # Grosbous and Wahl signed apart, Groussbus-Wal counts once, first year
