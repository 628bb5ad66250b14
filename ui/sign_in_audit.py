"""Failed sign-ins into the audit log, as pure ASGI middleware around Streamlit's `/oauth2callback`.

Why here: Streamlit handles the OpenID callback itself and, when the provider denies access or the token exchange
fails, only logs it and redirects to `/`; no page ever runs for it. The middleware sees the callback request and the
response: a callback that carries `error=`, or a `code=` whose response sets no sign-in cookie, is a failed sign-in.
The logout round trip also lands on `/oauth2callback`, with neither `code` nor `error`, and is left alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from analytics.checks.problems import printable
from analytics.config.settings import Settings
from analytics.inbox.audit import SIGN_IN_FAILED, record_alone

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CALLBACK_PATH = "/oauth2callback"
AUTH_COOKIE = b"_streamlit_user="  # Streamlit's sign-in cookie (server_util.AUTH_COOKIE_NAME)
UNKNOWN_ACTOR = "(not signed in)"
MAX_DETAIL = 200


def callback_failure(query: dict[str, list[str]], set_cookies: list[bytes]) -> str | None:
    """The audit detail of a failed sign-in callback, or None when it succeeded or was no sign-in at all."""
    if "error" in query:
        error = query["error"][0]
        description = (query.get("error_description") or [""])[0]
        text = f"provider answered {error}" + (f": {description}" if description else "")
        return printable(text)[:MAX_DETAIL]
    if "code" in query and not any(cookie.startswith(AUTH_COOKIE) for cookie in set_cookies):
        return "token exchange failed or the provider returned no user information"
    return None


class SignInAudit:
    """Records failed sign-ins in the inbox's audit log (`sign-in-failed`, actor unknown); passes everything through."""

    def __init__(self, app: ASGIApp, settings: Settings | None = None) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != CALLBACK_PATH:
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        cookies: list[bytes] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookies.extend(v for k, v in message.get("headers", []) if k.lower() == b"set-cookie")
            await send(message)

        await self.app(scope, receive, watch)
        detail = callback_failure(query, cookies)
        if detail is not None:
            record_alone(self.settings or Settings.from_env(), UNKNOWN_ACTOR, SIGN_IN_FAILED, detail)
