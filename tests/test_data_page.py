"""The /data page in AppTest: catalogue, submissions log, provenance, templates, and an uploader that writes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.present.i18n import LANGUAGES, MISSING_MARK

APP = str(Path(__file__).resolve().parent.parent / "navigation.py")  # the pages script app.py serves


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """ui.data caches the settings and reader per process; other AppTests in this session use another warehouse."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def open_data_page(db: Path, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("OBSERVATORY_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_data_page_renders_in_every_language(demo_project, monkeypatch, lang):
    at = open_data_page(demo_project[0].db_path, monkeypatch, lang=lang)
    assert MISSING_MARK.split("{")[0] not in page_text(at)
    catalogue, log, provenance = (at.dataframe[i].value for i in range(3))
    assert len(catalogue) == 23 and "women_councillors_share" in catalogue.iloc[:, -1].tolist()  # the id column comes last
    assert len(log) == 704
    assert len(provenance) == 1 and provenance.iloc[0, 0] == 1.0  # default: Luxembourg, woman_mayor, 2025 (official)
    assert len(at.get("download_button")) == 5  # full export, Parquet, Open SDG, CSV and XLSX templates


def test_provenance_lookup_follows_the_url(demo_project, monkeypatch):
    at = open_data_page(
        demo_project[0].db_path, monkeypatch, lang="en", lau2="0410", kpi="foreign_residents_share", year="2023"
    )
    [row] = at.dataframe[2].value.itertuples(index=False)
    assert row[0] == 19.6 and row[1] == "official" and row[4] == "official/foreign_residents_share_press.csv"
    assert "python -m analytics provenance 0410 foreign_residents_share 2023" in page_text(at)


def test_uploader_shows_the_cli_messages_and_writes_nothing(demo_project, monkeypatch):
    db = demo_project[0].db_path
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    at = open_data_page(db, monkeypatch, lang="en")
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
