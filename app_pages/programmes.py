"""Programmes: who is where in Égalité dans les Communes, the Gemengepakt and the pilot, and what needs a follow-up."""

import streamlit as st

from analytics.config.catalogue import load_catalogue
from analytics.metrics import programmes as pg
from analytics.present.alt_text import categories_alt, funnel_alt, timeline_alt
from analytics.present.choropleth import PLOT_CONFIG, choropleth_figure, load_shapes
from analytics.present.format import certainty_text, format_value, missing_text, stage_text, yes_no_text
from analytics.present.programme_charts import category_layer, funnel_figure, stage_colours, timeline_figure
from analytics.queries.communes import communes
from ui.charts import plotly_chart
from ui.data import cached
from ui.shell import translator
from ui.state import url_choice, url_int
from ui.tables import dataframe

tr = translator()
st.header(tr("prog.title"), divider="gray")

programme = url_choice("programme", tr("prog.choose"), pg.PROGRAMMES, "gemengepakt", tr,
                       format_func=lambda p: tr(f"prog.name.{p}"), widget="segmented_control", required=True)
st.caption(tr(f"prog.about.{programme}"))
shapes = cached(load_shapes)
link_col = st.column_config.LinkColumn(tr("prog.col.source"), display_text=r"https?://(?:www\.)?([^/]+)")


if programme in pg.STAGE_KPI:
    history = cached(pg.stage_history, programme)
    labels = cached(pg.stage_labels, programme, tr.lang)
    top = pg.TOP_STAGE[programme]
    colours = stage_colours(top)
    current = pg.current_stage(history)
    year = int(current["year"].max())
    runs = pg.stage_runs(history)

    c1, c2, c3 = st.columns(3)
    c1.metric(tr("prog.kpi.engaged", year=year), pg.engaged_communes(current))
    if programme == "gemengepakt":
        signing = pg.signing_counts(cached(pg.signatories))
        c2.metric(tr("prog.kpi.signatories"), signing.signatories, tr("prog.kpi.real"), delta_color="off",
                  delta_arrow="off")
        c3.metric(tr("prog.kpi.decisions"), signing.decisions, tr("prog.kpi.bodies", n=signing.via_bodies),
                  delta_color="off", delta_arrow="off")
    else:
        equality = pg.equality_counts(cached(pg.equality_facts))
        c2.metric(tr("prog.kpi.conventions"), equality.conventions, tr("prog.kpi.real"), delta_color="off",
                  delta_arrow="off")
        c3.metric(tr("prog.kpi.prizes"), equality.prizes, tr("prog.kpi.real"), delta_color="off", delta_arrow="off")

    left, right = st.columns([2, 3])
    with left:
        st.markdown(f"**{tr('prog.funnel_title')}**")
        funnel = pg.stage_funnel(history)
        plotly_chart(tr, funnel_figure(funnel, labels, colours, tr("demo.label")), key="funnel",
                     config={"displaylogo": False}, alt=funnel_alt(tr, tr("prog.funnel_title"), funnel, labels))
        st.caption(tr(f"prog.funnel_note.{programme}"))
    with right:
        st.markdown(f"**{tr('prog.map_title', year=year)}**")
        frame = current[["lau2", "name", "canton"]].copy()
        frame["value_text"] = [
            f"{tr('prog.stage')}: {stage_text(int(s), labels[int(s)])}" + (f" ({tr('demo.label')})" if st_ == "demo" else "")
            for s, st_ in zip(current["stage"], current["status"])
        ]
        legend = tr("prog.map_legend")
        if (current["status"] == "demo").any():  # invented stages: say so on the map itself, as the KPI map does
            legend += f"<br><b>{tr('status.demo_data')}</b>"
        layer = category_layer(frame, current["stage"], [stage_text(s, labels[s]) for s in range(top + 1)], colours,
                               legend, missing_text(tr))
        stage_counts = dict(zip(layer.class_labels, layer.classification.counts, strict=True))
        plotly_chart(tr, choropleth_figure(shapes, layer, height=440), config=PLOT_CONFIG, key="stage_map",
                     alt=categories_alt(tr, tr("prog.map_title", year=year), stage_counts))
        st.caption(tr(f"prog.map_note.{programme}"))

if programme == "pilot":
    pilot_rows = cached(pg.pilot)
    cats = pg.pilot_categories(pilot_rows, cached(communes))
    counts = pg.pilot_counts(pilot_rows, cats)
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("prog.kpi.pilot_signatures"), counts.signatures, tr("prog.kpi.real"), delta_color="off",
              delta_arrow="off")
    c2.metric(tr("prog.kpi.pilot_communes_today"), counts.communes_today)
    c3.metric(tr("prog.kpi.pilot_then_signed"), counts.then_signed, tr("prog.kpi.of_pilot", n=counts.communes_today),
              delta_color="off", delta_arrow="off")
    st.markdown(f"**{tr('prog.pilot_map_title')}**")
    frame = cats[["lau2", "name", "canton"]].copy()
    frame["value_text"] = [
        tr("prog.pilot_hover", year=int(y), signed=yes_no_text(s, tr)) if c else tr("prog.pilot_none")
        for y, s, c in zip(cats["pilot_year"].fillna(0), cats["signed_gemengepakt"], cats["category"])
    ]
    labels = [tr("prog.pilot_none")] + [str(y) for y in cats.attrs["years"]]
    layer = category_layer(frame, cats["category"], labels, stage_colours(len(labels) - 1), tr("prog.pilot_legend"),
                           missing_text(tr))
    pilot_counts = dict(zip(layer.class_labels, layer.classification.counts, strict=True))
    plotly_chart(tr, choropleth_figure(shapes, layer, height=440), config=PLOT_CONFIG, key="pilot_map",
                 alt=categories_alt(tr, tr("prog.pilot_map_title"), pilot_counts))

if programme in ("gemengepakt", "pilot"):
    rows = cached(pg.signatories) if programme == "gemengepakt" else cached(pg.pilot)
    st.subheader(tr(f"prog.timeline_title.{programme}"))
    timeline = pg.signatures_timeline(rows)
    plotly_chart(tr, timeline_figure(timeline, tr("prog.cumulative"), tr("prog.signed_that_day")), key="timeline",
                 config={"displaylogo": False}, alt=timeline_alt(tr, tr(f"prog.timeline_title.{programme}"), timeline))
    undated = pg.undated_by_year(rows)
    for y, names in undated.items():
        st.caption(tr("prog.undated", year=y, n=len(names), names=", ".join(names)))
    st.caption(tr(f"prog.timeline_note.{programme}"))

st.subheader(tr("prog.list_title"))
if programme == "gemengepakt":
    table = pg.gemengepakt_list(cached(pg.signatories), cached(pg.pilot), current)
    shown = {
        tr("prog.col.commune"): table["name"],
        tr("prog.col.date"): [d.strftime("%Y-%m-%d") if d == d and d is not None else str(y)
                              for d, y in zip(table["date"], table["signing_year"])],
        tr("prog.col.body"): table["body"].fillna("–"),
        tr("prog.col.certainty"): [certainty_text(c, "official", tr) for c in table["certainty_level"]],
        tr("prog.col.source"): table["link"],
        tr("prog.col.stage"): [missing_text(tr) if s != s else  # no stage in the year shown (production mode)
                               stage_text(int(s), labels[int(s)]) + (f" ({tr('demo.label')})" if x == "demo" else "")
                               for s, x in zip(table["stage"], table["stage_status"])],
        tr("prog.col.kind"): table["kind"].map(lambda k: tr(f"prog.kind.{k}")),
        tr("prog.col.ceremony"): table["ceremony"],
        tr("prog.col.canton"): table["canton"],
    }
elif programme == "pilot":
    table = cached(pg.pilot)
    shown = {
        tr("prog.col.commune_at_signing"): table["commune_at_signing"],
        tr("prog.col.commune_today"): table["name"],
        tr("prog.col.date"): [d.strftime("%Y-%m-%d") if d == d and d is not None else str(y)
                              for d, y in zip(table["signing_date"], table["signing_year"])],
        tr("prog.col.body"): table["grouping"].fillna("–"),
        tr("prog.col.certainty"): [certainty_text(pg.certainty_level(c), "official", tr) for c in table["certainty"]],
        tr("prog.col.source"): table["source"].map(pg.first_url),
        tr("prog.col.gemengepakt"): table["signed_gemengepakt"].map(lambda b: yes_no_text(b, tr)),
    }
else:
    facts = cached(pg.equality_facts)
    cemr = cached(pg.cemr_signatories)
    stage = current.set_index("lau2")
    shown = {
        tr("prog.col.commune"): list(facts["name"]) + list(cemr["name"]),
        tr("prog.col.kind"): [tr(f"prog.fact.{k}") for k in facts["kind"]] + [tr("prog.fact.cemr")] * len(cemr),
        tr("prog.col.date"): list(facts["date_or_period"]) + [str(d)[:10] if d == d and d is not None else "–"
                                                              for d in cemr["signature_date"]],
        tr("prog.col.certainty"): [certainty_text(pg.certainty_level(c), "official", tr)
                                   for c in list(facts["certainty"]) + list(cemr["certainty"])],
        tr("prog.col.source"): [pg.first_url(s) for s in list(facts["source"]) + list(cemr["source"])],
        tr("prog.col.stage"): [f"{stage_text(int(stage.at[c, 'stage']), labels[int(stage.at[c, 'stage'])])} ({tr('demo.label')})"
                               for c in list(facts["lau2"]) + list(cemr["lau2"])],
    }
dataframe(shown, hide_index=True, column_config={tr("prog.col.source"): link_col}, key="programme_list")
st.caption(tr(f"prog.list_note.{programme}"))

st.subheader(tr("prog.flags_title"))
if programme in pg.STAGE_KPI:
    threshold = url_int("stuck", tr("prog.stuck_label"), pg.STUCK_CHOICES, pg.DEFAULT_STUCK_YEARS, tr,
                        widget="select_slider")
    stuck = pg.stuck_at_stage(runs, threshold, pg.TOP_STAGE[programme])
    st.markdown(f"**{tr('prog.flag.stuck', n=len(stuck), years=threshold)}**")
    if len(stuck):
        dataframe({
            tr("prog.col.commune"): stuck["name"],
            tr("prog.col.stage"): [stage_text(s, labels[s]) for s in stuck["stage"]],
            tr("prog.col.since"): stuck["since_year"],
            tr("prog.col.years"): stuck["years_at_stage"],
            tr("prog.col.status"): stuck["status"].map(lambda s: tr(f"prog.status.{s}")),
        }, hide_index=True, key="stuck_table")
if programme == "gemengepakt":
    missing = cached(pg.signatories_without_coordinator, year)
    fte = load_catalogue()["pact_coordinator_fte"]
    st.markdown(f"**{tr('prog.flag.no_coordinator', n=len(missing), year=year)}**")
    if len(missing):
        dataframe({tr("prog.col.commune"): missing["name"],
                      tr("prog.col.fte"): [format_value(v, fte, tr, style="short")
                                             for v in missing["coordinator_fte"]]},
                     hide_index=True, key="coordinator_table")
if programme in ("gemengepakt", "pilot"):
    unsigned = cached(pg.pilot_not_signed)
    st.markdown(f"**{tr('prog.flag.pilot_not_signed', n=len(unsigned))}**")
    if len(unsigned):
        dataframe({tr("prog.col.commune_at_signing"): unsigned["commune_at_signing"],
                      tr("prog.col.date"): unsigned["signing_year"],
                      tr("prog.col.source"): unsigned["source"].map(pg.first_url)},
                     hide_index=True, column_config={tr("prog.col.source"): link_col}, key="unsigned_table")
    st.caption(tr("prog.flag.pilot_note"))
if programme in pg.STAGE_KPI:
    conflicts = pg.stage_conflicts(history, cached(pg.signatories), cached(pg.pilot)) if programme == "gemengepakt" else None
    if conflicts is not None and len(conflicts):
        st.error(tr("prog.conflicts", n=len(conflicts)))
st.caption(tr("prog.sources"))
