"""Named SQL queries from `analytics/sql/kpi_queries.sql`, run on a WarehouseReader or a DuckDB connection alike."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Union

import duckdb
import pandas as pd

from analytics.warehouse import WarehouseReader, read_sql

Source = Union[WarehouseReader, duckdb.DuckDBPyConnection]


@lru_cache(maxsize=None)
def named_queries(filename: str = "kpi_queries.sql") -> dict[str, str]:
    """`-- name: x` blocks of a .sql file, by name."""
    blocks = re.split(r"^-- name: (\w+)\s*$", read_sql(filename), flags=re.MULTILINE)
    return {name: sql.strip().rstrip(";") for name, sql in zip(blocks[1::2], blocks[2::2])}


def run(source: Source, name: str, params: list[Any]) -> pd.DataFrame:
    """Run the named query with bound parameters on a reader (read-only, follows rebuilds) or a connection."""
    sql = named_queries()[name]
    if isinstance(source, WarehouseReader):
        return source.query(sql, params)
    return source.execute(sql, params).df()
