"""Gemengen KPI Observatory: all data logic lives here, free of Streamlit, so the CLI, the pages and the tests share it."""
