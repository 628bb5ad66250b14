"""The full export's `datapackage.json`: a Frictionless Data Package v2 that types every column explicitly.

Without it, tools infer `lau2` as an integer (0304 → 304) and `value` as an integer from the first rows. The package
declares each resource's schema (`lau2` text `^[0-9]{4}$`, `year` integer, `value` number, `status` enum), the
primary key (lau2, kpi, year), foreign keys to the catalogue, the licence and the sources, for the CSV, XLSX and
Parquet copies of the values alike; `frictionless validate datapackage.json` passes with default settings.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from analytics.config.catalogue import PROGRAMMES, STATUSES, TYPES

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"
LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 International"}
SOURCES = [
    {"title": "STATEC, LUSTAT DF_X021: population on 1 January", "path": "https://lustat.statec.lu/"},
    {"title": "Administration du cadastre et de la topographie: commune boundaries", "path": "https://data.public.lu/"},
    {"title": "Ministry for Family Affairs, Solidarity, Living Together and Reception; Ministry for Gender Equality "
              "and Diversity: programme facts", "path": "https://gouvernement.lu/"},
    {"title": "Commune submissions (demo values are marked status = demo)"},
]
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_ENCODING = "utf-8-sig"  # the CSV files carry a BOM so Excel shows accents right

LAU2 = {"name": "lau2", "type": "string", "description": "LAU2 commune code, four digits with leading zero",
        "constraints": {"required": True, "pattern": "^[0-9]{4}$"}}
KPI_REF = {"fields": ["kpi"], "reference": {"resource": "kpi-catalogue", "fields": ["id"]}}


def _text(name: str, description: str = "", required: bool = False, enum: tuple[str, ...] = ()) -> dict:
    field: dict = {"name": name, "type": "string"}
    if description:
        field["description"] = description
    constraints = {**({"required": True} if required else {}), **({"enum": list(enum)} if enum else {})}
    if constraints:
        field["constraints"] = constraints
    return field


def values_schema() -> dict:
    """The values table, the same for its CSV, XLSX and Parquet copies."""
    return {
        "$schema": SCHEMA_PROFILE,
        "fields": [
            LAU2,
            _text("commune", "Commune name"),
            _text("kpi", "KPI id (kpi_catalogue.csv)", required=True),
            _text("programme", enum=PROGRAMMES),
            _text("type", enum=TYPES),
            _text("unit"),
            {"name": "year", "type": "integer", "constraints": {"required": True}},
            {"name": "value", "type": "number", "constraints": {"required": True}},
            _text("status", "official, or demo: invented for demonstration, never an official figure",
                  required=True, enum=STATUSES),
            {"name": "submission_id", "type": "integer", "description": "The submission that brought the value"},
            {"name": "source_row", "type": "integer", "description": "Row in that submission's file (header = 1)"},
        ],
        "primaryKey": ["lau2", "kpi", "year"],
        "foreignKeys": [KPI_REF],
    }


def catalogue_schema() -> dict:
    texts = ["programme", "label", "unit", "type", "range", "stages", "direction", "status", "definition", "source"]
    return {"$schema": SCHEMA_PROFILE,
            "fields": [{"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
                       *[_text(t) for t in texts]],
            "primaryKey": ["id"]}


def stages_schema() -> dict:
    return {"$schema": SCHEMA_PROFILE,
            "fields": [_text("kpi", required=True), {"name": "stage", "type": "integer", "constraints": {"required": True}},
                       _text("label_fr"), _text("label_de"), _text("label_en"), _text("unit")],
            "primaryKey": ["kpi", "stage"], "foreignKeys": [KPI_REF]}


def _csv(name: str, path: str, schema: dict, title: str) -> dict:
    return {"name": name, "path": path, "title": title, "format": "csv", "mediatype": "text/csv",
            "encoding": CSV_ENCODING, "schema": schema}


def descriptor(lang: str, created: datetime | None = None) -> dict:
    """The package descriptor for `full_export_zip`'s files (names as the archive holds them)."""
    created = created or datetime.now(UTC)
    values = values_schema()
    return {
        "$schema": PACKAGE_PROFILE,
        "name": "gemengen-kpi-observatory",
        "title": "Gemengen KPI Observatory: KPIs of Luxembourg's communes (full export)",
        "description": "Every current value (commune, KPI, year) with unit and status; texts in " + lang + ". "
                       "status 'demo' marks invented demonstration values. Text cells starting with = + - @ carry a "
                       "leading apostrophe (formula-injection protection).",
        "version": "1.0.0",
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [LICENCE],
        "sources": SOURCES,
        "resources": [
            _csv("kpi-values-csv", "kpi_values.csv", values, "KPI values (CSV)"),
            {"name": "kpi-values-xlsx", "path": "kpi_values.xlsx", "title": "KPI values (Excel, sheet 'data')",
             "format": "xlsx", "mediatype": XLSX_MEDIATYPE,
             # v2 names the sheet `sheetName`; frictionless 5.21 reads `excel.sheet`: both, for both readers.
             "dialect": {"$schema": DIALECT_PROFILE, "sheetName": "data", "excel": {"sheet": "data"}},
             "schema": values},
            {"name": "kpi-values-parquet", "path": "kpi_values.parquet", "title": "KPI values (Parquet, typed)",
             "format": "parquet", "mediatype": "application/vnd.apache.parquet", "schema": values},
            _csv("kpi-catalogue", "kpi_catalogue.csv", catalogue_schema(), "KPI catalogue"),
            _csv("kpi-stages", "kpi_stages.csv", stages_schema(), "Names of the stages of stage KPIs"),
        ],
    }


def descriptor_json(lang: str, created: datetime | None = None) -> str:
    return json.dumps(descriptor(lang, created), indent=2, ensure_ascii=False) + "\n"
