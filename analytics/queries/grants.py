"""Grant values and the inputs of the grant rules, as `analytics.metrics.grants` computes with them.

- `grant_years(source) -> list[int]`
- `spending(source) -> DataFrame[lau2, name, canton, year, kpi, value, status, population]` (long format)
- `calculator_inputs(source, year) -> DataFrame` (one row per commune: council size, population band, stage,
  coordinator FTE, signatories, grants granted, any_demo)
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

import pandas as pd

from analytics.store.reader import Source, run_named

SQL = "grants.sql"


def grant_years(source: Source) -> list[int]:
    """Years with any grant value (the grants exist from 2024)."""
    return [int(y) for y in run_named(source, SQL, "grant_years")["year"]]


def spending(source: Source) -> pd.DataFrame:
    """Every grant value with its commune, canton and the population on 1 January of the year."""
    return run_named(source, SQL, "spending")


def calculator_inputs(source: Source, year: int) -> pd.DataFrame:
    """What the grant rules need for every commune in `year`, next to what was granted."""
    return run_named(source, SQL, "calculator_inputs", [int(year)])
