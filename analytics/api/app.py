"""The API as its own Starlette app, mounted at /api/v1 by app.py (placeholder until the endpoints land)."""

from __future__ import annotations

from starlette.applications import Starlette

api_app = Starlette(routes=[])
