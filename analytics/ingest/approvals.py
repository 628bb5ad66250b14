"""Who approved a commune's submission: written into the warehouse copy in the same atomic change as its values.

The ingest itself stays the CLI's (`analytics.ingest.kpis.ingest_into`); this only stamps the submission row it
created with the reviewer and the inbox id, so provenance names both people and a crash after the swap can be
reconciled from the warehouse alone.
"""

from __future__ import annotations

import duckdb

from analytics.store.sql import query


def record_approval(con: duckdb.DuckDBPyConnection, sha256: str, approved_by: str, inbox_id: int) -> None:
    """Stamp the submission with this sha256 (just ingested on `con`) as approved by `approved_by`."""
    con.execute(query("ingest.sql", "kpi_record_approval"), [approved_by, int(inbox_id), sha256])
