"""The one store of accepted submissions, for KPI values and practices: ids, counts, supersede, insert, log.

Each accepted file becomes one submission with the next free id; its rows arrive as one registered frame, the counts
say how many keys are new and how many change the current value, the current rows of arriving keys stop being
current (they stay as history), the rows are inserted, and the log gets one row per file. The queries of each kind
are named `<prefix>_<step>` in `analytics/sql/ingest.sql`; every value is bound or travels in a registered frame.
Callers hold the transaction (all-or-nothing per call).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.ingest.outcome import FileOutcome
from analytics.store.sql import query

SQL = "ingest.sql"
LOG_COLUMNS = [
    "submission_id",
    "file_name",
    "sha256",
    "submitted_by",
    "received_at",
    "rows",
    "status",
    "new_rows",
    "revised_rows",
    "source",
]


@dataclass(frozen=True)
class SubmissionKind:
    """Where one kind of submission is stored: its query prefix, the name its rows are registered under, and the
    columns (with types) those rows carry."""

    prefix: str
    incoming: str
    columns: list[str] | None = None  # None: every column of the frame
    dtypes: dict[str, str] = field(default_factory=dict)


KPI_VALUES = SubmissionKind(
    "kpi",
    "incoming",
    ["lau2", "kpi", "year", "value", "submission_id", "source_row"],
    {"year": "int16", "source_row": "int32", "submission_id": "int32"},
)
PRACTICES = SubmissionKind("practice", "incoming_practices", dtypes={"submission_id": "int32"})


def _run(con: duckdb.DuckDBPyConnection, kind: SubmissionKind, step: str, params: list | None = None):
    return con.execute(query(SQL, f"{kind.prefix}_{step}"), params or [])


def same_files(con: duckdb.DuckDBPyConnection, kind: SubmissionKind, shas: list[str]) -> dict[str, tuple]:
    """Earlier submissions with the same bytes: sha256 -> (submission id, file name, received at)."""
    return {r[0]: tuple(r[1:]) for r in _run(con, kind, "same_files", [shas]).fetchall()}


def store_submissions(
    con: duckdb.DuckDBPyConnection,
    kind: SubmissionKind,
    accepted: list[tuple[FileOutcome, pd.DataFrame]],
    *,
    submitted_by: str,
    received_at: datetime,
    status: str | None = None,
    source: str | None = None,
) -> None:
    """Store each (outcome, rows) as its own submission and fill in the outcome's id and counts."""
    first_id = int(_run(con, kind, "next_submission").fetchall()[0][0])
    frames = []
    for offset, (outcome, rows) in enumerate(accepted):
        outcome.submission_id = first_id + offset
        outcome.rows = len(rows)
        frames.append(rows.assign(submission_id=outcome.submission_id))
    incoming = pd.concat(frames, ignore_index=True).astype(kind.dtypes)
    con.register(kind.incoming, incoming[kind.columns] if kind.columns else incoming)
    try:
        counts = _run(con, kind, "counts").df().set_index("submission_id")
        _run(con, kind, "supersede")
        _run(con, kind, "insert", [status] if status is not None else None)
    finally:
        con.unregister(kind.incoming)
    log = []
    for outcome, _ in accepted:
        if outcome.submission_id in counts.index:
            outcome.new_rows = int(counts.at[outcome.submission_id, "new_rows"])
            outcome.revised_rows = int(counts.at[outcome.submission_id, "revised_rows"])
        log.append(
            (
                outcome.submission_id,
                Path(outcome.file).as_posix(),
                outcome.sha256,
                submitted_by,
                received_at,
                outcome.rows,
                status,
                outcome.new_rows,
                outcome.revised_rows,
                source,
            )
        )
    con.register(
        "incoming_log", pd.DataFrame(log, columns=LOG_COLUMNS).astype({"status": "object", "source": "object"})
    )
    try:
        _run(con, kind, "log_insert")
    finally:
        con.unregister("incoming_log")
