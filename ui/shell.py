"""The part of every page that is the same: language, data notice, sources. Rendered once by app.py."""

from __future__ import annotations

import streamlit as st

from analytics.present.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, Translator
from ui.data import production_mode
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
    """Data notice at the foot of the sidebar, then the page language, declared where its empty slot shows nowhere."""
    with st.sidebar:
        st.divider()
        st.caption(tr("shell.data_as_of", year=data_as_of, built=tr.date(built_at)))
        st.caption(tr("coverage.production") if production_mode() else tr("shell.demo_notice"))
        declare_language(tr)


def declare_language(tr: Translator) -> None:
    """Set `<html lang>` to the UI language (WCAG 3.1.1), so screen readers pronounce French as French.

    Streamlit's index.html hard-codes `lang="en"` and has no setting for it; `st.html` runs a script only with
    `unsafe_allow_javascript`, and the script is ours, not user input. The element re-runs only when the language
    changes (same markup, same element), and stays in the sidebar's last slot so no content moves.
    """
    st.html(f"<script>document.documentElement.lang = {tr.lang!r};</script>", unsafe_allow_javascript=True)
