"""Checks on the `[auth]` section of Streamlit's secrets before sign-in is offered (Streamlit itself only warns).

A short or missing cookie secret would let anyone who guesses it forge the signed identity cookie, so sign-in is
refused (the public pages keep working) until the section is sound. Plain data in, messages out: `dev.py` and
`ui.auth` both use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MIN_COOKIE_SECRET = 32
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
CALLBACK = "/oauth2callback"


def auth_problems(section: Mapping[str, Any]) -> list[str]:
    """What is wrong with an `[auth]` section (empty list: sign-in may be offered)."""
    problems = []
    secret = str(section.get("cookie_secret") or "")
    if len(secret) < MIN_COOKIE_SECRET:
        problems.append(
            f"[auth] cookie_secret is {len(secret)} characters; use at least {MIN_COOKIE_SECRET} random ones "
            "(python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    redirect = str(section.get("redirect_uri") or "")
    if not redirect.endswith(CALLBACK):
        problems.append(f"[auth] redirect_uri must be this server's public URL ending in {CALLBACK}, found {redirect!r}")
    providers = [v for v in section.values() if isinstance(v, Mapping)] or [section]
    for provider in providers:
        missing = [k for k in PROVIDER_KEYS if not provider.get(k)]
        if missing:
            problems.append(f"[auth] provider settings missing: {', '.join(missing)}")
    return problems
