"""Widget state that lives in the URL, so every view can be copied and reopened (permalinks).

Streamlit's own `bind="query-params"` writes the *displayed* label of an option into the URL, which changes with the
language; these helpers keep stable ids (`kpi=women_councillors_share`) and warn visibly about refused values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from analytics.checks import params
from analytics.present.i18n import Translator

_SYNCED = "_url_synced"
STATUS_KEY, OFFICIAL_STATUS = "status", "official"  # `status=official`: the page shows official values only


def url_value(key: str) -> str | None:
    """The address's value of `key` (the last one if repeated), or None; the one way pages read the URL.

    `to_dict()`, not `st.query_params.get`: a missing key raises and catches KeyError twice inside Streamlit (~80 µs
    against ~30), and a /map rerun reads the URL some twenty times (issue 16: CPU per KPI change under load)."""
    value = st.query_params.to_dict().get(key)
    return None if value is None else str(value)


def synced_values() -> dict[str, str | None]:
    """What this session last wrote to (or read from) each URL key: a changed URL is one that differs from it."""
    return st.session_state.setdefault(_SYNCED, {})


def _adopt(key: str, checked: params.Checked, tr: Translator) -> None:
    """Put a URL value into the widget state when the URL changed since we last wrote it."""
    synced = synced_values()
    raw = url_value(key)
    widget_key = f"url_{key}"
    # Unchanged URL, or a URL without the key (page switches drop query parameters): keep what the user chose.
    if widget_key in st.session_state and (raw is None or synced.get(key) == raw):
        return
    if not checked.ok:
        st.warning(tr(f"url.{checked.problem}", param=key, value=checked.raw, default=checked.value), icon="⚠️")
    st.session_state[widget_key] = checked.value


def publish(key: str, value: object) -> None:
    """Write the current value back to the URL, defaults included: a copied link must still show the same view
    after the defaults move on (the latest year changes when new data arrives). `None` removes the key."""
    synced = synced_values()
    text = None if value is None else str(value)
    current = url_value(key)
    if text is None:
        if current is not None:
            del st.query_params[key]
        synced[key] = None
    else:
        if current != text:  # each write sends the browser a message: only when the address changes
            st.query_params[key] = text
        synced[key] = text


def url_choice(
    key: str,
    label: str,
    options: Sequence[str],
    default: str,
    tr: Translator,
    format_func: Callable[[str], str] = str,
    widget: str = "selectbox",
    container=st,
    check: Callable[[str | None], params.Checked] | None = None,
    **widget_kwargs,
) -> str:
    """A selectbox/radio/segmented control whose value is the URL parameter `key` (validated, warned, published).

    `check` replaces the default exact-match validation (e.g. commune codes, where '304' means '0304').
    """
    checked = check(url_value(key)) if check else params.choice(url_value(key), options, default)
    _adopt(key, checked, tr)
    draw = getattr(container, widget)
    value = draw(
        label, list(options), key=f"url_{key}", format_func=format_func, persist_state="session", **widget_kwargs
    )
    if value is None:
        value = default
    publish(key, value)
    return value


def url_int(
    key: str,
    label: str,
    options: Sequence[int],
    default: int,
    tr: Translator,
    container=st,
    widget: str = "selectbox",
    **widget_kwargs,
) -> int:
    _adopt(key, params.integer(url_value(key), options, default), tr)
    draw = getattr(container, widget)
    if widget == "select_slider":
        value = draw(label, options=list(options), key=f"url_{key}", persist_state="session", **widget_kwargs)
    else:
        value = draw(label, list(options), key=f"url_{key}", persist_state="session", **widget_kwargs)
    publish(key, value)
    return int(value)


def url_flag(key: str, on_value: str, label: str, tr: Translator, off_label: str, container=st, **widget_kwargs) -> bool:
    """A toggle whose "on" is `key=on_value` in the URL (absent when off); another URL value warns and means off."""
    raw = url_value(key)
    if raw not in (None, "", on_value):
        _adopt(key, params.Checked(off_label, "unknown", params.shown(raw)), tr)
        st.session_state[f"url_{key}"] = False
    else:
        _adopt(key, params.Checked(raw == on_value), tr)
    value = bool(container.toggle(label, key=f"url_{key}", **widget_kwargs))
    publish(key, on_value if value else None)
    return value
