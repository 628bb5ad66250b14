"""The API's warehouse: one read-only reader, opened (and built if missing) on first use, and a small cache of the
answers that only change with a rebuild (commune names, the catalogue table, ranks of a KPI-year).

The cache is keyed by the build stamp, as the pages' `cache_data` is: a rebuild empties it, so no stale answer
outlives the file it came from. Values of `/data` themselves are read per request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from analytics.build.pipeline import ensure_built
from analytics.config.settings import Settings
from analytics.store.reader import WarehouseReader

T = TypeVar("T")
MAX_ENTRIES = 512


class Warehouse:
    """Shared by every request of one API app (Starlette runs the handlers in a thread pool)."""

    def __init__(self, settings: Callable[[], Settings] = Settings.from_env) -> None:
        self._settings = settings
        self._reader: WarehouseReader | None = None
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()

    def reader(self) -> WarehouseReader:
        with self._lock:
            if self._reader is None:
                settings = self._settings()
                ensure_built(settings)
                self._reader = WarehouseReader(settings.db_path)
            return self._reader

    def cached(self, key: Hashable, compute: Callable[[WarehouseReader], T]) -> T:
        """`compute(reader)` once per build stamp and key; computed outside the lock (a slow read blocks no one)."""
        reader = self.reader()
        stamp = reader.stamp
        with self._lock:
            if stamp != self._stamp:
                self._cache.clear()
                self._stamp = stamp
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute(reader)
        with self._lock:
            if stamp == self._stamp:
                self._cache[key] = value
                while len(self._cache) > MAX_ENTRIES:
                    self._cache.popitem(last=False)
        return value
