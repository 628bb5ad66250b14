"""Build the DuckDB warehouse atomically, and read it without ever holding a stale or writable connection.

Rebuilds write a temporary file next to the warehouse and rename it over the old one, so a serving app never sees a
half-built database. Readers open the file read-only and reopen it when the file on disk is a different one.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from analytics.settings import Settings
from analytics.sqlfiles import insert_select

SQL_DIR = Path(__file__).parent / "sql"

T = TypeVar("T")
BuildStep = Callable[[duckdb.DuckDBPyConnection, Settings], None]

SOURCES_LINE = (
    "STATEC LUSTAT DF_X021 (population, 1 January), STATEC DF_X020 (areas), "
    "ACT Limites administratives (boundaries), loi communale art. 5 (council size); all CC0"
)


def read_sql(name: str) -> str:
    """SQL lives in `analytics/sql/*.sql`, one file per concern."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    # Values travel as a registered frame; the table and column names are quoted by insert_select.
    con.register("incoming_frame", frame)
    try:
        con.execute(insert_select(table, "incoming_frame", list(frame.columns)))
    finally:
        con.unregister("incoming_frame")


def load_reference(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Load the real reference layer (communes, shapes, population, council rule, mergers, women mayors)."""
    con.execute(read_sql("schema_reference.sql"))
    ref = settings.reference_dir
    communes = pd.read_csv(ref / "communes.csv", dtype={"lau2": str})
    _insert_frame(con, "communes", communes)
    cantons = communes[["canton_code", "canton", "district"]].drop_duplicates().sort_values("canton_code")
    _insert_frame(con, "cantons", cantons)

    shapes = json.loads((settings.boundaries_dir / "communes.geojson").read_text(encoding="utf-8"))
    geometry = pd.DataFrame(
        {
            "lau2": [f["properties"]["lau2"] for f in shapes["features"]],
            "geojson": [json.dumps(f["geometry"], separators=(",", ":")) for f in shapes["features"]],
        }
    )
    _insert_frame(con, "commune_geometry", geometry)
    borders = json.loads((settings.boundaries_dir / "canton_borders.geojson").read_text(encoding="utf-8"))
    _insert_frame(
        con,
        "canton_border_geometry",
        pd.DataFrame({"geojson": [json.dumps(f["geometry"], separators=(",", ":")) for f in borders["features"]]}),
    )

    population = pd.read_csv(ref / "population.csv", dtype={"code": str, "population": "Int64"})
    _insert_frame(con, "population", population)
    rule = pd.read_csv(ref / "council_size_rule.csv", dtype={"population_max": "Int64"})
    _insert_frame(con, "council_size_rule", rule)
    mergers = pd.read_csv(ref / "commune_mergers.csv", dtype={"new_lau2": str, "old_lau2": str})
    _insert_frame(con, "commune_mergers", mergers)
    mayors = pd.read_csv(ref / "women_mayors_2023.csv", dtype={"lau2": str})
    mayors = mayors[mayors["woman_mayor_after_june_2023_elections"].astype(str).str.lower() == "true"]
    _insert_frame(con, "women_mayors_2023", mayors[["lau2", "source"]])


# Raise when a table the app reads changes shape: a warehouse built by an older checkout is then rebuilt at start
# (submissions carried over) instead of failing on a missing table or column.
SCHEMA_VERSION = 2


def _write_build_info(con: duckdb.DuckDBPyConnection) -> str:
    stamp = uuid.uuid4().hex
    latest = con.execute("select max(year) from population where population is not null").fetchone()[0]
    con.execute(
        "insert into build_info (stamp, schema_version, built_at, data_as_of, sources) values (?, ?, ?, ?, ?)",
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
        complete = con.execute("select count(*) from duckdb_views() where view_name = 'kpi_current'").fetchone()[0]
        return int(con.execute("select schema_version from build_info").fetchone()[0]) if complete else None
    except (duckdb.Error, TypeError):
        return None
    finally:
        con.close()


@contextmanager
def _build_lock(db_path: Path) -> Iterator[None]:
    """Serialise builds of one warehouse (two first-start sessions, or a CLI rebuild during one)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_name(db_path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _kpi_layer(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """KPI catalogue, submissions carried over from the previous file, and the official facts."""
    from analytics.kpi_layer import build_kpi_layer  # imported late: kpi_layer imports this module

    build_kpi_layer(con, settings)


def _demo_data(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Demo submissions (written under data/raw/demo/ and ingested), for a first start that shows full pages."""
    from analytics.demo import demo_build_step

    demo_build_step(con, settings)


def _programme_layer(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Programme fact tables (signatories, pilot, equality facts, CEMR, press) and the good-practices database."""
    from analytics.practices import build_practices_layer
    from analytics.programme_facts import load_programme_facts

    load_programme_facts(con, settings)
    build_practices_layer(con, settings)


# The warehouse being replaced, attached read-only under this name while the build steps run, so a step can carry
# over what only the warehouse holds (ingested submissions, practices). One snapshot per build, shared by all steps.
PREVIOUS = "previous"
ATTACH_PREVIOUS = "attach ? as previous (read_only)"
DETACH_PREVIOUS = "detach previous"


@contextmanager
def _previous_attached(con: duckdb.DuckDBPyConnection, previous_db: Path) -> Iterator[None]:
    """Attach a private copy of the previous file (readers of the original never block the build)."""
    if not previous_db.exists():
        yield
        return
    snapshot = previous_db.with_name(f"{previous_db.name}.previous-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    shutil.copyfile(previous_db, snapshot)
    try:
        con.execute(ATTACH_PREVIOUS, [str(snapshot)])
        try:
            yield
        finally:
            con.execute(DETACH_PREVIOUS)
    finally:
        snapshot.unlink(missing_ok=True)
        Path(str(snapshot) + ".wal").unlink(missing_ok=True)


def previous_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Tables of the previous warehouse and their columns, in order; empty on a first build."""
    rows = con.execute(
        "select table_name, column_name from duckdb_columns() where database_name = ? order by table_name, column_index",
        [PREVIOUS],
    ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


# Layers that later stages add (KPI catalogue, submissions, programme facts). Each receives the connection to the
# new file and the settings; they run in order after the reference layer.
EXTRA_STEPS: list[BuildStep] = [_kpi_layer, _programme_layer]
# What a first start adds on top, so a new user sees full pages (demo values are marked `demo` everywhere).
FIRST_START_STEPS: list[BuildStep] = [_demo_data]


def build(settings: Settings, steps: list[BuildStep] | None = None) -> str:
    """Build the warehouse into a temporary file and rename it over `settings.db_path`; return the build stamp."""
    db_path = settings.db_path
    with _build_lock(db_path):
        tmp = db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            con = duckdb.connect(str(tmp))
            try:
                load_reference(con, settings)
                with _previous_attached(con, db_path):
                    for step in steps if steps is not None else EXTRA_STEPS:
                        step(con, settings)
                stamp = _write_build_info(con)
                con.execute("checkpoint")
            finally:
                con.close()
            os.replace(tmp, db_path)
        finally:
            tmp.unlink(missing_ok=True)
            Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return stamp


def _is_current(db_path: Path) -> bool:
    return db_path.exists() and schema_version(db_path) == SCHEMA_VERSION


def change_atomically(
    db_path: Path, change: Callable[[duckdb.DuckDBPyConnection], T], keep: Callable[[T], bool]
) -> T:
    """Run `change` on a copy of the warehouse and rename the copy over it only when `keep(result)`.

    A rejected submission therefore changes nothing, and a serving app (read-only) keeps its old file until the swap;
    one writer at a time through the build lock.
    """
    with _build_lock(db_path):
        tmp = db_path.with_name(f"{db_path.name}.change-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            shutil.copyfile(db_path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                result = change(con)
                con.execute("checkpoint")
            finally:
                con.close()
            if keep(result):
                os.replace(tmp, db_path)
        finally:
            tmp.unlink(missing_ok=True)
            Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return result


def ensure_built(settings: Settings) -> bool:
    """Build the warehouse when it is missing (first start: official facts and demo data) or from an older schema
    (rebuilt with what it held: the KPI layer's build step carries submissions over, and no demo data is added to a
    warehouse that did not ask for it); return whether it built."""
    if _is_current(settings.db_path):
        return False
    with _build_lock(settings.db_path):
        if _is_current(settings.db_path):  # another process built it while we waited
            return False
        first_start = not settings.db_path.exists()
    build(settings, EXTRA_STEPS + (FIRST_START_STEPS if first_start else []))
    return True


@dataclass(frozen=True)
class FileIdentity:
    inode: int
    mtime_ns: int
    size: int


def file_identity(path: Path) -> FileIdentity:
    st = os.stat(path)
    return FileIdentity(st.st_ino, st.st_mtime_ns, st.st_size)


class WarehouseReader:
    """A read-only connection that follows atomic rebuilds.

    DuckDB hands back the already-open database for a path while any connection to it is open, so after a rename
    the old connection must be closed before the new file can be seen. Every query checks the file's identity and
    reopens when it changed. Each query runs on its own cursor so Streamlit's threads can share the reader.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: FileIdentity | None = None
        self._stamp: str | None = None

    def _connection(self) -> duckdb.DuckDBPyConnection:
        identity = file_identity(self.db_path)
        if self._con is None or identity != self._identity:
            if self._con is not None:
                self._con.close()
            self._con = duckdb.connect(str(self.db_path), read_only=True)
            self._identity = identity
            self._stamp = self._con.execute("select stamp from build_info").fetchone()[0]
        return self._con

    @property
    def stamp(self) -> str:
        """The build stamp of the file currently on disk: a cache key that changes with every rebuild."""
        with self._lock:
            self._connection()
            assert self._stamp is not None
            return self._stamp

    def query(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        with self._lock:
            cursor = self._connection().cursor()
        try:
            return cursor.execute(sql, params or []).df()
        finally:
            cursor.close()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con = None
            self._identity = None
