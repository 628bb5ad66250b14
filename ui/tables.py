"""Tables the way every page shows them: a missing cell is empty, as in a spreadsheet, not Streamlit's "None"."""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics.present.i18n import Translator


def dataframe(tr: Translator, data: Any, **kwargs: Any) -> Any:
    """`st.dataframe` with missing cells left empty, never "None" (a word in a number column was cut to "données" in
    the narrow columns); where a row has no value its text says so in words ("pas de données": the map's status, the
    profile's value). `tr` is the page's language, for whatever a table needs to say; the rest as st.dataframe."""
    kwargs.setdefault("placeholder", "")
    return st.dataframe(data, **kwargs)
