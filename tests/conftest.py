"""Shared fixtures: one warehouse built through the real code per test session, reused read-only by every layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.settings import Settings
from analytics.warehouse import WarehouseReader, build

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "artifacts"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    db = tmp_path_factory.mktemp("warehouse") / "observatory.duckdb"
    return Settings(db_path=db)


@pytest.fixture(scope="session")
def warehouse(settings: Settings) -> Path:
    """The full warehouse as the app's first start builds it."""
    build(settings)
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


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse as a first start builds it (official facts + seeded demo data): what pages show by default."""
    from analytics.warehouse import EXTRA_STEPS, FIRST_START_STEPS

    db = tmp_path_factory.mktemp("demo_warehouse") / "observatory.duckdb"
    build(Settings(db_path=db), EXTRA_STEPS + FIRST_START_STEPS)
    return db


@pytest.fixture(scope="session")
def demo_reader(demo_warehouse: Path) -> WarehouseReader:
    r = WarehouseReader(demo_warehouse)
    yield r
    r.close()
