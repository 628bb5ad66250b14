"""The /data page in AppTest: catalogue, submissions log, provenance, templates, and an uploader that writes nothing."""

from __future__ import annotations

import hashlib

import pytest

from analytics.present.i18n import LANGUAGES, MISSING_MARK
from tests.apptest.harness import open_app, page_text

DATA = "app_pages/data.py"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_data_page_renders_in_every_language(demo_project, monkeypatch, lang):
    at = open_app(demo_project[0].db_path, monkeypatch, DATA, lang=lang)
    assert MISSING_MARK.split("{")[0] not in page_text(at)
    catalogue, log, provenance = (at.dataframe[i].value for i in range(3))
    assert len(catalogue) == 23 and "women_councillors_share" in catalogue.iloc[:, -1].tolist()  # the id column comes last
    assert len(log) == 807  # 7 official fact sets, 800 demo files (2019-2026)
    assert len(provenance) == 1 and provenance.iloc[0, 0] == 1.0  # default: Luxembourg, woman_mayor, 2026 (official)
    assert len(at.get("download_button")) == 5  # full export, Parquet, Open SDG, CSV and XLSX templates


def test_provenance_lookup_follows_the_url(demo_project, monkeypatch):
    at = open_app(demo_project[0].db_path, monkeypatch, DATA, lang="en", lau2="0410",
                  kpi="foreign_residents_share", year="2021")
    [row] = at.dataframe[2].value.itertuples(index=False)
    assert row[0] == 19.6 and row[1] == "official" and row[4] == "official/foreign_residents_share_press.csv"
    assert "python -m analytics provenance 0410 foreign_residents_share 2021" in page_text(at)  # census, 8 Nov 2021


def test_uploader_shows_the_cli_messages_and_writes_nothing(demo_project, monkeypatch):
    db = demo_project[0].db_path
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    at = open_app(db, monkeypatch, DATA, lang="en")
    bad = b"lau2,kpi,year,value\n0705,women_councillors_share,2023,112.5\n"
    at.file_uploader[0].set_value(("mine.csv", bad, "text/csv"))
    at.run()
    assert not at.exception
    assert at.error[0].value == "This file would be rejected (2 problems); nothing from it would be loaded."
    assert at.code[0].value.splitlines() == [
        "mine.csv:2:lau2: lau2 0705 (Grosbous) merged into 0711 Groussbus-Wal on 1 Sept 2023; use 0711",
        "mine.csv:2:value: expected a share between 0 and 100 %, found 112.5",
    ]
    at.file_uploader[0].set_value(
        ("ok.csv", b"lau2;kpi;year;value\n304;women_councillors_share;2023;31,5\n", "text/csv")
    )
    at.run()
    assert at.success[0].value.startswith("No problem found: 1 rows would be accepted.")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
