"""One-click briefing downloads, drawn the same way on /briefing and on the commune profile.

The commune profile (app_pages/commune.py) only needs:
`from ui.briefing import briefing_downloads` and `briefing_downloads(tr, lau2, year)`.
"""

from __future__ import annotations

import streamlit as st

from analytics.present.briefing import Briefing, BriefingError, briefing_for, render_html, render_pdf
from analytics.present.i18n import Translator
from ui.data import cached


def briefing_downloads(
    tr: Translator,
    lau2: str | None,
    year: int,
    lang: str | None = None,
    key: str = "briefing",
    container=st,
    kpi: str | None = None,
    compact: bool = False,
) -> Briefing | None:
    """PDF and HTML download buttons for a commune (or, with `lau2=None`, the national) briefing; None on an error.

    `compact` stacks two short-labelled buttons for a narrow column (the commune profile's side column).
    """
    lang = lang or tr.lang
    try:
        note = cached(briefing_for, lau2, year, lang, kpi)
    except BriefingError as exc:
        container.error(tr("briefing.error", reason=str(exc)))
        return None
    stem = f"briefing_{lau2 or 'national'}_{year}_{lang}"
    pdf_col, html_col = (container, container) if compact else container.columns(2)
    suffix = "_short" if compact else ""
    width = "stretch" if compact else "content"
    pdf_col.download_button(tr(f"briefing.download_pdf{suffix}"), render_pdf(note), f"{stem}.pdf", "application/pdf",
                            type="primary", icon=":material/picture_as_pdf:", key=f"{key}_pdf", width=width)
    html_col.download_button(tr(f"briefing.download_html{suffix}"), render_html(note), f"{stem}.html", "text/html",
                             icon=":material/html:", key=f"{key}_html", width=width)
    return note
