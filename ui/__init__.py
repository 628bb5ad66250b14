"""Streamlit glue shared by the pages: the cached warehouse reader, the sidebar, URL state. No data logic here."""
