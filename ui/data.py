"""The warehouse connection and cached analytics calls, the way Streamlit intends.

The reader is a `cache_resource` (one per process); results are `cache_data` keyed by the warehouse version (the
identity of the file on disk, which every writer replaces: build, ingest, approval), so any write invalidates every
cached result without a restart.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from analytics.build.pipeline import ensure_built
from analytics.config.settings import Settings
from analytics.store.reader import WarehouseReader

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource(show_spinner="Building the warehouse (first start)…")
def reader() -> WarehouseReader:
    """Open the warehouse read-only, building it first when a fresh clone has none."""
    ensure_built(settings())
    return WarehouseReader(settings().db_path)


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_call(module: str, name: str, version: str, args: tuple, kwargs: tuple) -> Any:
    fn = getattr(importlib.import_module(module), name)
    return fn(reader(), *args, **dict(kwargs))


def cached(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call `fn(reader, *args, **kwargs)` from `analytics`, cached until the warehouse changes (any writer)."""
    return _cached_call(fn.__module__, fn.__name__, reader().version, args, tuple(sorted(kwargs.items())))
