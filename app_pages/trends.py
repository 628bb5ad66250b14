"""Trends: a commune's KPIs over the years against its peer median, interquartile band and the national median."""

import pandas as pd
import streamlit as st

from analytics.config.catalogue import load_catalogue
from analytics.metrics.benchmark import merger_of, peer_trend, programme_trends
from analytics.metrics.coverage import coverage_of
from analytics.metrics.peers import SMALL_GROUP
from analytics.present.alt_text import multiples_alt, series_alt
from analytics.present.benchmark_charts import (
    PLOT_CONFIG,
    small_multiples_figure,
    trend_figure,
)
from analytics.present.coverage_text import coverage_line
from analytics.present.format import format_gap, format_range, format_value
from analytics.queries.coverage import kpi_year_coverage
from ui.charts import plotly_chart
from ui.data import cached
from ui.peer_controls import kpi_heading, peer_controls, peer_explainer
from ui.shell import translator
from ui.status_switch import official_only_switch
from ui.tables import dataframe

tr = translator()


def _opt(x: float) -> float | None:
    return None if pd.isna(x) else float(x)


st.header(tr("trends.title"), divider="gray")
st.caption(tr("trends.subtitle"))
official = official_only_switch(tr)

sel = peer_controls(tr, year_widget=False)
if sel is None:
    st.stop()
kpi = sel.kpi
peer_explainer(tr, sel, note=tr("trends.peers_fixed", year=sel.year))

merger = cached(merger_of, sel.commune)
if merger is not None:
    day = merger.effective_date.day
    when = tr("trends.merged_date", day=tr("trends.day_first") if day == 1 else day,
              month=tr(f"trends.month.{merger.effective_date.month}"), year=merger.effective_date.year)
    st.info(tr("trends.merged", commune=sel.commune_name, old=", ".join(merger.former), date=when), icon="ℹ️")

trend = cached(peer_trend, kpi.id, sel.commune, tuple(sel.peers.lau2s))
demo_shown = trend["status"].eq("demo").any()
kpi_heading(tr, kpi, f"{kpi.label(tr.lang)} · {sel.commune_name}", demo_shown)
st.caption(coverage_line(coverage_of(cached(kpi_year_coverage), kpi.id), tr, official))

small_years = [int(y) for y, n in zip(trend["year"], trend["n_with_data"], strict=True) if n < SMALL_GROUP]
if small_years:
    st.warning(tr("trends.small_group", years=", ".join(map(str, small_years)), min=SMALL_GROUP), icon="⚠️")
known = trend.dropna(subset=["value"])
if len(known):
    last = known.iloc[-1]
    m = st.columns(4)
    m[0].metric(tr("trends.metric.latest", year=int(last["year"])), format_value(last["value"], kpi, tr),
                tr("trends.metric.yoy", value=format_gap(last["yoy_change"], kpi, tr)), delta_color="off",
                delta_arrow="off")
    m[1].metric(tr("peers.chart.peer_median"), format_value(last["median"], kpi, tr),
                tr("benchmark.metric.n", n=int(last["n_with_data"])), delta_color="off", delta_arrow="off")
    m[2].metric(tr("peers.chart.iqr"), format_range(_opt(last["q1"]), _opt(last["q3"]), kpi, tr))
    m[3].metric(tr("peers.chart.national"), format_value(last["national_median"], kpi, tr))
missing = [int(y) for y, v in zip(trend["year"], trend["value"], strict=True) if pd.isna(v)]
if missing:
    st.caption(tr("trends.gaps", years=", ".join(map(str, missing))))

title = tr("trends.chart", commune=sel.commune_name) + (f" · {tr('peers.demo_badge')}" if demo_shown else "")
trend_alt = series_alt(tr, title, trend["year"], trend["value"], lambda v: format_value(v, kpi, tr), trend["median"],
                       tr("peers.chart.peer_median"))
plotly_chart(tr, trend_figure(trend, sel.commune_name, kpi, tr, title), alt=trend_alt, config=PLOT_CONFIG,
             key="trend_main")  # its table: the expander below
st.caption(tr("trends.legend_note"))

with st.expander(tr("trends.table"), expanded=False):
    dataframe(
        pd.DataFrame({
            tr("trends.col.year"): trend["year"].astype(str),
            sel.commune_name: [format_value(v, kpi, tr) for v in trend["value"]],
            tr("trends.col.yoy"): [format_gap(v, kpi, tr) for v in trend["yoy_change"]],
            tr("peers.chart.peer_median"): [format_value(v, kpi, tr) for v in trend["median"]],
            tr("trends.col.n"): trend["n_with_data"],
            tr("peers.chart.national"): [format_value(v, kpi, tr) for v in trend["national_median"]],
            tr("benchmark.col.status"): [tr(f"peers.status.{s}") if s else "–" for s in trend["status"]],
        }),
        hide_index=True,
    )

st.subheader(tr("trends.multiples", programme=tr(f"benchmark.programme.{kpi.programme}")))
trends = cached(programme_trends, kpi.programme, sel.commune, tuple(sel.peers.lau2s))
catalogue = load_catalogue()
if trends:
    kpis = {k: catalogue[k] for k in trends}
    panels_alt = multiples_alt(tr, sel.commune_name, trends, {k: kpis[k].label(tr.lang) for k in trends},
                               {k: (lambda v, kp=kpis[k]: format_value(v, kp, tr)) for k in trends})
    plotly_chart(tr, small_multiples_figure(trends, kpis, sel.commune_name, tr), alt=panels_alt, config=PLOT_CONFIG,
                 key="trend_multiples")
    st.caption(tr("trends.multiples_note"))
st.caption(tr("peers.rules"))
