"""Every change to the warehouse file: a copy (or a new file) changed in private and renamed over the original.

A serving app never sees a half-written database, a rejected submission changes nothing, and one writer at a time
holds the build lock. The build pipeline (`analytics.build`) and ingestion (`analytics.ingest`) both write through
here; nothing else opens the warehouse for writing.

Private files are named `<db>.<kind>-<pid>-<random>`; a run killed before it removed its own leaves them behind, so
every writer, once it holds the lock, first removes those of processes that are gone (`remove_leftovers`). A write
that fails for a reason outside the program (disk full, read-only folder) raises `WarehouseWriteError` with the
reason in words, after its private file is removed: the warehouse is as it was.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from analytics.store.fault_points import (
    BUILD_SNAPSHOT,
    BUILD_WRITTEN,
    CHANGE_COPIED,
    CHANGE_SWAPPED,
    CHANGE_WRITTEN,
    pause_at,
)
from analytics.store.sql import insert_select, query

T = TypeVar("T")

# The warehouse being replaced, attached read-only under this name while the build steps run, so a step can carry
# over what only the warehouse holds (ingested submissions, practices). One snapshot per build, shared by all steps.
PREVIOUS = "previous"  # the alias in store.sql's attach_previous
SQL = "store.sql"
PRIVATE_KINDS = ("change", "tmp", "previous")


class WarehouseWriteError(Exception):
    """The warehouse could not be written for a reason outside the program; nothing was changed."""

    def __init__(self, db_path: Path, reason: str) -> None:
        super().__init__(f"cannot write the warehouse ({reason}); nothing was changed")
        self.db_path = db_path


def write_failure_reason(exc: BaseException) -> str:
    """Disk full, permission denied, ...: the operating system's words, without paths or DuckDB's internals."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return os.strerror(exc.errno).lower()
    text = str(exc)
    for code in (errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EDQUOT, errno.EPERM, errno.EIO):
        if os.strerror(code) in text:
            return os.strerror(code).lower()
    return f"{type(exc).__name__}: {text.splitlines()[0][:120] if text else 'no detail'}"


@contextmanager
def _writing(db_path: Path) -> Iterator[None]:
    """Turn the operating system's refusals (and DuckDB's I/O errors) into WarehouseWriteError."""
    try:
        yield
    except (OSError, duckdb.IOException, duckdb.PermissionException) as exc:
        raise WarehouseWriteError(db_path, write_failure_reason(exc)) from exc


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
    with _writing(db_path):
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(db_path.with_name(db_path.name + ".lock"), "a")  # noqa: SIM115 - held for the whole block
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            remove_leftovers(db_path)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove the private files of writers that are gone (killed, crashed); return what was removed.

    Called with the build lock held, so no live writer of this warehouse is between creating and removing its files;
    a file whose process still runs (another container sharing the folder, say) is left alone all the same.
    """
    pattern = re.compile(re.escape(db_path.name) + r"\.(" + "|".join(PRIVATE_KINDS) + r")-(\d+)-[0-9a-f]{8}(\.wal)?")
    removed = []
    try:
        entries = list(os.scandir(db_path.parent))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and not _pid_alive(int(match.group(2))):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


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
    try:
        with _writing(previous_db):
            shutil.copyfile(previous_db, snapshot)
        pause_at(BUILD_SNAPSHOT)
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


def _run_on(path: Path, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run `work` on a read-write connection to a private file, checkpointed and closed before it is renamed."""
    con = duckdb.connect(str(path))
    try:
        result = work(con)
        con.checkpoint()
    finally:
        con.close()
    return result


def write_new(db_path: Path, fill: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Build a new warehouse in a private file with `fill` and rename it over `db_path` (caller holds the lock)."""
    tmp = private_path(db_path, "tmp")
    try:
        with _writing(db_path):
            result = _run_on(tmp, fill)
            pause_at(BUILD_WRITTEN)
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
            with _writing(db_path):
                shutil.copyfile(db_path, tmp)
                pause_at(CHANGE_COPIED)
                result = _run_on(tmp, change)
                if keep(result):
                    pause_at(CHANGE_WRITTEN)
                    os.replace(tmp, db_path)
                    pause_at(CHANGE_SWAPPED)
        finally:
            remove_database_file(tmp)
    return result
