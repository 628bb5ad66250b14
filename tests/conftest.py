"""Shared fixtures: warehouses built through the real pipeline once per test session, one factory for every tier.

Tiers: tests/unit (no warehouse), tests/store (a warehouse), tests/apptest (Streamlit AppTest through one harness,
tests/apptest/harness.py), tests/e2e (a served app in headless Chromium).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from analytics.build.pipeline import build, ensure_built
from analytics.checks.validate import ReferenceCodes, ValidationContext
from analytics.config.settings import Settings
from analytics.store.reader import WarehouseReader
from analytics.store.reference_codes import reference_codes

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "artifacts"
REPO_DATA = REPO_ROOT / "data"
KINDS = ("reference", "official", "demo")


@pytest.fixture(scope="session")
def warehouse_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`warehouse_of(kind)`: the path of a warehouse of that kind, built once per session and shared read-only.

    - "reference": communes, shapes, population, council rule (the layer every build starts with);
    - "official": reference + KPI catalogue, official facts, programme facts and practices, no demo values;
    - "demo": what a first start builds: the official warehouse plus the seeded demo submissions.
    Tests that write copy the file first (see `kpi_settings`).
    """
    built: dict[str, Path] = {}

    def make(kind: str) -> Path:
        if kind not in KINDS:
            raise ValueError(f"kind was {kind!r} but is expected to be one of {KINDS}")
        if kind not in built:
            folder = tmp_path_factory.mktemp(f"warehouse-{kind}")
            settings = Settings(db_path=folder / "observatory.duckdb", raw_dir=folder / "raw")
            if kind == "reference":
                build(settings, steps=[])
            elif kind == "official":
                build(settings)
            else:
                ensure_built(settings)  # a missing file: the first start's build, demo data included
            built[kind] = settings.db_path
        return built[kind]

    return make


@pytest.fixture(scope="session")
def warehouse(warehouse_of: Callable[[str], Path]) -> Path:
    """The full warehouse as the app's first start builds it: reference data, official facts and demo data."""
    return warehouse_of("demo")


@pytest.fixture(scope="session")
def reader(warehouse: Path) -> Iterator[WarehouseReader]:
    r = WarehouseReader(warehouse)
    yield r
    r.close()


@pytest.fixture(scope="session")
def kpi_base_warehouse(warehouse_of: Callable[[str], Path]) -> Path:
    """Official facts without demo values: the starting point of ingest tests."""
    return warehouse_of("official")


@pytest.fixture
def kpi_settings(tmp_path: Path, kpi_base_warehouse: Path) -> Settings:
    """A private, writable copy of the official warehouse for one test."""
    db = tmp_path / "w.duckdb"
    shutil.copyfile(kpi_base_warehouse, db)
    return Settings(db_path=db)


@pytest.fixture(scope="session")
def validation_context(kpi_base_warehouse: Path) -> ValidationContext:
    con = duckdb.connect(str(kpi_base_warehouse), read_only=True)
    try:
        return ValidationContext(reference_codes(con))
    finally:
        con.close()


@pytest.fixture(scope="session")
def reference(kpi_base_warehouse: Path) -> ReferenceCodes:
    """The commune codes of the base warehouse (what an upload is checked against)."""
    con = duckdb.connect(str(kpi_base_warehouse), read_only=True)
    try:
        return reference_codes(con)
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, float]:
    """A copy of data/ and a first-start warehouse (reference + official + demo), with the first build's seconds."""
    root = tmp_path_factory.mktemp("demo-project")
    shutil.copytree(REPO_DATA, root / "data", ignore=shutil.ignore_patterns("raw", "*.duckdb*"))
    settings = Settings(data_dir=root / "data", db_path=root / "data" / "observatory.duckdb")
    start = time.perf_counter()
    ensure_built(settings)
    return settings, time.perf_counter() - start


@pytest.fixture(scope="session")
def demo_con(demo_project: tuple[Settings, float]):
    con = duckdb.connect(str(demo_project[0].db_path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots and files a test leaves for a person to look at (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
