"""Build step: the good-practices tables, practices carried over from the previous file, then the shipped seed."""

from __future__ import annotations

import duckdb

from analytics.config.settings import Settings
from analytics.ingest.kpis import REJECTED
from analytics.ingest.practices import ingest_practices_into
from analytics.sources.files import SubmissionFile
from analytics.store.sql import insert_select, read_sql
from analytics.store.writer import PREVIOUS, previous_tables

SEED_FILE = "practices/practices_seed.csv"

SEED_SUBMITTER = "practices seed loader"

CARRIED = ("practice_submissions", "practices")


def _carry_over(con: duckdb.DuckDBPyConnection) -> None:
    """Copy the practice tables of the previous warehouse (attached by the build) when it has them all."""
    if set(CARRIED) <= set(previous_tables(con)):
        for table in CARRIED:  # constant names of this module
            con.execute(insert_select(table, (PREVIOUS, table)))

def build_practices_layer(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Build step: schema, practices carried over from the previous file, then the seed (a no-op when present)."""
    con.execute(read_sql("schema_practices.sql"))
    _carry_over(con)
    seed = settings.data_dir / SEED_FILE
    outcomes = ingest_practices_into(con, [SubmissionFile.from_path(seed, f"data/{SEED_FILE}")],
                                     submitted_by=SEED_SUBMITTER)
    rejected = [p.render() for o in outcomes if o.outcome == REJECTED for p in o.problems]
    if rejected:  # the shipped seed must always validate
        raise RuntimeError("practices seed failed validation:\n" + "\n".join(rejected[:20]))
