"""Commune profile: one commune on every KPI, against communes of its population band, with its place on the map."""

import streamlit as st

from analytics.checks.params import commune_code
from analytics.config.catalogue import load_catalogue
from analytics.metrics.peers import peers_of
from analytics.metrics.profile import profile_header, profile_rows
from analytics.present.alt_text import locator_alt
from analytics.present.choropleth import PLOT_CONFIG, load_shapes, locator_figure
from analytics.present.format import missing_text
from analytics.present.profile_table import profile_table
from analytics.queries.communes import communes as commune_table
from analytics.queries.coverage import kpi_year_coverage
from ui.briefing import briefing_downloads
from ui.charts import plotly_chart
from ui.data import cached
from ui.shell import translator
from ui.state import url_choice
from ui.status_switch import official_only_switch
from ui.tables import dataframe

DEFAULT_COMMUNE = "0304"

tr = translator()
catalogue = load_catalogue()
communes = cached(commune_table)
names = dict(zip(communes["lau2"], communes["name"]))
cantons = dict(zip(communes["lau2"], communes["canton"]))

lau2 = url_choice(
    "commune", tr("profile.pick"), list(communes["lau2"]), DEFAULT_COMMUNE, tr,
    format_func=lambda c: f"{names[c]} · {cantons[c]} ({c})",
    help=tr("profile.pick_help"),
    check=lambda raw: commune_code(raw, names, DEFAULT_COMMUNE),
)
official = official_only_switch(tr)
head = cached(profile_header, lau2)
peers = cached(peers_of, lau2, "population_band", head.year)
rows = cached(profile_rows, lau2, list(peers.lau2s), tr.lang)
latest = rows.set_index("kpi")

left, right = st.columns([3, 1])
with left:
    st.header(head.name, divider="gray")
    st.caption(tr("profile.where", canton=head.canton, district=head.district, code=lau2))
    m1, m2, m3, m4 = st.columns(4)
    growth = tr("profile.growth", value=tr.signed_percent(head.growth_pct)) if head.growth_pct is not None else None
    m1.metric(tr("profile.population_short", year=head.year), tr.number(head.population), growth, delta_color="off")
    m2.metric(tr("profile.council"), head.councillors_estimate, tr("profile.council_note"), delta_color="off",
              delta_arrow="off")

    def stage_text(kpi_id: str) -> tuple[str, str | None]:
        """'3 / 4' as the figure, the stage's name, year and status underneath (a long name would be cut)."""
        row, kpi = latest.loc[kpi_id], catalogue[kpi_id]
        if row["value"] is None or row["value"] != row["value"]:
            return missing_text(tr), None
        status = tr("status.demo") if row["status"] == "demo" else tr("status.official")
        stage = int(row["value"])
        return f"{stage} / {len(kpi.stages) - 1}", f"{kpi.stage_label(stage, tr.lang)} · {int(row['year'])} · {status}"

    pact, pact_note = stage_text("gemengepakt_stage")
    plan, plan_note = stage_text("equality_action_plan_stage")
    m3.metric(tr("profile.gemengepakt"), pact, pact_note, delta_color="off", delta_arrow="off")
    m4.metric(tr("profile.equality_plan"), plan, plan_note, delta_color="off", delta_arrow="off")
with right:
    canton_codes = [c for c in communes["lau2"] if cantons[c] == head.canton]
    plotly_chart(tr, locator_figure(cached(load_shapes), canton_codes, lau2), config=PLOT_CONFIG, key="locator",
                 alt=locator_alt(tr, head.name, head.canton, len(canton_codes)))
    briefing_downloads(tr, lau2, head.year, key="profile_briefing", compact=True)  # the same note as /briefing, in one click

band = tr(f"peers.band.{peers.criterion}") if peers.criterion else ""
st.markdown(tr("profile.peers", band=band, n=len(peers.lau2s)))
if (rows["status"] == "demo").any():
    st.badge(tr("status.demo_data"), icon=":material/science:", color="orange")

peer_label = tr("profile.col.peer_median_of", band=band)
table = profile_table(rows, catalogue, tr, peer_label, cached(kpi_year_coverage))
if rows["value"].isna().all():
    st.info(tr("coverage.no_data_profile"))
dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(rows), 720),
    column_config={
        tr("profile.col.rank"): st.column_config.ProgressColumn(
            tr("profile.col.rank"), help=tr("profile.rank_help"), min_value=0, max_value=100, format="%.0f"
        ),
        tr("profile.col.trend"): st.column_config.LineChartColumn(tr("profile.col.trend"), width="small"),
    },
)
st.caption(tr("profile.table_note"))
