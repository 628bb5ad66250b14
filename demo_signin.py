"""The local OpenID provider and the secrets file for `python3.11 dev.py run --demo-sign-in` and the browser tests.

oidc-provider-mock (a PyPI package made for this) serves a sign-in form on 127.0.0.1 with the three demo accounts
as one-click buttons. It runs Flask in debug mode and accepts any client: never bind it anywhere but 127.0.0.1,
never use it in production. Always 127.0.0.1, never `localhost`: the redirect URI and the browser must use the same
host, or the state cookie is not sent back and the user returns silently signed out.

Standard library only, so dev.py can import it before the virtual environment exists.
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

DEMO_USERS = [
    {"sub": "officer-0304", "email": "officer-0304@demo.invalid", "name": "Officer 0304 (demo)"},
    {"sub": "officer-0201", "email": "officer-0201@demo.invalid", "name": "Officer 0201 (demo)"},
    {"sub": "reviewer", "email": "reviewer@demo.invalid", "name": "Ministry reviewer (demo)"},
]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_ready(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> None:
    """Poll `url` until it answers 200 (and fail early if `proc` died)."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[:3]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.1)


def start_provider(python: str, port: int | None = None, log=None) -> tuple[subprocess.Popen, str]:
    """`python -m oidc_provider_mock` on 127.0.0.1 with the demo accounts; (process, issuer URL) once it answers."""
    port = port or free_port()
    cmd = [python, "-m", "oidc_provider_mock", "--host", HOST, "--port", str(port)]
    for user in DEMO_USERS:
        cmd += ["--user-claims", json.dumps(user)]
    proc = subprocess.Popen(cmd, stdout=log or subprocess.DEVNULL, stderr=log or subprocess.DEVNULL)
    issuer = f"http://{HOST}:{port}"
    try:
        wait_ready(issuer + "/.well-known/openid-configuration", proc=proc)
    except BaseException:
        proc.kill()
        raise
    return proc, issuer


def write_secrets(path: Path, issuer: str, app_port: int) -> Path:
    """A Streamlit secrets file with an `[auth]` section for the local provider and a fresh 64-character secret."""
    section = {
        "redirect_uri": f"http://{HOST}:{app_port}/oauth2callback",
        "cookie_secret": secrets.token_hex(32),
        "client_id": "gemengen-demo",  # the mock accepts any client id and secret
        "client_secret": "demo-only-not-a-secret",
        "server_metadata_url": f"{issuer}/.well-known/openid-configuration",
    }
    path.write_text("[auth]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in section.items()), encoding="utf-8")
    path.chmod(0o600)
    return path
