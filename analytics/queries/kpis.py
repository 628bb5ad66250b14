"""KPI values as analytics read them: always the current value of each (lau2, kpi, year), from the `kpi_current` view.

- `current_values(source, kpi, year) -> DataFrame[lau2, value, status]`
- `kpi_years(source, kpi) -> list[int]`
- `commune_kpis(source, lau2) -> DataFrame[kpi, programme, type, unit, year, value, status, submission_id, source_row]`
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

import pandas as pd

from analytics.store.reader import Source, run_named


def current_values(source: Source, kpi: str, year: int) -> pd.DataFrame:
    """Current value and status of `kpi` in `year` for every commune that has one (map, ranking, benchmark)."""
    return run_named(source, "kpi_queries.sql", "current_values", [kpi, int(year)])


def kpi_years(source: Source, kpi: str) -> list[int]:
    """Years with at least one current value of `kpi`, ascending (a year slider's options)."""
    return [int(y) for y in run_named(source, "kpi_queries.sql", "kpi_years", [kpi])["year"]]


def commune_kpis(source: Source, lau2: str) -> pd.DataFrame:
    """Every current value of one commune, all KPIs and years (a commune profile)."""
    return run_named(source, "kpi_queries.sql", "commune_kpis", [lau2])
