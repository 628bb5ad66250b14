"""Home: Luxembourg's 100 communes on one map, with the national headline figures."""

import streamlit as st

from analytics.present.alt_text import ranking_alt
from analytics.present.choropleth import PLOT_CONFIG, choropleth_figure, load_shapes
from analytics.present.known_figures import national_context_lines, women_elected_figure, women_mayors_figure
from analytics.present.population_map import METRIC_COLUMNS, format_metric, population_layer
from analytics.queries.population import (
    HOME_METRICS,
    build_info,
    commune_metrics,
    headline,
    national_context,
)
from analytics.queries.programmes import programme_facts
from ui.charts import plotly_chart
from ui.data import cached
from ui.shell import translator
from ui.state import url_choice
from ui.tables import dataframe

tr = translator()
year = cached(build_info).data_as_of
head = cached(headline, year)

st.header(tr("home.title"), divider="gray")
st.caption(tr("home.subtitle"))

c1, c2, c3, c4 = st.columns(4)
c1.metric(tr("home.kpi.communes"), head.communes)
c2.metric(
    tr("home.kpi.population", year=year),
    tr.number(head.national_population),
    tr("home.kpi.growth_since", value=tr.signed_percent(head.national_growth_pct), year=head.base_year),
    delta_color="off",
)
c3.metric(tr("home.kpi.largest"), head.largest_name, tr("home.kpi.residents", value=tr.number(head.largest_population)),
          delta_color="off", delta_arrow="off")
c4.metric(tr("home.kpi.fastest", year=head.base_year), head.fastest_name, tr.signed_percent(head.fastest_growth_pct),
          delta_color="off")

facts = cached(programme_facts)
p1, p2, p3, p4 = st.columns(4)
p1.metric(tr("home.fact.pact"), facts.gemengepakt_signatories,
          tr("home.fact.pact_note", first=tr.date(facts.first_signing), last=facts.last_signing_year),
          delta_color="off", delta_arrow="off")
p2.metric(tr("home.fact.pilot"), facts.pilot_communes, tr("home.fact.pilot_note"), delta_color="off", delta_arrow="off")
p3.metric(tr("home.fact.conventions"), facts.equality_conventions, tr("home.fact.conventions_note"),
          delta_color="off", delta_arrow="off")
mayors = women_mayors_figure(facts, tr)
p4.metric(mayors.label, mayors.short, mayors.short_note, delta_color="off", delta_arrow="off", help=mayors.sentence)
st.caption(mayors.sentence + " " + tr("home.fact.sources"))

metric = url_choice(
    "metric", tr("home.metric_label"), HOME_METRICS, "population", tr,
    format_func=lambda m: tr(f"home.metric.{m}"), widget="segmented_control", required=True,
)

metrics = cached(commune_metrics, year)
layer = population_layer(metrics, metric, tr)
map_text = ranking_alt(tr, tr(f"home.metric.{metric}"), metrics.set_index("name")[METRIC_COLUMNS[metric]],
                       lambda v: format_metric(v, metric, tr), tr("a11y.of.communes"))
left, right = st.columns([5, 2])
with left:
    plotly_chart(tr, choropleth_figure(cached(load_shapes), layer, height=500), alt=map_text, config=PLOT_CONFIG,
                 key="home_map")
    st.caption(tr("home.scheme_note"))
with right:
    st.markdown(f"**{tr('home.top_title')} · {tr(f'home.metric.{metric}')}**")
    column = METRIC_COLUMNS[metric]
    top = metrics.nlargest(10, column)
    dataframe(
        {
            tr("home.col.commune"): top["name"],
            tr(f"home.metric.{metric}"): [format_metric(v, metric, tr) for v in top[column]],
        },
        hide_index=True,
    )
elected = women_elected_figure(facts, tr)
context = [f"**{elected.label}: {elected.value}** ({elected.note})"] if elected is not None else []
context += national_context_lines(cached(national_context), tr)
if context:
    st.markdown(f"**{tr('known.context_title')}**\n\n" + "\n".join(f"- {line}" for line in context))
st.caption(tr("home.sources", year=year))
