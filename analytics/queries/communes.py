"""The communes: one list that every picker, peer group, grant table and briefing reads.

- `communes(source) -> DataFrame[lau2, name, canton, canton_code, district]`, by name (the order a picker shows).
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

import pandas as pd

from analytics.store.reader import Source, run_named

SQL = "communes.sql"


def communes(source: Source) -> pd.DataFrame:
    """Every current commune with its name, canton (name and STATEC code) and former district, sorted by name."""
    return run_named(source, SQL, "communes", [])
