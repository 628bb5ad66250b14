"""The communes: one list that every picker, peer group, grant table and briefing reads, and one commune's facts.

- `communes(source) -> DataFrame[lau2, name, canton, canton_code, district]`, by name (the order a picker shows)
- `commune(source, lau2) -> DataFrame[lau2, name, canton, canton_code, district, area_km2, councillors_estimate]`
  (one row, or none for an unknown code)
- `commune_header(source, lau2, base_year) -> DataFrame[lau2, name, canton, district, area_km2,
  councillors_estimate, year, population, base_population]` (latest population year; one row, or none)
- `mergers(source, lau2, since) -> DataFrame[effective_date, old_lau2, old_commune]`
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics.store.reader import Source, run_named

SQL = "communes.sql"


def communes(source: Source) -> pd.DataFrame:
    """Every current commune with its name, canton (name and STATEC code) and former district, sorted by name."""
    return run_named(source, SQL, "communes")


def commune(source: Source, lau2: str) -> pd.DataFrame:
    """One current commune with its area and estimated council size; empty when `lau2` is not a current commune."""
    return run_named(source, SQL, "commune", [lau2])


def commune_header(source: Source, lau2: str, base_year: int) -> pd.DataFrame:
    """One commune with its population in the latest year that has one and in `base_year` (growth)."""
    return run_named(source, SQL, "commune_header", [lau2, int(base_year)])


def mergers(source: Source, lau2: str, since: date) -> pd.DataFrame:
    """The former communes `lau2` was formed from in a merger effective on or after `since`."""
    return run_named(source, SQL, "mergers", [lau2, since])
