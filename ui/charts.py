"""Draw plotly figures with the numbers of the user's language and a text alternative a screen reader can read."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.present.alt_text import ChartText
from analytics.present.i18n import PLOTLY_SEPARATORS, Translator
from ui.shared_views import FrozenFigure
from ui.tables import dataframe


def plotly_chart(tr: Translator, figure: go.Figure, *, alt: str | ChartText, table: pd.DataFrame | None = None,
                 **kwargs):
    """`st.plotly_chart` with the locale's separators, a required description and, if given, its data one click away.

    `alt` (WCAG 1.1.1) becomes the chart's `aria-label`; a `ChartText` also brings its table. The table sits in a
    closed expander under the chart, the accessible-chart pattern of Open SDG. The modebar stays: its buttons are
    what puts a plotly chart in the keyboard's tab order.
    A `FrozenFigure` is shared by every session and is never changed here: it carries its separators from `freeze`,
    and one frozen for another language is refused rather than shown with the wrong decimal mark.
    """
    if isinstance(alt, ChartText):
        alt, table = alt.alt, alt.table if table is None else table
    if isinstance(figure, FrozenFigure):
        if figure.lang != tr.lang:
            raise ValueError(f"figure was frozen for language {figure.lang!r} but the page speaks {tr.lang!r}")
    else:
        figure.update_layout(separators=PLOTLY_SEPARATORS[tr.lang])
    event = st.plotly_chart(figure, alt=alt, **kwargs)
    if table is not None:
        with st.expander(tr("a11y.table"), icon=":material/table:"):
            dataframe(table, hide_index=True, width="stretch")
    return event
