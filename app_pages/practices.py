"""Good practices: what communes did, searchable, with sources; and "what did peers do?" for one KPI."""

import pandas as pd
import streamlit as st

from analytics.checks.params import shown
from analytics.config.catalogue import load_catalogue
from analytics.metrics import practices as pr
from analytics.metrics.peers import peers_of
from analytics.present.format import certainty_text
from analytics.queries.communes import communes
from analytics.queries.practices import current_practices
from ui.data import cached
from ui.peer_practices import peer_practices
from ui.shell import translator
from ui.state import publish, url_choice, url_value
from ui.status_switch import official_only_switch
from ui.tables import dataframe

tr = translator()
demo = tr("demo.label")
catalogue = load_catalogue()
st.header(tr("prac.title"), divider="gray")
st.caption(tr("prac.about"))
official = official_only_switch(tr)  # hides the labelled demo practices

towns = cached(communes)
names = towns.set_index("lau2")["name"].to_dict()
frame = cached(current_practices)

c1, c2, c3 = st.columns([2, 1, 1])
with c1:
    if "prac_q" not in st.session_state:
        st.session_state["prac_q"] = shown(url_value("q") or "")
    text = st.text_input(tr("prac.search"), key="prac_q", placeholder=tr("prac.search_hint"))
    publish("q", text.strip() or None)  # an empty search leaves no q= in the URL
with c2:
    programme = url_choice("programme", tr("prac.programme"), ("all", *pr.PROGRAMMES), "all", tr,
                           format_func=lambda p: tr(f"prac.programme.{p}"))
with c3:
    commune = url_choice("commune", tr("prac.commune"), ["all", *sorted(names, key=names.get)], "all", tr,
                         format_func=lambda c: tr("prac.all") if c == "all" else f"{names[c]} ({c})")
d1, d2 = st.columns([3, 1])
with d1:
    chosen_domains = st.multiselect(tr("prac.domain"), pr.domains(), format_func=lambda d: tr(f"prac.domain.{d}"),
                                    placeholder=tr("prac.all"))
with d2:
    statuses = st.multiselect(tr("prac.status"), ["official", "demo"], format_func=lambda s: tr(f"prog.status.{s}"),
                              placeholder=tr("prac.all"))

found = pr.filter_practices(frame, text, [] if programme == "all" else [programme], chosen_domains,
                            ["official"] if official else statuses, None if commune == "all" else commune)
st.markdown(f"**{tr('prac.count', n=len(found), total=len(frame))}**")
link_col = st.column_config.LinkColumn(tr("prac.col.link"), display_text=r"https?://(?:www\.)?([^/]+)", width="small")
dataframe(
    {
        tr("prac.col.title"): pr.title_in(found, tr.lang),  # the UI language's title where the source gives one
        tr("prac.col.status"): found["status"].map(lambda s: tr(f"prog.status.{s}")),
        tr("prac.col.communes"): found["communes"],
        tr("prac.col.year"): found["year"].map(lambda y: "–" if pd.isna(y) else str(int(y))),
        tr("prac.col.link"): found["link"],
        tr("prac.col.domain"): found["domain"].map(lambda d: tr(f"prac.domain.{d}")),
        tr("prac.col.programme"): found["programme"].map(lambda p: tr(f"prac.programme.{p}")),
        tr("prac.col.certainty"): [certainty_text(c, s, tr) or "–" for c, s in zip(found["certainty"], found["status"])],
        tr("prac.col.kpis"): found["kpis"].map(lambda ids: ", ".join(catalogue[k].label(tr.lang) for k in ids)),
        tr("prac.col.description"): found["description"],
        tr("prac.col.provenance"): [f"{f}:{r}" for f, r in zip(found["file_name"], found["source_row"])],
    },
    hide_index=True,
    column_config={
        tr("prac.col.title"): st.column_config.TextColumn(width="large"),
        tr("prac.col.status"): st.column_config.TextColumn(width="small"),
        tr("prac.col.communes"): st.column_config.TextColumn(width="medium"),
        tr("prac.col.year"): st.column_config.TextColumn(width="small"),
        tr("prac.col.link"): link_col,
    },
    key="practices_table",
)
st.caption(tr("prac.description_language") + " " + tr("prac.ingest_note"))

st.subheader(tr("prac.peers_title"))
kpis = [k.id for k in catalogue if k.programme != "context"]
kpi = url_choice("kpi", tr("prac.kpi"), kpis, "gemengepakt_stage", tr, format_func=lambda k: catalogue[k].label(tr.lang))
if commune == "all":
    peers = list(names)
    st.caption(tr("prac.peers_all"))
else:
    canton = cached(peers_of, commune, "canton", None)  # the benchmark's canton group: the commune's canton, itself excluded
    peers = canton.lau2s
    st.caption(tr("prac.peers_canton", commune=names[commune], canton=canton.criterion, n=len(peers)))
peer_practices(tr, kpi, peers, key="peers_table")
