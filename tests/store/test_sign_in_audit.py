"""Failed sign-ins reach the audit log although no page runs for them (ui.sign_in_audit around /oauth2callback)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from analytics.inbox.audit import SIGN_IN_FAILED, audit_log
from ui.sign_in_audit import UNKNOWN_ACTOR, SignInAudit


def callback(settings, query: bytes, cookie: bytes | None, path: str = "/oauth2callback") -> list[dict]:
    """Send one request through the middleware to a stand-in for Streamlit's callback; return what reached the client."""
    sent: list[dict] = []

    async def streamlit(scope, receive, send):
        headers = [(b"location", b"/")] + ([(b"set-cookie", cookie)] if cookie else [])
        await send({"type": "http.response.start", "status": 302, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "path": path, "query_string": query, "headers": []}
    # A thread of its own: the browser tests' Playwright leaves an event loop running in the main thread.
    worker = threading.Thread(target=asyncio.run, args=(SignInAudit(streamlit, settings)(scope, receive, send),))
    worker.start()
    worker.join(timeout=30)
    return sent


def failures(settings) -> list[tuple[str, str]]:
    log = audit_log(settings)
    log = log[log["action"] == SIGN_IN_FAILED]
    return list(zip(log["actor"], log["detail"], strict=True))


@pytest.fixture
def settings(kpi_settings):
    return kpi_settings  # an inbox beside a private warehouse copy


def test_a_denied_sign_in_is_recorded_with_the_providers_reason(settings):
    sent = callback(settings, b"error=access_denied&error_description=User%20cancelled%0Aforged%20line", None)
    assert sent[0]["status"] == 302  # the visitor still gets Streamlit's own answer
    assert failures(settings) == [(UNKNOWN_ACTOR, "provider answered access_denied: User cancelled\\nforged line")]


def test_a_code_without_a_sign_in_cookie_is_a_failed_exchange(settings):
    callback(settings, b"code=abc&state=xyz", None)
    assert failures(settings) == [(UNKNOWN_ACTOR, "token exchange failed or the provider returned no user information")]


def test_a_successful_sign_in_and_a_logout_round_trip_record_nothing(settings):
    callback(settings, b"code=abc&state=xyz", b"_streamlit_user=signed-value; Path=/; HttpOnly")
    callback(settings, b"", None)  # the provider's end-session page sends the browser back here
    callback(settings, b"error=access_denied", None, path="/map")  # not the callback: not a sign-in
    assert failures(settings) == []


def test_the_audit_export_escapes_like_every_other_csv(settings):
    from analytics.present.audit_export import audit_csv

    callback(settings, b"error=%09%3DHYPERLINK(1)", None)  # a detail that starts with a tab, then a formula
    text = audit_csv(audit_log(settings)).decode("utf-8")
    assert "provider answered \\t=HYPERLINK(1)" in text  # printable() shows the tab, never a live cell
    assert "\n=" not in text and ",=" not in text
