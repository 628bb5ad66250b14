"""Downloads of tables and the whole KPI store as files a ministry can open, safely (pure functions, no Streamlit).

Every export carries the unit and the official/demo status of each value in columns, and text cells that a
spreadsheet would run as a formula (`=`, `+`, `-`, `@`, also tab and carriage return) are escaped with a leading
apostrophe, as OWASP recommends against CSV/formula injection.

Public API (pages call these and hand the bytes to `st.download_button`):
- escaping is `analytics.present.escape` (the one escaper, shared with the map's table download).
- `annotate(frame, unit=None, status=None) -> DataFrame`: adds `unit` (from the catalogue when the frame has a `kpi`
  column, else the `unit` argument) and `status` columns when missing.
- `to_csv_bytes(frame, unit=None, status=None) -> bytes`: UTF-8 with BOM (Excel opens accents right), comma separated.
- `to_xlsx_bytes(frame, unit=None, status=None, sheet="data", extra_sheets=None) -> bytes`: one sheet per frame,
  each with a bold frozen header, filters and column widths (`analytics.present.xlsx`).
- `commune_values_frame(source, lau2) -> DataFrame`: one commune's current values with its code and name in columns.
- `current_values_frame(source) -> DataFrame`: every current value with commune, programme, type, unit, status.
- `current_values_parquet(source) -> bytes`: that table as Parquet (typed, for analysts).
- `catalogue_export(lang) -> DataFrame`: the KPI catalogue with labels and definitions in `lang`.
- `full_export_zip(source, lang) -> bytes`: values (CSV, XLSX, Parquet), catalogue and stage names, README, a
  Frictionless `datapackage.json` (v2), a DCAT-AP `catalog.jsonld` and the Open SDG archive (`open_sdg.zip`, see
  `analytics.present.open_sdg`); every member unpacks 0644.
- `svg_to_png(svg, ppi=150) -> bytes`: a map (or any SVG) as PNG, rendered offline by typst (no browser, no Cairo).
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import typst

from analytics.config.catalogue import load_catalogue
from analytics.present.archive import zip_bytes
from analytics.present.datapackage import descriptor_json
from analytics.present.dcat import catalog_jsonld
from analytics.present.escape import escape_formulas, escaped_csv
from analytics.present.open_sdg import open_sdg_zip
from analytics.present.xlsx import workbook_bytes
from analytics.queries.communes import communes
from analytics.queries.kpis import commune_kpis, current_values_full, kpi_stages
from analytics.store.reader import Source

VALUES_SCHEMA = pa.schema([
    ("lau2", pa.string()), ("commune", pa.string()), ("kpi", pa.string()), ("programme", pa.string()),
    ("type", pa.string()), ("unit", pa.string()), ("year", pa.int32()), ("value", pa.float64()),
    ("status", pa.string()), ("submission_id", pa.int32()), ("source_row", pa.int32()),
])


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
    sheets = {sheet: escape_formulas(annotate(frame, unit, status))}
    sheets |= {name: escape_formulas(extra) for name, extra in (extra_sheets or {}).items()}
    return workbook_bytes(sheets)


def commune_values_frame(source: Source, lau2: str) -> pd.DataFrame:
    """One commune's current values, its LAU2 code and name on every row (a file must say whose figures it holds)."""
    values = commune_kpis(source, lau2)
    names = communes(source).set_index("lau2")["name"]
    values.insert(0, "commune", names.get(lau2))
    values.insert(0, "lau2", lau2)
    return values


def current_values_frame(source: Source) -> pd.DataFrame:
    """The whole current-value table, one row per (commune, KPI, year), with unit and status."""
    return current_values_full(source)


def current_values_parquet(source: Source) -> bytes:
    """Parquet keeps types (LAU2 codes as text, years as integers) for analysts loading it into pandas or R."""
    table = pa.Table.from_pandas(current_values_frame(source), schema=VALUES_SCHEMA, preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def catalogue_export(lang: str = "en") -> pd.DataFrame:
    """The KPI catalogue as a table in one language (labels, definitions, units, ranges, direction, source)."""
    return load_catalogue().frame(lang)


def full_export_zip(source: Source, lang: str = "en") -> bytes:
    """Everything the observatory holds, in one archive a ministry can archive, hand on or publish on a portal."""
    values = current_values_frame(source)
    catalogue = catalogue_export(lang)
    stages = annotate(kpi_stages(source))  # + unit: a stage number alone does not say what it counts
    readme = (
        "Gemengen KPI Observatory: full export\n"
        "kpi_values.*: every current value (lau2, commune, kpi, programme, type, unit, year, value, status,\n"
        "  submission_id, source_row). status 'demo' marks invented demonstration values, never official figures.\n"
        "kpi_catalogue.csv: definitions and units; kpi_stages.csv: names of the stages of stage KPIs.\n"
        "datapackage.json: Frictionless Data Package v2 (types, keys, licence); `frictionless validate` it.\n"
        "catalog.jsonld: DCAT-AP description of the dataset and its distributions.\n"
        "open_sdg.zip: the same values in the Open SDG data layout (config_data.yml, data/, meta/ in fr/de/en).\n"
        "Text cells starting with = + - @ are prefixed with an apostrophe (formula-injection protection).\n"
    )
    years = values["year"].astype(int)
    return zip_bytes({
        "README.txt": readme,
        "datapackage.json": descriptor_json(lang),
        "catalog.jsonld": catalog_jsonld(int(years.min()), int(years.max()), lang),
        "kpi_values.csv": to_csv_bytes(values),
        "kpi_values.parquet": current_values_parquet(source),
        "kpi_values.xlsx": to_xlsx_bytes(values, extra_sheets={"catalogue": catalogue, "stages": stages}),
        "kpi_catalogue.csv": to_csv_bytes(catalogue),
        "kpi_stages.csv": to_csv_bytes(stages),
        "open_sdg.zip": open_sdg_zip(source),
    })


_PNG_PAGE = """#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(sys.inputs.svg))
"""


def svg_to_png(svg: str, ppi: int = 150) -> bytes:
    """Rasterise an SVG with the typst wheel the briefings already use: offline, ~50 ms, no browser or Cairo."""
    return typst.compile(_PNG_PAGE.encode("utf-8"), format="png", ppi=ppi, sys_inputs={"svg": svg})
