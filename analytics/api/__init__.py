"""The read-only HTTP API at /api/v1: Starlette handlers over analytics.queries and analytics.metrics, no Streamlit."""
