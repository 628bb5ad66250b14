"""Map explorer: any KPI, any year, classified and coloured so that "better" always reads the same way."""

import streamlit as st

from analytics.config.catalogue import load_catalogue
from analytics.metrics.classify import DEFAULT_CLASSES, DEFAULT_SCHEME, MAX_CLASSES, MIN_CLASSES, SCHEMES
from analytics.present.choropleth import PLOT_CONFIG
from analytics.present.coverage_text import coverage_line
from analytics.present.format import can_normalise
from analytics.present.kpi_map import NORMALISATIONS, is_categorical, is_target_map
from analytics.queries.kpis import kpi_years
from ui.charts import plotly_chart
from ui.data import cached
from ui.shared_views import kpi_map_view
from ui.shell import translator
from ui.state import publish, url_choice, url_int
from ui.status_switch import official_only_switch
from ui.tables import dataframe

DEFAULT_KPI = "women_councillors_share"

tr = translator()
catalogue = load_catalogue()
st.header(tr("kpimap.title"), divider="gray")
official = official_only_switch(tr)


@st.fragment
def explorer() -> None:
    """The controls, map and table: a change of KPI, year or classes reruns this part only, not the sidebar and the
    page around it (issue 16: a third of the server's work per change under load was the rest of the app)."""
    c_kpi, c_def, c_year, c_norm, c_scheme, c_k = st.columns([3.0, 1.35, 1.0, 1.7, 1.7, 1.0], vertical_alignment="bottom")
    kpi_id = url_choice(
        "kpi", tr("kpimap.kpi"), catalogue.ids, DEFAULT_KPI, tr, container=c_kpi,
        format_func=lambda k: f"{tr(f'kpimap.programme.{catalogue[k].programme}')} · {catalogue[k].label(tr.lang)}",
    )
    kpi = catalogue[kpi_id]
    # a neutral yes/no map has one colour per answer, not "dark = high"
    direction = "neutral_categories" if kpi.direction == "neutral" and is_categorical(kpi) else kpi.direction
    with c_def.popover(tr("kpimap.definition"), icon=":material/info:"):
        st.markdown(f"**{kpi.label(tr.lang)}** ({kpi.unit})")
        st.write(kpi.definition_in(tr.lang))
        st.caption(tr(f"kpimap.direction.{direction}"))
        st.caption(tr("kpimap.source", source=kpi.source))

    years = cached(kpi_years, kpi_id)
    if not years:
        st.info(tr("coverage.no_data_page") if official else tr("kpimap.no_years"))
        return
    year = url_int("year", tr("kpimap.year"), years[::-1], years[-1], tr, container=c_year)
    norm = "absolute"
    if can_normalise(kpi):
        norm = url_choice("norm", tr("kpimap.norm"), NORMALISATIONS, "absolute", tr, container=c_norm,
                          format_func=lambda n: tr(f"kpimap.norm.{n}"))
    else:
        publish("norm", None)
    scheme, k = DEFAULT_SCHEME, DEFAULT_CLASSES
    if not is_categorical(kpi) and not is_target_map(kpi, norm):  # a target map has fixed classes around parity
        scheme = url_choice("scheme", tr("kpimap.scheme"), list(SCHEMES), DEFAULT_SCHEME, tr, container=c_scheme,
                            format_func=lambda s: tr(f"kpimap.scheme.{s}"))
        k = url_int("k", tr("kpimap.k"), list(range(MIN_CLASSES, MAX_CLASSES + 1)), DEFAULT_CLASSES, tr, container=c_k)

    view, figure = kpi_map_view(tr, kpi_id, year, norm, scheme, k)  # built once per view; the figure shared by all
    result = view.result

    status_line = coverage_line(view.coverage, tr, official) + ". " + tr(f"kpimap.direction.{direction}")
    if result.any_demo:
        st.badge(tr("status.demo_data"), icon=":material/science:", color="orange")
        status_line = tr("kpimap.demo_badge") + " " + status_line
    left, right = st.columns([3, 2])
    with left:
        event = plotly_chart(
            tr, figure, alt=view.alt,  # built from the same cached values as the figure
            config=PLOT_CONFIG, key="kpi_map", on_select="rerun", selection_mode="points",
        )
        st.caption(status_line + " " + tr("kpimap.click_hint"))
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    selected = None
    if points:
        custom = points[0].get("customdata") or []
        selected = custom[3] if len(custom) > 3 else points[0].get("location")
    if selected:
        row = result.frame.set_index("lau2").loc[selected]
        publish("commune", selected)
        with left:
            st.markdown(tr("kpimap.selected", name=row["name"], code=selected,
                           value=row["value_text"].split("<br>")[0]))
            st.page_link("app_pages/commune.py", label=tr("kpimap.open_profile", name=row["name"]),
                         icon=":material/location_city:", query_params={"commune": selected, "lang": tr.lang})
    with right:
        table = view.table
        dataframe(view.rows, hide_index=True, height=470, width="stretch",
                     column_config={**table.labels,
                                    "value": st.column_config.NumberColumn(table.labels["value"], format="localized"),
                                    "status": st.column_config.TextColumn(table.labels["status"],
                                                                          help=tr("kpimap.col.status_help"))})
        st.download_button(
            tr("kpimap.download_csv"), view.csv,
            file_name=f"{kpi_id}_{year}_{norm}.csv", mime="text/csv", icon=":material/download:",
        )


explorer()
