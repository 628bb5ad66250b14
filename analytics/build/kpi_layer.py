"""Build step for the KPI layer: catalogue tables from the YAML, submissions carried over, official facts loaded.

A rebuild replaces the warehouse file, so the submissions and values ingested into the previous file are copied
into the new one (from a private copy of the old file, so a reader holding it open never blocks the build).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.config.catalogue import load_catalogue
from analytics.config.settings import Settings
from analytics.ingest.kpis import REJECTED, ingest_into
from analytics.sources.official import OFFICIAL_SUBMITTER, official_facts
from analytics.store.sql import insert_select, query, read_sql
from analytics.store.writer import PREVIOUS, insert_frame, previous_tables

CARRIED_TABLES = ("submissions", "kpi_values")


def catalogue_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the KPI schema and fill kpi_catalogue and kpi_stages from analytics/catalogue/kpis.yaml."""
    con.execute(read_sql("schema_kpi.sql"))
    catalogue = load_catalogue()
    rows = [
        (
            k.id,
            k.programme,
            k.type,
            k.unit,
            k.min,
            k.max,
            ",".join(f"{a:g}" for a in k.allowed) if k.allowed else None,
            k.direction,
            k.status,
            k.labels["fr"],
            k.labels["de"],
            k.labels["en"],
            k.definitions["fr"],
            k.definitions["de"],
            k.definitions["en"],
            k.source,
            k.target,
            k.band[0] if k.band else None,
            k.band[1] if k.band else None,
        )
        for k in catalogue
    ]
    con.executemany(query("build.sql", "kpi_catalogue_insert"), rows)
    stages = [(k.id, i, s["fr"], s["de"], s["en"]) for k in catalogue for i, s in enumerate(k.stages)]
    if stages:
        con.executemany(query("build.sql", "kpi_stages_insert"), stages)


def carry_over(con: duckdb.DuckDBPyConnection) -> int:
    """Copy submissions and kpi_values from the previous warehouse (attached by the build); return the values carried.

    Columns are matched by name, so a warehouse from before a column was added still carries over.
    """
    old = previous_tables(con)
    if not set(CARRIED_TABLES) <= set(old):
        return 0
    for table in CARRIED_TABLES:
        new_cols = [r[0] for r in con.execute(query("build.sql", "table_columns"), [table]).fetchall()]
        shared = [c for c in new_cols if c in set(old[table])]
        order = ("kpi", "year", "lau2", "submission_id") if table == "kpi_values" else ()
        con.execute(insert_select(table, (PREVIOUS, table), shared, order_by=order))
    return int(con.execute(query("build.sql", "kpi_values_count")).fetchall()[0][0])


def build_kpi_layer(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """The warehouse build step: catalogue, carried-over submissions, then the official facts (a no-op if present)."""
    catalogue_tables(con)
    carry_over(con)
    load_official_facts(con, settings)


def current_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All current values (for tests and the demo's checks)."""
    return con.execute(query("build.sql", "current_values")).df()


def load_official_facts(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Ingest each fact set as an official submission (sets already present, same sha256, are skipped), store the
    certainty and source of every value, and withdraw the values of fact sets the loader no longer produces."""
    sets = official_facts(settings)
    files = [facts.as_file() for facts in sets]
    for facts, file in zip(sets, files, strict=True):
        outcomes = ingest_into(con, [file], status="official", submitted_by=OFFICIAL_SUBMITTER, source=facts.source)
        rejected = [p.render() for o in outcomes if o.outcome == REJECTED for p in o.problems]
        if rejected:  # the shipped data must always validate; fail the build loudly
            raise RuntimeError("official facts failed validation:\n" + "\n".join(rejected[:20]))
    shas = [f.sha256 for f in files]
    withdraw = [OFFICIAL_SUBMITTER, shas]
    con.execute(query("official_facts.sql", "withdraw_stale"), withdraw)
    con.execute(query("official_facts.sql", "current_after_withdrawal"), withdraw)
    ids = dict(con.execute(query("official_facts.sql", "submission_ids"), [shas]).fetchall())
    sources = pd.concat(
        [facts.provenance.assign(submission_id=ids[f.sha256]) for facts, f in zip(sets, files, strict=True)],
        ignore_index=True,
    )
    insert_frame(con, "official_value_sources", sources)
