"""Benchmarking: one commune against the peers it chooses, on one KPI and across every KPI of its programme."""

import streamlit as st

from analytics.config.catalogue import load_catalogue
from analytics.metrics.benchmark import programme_percentiles, ranking
from analytics.metrics.coverage import coverage_of
from analytics.metrics.peers import SMALL_GROUP, peer_stats
from analytics.present.alt_text import heatmap_alt, ranking_alt
from analytics.present.benchmark_charts import (
    PLOT_CONFIG,
    distribution_figure,
    heatmap_figure,
)
from analytics.present.coverage_text import coverage_line
from analytics.present.format import format_gap, format_range, format_value
from analytics.queries.coverage import kpi_year_coverage
from analytics.queries.kpis import current_values
from ui.charts import plotly_chart
from ui.data import cached
from ui.peer_controls import kpi_heading, peer_controls, peer_explainer
from ui.shell import translator
from ui.status_switch import official_only_switch
from ui.tables import dataframe

tr = translator()
st.header(tr("benchmark.title"), divider="gray")
st.caption(tr("benchmark.subtitle"))
official = official_only_switch(tr)

sel = peer_controls(tr)
if sel is None:
    st.stop()
kpi = sel.kpi
if sel.peers.refused:
    st.caption(tr("peers.custom_ignored", values=", ".join(sel.peers.refused)))
peer_explainer(tr, sel)

values = cached(current_values, kpi.id, sel.year)
stats = peer_stats(values, sel.commune, sel.peers.lau2s, kpi.judging)
ranked = ranking(values, sel.commune, sel.peers.lau2s, kpi.judging)
demo_shown = ranked["status"].eq("demo").any()

kpi_heading(tr, kpi, f"{kpi.label(tr.lang)} · {sel.commune_name} · {sel.year}", demo_shown)
st.caption(coverage_line(coverage_of(cached(kpi_year_coverage), kpi.id, sel.year), tr, official))

if stats.small_group:
    st.warning(tr("peers.small_group", n=stats.n_with_data, min=SMALL_GROUP), icon="⚠️")
if stats.value is None:
    st.info(tr("benchmark.no_value", commune=sel.commune_name, year=sel.year))

m = st.columns(5)
m[0].metric(tr("benchmark.metric.value"), format_value(stats.value, kpi, tr))
m[1].metric(tr("benchmark.metric.median"), format_value(stats.median, kpi, tr),
            tr("benchmark.metric.gap", value=format_gap(stats.gap_to_median, kpi, tr)), delta_color="off",
            delta_arrow="off")
m[2].metric(tr("benchmark.metric.iqr"), format_range(stats.q1, stats.q3, kpi, tr))
if kpi.direction == "neutral":
    m[3].metric(tr("benchmark.metric.best_quartile"), tr("benchmark.metric.not_rated"))
elif kpi.direction == "target":  # judged against parity: the gap to the target, not to a quartile
    m[3].metric(tr("benchmark.metric.target"), format_value(stats.best_quartile, kpi, tr),
                tr("benchmark.metric.gap", value=format_gap(stats.gap_to_best_quartile, kpi, tr)), delta_color="off",
                delta_arrow="off")
else:
    m[3].metric(tr("benchmark.metric.best_quartile"), format_value(stats.best_quartile, kpi, tr),
                tr("benchmark.metric.gap", value=format_gap(stats.gap_to_best_quartile, kpi, tr)), delta_color="off",
                delta_arrow="off")
pct = "–" if stats.percentile_rank is None or stats.small_group else tr.number(stats.percentile_rank, 0)
pct_label = "benchmark.metric.position" if kpi.direction == "neutral" else "benchmark.metric.percentile"
m[4].metric(tr(pct_label), pct, tr("benchmark.metric.n", n=stats.n_with_data),
            delta_color="off", delta_arrow="off", help=tr("benchmark.metric.percentile_help"))

left, right = st.columns([3, 2])
with left:
    chart_title = tr("benchmark.chart.distribution") + (f" · {tr('peers.demo_badge')}" if demo_shown else "")
    fig = distribution_figure(ranked, sel.names, kpi, tr, stats.median, stats.q1, stats.q3, stats.best_quartile,
                              chart_title)
    strip_alt = ranking_alt(tr, chart_title, ranked.set_index(ranked["lau2"].map(sel.names))["value"],
                            lambda v: format_value(v, kpi, tr), tr("a11y.of.peers"), focus=sel.commune_name,
                            direction=kpi.judging)
    plotly_chart(tr, fig, alt=strip_alt.alt, config=PLOT_CONFIG, key="benchmark_distribution")  # table: beside
with right:
    st.markdown(f"**{tr('benchmark.ranking')}**")
    table = ranked.assign(
        commune=[("▶ " if t else "") + sel.names[c] for c, t in zip(ranked["lau2"], ranked["is_target"], strict=True)],
        shown=[format_value(v, kpi, tr) for v in ranked["value"]],
        source=[tr(f"peers.status.{s}") for s in ranked["status"]],
    )
    view = table[["rank", "commune", "shown", "source"]].rename(columns={
        "rank": tr("benchmark.col.rank"), "commune": tr("peers.col.commune"), "shown": kpi.label(tr.lang),
        "source": tr("benchmark.col.status"),
    })
    highlight = table["is_target"].tolist()
    dataframe(
        view.style.apply(lambda r: ["background-color: #ffe8cc; font-weight: bold" if highlight[r.name] else ""
                                    for _ in r], axis=1),
        hide_index=True, height=min(38 + 35 * len(view), 420),
    )

st.subheader(tr("benchmark.heat.title", programme=tr(f"benchmark.programme.{kpi.programme}")))
profile = cached(programme_percentiles, sel.commune, tuple(sel.peers.lau2s), kpi.programme)
catalogue = load_catalogue()
labels = {k.id: k.label(tr.lang) for k in catalogue}
rated = profile[profile["direction"] != "neutral"]
if rated.empty:
    st.info(tr("benchmark.heat.empty"))
elif rated["small_group"].all():
    st.info(tr("benchmark.heat.all_small", min=SMALL_GROUP))
else:
    heat_demo = profile["status"].eq("demo").any()
    heat_title = tr("benchmark.heat.chart", commune=sel.commune_name) + (
        f" · {tr('peers.demo_badge')}" if heat_demo else "")
    plotly_chart(tr, heatmap_figure(profile, labels, tr, heat_title), config=PLOT_CONFIG, key="benchmark_heatmap",
                 alt=heatmap_alt(tr, heat_title, rated, labels))
    neutral = sorted({labels[k] for k in profile.loc[profile["direction"] == "neutral", "kpi"]})
    st.caption(tr("benchmark.heat.note", min=SMALL_GROUP) + (
        " " + tr("benchmark.heat.neutral", kpis=", ".join(neutral)) if neutral else ""))
st.caption(tr("peers.rules"))
