"""Tables the way every page shows them: a missing cell is empty, as in a spreadsheet, not Streamlit's "None"."""

from __future__ import annotations

from typing import Any

import streamlit as st


def dataframe(data: Any, **kwargs: Any) -> Any:
    """`st.dataframe` with missing cells left empty, never "None" (a word in a number column was cut to "données" in
    the narrow columns); where a row has no value its text says so in words ("pas de données": the map's status, the
    profile's value). The rest as st.dataframe takes it."""
    kwargs.setdefault("placeholder", "")
    return st.dataframe(data, **kwargs)
