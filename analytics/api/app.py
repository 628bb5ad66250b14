"""The API as its own Starlette app, mounted at /api/v1 by the server (app.py): read-only, no sign-in, GET only.

Its own app keeps CORS and the JSON errors to the API: pages get neither. Every refused parameter is a JSON 400
(`{"error": ..., "parameter": ...}`), an unknown path a JSON 404 with the nearest endpoint, a wrong method a JSON 405,
and anything unexpected a JSON 500 without a traceback (the traceback goes to the server log only).
The warehouse is opened on the first request (and built first on a fresh clone, as the pages do): `warehouse.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from analytics.api import endpoints
from analytics.api.errors import BadParameter, did_you_mean
from analytics.api.openapi import openapi_document
from analytics.api.warehouse import Warehouse

LOG = logging.getLogger(__name__)
PREFIX = "/api/v1"
ENDPOINTS = ("/kpi", "/municipality", "/data", "/openapi.json")


def _handler(warehouse: Warehouse, fn: Callable[[Warehouse, Request], Response]) -> Callable:
    def endpoint(request: Request) -> Response:  # sync: Starlette runs it in its thread pool
        return fn(warehouse, request)

    endpoint.__name__ = fn.__name__
    return endpoint


def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(), headers={"Cache-Control": "public, max-age=300"})


async def bad_parameter(request: Request, exc: BadParameter) -> Response:
    return JSONResponse(exc.body(), status_code=400)


async def http_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail
    if exc.status_code == 404:
        path = request.url.path.removeprefix(request.scope.get("root_path", ""))
        guess = did_you_mean(path, ENDPOINTS)
        message = f"no endpoint {PREFIX}{path}" + (f"; did you mean {PREFIX}{guess}?" if guess else
                                                   f"; the endpoints are {', '.join(PREFIX + e for e in ENDPOINTS)}")
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed; the API is read-only (GET)"
    return JSONResponse({"error": message, "parameter": None}, status_code=exc.status_code, headers=exc.headers)


async def server_error(request: Request, exc: Exception) -> Response:
    LOG.exception("API error on %s", request.url.path)
    return JSONResponse({"error": "internal error", "parameter": None}, status_code=500)


def create_api(warehouse: Warehouse | None = None) -> Starlette:
    """The /api/v1 app; tests pass a `Warehouse` on their own settings."""
    warehouse = warehouse or Warehouse()
    routes = [
        Route("/kpi", _handler(warehouse, endpoints.kpi), methods=["GET"]),
        Route("/municipality", _handler(warehouse, endpoints.municipality), methods=["GET"]),
        Route("/data", _handler(warehouse, endpoints.data), methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"],
                      expose_headers=["ETag"], max_age=600)
    return Starlette(
        routes=routes,
        middleware=[cors],
        exception_handlers={BadParameter: bad_parameter, HTTPException: http_error, Exception: server_error},
    )


api_app = create_api()
