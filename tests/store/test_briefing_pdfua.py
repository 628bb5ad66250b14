"""Briefings a screen reader can read: PDF/UA-1 + PDF/A-2a with title, language and alt text, and accessible HTML.

typst refuses to compile a PDF/UA-1 document without a title or with an image lacking alt text, so compiling with
`pdf_standards` is itself a check; pikepdf then reads what a reader (or veraPDF) would: /Lang, the titles, the
conformance claims and every /Figure's /Alt.
"""

from __future__ import annotations

import io
import re

import pikepdf
import pytest

from analytics.config.catalogue import load_catalogue
from analytics.present.briefing import commune_briefing, national_briefing, render_html, render_pdf
from analytics.present.briefing.model import SOURCE_PREFIX, translated_source
from analytics.present.briefing.render import PDF_STANDARDS
from analytics.present.i18n import LANGUAGES, Translator, strings

REGION = {"fr": "fr-LU", "de": "de-LU", "en": "en-GB"}


def _walk(node, out: list[dict]) -> None:
    """Depth-first over the structure tree: every structure element's role and /Alt, in reading order."""
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _walk(kid, out)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            out.append({"role": str(node.S), "alt": str(node.Alt) if "/Alt" in node else None})
        if "/K" in node:
            _walk(node.K, out)


def inspect(pdf: bytes) -> dict:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        root, elems = doc.Root, []
        _walk(root.StructTreeRoot.K, elems)
        roles = {str(k): str(v) for k, v in root.StructTreeRoot.get("/RoleMap", {}).items()}
        with doc.open_metadata() as xmp:
            meta = {"dc:title": xmp.get("dc:title"), "ua": xmp.get("pdfuaid:part"),
                    "a": (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance"))}
        return {
            "lang": str(root.Lang), "title": str(doc.docinfo.get("/Title")), **meta,
            "display_title": bool(root.ViewerPreferences.get("/DisplayDocTitle", False)),
            "figures": [e for e in elems if roles.get(e["role"], e["role"]) == "/Figure"],
            "roles": [roles.get(e["role"], e["role"]) for e in elems],
        }


def test_the_suite_compiles_with_pdf_ua_1():
    assert "ua-1" in PDF_STANDARDS and "a-2a" in PDF_STANDARDS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_commune_pdf_is_pdf_ua_with_title_language_and_alt_on_every_figure(reader, lang):
    note = commune_briefing(reader, "0304", lang=lang)
    info = inspect(render_pdf(note))
    assert info["lang"] == REGION[lang]
    assert info["title"].startswith("Luxembourg – ") and info["dc:title"] == info["title"] and info["display_title"]
    assert info["ua"] == "1" and info["a"] == ("2", "A")
    alts = [f["alt"] for f in info["figures"]]
    assert len(alts) == 1 + len(note.trends)  # the map and every trend chart
    assert all(alts), alts
    assert alts[0] == note.map_alt and "Luxembourg" in alts[0]
    assert [c.alt for c in note.trends] == alts[1:]
    assert all(re.search(r"\d{4}", a) for a in alts[1:])  # a trend's alt text names its years


@pytest.mark.parametrize("lang", LANGUAGES)
def test_national_pdf_describes_its_map(reader, lang):
    note = national_briefing(reader, lang=lang)
    info = inspect(render_pdf(note))
    assert info["lang"] == REGION[lang] and info["ua"] == "1"
    assert info["figures"][0]["alt"] == note.map_alt
    assert Translator(lang)("a11y.of.communes") in note.map_alt  # "… 100 communes with data, highest …"


def test_key_figures_read_label_value_note_in_order(reader):
    """The key figures are table rows: label, value and note follow each other in the structure tree."""
    note = commune_briefing(reader, "0304", lang="en")
    roles = inspect(render_pdf(note))["roles"]
    first_table = roles.index("/Table")
    rows = roles[first_table:].index("/Table", 1) if "/Table" in roles[first_table + 1:] else len(roles)
    block = roles[first_table:first_table + rows]
    assert block.count("/TR") == len(note.figures)
    assert block.count("/TD") >= 3 * len(note.figures)


def test_every_source_a_briefing_lists_has_a_translation(reader):
    english = {texts["en"] for key, texts in strings().items() if key.startswith(SOURCE_PREFIX)}
    listed = {k.source for k in load_catalogue() if k.source}
    listed.add(str(reader.query("select sources from build_info")["sources"].iloc[0]))
    listed |= set(reader.query("select source from national_context")["source"])
    worded = {s for s in listed if not s.startswith("http")}  # a bare link reads the same in every language
    assert sorted(worded - english) == []


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_sources_section_speaks_the_note_language(reader, lang):
    note = commune_briefing(reader, "0304", lang=lang)
    assert not any("Commune submission" in s or "1 January" in s for s in note.sources)
    assert translated_source("Commune submission", Translator(lang)) == Translator(lang)("briefing.src.commune_submission")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_has_main_captions_labelled_svgs_and_scoped_headers(reader, lang):
    note = commune_briefing(reader, "0304", lang=lang)
    html = render_html(note)
    assert f'<html lang="{lang}">' in html and html.count("<main") == 1
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert svgs and all('role="img"' in s and "aria-labelledby=" in s for s in svgs)
    assert html.count("<title id=") == len(svgs)
    assert html.count("<figcaption") == len(svgs)
    headers = re.findall(r"<th\b[^>]*>", html)
    assert headers and all('scope="col"' in h or 'scope="row"' in h for h in headers)
    assert html.count("<caption") >= len(note.tables)
