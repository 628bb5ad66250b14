"""Grants: Gemengepakt and equality money by type, year, commune and canton; the rules next to what was granted."""

import streamlit as st

from analytics.config.catalogue import load_grant_rules
from analytics.metrics import grants as gr
from analytics.present.alt_text import stacked_alt
from analytics.present.programme_charts import grants_figure
from analytics.queries.communes import communes
from ui.charts import plotly_chart
from ui.data import cached
from ui.shell import translator
from ui.state import url_choice, url_int
from ui.tables import dataframe

tr = translator()
rules = load_grant_rules()
demo = tr("demo.label")
st.header(tr("grants.title"), divider="gray")
st.caption(tr("grants.about"))

years = cached(gr.grant_years)
if not years:  # no grant value at all (production mode before any commune reported one)
    st.info(tr("grants.no_data"))
    st.stop()
names = cached(communes).set_index("lau2")["name"].to_dict()
c1, c2 = st.columns([1, 2])
with c1:
    year = url_int("year", tr("grants.year"), years, years[-1], tr)
with c2:
    commune = url_choice("commune", tr("grants.commune"), list(names), "0304", tr,
                         format_func=lambda c: f"{names[c]} ({c})")

kinds = {kpi: tr(f"grants.kind.{kind}") for kind, kpi in gr.GRANT_KPIS.items()}

st.subheader(tr("grants.spending_title", year=year))
st.info(tr("grants.demo_warning"), icon=":material/science:")
m1, m2, m3 = st.columns(3)
budget = m3.number_input(tr("grants.budget_label"), min_value=0, step=100_000, value=0, help=tr("grants.budget_help"))
summary = gr.spending_summary(cached(gr.spending), year, budget)
m1.metric(tr("grants.total", year=year), tr.eur(summary.total), demo, delta_color="off", delta_arrow="off")
m2.metric(tr("grants.per_resident"), tr.eur(summary.per_resident, 2), demo, delta_color="off", delta_arrow="off")

left, right = st.columns([1, 1])
with left:
    st.markdown(f"**{tr('grants.by_year_type')}**")
    plotly_chart(tr, grants_figure(summary.by_year_type, kinds, tr("grants.eur_axis"), demo), key="grants_chart",
                 config={"displaylogo": False},
                 alt=stacked_alt(tr, tr("grants.by_year_type"), summary.by_year_type, kinds, tr.eur))
with right:
    st.markdown(f"**{tr('grants.by_type', year=year)}**")
    by_type = summary.by_type
    st.table({
        tr("grants.col.type"): by_type["kpi"].map(kinds),
        tr("grants.col.granted", demo=demo): by_type["granted"].map(tr.eur),
        tr("grants.col.per_resident"): by_type["per_resident"].map(lambda v: tr.eur(v, 2)),
        tr("grants.col.share_budget") if summary.of_budget else tr("grants.col.share_total"):
            by_type["share"].map(tr.percent),
    }, hide_index=True)
    st.caption(tr("grants.budget_note") if summary.of_budget else tr("grants.share_note"))

cl, cr = st.columns([1, 1])
with cl:
    st.markdown(f"**{tr('grants.by_canton', year=year)}**")
    by_canton = summary.by_canton
    dataframe({
        tr("grants.col.canton"): by_canton["canton"],
        tr("grants.col.granted", demo=demo): by_canton["granted"].map(tr.eur),
        tr("grants.col.per_resident"): by_canton["per_resident"].map(lambda v: tr.eur(v, 2)),
        tr("grants.col.share_total"): by_canton["share_of_total"].map(tr.percent),
    }, hide_index=True, key="by_canton")
with cr:
    st.markdown(f"**{tr('grants.by_commune', year=year)}**")
    by_commune = summary.by_commune
    dataframe({
        tr("grants.col.commune"): by_commune["name"],
        tr("grants.col.granted", demo=demo): by_commune["granted"].map(tr.eur),
        tr("grants.col.per_resident"): by_commune["per_resident"].map(lambda v: tr.eur(v, 2)),
    }, hide_index=True, key="by_commune")

st.subheader(tr("grants.calc_title", commune=names[commune], year=year))
calc = cached(gr.calculator, commune, year)
low, high = calc.population_band
st.caption(tr("grants.calc_inputs",
              councillors=calc.councillors if calc.councillors is not None else "–",
              population=tr.number(calc.population_2022), low=tr.number(low),
              high=tr.number(high) if high is not None else "∞",
              stage=calc.stage if calc.stage is not None else "–",
              fte=tr.number(calc.coordinator_fte, 1) if calc.coordinator_fte is not None else "–",
              signatories=tr.number(calc.signatories) if calc.signatories is not None else "–"))
if not calc.in_force:
    st.info(tr("grants.not_in_force", year=rules.in_force_from_year))
verdicts = {"over": "⛔ " + tr("grants.verdict.over"), "under": tr("grants.verdict.under"),
            "ok": "✓ " + tr("grants.verdict.ok"), "none": tr("grants.verdict.none")}
st.table({
    tr("grants.col.component"): [tr(f"grants.kind.{r.component}") for r in calc.rows],
    tr("grants.col.rule"): [tr(f"grants.rule.{r.component}", cap=tr.eur(rules.coordinator_max_eur),
                               per=tr.eur(rules.per_signatory_eur)) + ("" if r.verified else " ⚠ " + tr("grants.unverified"))
                            for r in calc.rows],
    tr("grants.col.allowed"): [tr.eur(r.allowed) for r in calc.rows],
    tr("grants.col.granted", demo=demo): [tr.eur(r.granted) for r in calc.rows],
    tr("grants.col.verdict"): [verdicts[r.verdict] for r in calc.rows],
}, hide_index=True)
st.markdown("\n".join(f"- **{tr(f'grants.kind.{r.component}')}** — {tr('grants.col.citation')} : {r.citation}"
                      for r in calc.rows))
if calc.overspent:
    st.error(tr("grants.calc_over", commune=names[commune], year=year))
with st.container(border=True):
    st.markdown(f"**{tr('grants.tiers_title')}** ⚠ {tr('grants.unverified')}")
    st.caption(tr("grants.tiers_note"))
    st.table({
        tr("grants.col.councillors"): [f"{lo}–{hi}" if hi < 99 else f"≥ {lo}" for lo, hi, _ in rules.tiers],
        tr("grants.col.tier"): [tr.eur(eur) for _, _, eur in rules.tiers],
    }, hide_index=True)
extra = st.number_input(tr("grants.whatif_label"), min_value=0, max_value=100_000, value=200, step=50)
st.success(tr("grants.whatif", n=tr.number(extra), eur=tr.eur(gr.what_if_signatories(rules, extra))))

st.subheader(tr("grants.outliers_title", year=year))
outliers = gr.grant_outliers(cached(gr.grant_checks, year))
over, under = outliers.over, outliers.under
if len(over):
    st.error(tr("grants.outliers_over", n=len(over)))
    dataframe({
        tr("grants.col.commune"): over["name"], tr("grants.col.component"): over["component"].map(
            lambda c: tr(f"grants.kind.{c}")),
        tr("grants.col.allowed"): over["allowed"].map(tr.eur),
        tr("grants.col.granted", demo=demo): over["granted"].map(tr.eur),
        tr("grants.col.excess"): over["excess"].map(tr.eur),
    }, hide_index=True, key="over_table")
else:
    st.success(tr("grants.outliers_none"))
with st.expander(tr("grants.under_title", n=len(under))):
    dataframe({
        tr("grants.col.commune"): under["name"], tr("grants.col.component"): under["component"].map(
            lambda c: tr(f"grants.kind.{c}")),
        tr("grants.col.allowed"): under["allowed"].map(tr.eur),
        tr("grants.col.granted", demo=demo): under["granted"].map(tr.eur),
    }, hide_index=True, key="under_table")
st.caption(tr("grants.sources"))
