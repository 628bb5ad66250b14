"""Build step: per-commune and national context facts (official, sourced) as tables the pages and briefings read."""

from __future__ import annotations

import duckdb

from analytics.config.settings import Settings
from analytics.sources.context_facts import commune_context_facts, national_context_facts
from analytics.store.sql import read_sql
from analytics.store.writer import insert_frame


def load_context_facts(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Create and fill commune_context and national_context from the shipped files."""
    con.execute(read_sql("schema_context.sql"))
    insert_frame(con, "commune_context", commune_context_facts(settings))
    insert_frame(con, "national_context", national_context_facts(settings))
