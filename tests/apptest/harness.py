"""The one AppTest harness: open the app (navigation.py, what app.py serves) on a warehouse, as a permalink would.

Streamlit's caches are process-wide (`ui.data` keeps the settings and the reader as `cache_resource`s), so the first
AppTest of a session would decide which warehouse every later one reads: the harness clears them whenever a test
points the app at a different warehouse than the previous test did, and only then (clearing costs a warm-up).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "navigation.py")
TIMEOUT = 60
_current_db: list[str] = []


def point_at(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Serve `db` to the next AppTest; clears Streamlit's caches when the warehouse changes."""
    monkeypatch.setenv("OBSERVATORY_DB", str(db))
    if _current_db != [str(db)]:
        st.cache_resource.clear()
        st.cache_data.clear()
        _current_db[:] = [str(db)]


def open_app(
    db: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None, *, user: dict[str, Any] | None = None,
    check: bool = True, **query: str,
) -> AppTest:
    """Run the app with `query` in its URL, then switch to `page` (e.g. "app_pages/map.py") if given.

    `user` sets `st.user` (e.g. {"is_logged_in": True, "sub": "officer-0304"}); `check` asserts no exception.
    """
    point_at(db, monkeypatch)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user is not None:
        at.user = user
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    """Every text a person reads on the page: headings, markdown, captions, metrics, alerts, button labels."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader] + [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
    parts += [s.value for s in at.success] + [b.label for b in at.get("download_button")]
    return "\n".join(str(p) for p in parts)


def plotly_figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe] + [t.value for t in at.table]
