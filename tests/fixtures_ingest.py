"""Fixtures for the KPI ingestion tests: warehouses built through the real code, copied per test when written to."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import pytest

from analytics.build.pipeline import build, ensure_built
from analytics.checks.validate import ReferenceCodes, ValidationContext
from analytics.config.settings import Settings
from analytics.store.reference_codes import reference_codes

REPO_DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def kpi_base_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reference layer + KPI layer with the official facts, no demo: the starting point of ingest tests."""
    db = tmp_path_factory.mktemp("kpi-base") / "base.duckdb"
    build(Settings(db_path=db))
    return db


@pytest.fixture
def kpi_settings(tmp_path: Path, kpi_base_warehouse: Path) -> Settings:
    """A private, writable copy of the base warehouse for one test."""
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
