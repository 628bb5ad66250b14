"""The three resources of /api/v1: the KPI catalogue, the communes, and current values with paging and ranks.

Each handler is a plain function of (warehouse, request) so it runs in Starlette's thread pool, never on
the event loop that also carries the pages' websockets. Values come from `analytics.queries` (current values only);
rank and percentile from `analytics.metrics.standing`, the rule the map and profile pages use.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from starlette.requests import Request
from starlette.responses import Response

from analytics.api import params
from analytics.api.render import etag, matches, not_modified, table_response
from analytics.api.warehouse import Warehouse
from analytics.config.catalogue import Kpi, load_catalogue
from analytics.metrics.standing import standing
from analytics.queries.kpis import current_values
from analytics.queries.open_data import data_page, kpi_coverage, municipalities
from analytics.store.reader import WarehouseReader

LANGS = ("fr", "de", "en")
DATA_COLUMNS = ["lau2", "kpi", "year", "value", "status", "certainty", "source", "submission_id"]
DATA_SCHEMA = pa.schema([
    ("lau2", pa.string()), ("kpi", pa.string()), ("year", pa.int32()), ("value", pa.float64()),
    ("status", pa.string()), ("certainty", pa.string()), ("source", pa.string()), ("submission_id", pa.int32()),
])
RANKED_SCHEMA = DATA_SCHEMA.append(pa.field("rank", pa.int32())).append(pa.field("percentile", pa.float64()))
MUNICIPALITY_SCHEMA = pa.schema([
    ("lau2", pa.string()), ("name", pa.string()), ("name_statec", pa.string()), ("canton", pa.string()),
    ("canton_code", pa.string()), ("district", pa.string()), ("area_km2", pa.float64()), ("population", pa.int64()),
    ("population_year", pa.int32()),
])
_TEXTS = [pa.field(f"{part}_{lang}", pa.string()) for part in ("label", "definition") for lang in LANGS]
COVERAGE_TYPE = pa.list_(pa.struct([("year", pa.int32()), ("official", pa.int32()), ("demo", pa.int32())]))
KPI_SCHEMA = pa.schema([
    ("id", pa.string()), ("programme", pa.string()), ("type", pa.string()), ("unit", pa.string()),
    ("direction", pa.string()), ("target", pa.float64()), ("min", pa.float64()), ("max", pa.float64()),
    ("usual_status", pa.string()), ("source", pa.string()), *_TEXTS, ("coverage", COVERAGE_TYPE),
])


def _cached(reader: WarehouseReader, request: Request) -> tuple[str, Response | None]:
    """The request's ETag, and a 304 when the client already holds this build's answer."""
    tag = etag(reader.stamp, request.url.path, request.query_params.multi_items())
    return tag, not_modified(tag) if matches(request.headers.get("if-none-match"), tag) else None


def kpi_target(kpi: Kpi) -> float | None:
    """The KPI's target value; issue 12 adds `target` to the catalogue, until then there is none."""
    return getattr(kpi, "target", None)


def kpi_table(reader: WarehouseReader) -> pd.DataFrame:
    """One row per catalogue KPI, texts in the three languages, and per-year coverage (official / demo)."""
    coverage = kpi_coverage(reader)
    by_kpi = {k: g[["year", "official", "demo"]].astype(int).to_dict("records") for k, g in coverage.groupby("kpi")}
    rows = []
    for kpi in load_catalogue():
        row = {"id": kpi.id, "programme": kpi.programme, "type": kpi.type, "unit": kpi.unit,
               "direction": kpi.direction, "target": kpi_target(kpi), "min": kpi.min, "max": kpi.max,
               "usual_status": kpi.status, "source": kpi.source}
        row |= {f"label_{lang}": kpi.label(lang) for lang in LANGS}
        row |= {f"definition_{lang}": kpi.definition_in(lang) for lang in LANGS}
        row["coverage"] = by_kpi.get(kpi.id, [])
        rows.append(row)
    return pd.DataFrame(rows, columns=KPI_SCHEMA.names)


def kpi(warehouse: Warehouse, request: Request) -> Response:
    fmt = params.format_only(request.query_params.multi_items())
    tag, cached = _cached(warehouse.reader(), request)
    return cached or table_response(fmt, warehouse.cached("kpi_table", kpi_table), KPI_SCHEMA, tag)


def municipality(warehouse: Warehouse, request: Request) -> Response:
    fmt = params.format_only(request.query_params.multi_items())
    tag, cached = _cached(warehouse.reader(), request)
    return cached or table_response(fmt, warehouse.cached("municipalities", municipalities), MUNICIPALITY_SCHEMA, tag)


def commune_names(reader: WarehouseReader) -> dict[str, str]:
    table = municipalities(reader)
    return dict(zip(table["lau2"], table["name"]))


def places(reader: WarehouseReader, kpi_id: str, year: int, statuses: tuple[str, ...]) -> pd.DataFrame:
    """Rank and percentile of every commune with a value of `statuses` for one KPI-year."""
    values = current_values(reader, kpi_id, year)
    return standing(values[values["status"].isin(statuses)], load_catalogue()[kpi_id])


def ranked(warehouse: Warehouse, rows: pd.DataFrame, query: params.DataQuery) -> pd.DataFrame:
    """Rows of one KPI-year with rank and percentile among every commune with a value of the asked status."""
    kpi_id, year, statuses = query.filter.kpis[0], query.filter.years[0], query.filter.statuses
    standings = warehouse.cached(("places", kpi_id, year, statuses), lambda r: places(r, kpi_id, year, statuses))
    out = rows.merge(standings, on="lau2", how="left")
    out["rank"] = out["rank"].astype("Int64")
    return out


def data(warehouse: Warehouse, request: Request) -> Response:
    items = request.query_params.multi_items()
    names = warehouse.cached("commune_names", commune_names)
    query = params.data_query(items, load_catalogue().ids, names)
    reader = warehouse.reader()
    tag, cached = _cached(reader, request)
    if cached:
        return cached
    paged = query.format == "json" or query.paged
    limit = query.per_page if paged else None
    offset = (query.page - 1) * query.per_page if paged else 0
    rows, total = data_page(reader, query.filter, limit, offset)
    rows = rows[DATA_COLUMNS]
    if query.ranked:
        rows = ranked(warehouse, rows, query)
    links: dict[str, str | None] = {"next": None, "previous": None}
    if paged and offset + len(rows) < total:
        links["next"] = str(request.url.include_query_params(page=query.page + 1))
    if paged and query.page > 1:
        links["previous"] = str(request.url.include_query_params(page=query.page - 1))
    schema = RANKED_SCHEMA if query.ranked else DATA_SCHEMA
    return table_response(query.format, rows, schema, tag, total=total, links=links)
