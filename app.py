"""Gemengen KPI Observatory: `streamlit run app.py`. Declares the pages and the sidebar every page shares."""

import streamlit as st

from analytics.population import build_info
from ui.data import cached
from ui.shell import compact_layout, language_picker, sidebar_footer

st.set_page_config(page_title="Gemengen KPI Observatory", page_icon="🗺️", layout="wide")

compact_layout()
tr = language_picker()

PAGES = [
    st.Page("pages/home.py", title=tr("nav.home"), icon=":material/map:", default=True),
    st.Page("pages/programmes.py", title=tr("nav.programmes"), icon=":material/flag:", url_path="programmes"),
    st.Page("pages/grants.py", title=tr("nav.grants"), icon=":material/euro:", url_path="grants"),
    st.Page("pages/practices.py", title=tr("nav.practices"), icon=":material/lightbulb:", url_path="practices"),
]

navigation = st.navigation(PAGES)
info = cached(build_info)
sidebar_footer(tr, info.data_as_of, info.built_at)
navigation.run()
