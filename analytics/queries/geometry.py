"""Commune and canton boundaries as GeoJSON text, for the page maps (plotly) and the briefing maps (SVG).

- `commune_geometry(source) -> DataFrame[lau2, canton_code, geojson]`, by code
- `canton_borders(source) -> DataFrame[geojson]`
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

import pandas as pd

from analytics.store.reader import Source, run_named

SQL = "geometry.sql"


def commune_geometry(source: Source) -> pd.DataFrame:
    """Every commune's polygon (GeoJSON text) with its canton code, by code."""
    return run_named(source, SQL, "commune_geometry")


def canton_borders(source: Source) -> pd.DataFrame:
    """The canton borders as GeoJSON line geometries."""
    return run_named(source, SQL, "canton_borders")
