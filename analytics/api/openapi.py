"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json (written by hand: four GET endpoints)."""

from __future__ import annotations

from typing import Any

from analytics.api.params import FORMATS, MAX_PER_PAGE, MAX_VALUE_CHARS

_LIST = f"One value or a comma-separated list (at most {MAX_VALUE_CHARS:,} characters); each parameter at most once."


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


FORMAT = _param("format", "json (default, paged), csv (UTF-8, text quoted) or parquet (typed).",
                {"type": "string", "enum": list(FORMATS), "default": "json"})
ERROR = {"description": "A refused parameter, with what was expected and, for a typo, the nearest known value.",
         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _table_response(item: str, description: str) -> dict[str, Any]:
    return {
        "200": {
            "description": description,
            "headers": {"ETag": {"schema": {"type": "string"}}, "Cache-Control": {"schema": {"type": "string"}}},
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Page", "x-item": item}},
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
            },
        },
        "304": {"description": "Not modified (If-None-Match matched the ETag of the current warehouse build)."},
        "400": ERROR,
    }


def openapi_document() -> dict[str, Any]:
    nullable_number = {"type": ["number", "null"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Gemengen KPI Observatory API",
            "version": "1.0.0",
            "description": "Read-only current KPI values of Luxembourg's communes (never pending or superseded "
                           "values). status 'demo' marks invented demonstration values. Paging like Kolada: at most "
                           f"{MAX_PER_PAGE:,} rows a page, follow next_page (alias next_url) until it is null.",
            "license": {"name": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/kpi": {"get": {
                "summary": "The KPI catalogue: labels and definitions in fr/de/en, direction, unit, coverage per year.",
                "parameters": [FORMAT], "responses": _table_response("Kpi", "Every KPI of the catalogue."),
            }},
            "/municipality": {"get": {
                "summary": "The communes: LAU2 code, names, canton, former district, area, latest population.",
                "parameters": [FORMAT], "responses": _table_response("Municipality", "Every current commune."),
            }},
            "/data": {"get": {
                "summary": "Current values; with one kpi and one year each row also has rank and percentile.",
                "parameters": [
                    _param("kpi", "KPI id(s) from /kpi. " + _LIST, {"type": "string"}),
                    _param("municipality", "LAU2 code(s), 304 reads as 0304. " + _LIST, {"type": "string"}),
                    _param("year", "Four-digit year(s). " + _LIST, {"type": "string"}),
                    _param("status", "official, demo or all (default). " + _LIST, {"type": "string"}),
                    _param("page", "Page number from 1 (JSON; CSV/Parquet only page when page or per_page is "
                                   "given, else they hold every row).", {"type": "integer", "minimum": 1}),
                    _param("per_page", f"Rows a page, at most {MAX_PER_PAGE:,}.",
                           {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": MAX_PER_PAGE}),
                    FORMAT,
                ],
                "responses": _table_response("Value", "One page of current values in (kpi, year, lau2) order."),
            }},
            "/openapi.json": {"get": {"summary": "This description.", "responses": {"200": {"description": "OpenAPI"}}}},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {
                "error": {"type": "string"}, "parameter": {"type": ["string", "null"]}}},
            "Page": {"type": "object", "required": ["values", "count"], "properties": {
                "values": {"type": "array", "items": {"type": "object"}},
                "count": {"type": "integer", "description": "Rows in this page's values (as Kolada)."},
                "total": {"type": "integer", "description": "Rows over all pages."},
                "next_page": {"type": ["string", "null"], "description": "URL of the next page, null on the last."},
                "next_url": {"type": ["string", "null"], "description": "Alias of next_page."},
                "previous_page": {"type": ["string", "null"]}}},
            "Value": {"type": "object", "properties": {
                "lau2": {"type": "string", "pattern": "^[0-9]{4}$"}, "kpi": {"type": "string"},
                "year": {"type": "integer"}, "value": {"type": "number"},
                "status": {"type": "string", "enum": ["official", "demo"]},
                "certainty": {"type": ["string", "null"], "enum": ["high", "medium", "low", None],
                              "description": "As the published source states it, for the official facts loaded "
                              "from data/; null where none is stated (a commune's upload, demo): unknown."},
                "source": {"type": ["string", "null"]},
                "submission_id": {"type": "integer"},
                "rank": {"type": ["integer", "null"], "description": "1 = best by the KPI's direction; ties share "
                         "the better rank (1, 2, 2, 4); for neutral KPIs 1 = highest. Among all communes with a "
                         "value of the asked status."},
                "percentile": {**nullable_number, "description": "Mid-rank percentile among the other communes "
                               "with a value: 100 × (worse + 0.5 × equal) / n, 100 = best."}}},
            "Kpi": {"type": "object", "properties": {
                "id": {"type": "string"}, "programme": {"type": "string"}, "type": {"type": "string"},
                "unit": {"type": "string"}, "direction": {"type": "string", "enum": ["higher", "lower", "neutral", "target"]},
                "target": nullable_number, "coverage": {"type": "array", "items": {"type": "object", "properties": {
                    "year": {"type": "integer"}, "official": {"type": "integer"}, "demo": {"type": "integer"}}}}}},
            "Municipality": {"type": "object", "properties": {
                "lau2": {"type": "string", "pattern": "^[0-9]{4}$"}, "name": {"type": "string"},
                "canton": {"type": "string"}, "district": {"type": "string"}, "area_km2": {"type": "number"},
                "population": {"type": ["integer", "null"]}, "population_year": {"type": ["integer", "null"]}}},
        }},
    }
