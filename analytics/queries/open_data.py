"""What the HTTP API reads: current values filtered by lists, their count, per-year coverage and the communes.

- `DataFilter(kpis, lau2s, years, statuses)`: empty tuples mean "all"; statuses always listed (official, demo).
- `data_page(source, flt, limit, offset) -> (DataFrame[lau2, kpi, year, value, status, certainty, source,
  submission_id], total)` in (kpi, year, lau2) order, `limit=None` for every row; `data_count(source, flt) -> int`.
- `kpi_coverage(source) -> DataFrame[kpi, year, official, demo]` (communes with a value of each status).
- `municipalities(source) -> DataFrame[lau2, name, name_statec, canton, canton_code, district, area_km2, population,
  population_year]`.
Only `kpi_current` is read, so a superseded or not yet accepted value never leaves the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.store.reader import Source, run_named

SQL_FILE = "open_data.sql"


@dataclass(frozen=True)
class DataFilter:
    kpis: tuple[str, ...] = ()
    lau2s: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ("official", "demo")

    def params(self) -> list[list]:
        """The four filter lists in the order open_data.sql binds them: kpis, lau2s, years, statuses."""
        return [list(self.kpis), list(self.lau2s), [int(y) for y in self.years], list(self.statuses)]


ALL_ROWS = 2**62  # `limit=None`: no limit


def data_page(source: Source, flt: DataFilter, limit: int | None, offset: int = 0) -> tuple[pd.DataFrame, int]:
    """One page of current values (primary-key order: consecutive pages never repeat or skip a row) and the number
    of matching rows over all pages, in one query (a second one only for a page past the end)."""
    rows = run_named(source, SQL_FILE, "data_rows",
                     [*flt.params(), ALL_ROWS if limit is None else int(limit), int(offset)])
    total = int(rows["total"].iloc[0]) if len(rows) else (data_count(source, flt) if offset else 0)
    return rows.drop(columns="total"), total


def data_count(source: Source, flt: DataFilter) -> int:
    """How many current values match, over all pages."""
    return int(run_named(source, SQL_FILE, "data_count", flt.params())["n"].iloc[0])


def kpi_coverage(source: Source) -> pd.DataFrame:
    """Communes with an official and with a demo value, per KPI and year (the catalogue's coverage)."""
    return run_named(source, SQL_FILE, "kpi_coverage", [])


def municipalities(source: Source) -> pd.DataFrame:
    """The communes with canton, former district, area and their latest population."""
    return run_named(source, SQL_FILE, "municipalities", [])
