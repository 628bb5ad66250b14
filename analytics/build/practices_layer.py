"""Build step: the good-practices tables, practices carried over from the previous file, then the shipped files.

Two files load at every build through the practices ingestion path (each a no-op once present): the 60 real practices
of `data/programmes/good_practices_real.csv` (official, sourced, titles in fr/de/en) and the labelled demo seed.
Signatures and conventions are programme facts on /programmes, not practices.
"""

from __future__ import annotations

import duckdb

from analytics.config.settings import Settings
from analytics.ingest.kpis import REJECTED
from analytics.ingest.practices import ingest_practices_into
from analytics.sources.files import SubmissionFile
from analytics.sources.practices_real import real_practices_file
from analytics.store.sql import insert_select, query, read_sql
from analytics.store.writer import PREVIOUS, previous_tables

SEED_FILE = "practices/practices_seed.csv"

SEED_SUBMITTER = "practices seed loader"

CARRIED = ("practice_submissions", "practices")


def _carry_over(con: duckdb.DuckDBPyConnection) -> None:
    """Copy the practice tables of the previous warehouse (attached by the build) when it has them all; columns are
    matched by name, so a warehouse from before a column was added (the titles per language) still carries over."""
    old = previous_tables(con)
    if set(CARRIED) <= set(old):
        for table in CARRIED:  # constant names of this module
            new_cols = [r[0] for r in con.execute(query("build.sql", "table_columns"), [table]).fetchall()]
            con.execute(insert_select(table, (PREVIOUS, table), [c for c in new_cols if c in set(old[table])]))


def build_practices_layer(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Build step: schema, practices carried over from the previous file, then the seed (a no-op when present)."""
    con.execute(read_sql("schema_practices.sql"))
    _carry_over(con)
    seed = settings.data_dir / SEED_FILE
    files = [real_practices_file(settings), SubmissionFile.from_path(seed, f"data/{SEED_FILE}")]
    outcomes = ingest_practices_into(con, files, submitted_by=SEED_SUBMITTER)
    rejected = [p.render() for o in outcomes if o.outcome == REJECTED for p in o.problems]
    if rejected:  # the shipped seed must always validate
        raise RuntimeError("practices seed failed validation:\n" + "\n".join(rejected[:20]))
