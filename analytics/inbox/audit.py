"""The audit log: who did what, when, to which submission (and its sha256); written in the same transaction as the act."""

from __future__ import annotations

import sqlite3

import pandas as pd

from analytics.config.settings import Settings
from analytics.inbox.store import now_text, read, transaction
from analytics.store.sql import query

SUBMIT, APPROVE, REJECT, RECONCILE, REFUSED, SIGN_IN_FAILED = (
    "submit", "approve", "reject", "reconcile", "refused", "sign-in-failed",
)


def record(
    con: sqlite3.Connection, actor: str, action: str, inbox_id: int | None = None, sha256: str | None = None,
    detail: str = "",
) -> None:
    """Append one event inside the caller's transaction (so the act and its record commit together)."""
    con.execute(query("inbox.sql", "insert_event"), [now_text(), actor, action, inbox_id, sha256, detail])


def record_alone(settings: Settings, actor: str, action: str, detail: str = "", sha256: str | None = None) -> None:
    """An event with no other write (a refused upload, a failed sign-in), in its own transaction."""
    with transaction(settings) as con:
        record(con, actor, action, None, sha256, detail)


def audit_log(settings: Settings) -> pd.DataFrame:
    """event_id, at, actor, action, inbox_id, sha256, detail; newest first."""
    return read(settings, "events")


def submission_events(settings: Settings, inbox_id: int) -> pd.DataFrame:
    """The history of one submission, oldest first."""
    return read(settings, "events_of", [inbox_id])
