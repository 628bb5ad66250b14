"""Draw plotly figures with the numbers of the user's language (decimal comma, thousands separator)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.present.i18n import PLOTLY_SEPARATORS, Translator
from ui.shared_views import FrozenFigure


def plotly_chart(tr: Translator, figure: go.Figure, **kwargs):
    """`st.plotly_chart` with the locale's separators on the figure's layout.

    A `FrozenFigure` is shared by every session and is never changed here: it carries its separators from `freeze`,
    and one frozen for another language is refused rather than shown with the wrong decimal mark.
    """
    if isinstance(figure, FrozenFigure):
        if figure.lang != tr.lang:
            raise ValueError(f"figure was frozen for language {figure.lang!r} but the page speaks {tr.lang!r}")
    else:
        figure.update_layout(separators=PLOTLY_SEPARATORS[tr.lang])
    return st.plotly_chart(figure, **kwargs)
