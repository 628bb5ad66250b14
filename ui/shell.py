"""The part of every page that is the same: language, data notice, sources. Rendered once by app.py."""

from __future__ import annotations

import streamlit as st

from analytics.present.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, Translator
from ui.state import url_choice

_LANG_KEY = "_lang"


def translator() -> Translator:
    """The language chosen in the sidebar (or `lang=` in the URL) for the page being drawn."""
    return Translator(st.session_state.get(_LANG_KEY, DEFAULT_LANGUAGE))


def language_picker() -> Translator:
    tr = translator()
    lang = url_choice(
        "lang",
        "Langue · Sprache · Language",
        LANGUAGES,
        DEFAULT_LANGUAGE,
        tr,
        format_func=LANGUAGE_NAMES.__getitem__,
        container=st.sidebar,
    )
    st.session_state[_LANG_KEY] = lang
    return Translator(lang)


# Streamlit's default top padding (6rem) pushes a map below the fold on a laptop screen.
_COMPACT_CSS = "<style>.block-container{padding-top:2.2rem;padding-bottom:1rem}</style>"


def compact_layout() -> None:
    st.html(_COMPACT_CSS)


def sidebar_footer(tr: Translator, data_as_of: int, built_at: str) -> None:
    with st.sidebar:
        st.divider()
        st.caption(tr("shell.data_as_of", year=data_as_of, built=tr.date(built_at)))
        st.caption(tr("shell.demo_notice"))
