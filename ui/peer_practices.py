"""'What did peers do?' as one call, for any page that shows a KPI (profile, benchmark, practices).

Usage from a page: `peer_practices(tr, kpi, peer_lau2s, key="profile_peers")` draws the practices of those communes
that improved on `kpi` (analytics.queries.practices.practices_for_kpi), with the demo status of both the practice and the
values, or a short note when there are none.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.config.catalogue import load_catalogue
from analytics.metrics.practices import title_in
from analytics.present.format import format_value, yes_no_text
from analytics.present.i18n import Translator
from analytics.queries.practices import practices_for_kpi
from ui.data import cached, official_only
from ui.tables import dataframe


def peer_practices(tr: Translator, kpi: str, lau2s: list[str], key: str = "peer_practices") -> pd.DataFrame:
    """Draw the practices of `lau2s` that improved on `kpi`; return them (empty when none)."""
    improved = cached(practices_for_kpi, kpi, list(lau2s))
    if official_only():  # "official data only": neither a demo practice nor a change resting on demo values
        improved = improved[(improved["status"] == "official") & (improved["value_status"] == "official")]
    if improved.empty:
        st.info(tr("prac.peers_none"))
        return improved
    shown = load_catalogue()[kpi]

    def short(value: float | None) -> str:
        return format_value(value, shown, tr, style="short")  # the page names the KPI and its unit words

    dataframe({
        tr("prac.col.commune"): improved["commune"],
        tr("prac.col.title"): title_in(improved, tr.lang),
        tr("prac.col.year"): improved["year"].map(lambda y: "–" if pd.isna(y) else str(int(y))),
        tr("prac.col.change"): [f"{short(a)} ({fy}) → {short(b)} ({ty})" for a, fy, b, ty in zip(
            improved["from_value"], improved["from_year"], improved["to_value"], improved["to_year"])],
        tr("prac.col.values"): improved["value_status"].map(lambda s: tr(f"prog.status.{s}")),
        tr("prac.col.status"): improved["status"].map(lambda s: tr(f"prog.status.{s}")),
        tr("prac.col.names_kpi"): improved["names_kpi"].map(lambda b: yes_no_text(b, tr)),
    }, hide_index=True, key=key, column_config={tr("prac.col.title"): st.column_config.TextColumn(width="large")})
    st.caption(tr("prac.peers_note"))
    return improved
