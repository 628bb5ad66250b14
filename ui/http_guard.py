"""Security headers on every HTTP response and a clear 400 for an over-long address, as pure ASGI middleware.

Why here and not in Streamlit's config: Streamlit 1.67 has no option for response headers, and its server is an ASGI
app (`st.App`), so one middleware in `app.py`'s MIDDLEWARE covers the pages, `/_stcore/*`, static files and the API.
Pure ASGI (not `BaseHTTPMiddleware`) so the websocket and streamed responses pass through untouched.

- `X-Frame-Options: SAMEORIGIN` and `Content-Security-Policy: frame-ancestors 'self'`: no other site can frame the
  app (clickjacking); the app's own iframes (Streamlit components) still work.
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`.
- An address (path + query) over `MAX_URL_BYTES` (16 KiB, uvicorn's limit for a request head that arrives in pieces)
  gets a plain-text 400 saying so, however it arrives. Without it a 100 kB parameter sent in one piece is served the
  page, whose script then never renders in the browser; every URL the app makes is far shorter, and the API's own
  checks answer anything shorter with its JSON error.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_URL_BYTES = 16 * 1024
SECURITY_HEADERS = [
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
TOO_LONG = (
    b"400 Bad Request: this address is too long (over 16 KiB). Open the page from the app's menu, or shorten the "
    b"link's parameters.\n"
)


def url_bytes(scope: Scope) -> int:
    """Length of the path and query as sent (the raw path when the server gives it)."""
    path = scope.get("raw_path") or str(scope.get("path", "")).encode("utf-8", "surrogateescape")
    return len(path) + len(scope.get("query_string", b""))


API_PREFIX = "/api/"


def too_long_answer(scope: Scope) -> tuple[bytes, bytes]:
    """The 400's body and content type: the API's JSON error shape (naming the longest parameter) on /api/, text
    elsewhere, so an API client reads the same `{"error", "parameter"}` object for every refused request."""
    if not str(scope.get("path", "")).startswith(API_PREFIX):
        return TOO_LONG, b"text/plain; charset=utf-8"
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    parameter = max(pairs, key=lambda kv: len(kv[1]))[0][:40] if pairs else None
    error = {"error": f"the request address is over {MAX_URL_BYTES // 1024} KiB; ask for fewer values at once",
             "parameter": parameter}
    return json.dumps(error).encode("utf-8"), b"application/json"


class HttpGuard:
    """Wraps the whole server: refuses over-long addresses, adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, max_url_bytes: int = MAX_URL_BYTES) -> None:
        self.app = app
        self.max_url_bytes = max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if url_bytes(scope) > self.max_url_bytes:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            body, kind = too_long_answer(scope)
            headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]
            await send({"type": "http.response.start", "status": 400, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {bytes(k).lower() for k, _ in headers}
                message["headers"] = headers + [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
