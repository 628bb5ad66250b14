"""Briefings: a 2–4 page A4 note (PDF, HTML) for one commune or the country, in French, German or English, in one click."""

import streamlit as st

from analytics.briefing import BriefingError, briefing_for, briefing_png, commune_options, render_html, render_pdf
from analytics.i18n import LANGUAGE_NAMES, LANGUAGES
from analytics.population import build_info, population_years
from ui.data import cached
from ui.shell import translator
from ui.state import url_choice, url_int

SCOPES = ("commune", "national")
DEFAULT_COMMUNE = "0304"  # Luxembourg, the capital: the commune most briefings are about

tr = translator()
st.header(tr("briefing.page_title"), divider="gray")
st.caption(tr("briefing.page_intro"))

communes = cached(commune_options)
names = dict(zip(communes["lau2"], communes["name"]))
years = [y for y in cached(population_years) if y >= 2015]
latest = cached(build_info).data_as_of

left, middle, right = st.columns([2, 3, 2])
with left:
    scope = url_choice("scope", tr("briefing.scope"), SCOPES, "commune", tr,
                       format_func=lambda s: tr(f"briefing.scope.{s}"), widget="segmented_control", required=True)
with middle:
    lau2 = url_choice("commune", tr("briefing.commune_label"), list(names), DEFAULT_COMMUNE, tr,
                      format_func=names.__getitem__, disabled=scope == "national")
with right:
    year = url_int("year", tr("briefing.year_label"), sorted(years, reverse=True), latest, tr)
note_lang = url_choice("note_lang", tr("briefing.language_label"), LANGUAGES, tr.lang, tr,
                       format_func=LANGUAGE_NAMES.__getitem__, widget="segmented_control", required=True)

target = lau2 if scope == "commune" else None
try:
    note = cached(briefing_for, target, year, note_lang)
except BriefingError as exc:
    st.error(tr("briefing.error", reason=str(exc)))
    st.stop()

stem = f"briefing_{target or 'national'}_{year}_{note_lang}"
pdf_col, html_col, _ = st.columns([1, 1, 3])
pdf_col.download_button(tr("briefing.download_pdf"), render_pdf(note), f"{stem}.pdf", "application/pdf",
                        type="primary", icon=":material/picture_as_pdf:", key="briefing_pdf")
html_col.download_button(tr("briefing.download_html"), render_html(note), f"{stem}.html", "text/html",
                         icon=":material/html:", key="briefing_html")
if note.demo:
    st.info(tr("briefing.demo_warning"), icon=":material/warning:")
st.subheader(tr("briefing.preview"))
st.image(cached(briefing_png, target, year, note_lang), width=620)
