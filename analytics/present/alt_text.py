"""Short text alternatives for charts, maps and images (WCAG 1.1.1), worded in the reader's language.

A screen reader cannot see a choropleth or a strip plot: each figure gets one or two sentences saying what it shows,
its extremes and where the commune stands ("Luxembourg : 55,6 %, 3e sur 9 pairs, médiane 39 %"). Pages pass them as
`alt=` (Streamlit puts them on the chart as `aria-label`); the data itself is one click away in a table view.
"""

from __future__ import annotations

from analytics.present.briefing.model import Briefing
from analytics.present.i18n import Translator


def briefing_preview_alt(briefing: Briefing, tr: Translator) -> str:
    """The preview image of a briefing's first page: its title and the key figures it shows, label then value."""
    figures = " ; ".join(f"{f.label} : {f.value}" if tr.lang == "fr" else f"{f.label}: {f.value}"
                         for f in briefing.figures)
    return tr("a11y.preview_alt", title=briefing.title, subtitle=briefing.subtitle, figures=figures)
