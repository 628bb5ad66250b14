"""Briefings: a PDF per language that states the commune, its population and the demo notice; robust without KPIs.

The PDF is read back with poppler's `pdftotext` (what a reader's copy-paste sees) and its first page is rendered to
PNG with `pdftoppm` into artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.present.briefing import (
    BriefingError,
    commune_briefing,
    national_briefing,
    render_html,
    render_pdf,
)
from analytics.present.i18n import LANGUAGES, MISSING_MARK, Translator
from analytics.store.reader import WarehouseReader
from tests.apptest.harness import open_app, page_text

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed")
LUXEMBOURG = "0304"
BRIEFING = "app_pages/briefing.py"


@pytest.fixture(scope="module")
def demo_db(warehouse: Path) -> Path:
    """The warehouse as a first start builds it (official facts plus demo KPI values 2019–2025), shared read-only."""
    return warehouse


@pytest.fixture(scope="module")
def demo_reader(demo_db: Path) -> WarehouseReader:
    r = WarehouseReader(demo_db)
    yield r
    r.close()


def flat(text: str) -> str:
    """pdftotext keeps the locale's narrow/no-break spaces and wraps lines; compare on single plain spaces."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def population(reader: WarehouseReader, lau2: str, year: int) -> int:
    sql = "select population from population where level = 'commune' and code = ? and year = ?"
    return int(reader.query(sql, [lau2, year])["population"].iloc[0])


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_commune_pdf_states_name_population_and_demo_notice(demo_reader, artifacts, lang):
    note = commune_briefing(demo_reader, LUXEMBOURG, lang=lang)
    path = artifacts / f"briefing_{LUXEMBOURG}_{lang}.pdf"
    path.write_bytes(render_pdf(note))
    raw = pdf_text(path)
    text = flat(raw)
    tr = Translator(lang)
    assert "Luxembourg" in text
    assert flat(tr.number(population(demo_reader, LUXEMBOURG, note.year))) in text  # 137 678 / 137.678 / 137,678
    assert flat(tr("briefing.demo_notice")) in text
    assert 2 <= raw.count("\f") <= 4  # pages
    assert MISSING_MARK.split("{")[0] not in text
    png = artifacts / f"briefing_{LUXEMBOURG}_{lang}-page1"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(path), str(png)],
                   check=True, capture_output=True)
    assert png.with_suffix(".png").stat().st_size > 20_000


@needs_poppler
def test_commune_without_kpi_data_still_gets_a_briefing(demo_reader, artifacts):
    note = commune_briefing(demo_reader, "0101", year=2012, lang="fr")  # before any KPI value exists
    assert not note.demo
    path = artifacts / "briefing_0101_2012_fr.pdf"
    path.write_bytes(render_pdf(note))
    text = flat(pdf_text(path))
    assert "Dippach" in text and "pas de données" in text
    assert flat(Translator("fr")("briefing.demo_notice")) not in text


def test_official_only_warehouse_has_no_demo_notice(kpi_base_warehouse):
    official = WarehouseReader(kpi_base_warehouse)  # reference + official facts, no demo values
    try:
        note = commune_briefing(official, LUXEMBOURG, lang="en")
    finally:
        official.close()
    assert not note.demo
    assert "demo data" not in render_html(note).lower()


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_national_briefing(demo_reader, artifacts, lang):
    note = national_briefing(demo_reader, lang=lang)
    path = artifacts / f"briefing_national_{lang}.pdf"
    path.write_bytes(render_pdf(note))
    raw = pdf_text(path)
    assert 2 <= raw.count("\f") <= 4
    assert flat(Translator(lang).number(690_959)) in flat(raw)  # national population 2026
    assert note.demo and flat(Translator(lang)("briefing.demo_notice")) in flat(raw)


def test_national_briefing_says_what_is_known_about_women_in_office(demo_reader):
    figures = {f.label: f for f in national_briefing(demo_reader, lang="en").figures}
    mayors = figures["Women mayors (2023 mandate)"]
    assert mayors.value == "at least 8 confirmed" and not mayors.demo
    assert mayors.note == "+1 proposed, not confirmed · mayor known for 34 of 100 communes in 2026"
    assert figures["Women elected to councils (June 2023)"].value == "337 / 1,112"
    assert figures["Colleges without a woman"].value == "44 / 98"
    assert "North 23.6%" in figures["Women elected by constituency"].value


def test_national_map_follows_the_chosen_kpi(demo_reader):
    note = national_briefing(demo_reader, lang="en", kpi="foreign_residents_share")
    assert note.map_caption.startswith("Foreign residents, 2026")
    assert len(note.map_legend) == 6  # five quantile classes and "no data"
    with pytest.raises(BriefingError, match=r"map KPI 'gemengepakt_stage' is not one of women_councillors_share"):
        national_briefing(demo_reader, kpi="gemengepakt_stage")


def test_html_is_self_contained(demo_reader):
    html = render_html(commune_briefing(demo_reader, LUXEMBOURG, lang="de"))
    assert html.startswith("<!doctype html>") and 'lang="de"' in html
    assert "<svg" in html and "137.678" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)  # no outside request when opened


def test_unknown_commune_and_year_are_explained(demo_reader):
    with pytest.raises(BriefingError, match=r"no commune with LAU2 code '9999'"):
        commune_briefing(demo_reader, "9999")
    with pytest.raises(BriefingError, match=r"no population for Luxembourg in 1990; STATEC figures cover 2010–"):
        commune_briefing(demo_reader, LUXEMBOURG, year=1990)


def test_commune_briefing_is_fast(demo_reader):
    started = time.perf_counter()
    render_pdf(commune_briefing(demo_reader, "0304", lang="fr"))
    assert time.perf_counter() - started < 10


def test_cli_exit_codes(demo_db, tmp_path, capsys):
    pdf, html = tmp_path / "lux.pdf", tmp_path / "lux.html"
    assert main(["briefing", "--commune", "0304", "--lang", "en", "--out", str(pdf), "--html", str(html),
                 "--db", str(demo_db)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and "Luxembourg" in html.read_text()
    assert main(["briefing", "--national", "--out", str(tmp_path / "n.html"), "--db", str(demo_db)]) == 0
    assert main(["briefing", "--commune", "9999", "--out", str(pdf), "--db", str(demo_db)]) == 1
    assert "no commune with LAU2 code" in capsys.readouterr().err
    assert main(["briefing", "--commune", "0304", "--out", str(tmp_path / "x.docx"), "--db", str(demo_db)]) == 2
    assert main(["briefing", "--out", str(pdf)]) == 2  # neither --commune nor --national
    assert main(["briefing", "--commune", "0304", "--kpi", "foreign_residents_share", "--out", str(pdf)]) == 2
    assert main(["briefing", "--national", "--kpi", "woman_mayor", "--out", str(pdf), "--db", str(demo_db)]) == 1
    assert "map KPI 'woman_mayor' is not one of" in capsys.readouterr().err


@pytest.mark.parametrize("lang", LANGUAGES)
def test_briefing_page_renders_in_every_language(demo_db, monkeypatch, lang):
    at = open_app(demo_db, monkeypatch, BRIEFING, lang=lang)
    body = page_text(at)
    assert MISSING_MARK.split("{")[0] not in body
    tr = Translator(lang)
    labels = [b.label for b in at.get("download_button")]
    assert labels[:2] == [tr("briefing.download_pdf"), tr("briefing.download_html")]  # the one-click note
    assert tr("briefing.download_map_png") in labels and tr("briefing.download_xlsx") in labels
    assert tr("briefing.demo_warning") in body


def test_briefing_page_national_scope_in_the_url(demo_db, monkeypatch):
    at = open_app(demo_db, monkeypatch, BRIEFING, lang="en")
    at.selectbox(key="url_commune").set_value("0101").run()
    assert at.query_params["commune"] == "0101"
    at.segmented_control(key="url_scope").set_value("national").run()
    assert not at.exception
    assert at.query_params["scope"] == "national"
    at.selectbox(key="url_kpi").set_value("foreign_residents_share").run()
    assert not at.exception
    assert at.query_params["kpi"] == "foreign_residents_share"


def test_commune_profile_offers_the_briefing(demo_db, monkeypatch):
    at = open_app(demo_db, monkeypatch, "app_pages/commune.py", lang="de", commune="0101")
    labels = [b.label for b in at.get("download_button")]
    tr = Translator("de")
    assert tr("briefing.download_pdf_short") in labels and tr("briefing.download_html_short") in labels


@needs_poppler
@pytest.mark.parametrize("lau2,name", [("0104", "Käerjeng"), ("0610", "Vallée de l'Ernz"), ("0806", "Lac de la Haute-Sûre")])
def test_official_spelling_survives_into_the_pdf(demo_reader, tmp_path, lau2, name):
    path = tmp_path / f"{lau2}.pdf"
    path.write_bytes(render_pdf(commune_briefing(demo_reader, lau2, lang="de")))
    text = pdf_text(path)  # typst's smart quotes are off: the apostrophe stays as the ACT writes it
    assert name in text


def test_briefing_page_reads_excel_style_codes_and_warns_on_bad_ones(demo_db, monkeypatch):
    at = open_app(demo_db, monkeypatch, BRIEFING, lang="fr", commune="101")  # Excel dropped the leading zero
    assert at.selectbox(key="url_commune").value == "0101"
    at = open_app(demo_db, monkeypatch, BRIEFING, commune="<script>")
    assert len(at.warning) == 1
    assert at.selectbox(key="url_commune").value == "0304"
