"""Run a named query from `analytics/sql/*.sql` on a WarehouseReader or a DuckDB connection alike.

Analytics functions take either: the pages pass the cached read-only reader, build steps and tests a connection.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from analytics.sqlfiles import query
from analytics.warehouse import WarehouseReader

Source = WarehouseReader | duckdb.DuckDBPyConnection
KPI_QUERIES = "kpi_queries.sql"


def run_named(source: Source, filename: str, name: str, params: list[Any] | None = None) -> pd.DataFrame:
    """Run query `name` of `analytics/sql/<filename>` with bound parameters on a reader (read-only, follows
    rebuilds) or a connection."""
    sql = query(filename, name)
    if isinstance(source, WarehouseReader):
        return source.query(sql, params)
    return source.execute(sql, params or []).df()


def run(source: Source, name: str, params: list[Any]) -> pd.DataFrame:
    """A query of `kpi_queries.sql` (current values, years, submissions, provenance)."""
    return run_named(source, KPI_QUERIES, name, params)
