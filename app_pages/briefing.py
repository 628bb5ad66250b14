"""Briefings: a 2–4 page A4 note (PDF, HTML) for one commune or the country, in French, German or English, in one click."""

import streamlit as st

from analytics.checks.params import commune_code
from analytics.config.catalogue import load_catalogue
from analytics.present.alt_text import briefing_preview_alt
from analytics.present.briefing import MAP_KPI, briefing_png, map_kpi_options, map_png, map_svg
from analytics.present.exports import commune_values_frame, to_csv_bytes, to_xlsx_bytes
from analytics.present.i18n import LANGUAGE_NAMES, LANGUAGES
from analytics.queries.communes import communes as commune_table
from analytics.queries.population import build_info, population_years
from ui.briefing import briefing_downloads
from ui.data import cached
from ui.shell import translator
from ui.state import url_choice, url_int

SCOPES = ("commune", "national")
DEFAULT_COMMUNE = "0304"  # Luxembourg, the capital: the commune most briefings are about

tr = translator()
st.header(tr("briefing.page_title"), divider="gray")
st.caption(tr("briefing.page_intro"))

communes = cached(commune_table)
names = dict(zip(communes["lau2"], communes["name"], strict=True))
years = [y for y in cached(population_years) if y >= 2015]
latest = cached(build_info).data_as_of

left, middle, right = st.columns([2, 3, 2])
with left:
    scope = url_choice("scope", tr("briefing.scope"), SCOPES, "commune", tr,
                       format_func=lambda s: tr(f"briefing.scope.{s}"), widget="segmented_control", required=True)
with middle:
    lau2 = url_choice("commune", tr("briefing.commune_label"), list(names), DEFAULT_COMMUNE, tr,
                      format_func=names.__getitem__, disabled=scope == "national",
                      check=lambda raw: commune_code(raw, names, DEFAULT_COMMUNE))  # '304' means '0304'
with right:
    year = url_int("year", tr("briefing.year_label"), sorted(years, reverse=True), latest, tr)
note_lang = url_choice("note_lang", tr("briefing.language_label"), LANGUAGES, tr.lang, tr,
                       format_func=LANGUAGE_NAMES.__getitem__, widget="segmented_control", required=True)

target = lau2 if scope == "commune" else None
kpi = None
if scope == "national":
    catalogue = load_catalogue()
    kpi = url_choice("kpi", tr("briefing.map_kpi_label"), map_kpi_options(), MAP_KPI, tr,
                     format_func=lambda k: catalogue[k].label(tr.lang))
buttons, _ = st.columns([2, 3])
note = briefing_downloads(tr, target, year, note_lang, container=buttons, kpi=kpi)
if note is None:
    st.stop()
if note.demo:
    st.info(tr("briefing.demo_warning"), icon=":material/warning:")

preview, extras = st.columns([3, 2])
with preview:
    st.subheader(tr("briefing.preview"))
    st.image(cached(briefing_png, target, year, note_lang, kpi), width=620, alt=briefing_preview_alt(note, tr))
with extras:
    st.subheader(tr("briefing.downloads_data"))
    stem = f"{target or 'national'}_{year}"
    svg = cached(map_svg, target, year, note_lang, kpi)
    st.download_button(tr("briefing.download_map_svg"), svg, f"map_{stem}.svg", "image/svg+xml", key="map_svg")
    st.download_button(tr("briefing.download_map_png"), cached(map_png, target, year, note_lang, kpi),
                       f"map_{stem}.png", "image/png", key="map_png")
    if target:
        values = cached(commune_values_frame, target)  # the commune's code and name on every row
        st.download_button(tr("briefing.download_csv"), to_csv_bytes(values), f"kpis_{target}.csv", "text/csv",
                           key="kpis_csv")
        st.download_button(tr("briefing.download_xlsx"), to_xlsx_bytes(values), f"kpis_{target}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="kpis_xlsx")
    st.caption(tr("briefing.downloads_note"))
