"""Draw plotly figures with the numbers of the user's language (decimal comma, thousands separator)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.present.i18n import PLOTLY_SEPARATORS, Translator


def plotly_chart(tr: Translator, figure: go.Figure, **kwargs):
    """`st.plotly_chart` with the locale's separators set on the figure's layout."""
    figure.update_layout(separators=PLOTLY_SEPARATORS[tr.lang])
    return st.plotly_chart(figure, **kwargs)
