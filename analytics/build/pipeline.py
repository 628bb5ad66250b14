"""The warehouse build: the list of steps, run in order into a new file that replaces the old one atomically.

Every step receives the connection to the new file and the settings; the previous warehouse is attached read-only
(`analytics.store.writer.PREVIOUS`) so a step can carry over what only the warehouse holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from analytics.build.context_facts import load_context_facts
from analytics.build.demo_step import demo_build_step
from analytics.build.kpi_layer import build_kpi_layer
from analytics.build.practices_layer import build_practices_layer
from analytics.build.programme_facts import load_programme_facts
from analytics.build.reference import load_reference
from analytics.config.settings import Settings
from analytics.store.sql import query
from analytics.store.writer import build_lock, previous_attached, write_new

BuildStep = Callable[[duckdb.DuckDBPyConnection, Settings], None]

SOURCES_LINE = (
    "STATEC LUSTAT DF_X021 (population, 1 January), STATEC DF_X020 (areas), "
    "ACT Limites administratives (boundaries), loi communale art. 5 (council size); all CC0"
)
# Raise when a table the app reads changes shape: a warehouse built by an older checkout is then rebuilt at start
# (submissions carried over) instead of failing on a missing table or column.
SCHEMA_VERSION = 5  # 3: submissions.approved_by, inbox_id; 4: official_value_sources, context; 5: kpi targets


def programme_layer(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Programme fact tables (signatories, pilot, equality facts, CEMR, press), context facts and the good-practices
    database."""
    load_programme_facts(con, settings)
    load_context_facts(con, settings)
    build_practices_layer(con, settings)


# Layers after the reference layer: KPI catalogue, submissions and official facts, then programme facts.
EXTRA_STEPS: list[BuildStep] = [build_kpi_layer, programme_layer]
# What a first start adds on top, so a new user sees full pages (demo values are marked `demo` everywhere).
FIRST_START_STEPS: list[BuildStep] = [demo_build_step]


def _write_build_info(con: duckdb.DuckDBPyConnection) -> str:
    stamp = uuid.uuid4().hex
    latest = con.execute(query("build.sql", "latest_population_year")).fetchone()[0]
    con.execute(
        query("build.sql", "build_info_insert"),
        [stamp, SCHEMA_VERSION, datetime.now(UTC).replace(tzinfo=None), latest, SOURCES_LINE],
    )
    return stamp


def schema_version(db_path: Path) -> int | None:
    """The schema version of a complete warehouse file; None for a file from before versions were recorded, or one
    built without the KPI layer the app reads (a partial build)."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        complete = con.execute(query("build.sql", "has_kpi_layer")).fetchone()[0]
        return int(con.execute(query("build.sql", "schema_version")).fetchone()[0]) if complete else None
    except (duckdb.Error, TypeError):
        return None
    finally:
        con.close()


def build(settings: Settings, steps: list[BuildStep] | None = None) -> str:
    """Build the warehouse into a private file and rename it over `settings.db_path`; return the build stamp."""
    db_path = settings.db_path

    def fill(con: duckdb.DuckDBPyConnection) -> str:
        load_reference(con, settings)
        with previous_attached(con, db_path):
            for step in steps if steps is not None else EXTRA_STEPS:
                step(con, settings)
        return _write_build_info(con)

    with build_lock(db_path):
        return write_new(db_path, fill)


def _is_current(db_path: Path) -> bool:
    return db_path.exists() and schema_version(db_path) == SCHEMA_VERSION


def ensure_built(settings: Settings) -> bool:
    """Build the warehouse when it is missing (first start: official facts, and demo data unless `settings.demo` is
    off: the production mode) or from an older schema
    (rebuilt with what it held: the KPI layer's build step carries submissions over, and no demo data is added to a
    warehouse that did not ask for it); return whether it built."""
    if _is_current(settings.db_path):
        return False
    with build_lock(settings.db_path):
        if _is_current(settings.db_path):  # another process built it while we waited
            return False
        first_start = not settings.db_path.exists()
    build(settings, EXTRA_STEPS + (FIRST_START_STEPS if first_start and settings.demo else []))
    return True
