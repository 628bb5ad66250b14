"""Gemengen KPI Observatory: `streamlit run app.py` serves the pages and the read-only API (/api/v1) on one port.

Streamlit finds the module-level `app = st.App(...)` and runs it with uvicorn; `uvicorn app:app` does the same. The
pages are the script `navigation.py`. ROUTES and MIDDLEWARE are the one place where the server's ASGI pieces are
listed: a middleware added here wraps every request (pages, /_stcore/*, the websocket and the API); prefer pure ASGI
middleware over `BaseHTTPMiddleware`, which also wraps the websocket and streamed responses.
"""

import gc

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount, Route

from analytics.api.app import api_app
from ui.http_guard import HttpGuard
from ui.map_assets import PATH as COMMUNES_GEOJSON
from ui.map_assets import communes_geojson
from ui.sign_in_audit import SignInAudit

# The commune polygons the maps fetch once per browser instead of inside every figure (ui/map_assets.py).
ROUTES: list[BaseRoute] = [Mount("/api/v1", app=api_app), Route(COMMUNES_GEOJSON, communes_geojson, methods=["GET"])]
# Security headers and a clear 400 for over-long addresses; failed sign-ins into the audit log.
MIDDLEWARE: list[Middleware] = [Middleware(HttpGuard), Middleware(SignInAudit)]

app = st.App("navigation.py", routes=ROUTES, middleware=MIDDLEWARE)

# What the server has imported lives as long as it does: out of the cyclic collector's reach, a full collection walks
# only what sessions and caches make. The ~200,000 objects of the imports made each one a 130–230 ms pause of every
# session at once (under load, most of /map's p95); now 10–60 ms (issue 16, bench/load.py).
gc.collect()
gc.freeze()
