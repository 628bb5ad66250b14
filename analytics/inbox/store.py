"""The inbox database: SQLite in WAL mode, one short transaction per write, files kept by their sha256.

Why SQLite (WAL) and not a second DuckDB file: the writers are many small transactions from Streamlit sessions on
several threads (and possibly several server processes or the CLI), while DuckDB lets only one process open a file
for writing. SQLite in WAL mode lets readers read while one writer commits, `begin immediate` takes the write lock
up front so a transaction never fails half-way on a lock upgrade, and `busy_timeout` makes concurrent writers queue
instead of failing. It is in the standard library: no new dependency.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from analytics.config.settings import Settings
from analytics.store.sql import query, read_sql

BUSY_TIMEOUT_MS = 30_000


def now_text() -> str:
    """UTC time as stored in the inbox (ISO 8601, seconds)."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def connect(settings: Settings) -> sqlite3.Connection:
    """A new connection (one per call: sqlite3 connections belong to the thread that made them), schema ensured."""
    settings.inbox_path.parent.mkdir(parents=True, exist_ok=True)
    # `timeout` is SQLite's busy timeout: a writer waits this long for another's transaction instead of failing.
    con = sqlite3.connect(settings.inbox_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    con.row_factory = sqlite3.Row
    con.execute("pragma journal_mode = wal")
    con.execute("pragma synchronous = full")  # a committed submission survives a power cut, not just a crash
    con.execute("pragma foreign_keys = on")
    con.executescript(read_sql("schema_inbox.sql"))
    return con


@contextmanager
def transaction(settings: Settings) -> Iterator[sqlite3.Connection]:
    """`begin immediate` … `commit`, or `rollback` on any error; the connection is closed afterwards."""
    con = connect(settings)
    try:
        con.execute("begin immediate")
        try:
            yield con
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    finally:
        con.close()


def read(settings: Settings, name: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run a named query of `analytics/sql/inbox.sql` and return its rows as a frame."""
    con = connect(settings)
    try:
        cursor = con.execute(query("inbox.sql", name), list(params))
        columns = [d[0] for d in cursor.description]
        return pd.DataFrame([tuple(r) for r in cursor.fetchall()], columns=columns)
    finally:
        con.close()


def file_path(settings: Settings, sha256: str) -> Path:
    return settings.inbox_files_dir / sha256[:2] / sha256


def keep_file(settings: Settings, data: bytes) -> str:
    """Store `data` under its sha256 (written to a temporary name, synced, renamed) and return the sha256.

    The same bytes are stored once; a crash leaves at most a stray temporary file, never a truncated one.
    """
    sha = hashlib.sha256(data).hexdigest()
    target = file_path(settings, sha)
    if target.exists():
        return sha
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{sha}.{os.getpid()}-{uuid.uuid4().hex[:8]}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return sha


def load_file(settings: Settings, sha256: str) -> bytes:
    """The stored bytes, checked against their name (a changed file is refused, not approved)."""
    data = file_path(settings, sha256).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"stored file {sha256} does not match its sha256; it was changed on disk")
    return data
