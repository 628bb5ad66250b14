"""Every change to the warehouse file: a copy (or a new file) changed in private and renamed over the original.

A serving app never sees a half-written database, a rejected submission changes nothing, and one writer at a time
holds the build lock. The build pipeline (`analytics.build`) and ingestion (`analytics.ingest`) both write through
here; nothing else opens the warehouse for writing.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from analytics.store.sql import insert_select, query

T = TypeVar("T")

# The warehouse being replaced, attached read-only under this name while the build steps run, so a step can carry
# over what only the warehouse holds (ingested submissions, practices). One snapshot per build, shared by all steps.
PREVIOUS = "previous"  # the alias in store.sql's attach_previous
SQL = "store.sql"


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append a frame to a table; values travel as a registered frame, names are quoted by insert_select."""
    con.register("incoming_frame", frame)
    try:
        con.execute(insert_select(table, "incoming_frame", list(frame.columns)))
    finally:
        con.unregister("incoming_frame")


@contextmanager
def build_lock(db_path: Path) -> Iterator[None]:
    """Serialise writers of one warehouse (two first-start sessions, or a CLI rebuild during one)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_name(db_path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def private_path(db_path: Path, kind: str) -> Path:
    """A file beside the warehouse for one writer: `<db>.<kind>-<pid>-<random>`."""
    return db_path.with_name(f"{db_path.name}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def remove_database_file(path: Path) -> None:
    path.unlink(missing_ok=True)
    Path(str(path) + ".wal").unlink(missing_ok=True)


@contextmanager
def previous_attached(con: duckdb.DuckDBPyConnection, previous_db: Path) -> Iterator[None]:
    """Attach a private copy of the previous file (readers of the original never block the build)."""
    if not previous_db.exists():
        yield
        return
    snapshot = private_path(previous_db, "previous")
    shutil.copyfile(previous_db, snapshot)
    try:
        con.execute(query(SQL, "attach_previous"), [str(snapshot)])
        try:
            yield
        finally:
            con.execute(query(SQL, "detach_previous"))
    finally:
        remove_database_file(snapshot)


def previous_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Tables of the previous warehouse and their columns, in order; empty on a first build."""
    rows = con.execute(query(SQL, "database_columns"), [PREVIOUS]).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


def write_new(db_path: Path, fill: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Build a new warehouse in a private file with `fill` and rename it over `db_path` (caller holds the lock)."""
    tmp = private_path(db_path, "tmp")
    try:
        con = duckdb.connect(str(tmp))
        try:
            result = fill(con)
            con.checkpoint()
        finally:
            con.close()
        os.replace(tmp, db_path)
    finally:
        remove_database_file(tmp)
    return result


def change_atomically(
    db_path: Path, change: Callable[[duckdb.DuckDBPyConnection], T], keep: Callable[[T], bool]
) -> T:
    """Run `change` on a copy of the warehouse and rename the copy over it only when `keep(result)`.

    A rejected submission therefore changes nothing, and a serving app (read-only) keeps its old file until the swap;
    one writer at a time through the build lock.
    """
    with build_lock(db_path):
        tmp = private_path(db_path, "change")
        try:
            shutil.copyfile(db_path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                result = change(con)
                con.checkpoint()
            finally:
                con.close()
            if keep(result):
                os.replace(tmp, db_path)
        finally:
            remove_database_file(tmp)
    return result
