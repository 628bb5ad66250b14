"""Downloads of tables and the whole KPI store as files a ministry can open, safely (pure functions, no Streamlit).

Every export carries the unit and the official/demo status of each value in columns, and text cells that a
spreadsheet would run as a formula (`=`, `+`, `-`, `@`, also tab and carriage return) are escaped with a leading
apostrophe, as OWASP recommends against CSV/formula injection.

Public API (pages call these and hand the bytes to `st.download_button`):
- escaping is `analytics.present.escape` (the one escaper, shared with the map's table download).
- `annotate(frame, unit=None, status=None) -> DataFrame`: adds `unit` (from the catalogue when the frame has a `kpi`
  column, else the `unit` argument) and `status` columns when missing.
- `to_csv_bytes(frame, unit=None, status=None) -> bytes`: UTF-8 with BOM (Excel opens accents right), comma separated.
- `to_xlsx_bytes(frame, unit=None, status=None, sheet="data", extra_sheets=None) -> bytes`: one sheet per frame.
- `current_values_frame(source) -> DataFrame`: every current value with commune, programme, type, unit, status.
- `current_values_parquet(source) -> bytes`: that table as Parquet (typed, for analysts).
- `catalogue_export(lang) -> DataFrame`: the KPI catalogue with labels and definitions in `lang`.
- `full_export_zip(source, lang) -> bytes`: values (CSV, XLSX, Parquet), catalogue and stage names, README.
- `open_sdg_zip(source, lang="en") -> bytes`: Open SDG format: `data/indicator_<id>.csv` with `Year, Units, GeoCode,
  Value` per KPI and `meta/<id>.md` (YAML front matter) per KPI, ready for an open-sdg-data-starter repository.
- `svg_to_png(svg, ppi=150) -> bytes`: a map (or any SVG) as PNG, rendered offline by typst (no browser, no Cairo).
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import typst
import yaml

from analytics.config.catalogue import load_catalogue
from analytics.present.escape import escape_formulas, escaped_csv
from analytics.queries.kpis import current_values_full, kpi_stages
from analytics.store.reader import Source

OPEN_SDG_COLUMNS = ["Year", "Units", "GeoCode", "Value"]


def annotate(frame: pd.DataFrame, unit: str | None = None, status: str | None = None) -> pd.DataFrame:
    """Make sure a table says in columns what unit its values are in and whether they are official or demo."""
    out = frame.copy()
    if "unit" not in out.columns:
        if "kpi" in out.columns:
            units = {k.id: k.unit for k in load_catalogue()}
            out["unit"] = out["kpi"].map(units)
        elif unit is not None:
            out["unit"] = unit
    if "status" not in out.columns and status is not None:
        out["status"] = status
    return out


def to_csv_bytes(frame: pd.DataFrame, unit: str | None = None, status: str | None = None) -> bytes:
    """CSV with unit and status columns, formulas escaped; UTF-8 with BOM so Excel shows `Esch-sur-Alzette` right."""
    return escaped_csv(annotate(frame, unit, status)).encode("utf-8-sig")


def to_xlsx_bytes(
    frame: pd.DataFrame,
    unit: str | None = None,
    status: str | None = None,
    sheet: str = "data",
    extra_sheets: dict[str, pd.DataFrame] | None = None,
) -> bytes:
    """XLSX with unit and status columns; escaping matters more here: openpyxl stores `=…` strings as formulas."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        escape_formulas(annotate(frame, unit, status)).to_excel(writer, sheet_name=sheet[:31], index=False)
        for name, extra in (extra_sheets or {}).items():
            escape_formulas(extra).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def current_values_frame(source: Source) -> pd.DataFrame:
    """The whole current-value table, one row per (commune, KPI, year), with unit and status."""
    return current_values_full(source)


def current_values_parquet(source: Source) -> bytes:
    """Parquet keeps types (LAU2 codes as text, years as integers) for analysts loading it into pandas or R."""
    buffer = io.BytesIO()
    current_values_frame(source).to_parquet(buffer, index=False)
    return buffer.getvalue()


def catalogue_export(lang: str = "en") -> pd.DataFrame:
    """The KPI catalogue as a table in one language (labels, definitions, units, ranges, direction, source)."""
    return load_catalogue().frame(lang)


def full_export_zip(source: Source, lang: str = "en") -> bytes:
    """Everything the observatory holds, in one archive a ministry can archive or hand on."""
    values = current_values_frame(source)
    catalogue = catalogue_export(lang)
    stages = kpi_stages(source)
    readme = (
        "Gemengen KPI Observatory: full export\n"
        "kpi_values.*: every current value (lau2, commune, kpi, programme, type, unit, year, value, status,\n"
        "  submission_id, source_row). status 'demo' marks invented demonstration values, never official figures.\n"
        "kpi_catalogue.csv: definitions and units; kpi_stages.csv: names of the stages of stage KPIs.\n"
        "Text cells starting with = + - @ are prefixed with an apostrophe (formula-injection protection).\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        archive.writestr("kpi_values.csv", to_csv_bytes(values))
        archive.writestr("kpi_values.parquet", current_values_parquet(source))
        archive.writestr("kpi_values.xlsx", to_xlsx_bytes(values, extra_sheets={"catalogue": catalogue, "stages": stages}))
        archive.writestr("kpi_catalogue.csv", to_csv_bytes(catalogue))
        archive.writestr("kpi_stages.csv", to_csv_bytes(stages))
    return buffer.getvalue()


def open_sdg_indicator_id(kpi_id: str) -> str:
    """Open SDG ids are dash-separated (`1-2-1`); our slugs become `women-councillors-share`."""
    return kpi_id.replace("_", "-")


def open_sdg_data(values: pd.DataFrame, kpi_id: str) -> pd.DataFrame:
    """One KPI in Open SDG's data layout: `Year, Units, GeoCode, Value`, sorted by year then commune."""
    rows = values[values["kpi"] == kpi_id].sort_values(["year", "lau2"])
    return pd.DataFrame(
        {
            "Year": rows["year"].astype(int).to_numpy(),
            "Units": rows["unit"].astype(str).to_numpy(),
            "GeoCode": rows["lau2"].astype(str).to_numpy(),
            "Value": rows["value"].to_numpy(),
        },
        columns=OPEN_SDG_COLUMNS,
    )


def open_sdg_metadata(kpi_id: str, lang: str, demo_rows: int) -> str:
    """Open SDG metadata as a Markdown file with YAML front matter (the open-sdg-data-starter `meta/` layout)."""
    kpi = load_catalogue()[kpi_id]
    meta = {
        "indicator_number": open_sdg_indicator_id(kpi_id),
        "indicator_name": kpi.label(lang),
        "indicator_definition": kpi.definition_in(lang),
        "computation_units": kpi.unit,
        "reporting_status": "complete",
        "data_non_statistical": False,
        "graph_type": "line",
        "graph_title": kpi.label(lang),
        "source_active_1": True,
        "source_organisation_1": kpi.source or "Gemengen KPI Observatory",
        "data_notice": (
            f"{demo_rows} value(s) are DEMO data (invented for demonstration), not official figures."
            if demo_rows
            else ""
        ),
        "programme": kpi.programme,
        "national_geographical_coverage": "Luxembourg, communes (GeoCode = LAU2 code)",
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{kpi.definition_in(lang)}\n"


def open_sdg_zip(source: Source, lang: str = "en") -> bytes:
    """One data CSV and one metadata file per KPI that has values, so an SDG-style platform can publish them."""
    values = current_values_frame(source)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kpi_id in [k.id for k in load_catalogue() if k.id in set(values["kpi"])]:
            sdg_id = open_sdg_indicator_id(kpi_id)
            data = open_sdg_data(values, kpi_id)
            archive.writestr(f"data/indicator_{sdg_id}.csv", data.to_csv(index=False))
            demo_rows = int((values.loc[values["kpi"] == kpi_id, "status"] == "demo").sum())
            archive.writestr(f"meta/{sdg_id}.md", open_sdg_metadata(kpi_id, lang, demo_rows))
    return buffer.getvalue()


_PNG_PAGE = """#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(sys.inputs.svg))
"""


def svg_to_png(svg: str, ppi: int = 150) -> bytes:
    """Rasterise an SVG with the typst wheel the briefings already use: offline, ~50 ms, no browser or Cairo."""
    return typst.compile(_PNG_PAGE.encode("utf-8"), format="png", ppi=ppi, sys_inputs={"svg": svg})
