"""Run a named query from `analytics/sql/kpi_queries.sql` on a WarehouseReader or a DuckDB connection alike."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from analytics.sqlfiles import query
from analytics.warehouse import WarehouseReader

Source = WarehouseReader | duckdb.DuckDBPyConnection
KPI_QUERIES = "kpi_queries.sql"


def run(source: Source, name: str, params: list[Any]) -> pd.DataFrame:
    """Run the named query with bound parameters on a reader (read-only, follows rebuilds) or a connection."""
    sql = query(KPI_QUERIES, name)
    if isinstance(source, WarehouseReader):
        return source.query(sql, params)
    return source.execute(sql, params).df()
