"""Query parameters of the API, checked before any of them reaches a query: lists, codes, years, status, paging.

Each endpoint declares the parameters it takes; anything else, a key given twice, an over-long or empty value, or a
value outside what the catalogue and the warehouse know is refused with a `BadParameter` naming the parameter.
Input is the raw multi-item list (`request.query_params.multi_items()`), so these checks run without a server.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from analytics.api.errors import BadParameter, unknown
from analytics.checks.codes import normalise_lau2
from analytics.checks.params import shown
from analytics.queries.open_data import DataFilter

FORMATS = ("json", "csv", "parquet")
STATUSES = ("official", "demo")
MAX_VALUE_CHARS = 2_000  # 100 communes × "0000," is 500 characters: anything longer is not a real request
MAX_PER_PAGE = 5_000  # Kolada's page size
MAX_PAGE = 1_000_000
_YEAR = re.compile(r"^[0-9]{4}$")
_POSITIVE = re.compile(r"^[0-9]{1,7}$")

COMMON = ("format",)
DATA_PARAMETERS = ("kpi", "municipality", "year", "status", "page", "per_page", *COMMON)


@dataclass(frozen=True)
class DataQuery:
    filter: DataFilter
    format: str
    page: int
    per_page: int
    paged: bool  # page or per_page given: CSV and Parquet then return that page too, else every row

    @property
    def ranked(self) -> bool:
        """One KPI and one year: each row also gets its rank and percentile among all communes with a value."""
        return len(self.filter.kpis) == 1 and len(self.filter.years) == 1


def single_values(items: Sequence[tuple[str, str]], allowed: Sequence[str]) -> dict[str, str]:
    """The parameters as a dict, refusing unknown keys, repeated keys, empty and over-long values."""
    out: dict[str, str] = {}
    for key, value in items:
        if key not in allowed:
            raise unknown("parameter", key, allowed, key, hint=f"this endpoint takes {', '.join(allowed)}")
        if key in out:
            raise BadParameter(f"parameter '{key}' given more than once; give one value or a comma-separated list", key)
        if len(value) > MAX_VALUE_CHARS:
            raise BadParameter(f"{key} is too long ({len(value):,} characters; at most {MAX_VALUE_CHARS:,})", key)
        if not value.strip():
            raise BadParameter(f"{key} is empty; give a value or leave the parameter out", key)
        out[key] = value
    return out


def listed(raw: str, key: str) -> list[str]:
    """`a, b,a` → ['a', 'b'] (trimmed, duplicates dropped, order kept); an empty item is refused."""
    parts = [p.strip() for p in raw.split(",")]
    if any(not p for p in parts):
        raise BadParameter(f"{key} has an empty item in '{shown(raw)}'; separate values with single commas", key)
    return list(dict.fromkeys(parts))


def output_format(values: dict[str, str]) -> str:
    chosen = values.get("format", "json").strip().lower()
    if chosen not in FORMATS:
        raise unknown("format", chosen, FORMATS, "format", hint=f"use one of {', '.join(FORMATS)}")
    return chosen


def kpi_ids(raw: str, known: Collection[str]) -> tuple[str, ...]:
    ids = listed(raw, "kpi")
    for kpi in ids:
        if kpi not in known:
            raise unknown("kpi", kpi, known, "kpi", hint="GET /api/v1/kpi lists them")
    return tuple(ids)


def commune_codes(raw: str, names: dict[str, str]) -> tuple[str, ...]:
    """LAU2 codes; `304` reads as `0304` (Excel drops the zero); a commune's name is suggested as its code."""
    codes = []
    by_name = {name.casefold(): code for code, name in names.items()}
    for item in listed(raw, "municipality"):
        code = normalise_lau2(item) or item
        if code in names:
            codes.append(code)
            continue
        if item.casefold() in by_name:
            code = by_name[item.casefold()]
            raise BadParameter(f"municipality takes LAU2 codes: '{shown(item)}' is '{code}'", "municipality")
        raise unknown("municipality", item, list(names), "municipality", hint="GET /api/v1/municipality lists them")
    return tuple(dict.fromkeys(codes))


def years(raw: str) -> tuple[int, ...]:
    out = []
    for item in listed(raw, "year"):
        if not _YEAR.match(item):
            raise BadParameter(f"year must be a four-digit year such as 2024, not '{shown(item)}'", "year")
        out.append(int(item))
    return tuple(out)


def statuses(raw: str | None) -> tuple[str, ...]:
    if raw is None or raw.strip().lower() == "all":
        return STATUSES
    chosen = [s.lower() for s in listed(raw, "status")]
    for status in chosen:
        if status not in STATUSES:
            raise unknown("status", status, [*STATUSES, "all"], "status", hint="use official, demo or all")
    return tuple(chosen)


def positive(raw: str | None, key: str, default: int, upper: int) -> int:
    if raw is None:
        return default
    raw = raw.strip()
    if not _POSITIVE.match(raw) or int(raw) < 1:
        raise BadParameter(f"{key} must be a whole number from 1 to {upper:,}, not '{shown(raw)}'", key)
    if int(raw) > upper:
        raise BadParameter(f"{key} is at most {upper:,} (was {int(raw):,})", key)
    return int(raw)


def data_query(items: Sequence[tuple[str, str]], known_kpis: Collection[str], names: dict[str, str]) -> DataQuery:
    """Every parameter of `/data`, checked; no filter given means all of that dimension."""
    values = single_values(items, DATA_PARAMETERS)
    flt = DataFilter(
        kpis=kpi_ids(values["kpi"], known_kpis) if "kpi" in values else (),
        lau2s=commune_codes(values["municipality"], names) if "municipality" in values else (),
        years=years(values["year"]) if "year" in values else (),
        statuses=statuses(values.get("status")),
    )
    return DataQuery(
        filter=flt,
        format=output_format(values),
        page=positive(values.get("page"), "page", 1, MAX_PAGE),
        per_page=positive(values.get("per_page"), "per_page", MAX_PER_PAGE, MAX_PER_PAGE),
        paged="page" in values or "per_page" in values,
    )


def format_only(items: Sequence[tuple[str, str]]) -> str:
    """Endpoints that take nothing but `format` (the catalogue, the communes)."""
    return output_format(single_values(items, COMMON))
