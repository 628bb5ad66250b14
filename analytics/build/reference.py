"""Build step: the real reference layer (communes, shapes, population, council rule, mergers)."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from analytics.config.settings import Settings
from analytics.store.sql import read_sql
from analytics.store.writer import insert_frame


def load_reference(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Load the real reference layer (communes, shapes, population, council rule, mergers)."""
    con.execute(read_sql("schema_reference.sql"))
    ref = settings.reference_dir
    communes = pd.read_csv(ref / "communes.csv", dtype={"lau2": str})
    insert_frame(con, "communes", communes)
    cantons = communes[["canton_code", "canton", "district"]].drop_duplicates().sort_values("canton_code")
    insert_frame(con, "cantons", cantons)

    shapes = json.loads((settings.boundaries_dir / "communes.geojson").read_text(encoding="utf-8"))
    geometry = pd.DataFrame(
        {
            "lau2": [f["properties"]["lau2"] for f in shapes["features"]],
            "geojson": [json.dumps(f["geometry"], separators=(",", ":")) for f in shapes["features"]],
        }
    )
    insert_frame(con, "commune_geometry", geometry)
    borders = json.loads((settings.boundaries_dir / "canton_borders.geojson").read_text(encoding="utf-8"))
    insert_frame(
        con,
        "canton_border_geometry",
        pd.DataFrame({"geojson": [json.dumps(f["geometry"], separators=(",", ":")) for f in borders["features"]]}),
    )

    population = pd.read_csv(ref / "population.csv", dtype={"code": str, "population": "Int64"})
    insert_frame(con, "population", population)
    rule = pd.read_csv(ref / "council_size_rule.csv", dtype={"population_max": "Int64"})
    insert_frame(con, "council_size_rule", rule)
    mergers = pd.read_csv(ref / "commune_mergers.csv", dtype={"new_lau2": str, "old_lau2": str})
    insert_frame(con, "commune_mergers", mergers)
