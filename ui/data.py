"""The warehouse connection and cached analytics calls, the way Streamlit intends.

The reader is a `cache_resource` (one per process); results are `cache_data` keyed by the warehouse version (the
identity of the file on disk, which every writer replaces: build, ingest, approval), so any write invalidates every
cached result without a restart.

"Official data only" (`status=official` in the URL, or the production mode `OBSERVATORY_DEMO=0`) sends every call
through a second reader that hides demo values, so each page, metric and query honours it without a flag of its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from analytics.build.pipeline import ensure_built
from analytics.config.settings import Settings
from analytics.store.reader import WarehouseReader
from ui.state import OFFICIAL_STATUS, STATUS_KEY, url_value

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource(show_spinner="Building the warehouse (first start)…")
def reader() -> WarehouseReader:
    """Open the warehouse read-only, building it first when a fresh clone has none."""
    ensure_built(settings())
    return WarehouseReader(settings().db_path)


@st.cache_resource(show_spinner=False)
def official_reader() -> WarehouseReader:
    """The same warehouse with demo values hidden from every query."""
    ensure_built(settings())
    return WarehouseReader(settings().db_path, official_only=True)


def production_mode() -> bool:
    """No demo data at all (OBSERVATORY_DEMO=0): none is built, and any the warehouse holds is hidden."""
    return not settings().demo


def official_only() -> bool:
    """Whether this page run shows official values only: the production mode, or `status=official` in the URL."""
    return production_mode() or url_value(STATUS_KEY) == OFFICIAL_STATUS


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_call(module: str, name: str, version: str, official: bool, args: tuple, kwargs: tuple) -> Any:
    fn = getattr(importlib.import_module(module), name)
    return fn(official_reader() if official else reader(), *args, **dict(kwargs))


def cached(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call `fn(reader, *args, **kwargs)` from `analytics`, cached until the warehouse changes (any writer); demo
    values hidden when the page shows official data only."""
    # Keywords: Streamlit runs inspect.signature for each positional argument of a cached call, on every call.
    return _cached_call(module=fn.__module__, name=fn.__name__, version=reader().version, official=official_only(),
                        args=args, kwargs=tuple(sorted(kwargs.items())))
