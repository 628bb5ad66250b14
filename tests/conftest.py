"""Shared fixtures: one warehouse built through the real code per test session, reused read-only by every layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.build.pipeline import ensure_built
from analytics.config.settings import Settings
from analytics.store.reader import WarehouseReader

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "artifacts"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("warehouse")
    return Settings(db_path=folder / "observatory.duckdb", raw_dir=folder / "raw")


@pytest.fixture(scope="session")
def warehouse(settings: Settings) -> Path:
    """The full warehouse as the app's first start builds it: reference data, official facts and demo data."""
    ensure_built(settings)
    return settings.db_path


@pytest.fixture(scope="session")
def reader(warehouse: Path) -> WarehouseReader:
    r = WarehouseReader(warehouse)
    yield r
    r.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# KPI ingestion fixtures live in their own module (tests/fixtures_ingest.py).
pytest_plugins = ["tests.fixtures_ingest"]


@pytest.fixture(scope="session")
def demo_warehouse(warehouse: Path) -> Path:
    """Programme tests read the first-start warehouse (official facts + seeded demo data); the name says why."""
    return warehouse


@pytest.fixture(scope="session")
def demo_reader(reader: WarehouseReader) -> WarehouseReader:
    return reader
