"""Read the warehouse without ever holding a stale or writable connection, and run named queries on it.

Readers open the file read-only and reopen it when the file on disk is a different one (every writer replaces the
file atomically, see `analytics.store.writer`). Query functions (`analytics.queries.*`) take a `Source`: the pages
pass the cached reader, build steps and tests a DuckDB connection; `run_named` is the one runner for both.

One parameter style everywhere: positional `?` placeholders bound from a list, in the order the query's comment
lists them (`run_named(source, "kpis.sql", "current_values", [kpi, year])`). A query that needs a value twice
binds it once in a `params` CTE (`with params as (select ?::integer as year) ...`). Named `$param` placeholders and
dict parameters are not used in `analytics/sql/*.sql`, and `run_named` refuses a dict.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analytics.store.sql import query


@dataclass(frozen=True)
class FileIdentity:
    inode: int
    mtime_ns: int
    size: int


def file_identity(path: Path) -> FileIdentity:
    st = os.stat(path)
    return FileIdentity(st.st_ino, st.st_mtime_ns, st.st_size)


class _OpenFile:
    """The one read-only connection of this process to one warehouse path, shared by every reader of that path.

    DuckDB hands back the already-open database for a path while any connection to it is open. With one connection
    per reader, two readers of the same file (the pages', the "official only" one, the API's) kept each other's old
    database alive: after a writer renamed a new file over it, a reader that reopened still got the old contents, for
    as long as the other reader held its connection (a stale map after an ingest). One shared connection per path is
    closed, and so really reopened, by whichever reader first sees the new file.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.identity: FileIdentity | None = None
        self.stamp: str | None = None


_OPEN_FILES: dict[str, _OpenFile] = {}
_OPEN_FILES_LOCK = threading.Lock()


def _open_file(path: Path) -> _OpenFile:
    key = os.path.realpath(path)
    with _OPEN_FILES_LOCK:
        return _OPEN_FILES.setdefault(key, _OpenFile())


class WarehouseReader:
    """A read-only connection that follows atomic rebuilds.

    Every query checks the file's identity and reopens when it changed; all readers of one path share one connection
    (see `_OpenFile`). Each query runs on its own cursor so Streamlit's threads can share the reader.

    `official_only=True` hides demo values from every query: each cursor first shadows `kpi_current` with its
    official rows (a connection-local temp view), so the same pages, metrics and SQL serve "official data only" and
    the production mode without a second code path.
    """

    def __init__(self, db_path: Path, official_only: bool = False) -> None:
        self.db_path = Path(db_path)
        self.official_only = official_only
        self._file = _open_file(self.db_path)
        self._lock = self._file.lock

    def _connection(self) -> duckdb.DuckDBPyConnection:
        shared = self._file
        identity = file_identity(self.db_path)
        if shared.con is None or identity != shared.identity:
            if shared.con is not None:
                shared.con.close()
            shared.con = duckdb.connect(str(self.db_path), read_only=True)
            shared.identity = identity
            shared.stamp = shared.con.execute("select stamp from build_info").fetchone()[0]
        return shared.con

    @property
    def version(self) -> str:
        """The version of the file currently on disk, whoever wrote it: a cache key for everything read from it.

        Every writer (build, ingest, approval) renames a new file over the old one, so the file's identity (inode,
        modification time, size) changes with each write, while the build stamp changes only with a rebuild: an
        ingest must be seen by a new session at once, not at the next build.
        """
        with self._lock:
            self._connection()
            assert self._file.stamp is not None and self._file.identity is not None
            i = self._file.identity
            return f"{self._file.stamp}-{i.inode}-{i.mtime_ns}-{i.size}"

    @property
    def build_stamp(self) -> str:
        """The stamp of the build that made the file on disk: it changes at a rebuild only, not with an ingest or an
        approval. A key for what only a build writes (the commune shapes), so it outlives the writes that keep it."""
        with self._lock:
            self._connection()
            assert self._file.stamp is not None
            return self._file.stamp

    @property
    def stamp(self) -> str:
        """Same as `version` (the name earlier callers use): it changes with every write, not only a rebuild."""
        return self.version

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run one statement with positional parameters on a fresh cursor of the current file."""
        with self._lock:
            cursor = self._connection().cursor()
        try:
            if self.official_only:
                cursor.execute(query("store.sql", "official_only_view"))
            return cursor.execute(sql, list(params)).df()
        finally:
            cursor.close()

    def close(self) -> None:
        """Close the shared connection of this path (any reader of it reopens on its next query)."""
        with self._lock:
            if self._file.con is not None:
                self._file.con.close()
            self._file.con = None
            self._file.identity = None


Source = WarehouseReader | duckdb.DuckDBPyConnection


def run_named(source: Source, filename: str, name: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run query `name` of `analytics/sql/<filename>` with positional parameters on a reader (read-only, follows
    rebuilds) or a connection: the one query runner of the read side."""
    if isinstance(params, Mapping) or isinstance(params, str):
        raise TypeError(
            f"params of {filename}:{name} were {type(params).__name__} but are expected to be a list of values "
            "for its positional ? placeholders"
        )
    sql = query(filename, name)
    if isinstance(source, WarehouseReader):
        return source.query(sql, params)
    return source.execute(sql, list(params)).df()
