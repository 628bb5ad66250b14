"""Build step for a first start: the seeded demo files written under data/raw/demo/ and ingested as `demo`."""

from __future__ import annotations

import warnings

import duckdb

from analytics.config.settings import Settings
from analytics.ingest.kpis import REJECTED, ingest_into
from analytics.sources.demo import DEMO_SEED, DEMO_SUBMITTER, demo_files, write_demo
from analytics.store.sql import query


def official_keys(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, int]]:
    """Keys whose current value is official in a warehouse (the demo leaves them alone)."""
    return {(r[0], r[1], int(r[2])) for r in con.execute(query("build.sql", "official_keys")).fetchall()}


def demo_build_step(con: duckdb.DuckDBPyConnection, settings: Settings, seed: int = DEMO_SEED) -> None:
    """Build step for a first start: write the demo files and ingest them all in one transaction, one per file."""
    files = demo_files(settings, seed)
    try:
        write_demo(settings, seed, files)
    except OSError as exc:  # a read-only deployment still gets its demo values; the files are only a convenience
        warnings.warn(f"demo files not written under {settings.raw_dir / 'demo'}: {exc}", stacklevel=2)
    outcomes = ingest_into(con, files, status="demo", submitted_by=DEMO_SUBMITTER)
    rejected = [p.render() for o in outcomes if o.outcome == REJECTED for p in o.problems if p.is_error]
    if rejected:
        raise RuntimeError("demo data failed validation:\n" + "\n".join(rejected[:20]))
