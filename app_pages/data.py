"""Data: the KPI catalogue, the submissions log, a provenance lookup, the templates, and a file check that writes nothing."""

import streamlit as st

from analytics.checks.problems import printable, render_problems
from analytics.config.catalogue import load_catalogue, load_grant_rules
from analytics.metrics.coverage import latest_coverage
from analytics.present.coverage_text import coverage_cell
from analytics.present.exports import current_values_parquet, full_export_zip, open_sdg_zip
from analytics.present.format import unit_text
from analytics.present.templates import CSV_NAME, XLSX_NAME, template_csv, template_xlsx
from analytics.queries.communes import communes
from analytics.queries.coverage import kpi_year_coverage
from analytics.queries.kpis import kpi_years
from analytics.queries.provenance import history
from analytics.queries.submissions import submission_log
from analytics.store.reference_codes import reference_codes
from ui.data import cached, reader
from ui.limited_check import check_upload_limited
from ui.shell import translator
from ui.state import url_choice, url_int
from ui.tables import dataframe

tr = translator()
catalogue = load_catalogue()

st.header(tr("data.title"), divider="gray")
st.caption(tr("data.subtitle"))

# Catalogue ----------------------------------------------------------------------------------------------------------
st.subheader(tr("data.catalogue.title"))
st.caption(tr("data.catalogue.caption", count=len(catalogue)))
table = catalogue.frame(tr.lang)
programme = (
    st.segmented_control(
        tr("data.catalogue.programme"),
        ["all", "equality", "intercultural", "grants", "context"],
        default="all",
        format_func=lambda p: tr(f"data.programme.{p}"),
        key="data_programme",
    )
    or "all"
)
if programme != "all":
    table = table[table["programme"] == programme]
latest = latest_coverage(cached(kpi_year_coverage)).set_index("kpi")
coverage = [coverage_cell(int(latest.at[k, "official"]), int(latest.at[k, "demo"]), int(latest.at[k, "none"]),
                          int(latest.at[k, "year"]), tr) if k in latest.index else tr("coverage.nothing")
            for k in table["id"]]
dataframe(
    {
        tr("data.col.label"): table["label"],
        tr("data.col.definition"): table["definition"],
        tr("data.col.coverage"): coverage,  # "2026: 10 official · 90 demo · 0 none"
        tr("data.col.unit"): [unit_text(u, tr) for u in table["unit"]],
        tr("data.col.direction"): [tr(f"data.direction.{d}") for d in table["direction"]],
        tr("data.col.status"): [tr(f"data.status.{s}") for s in table["status"]],
        tr("data.col.type"): [tr(f"data.type.{t}") for t in table["type"]],
        tr("data.col.range"): table["range"],
        tr("data.col.stages"): table["stages"],
        tr("data.col.source"): table["source"],
        tr("data.col.id"): table["id"],  # what submission files and URLs use; last, for data managers
    },
    hide_index=True,
    # the definitions are long: at full length they pushed the coverage out of a 1440 px screen (a cell shows it all)
    column_config={tr("data.col.definition"): st.column_config.TextColumn(width=320)},
    key="data_catalogue",
)
if not load_grant_rules().verified:
    st.warning(tr("data.grants_unverified"), icon="⚠️")

# Submissions log ----------------------------------------------------------------------------------------------------
st.subheader(tr("data.log.title"))
log = cached(submission_log)
st.caption(
    tr(
        "data.log.caption",
        count=len(log),
        official=int((log["status"] == "official").sum()),
        demo=int((log["status"] == "demo").sum()),
    )
)
dataframe(
    {
        tr("data.log.id"): log["submission_id"],
        tr("data.log.file"): log["file_name"],
        tr("data.col.status"): [tr(f"data.status.{s}") for s in log["status"]],
        tr("data.log.by"): log["submitted_by"],
        tr("data.log.approved"): log["approved_by"],
        tr("data.log.received"): log["received_at"].dt.strftime("%Y-%m-%d %H:%M"),
        tr("data.log.rows"): log["rows"],
        tr("data.log.new"): log["new_rows"],
        tr("data.log.revised"): log["revised_rows"],
        "sha256": log["sha256"],
    },
    hide_index=True,
    key="data_log",
)

# Provenance ---------------------------------------------------------------------------------------------------------
st.subheader(tr("data.prov.title"))
names = cached(communes)
name_of = dict(zip(names["lau2"], names["name"], strict=True))
c1, c2, c3 = st.columns([2, 3, 1])
lau2 = url_choice(
    "lau2",
    tr("data.prov.commune"),
    list(names["lau2"]),
    "0304",
    tr,
    format_func=lambda c: f"{name_of[c]} ({c})",
    container=c1,
)
kpi = url_choice(
    "kpi",
    tr("data.prov.kpi"),
    catalogue.ids,
    "woman_mayor",
    tr,
    format_func=lambda k: catalogue[k].label(tr.lang),
    container=c2,
)
years = cached(kpi_years, kpi)
if not years:
    st.info(tr("data.prov.no_years"))
else:
    year = url_int("year", tr("data.prov.year"), years, years[-1], tr, container=c3)
    st.caption(tr("data.prov.caption", lau2=lau2, kpi=kpi, year=year))
    versions = cached(history, lau2, kpi, year)
    if versions.empty:
        st.info(tr("data.prov.none"))
    else:
        dataframe(
            {
                tr("data.prov.value"): versions["value"],
                tr("data.col.status"): [tr(f"data.status.{s}") for s in versions["status"]],
                tr("data.prov.current"): versions["is_current"],
                tr("data.log.id"): versions["submission_id"],
                tr("data.log.file"): versions["file_name"],
                tr("data.prov.row"): versions["source_row"],
                tr("data.log.by"): versions["submitted_by"],
                tr("data.log.approved"): versions["approved_by"],
                tr("data.log.received"): versions["received_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
                "sha256": versions["sha256"],
            },
            hide_index=True,
            key="data_provenance",
        )

# Exports ------------------------------------------------------------------------------------------------------------
st.subheader(tr("data.export.title"))
st.caption(tr("data.export.caption"))
e1, e2, e3, _ = st.columns([1.3, 1, 1.3, 1.4])
e1.download_button(
    tr("data.export.full"), cached(full_export_zip, tr.lang), file_name="gemengen_observatory_export.zip",
    mime="application/zip", key="data_export_full", icon=":material/folder_zip:",
)
e2.download_button(
    tr("data.export.parquet"), cached(current_values_parquet), file_name="kpi_values.parquet",
    mime="application/vnd.apache.parquet", key="data_export_parquet", icon=":material/table:",
)
e3.download_button(
    tr("data.export.open_sdg"), cached(open_sdg_zip, tr.lang), file_name="open_sdg_indicators.zip",
    mime="application/zip", key="data_export_sdg", icon=":material/public:",
)

# Templates and file check -------------------------------------------------------------------------------------------
st.subheader(tr("data.templates.title"))
st.caption(tr("data.templates.caption"))
t1, t2, _ = st.columns([1, 1, 3])
t1.download_button(tr("data.templates.csv"), template_csv(), file_name=CSV_NAME, mime="text/csv", key="data_tpl_csv")
t2.download_button(
    tr("data.templates.xlsx"),
    template_xlsx(tr.lang),
    file_name=XLSX_NAME,
    key="data_tpl_xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader(tr("data.upload.title"))
st.caption(tr("data.upload.caption"))
upload = st.file_uploader(tr("data.upload.label"), type=["csv", "xlsx"], key="data_upload")
if upload is not None:
    check = check_upload_limited(upload.getvalue(), upload.name, reference_codes(reader()))  # in a limited child
    if check.errors:
        st.error(tr("data.upload.rejected", count=check.error_count), icon="🚫")
        st.code("\n".join(render_problems(check.errors)), language=None)
    else:
        st.success(tr("data.upload.ok", rows=check.rows, name=printable(upload.name).replace("`", "'")), icon="✅")
    if check.warnings:
        st.warning(tr("data.upload.warnings", count=check.warning_count), icon="⚠️")
        st.code("\n".join(render_problems(check.warnings)), language=None)
