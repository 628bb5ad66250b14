"""The Streamlit script app.py hands to `st.App`: the pages and the sidebar every page shares.

It stays in the repository root: Streamlit serves `static/` (the empty base-map topojson) from beside the script it
runs, and `app_pages/` keeps the pages out of Streamlit's `pages/` auto-discovery.
"""

import streamlit as st

from analytics.queries.population import build_info
from ui.auth import account_box, signed_in_pages
from ui.data import cached
from ui.shell import compact_layout, language_picker, sidebar_footer

st.set_page_config(page_title="Gemengen KPI Observatory", page_icon="🗺️", layout="wide")

compact_layout()
tr = language_picker()

PAGES = [
    st.Page("app_pages/home.py", title=tr("nav.home"), icon=":material/home:", default=True),
    st.Page("app_pages/map.py", title=tr("nav.map"), icon=":material/map:", url_path="map"),
    st.Page("app_pages/commune.py", title=tr("nav.commune"), icon=":material/location_city:", url_path="commune"),
    st.Page("app_pages/benchmark.py", title=tr("nav.benchmark"), icon=":material/leaderboard:", url_path="benchmark"),
    st.Page("app_pages/trends.py", title=tr("nav.trends"), icon=":material/show_chart:", url_path="trends"),
    st.Page("app_pages/programmes.py", title=tr("nav.programmes"), icon=":material/flag:", url_path="programmes"),
    st.Page("app_pages/grants.py", title=tr("nav.grants"), icon=":material/euro:", url_path="grants"),
    st.Page("app_pages/practices.py", title=tr("nav.practices"), icon=":material/lightbulb:", url_path="practices"),
    st.Page("app_pages/data.py", title=tr("nav.data"), icon=":material/database:", url_path="data"),
    st.Page("app_pages/briefing.py", title=tr("nav.briefing"), icon=":material/description:", url_path="briefing"),
]

navigation = st.navigation(PAGES + signed_in_pages(tr))
account_box(tr)
info = cached(build_info)
sidebar_footer(tr, info.data_as_of, info.built_at)
navigation.run()
