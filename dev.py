#!/usr/bin/env python3
"""Task runner that needs nothing but Python 3.11: `python3.11 dev.py run | test | bench | prepare | refresh`.

`python3.11 dev.py run --demo-sign-in` also starts a local OpenID provider with three demo accounts (officer-0304,
officer-0201, reviewer) and serves the app configured for it, from a secrets file written outside the repository.

It creates `.venv`, installs the pinned requirements when they changed, and for the tests installs Debian's
chromium when it is missing (the browser tests drive /usr/bin/chromium; Playwright never downloads a browser).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import demo_signin

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
APT_PACKAGES = ["chromium", "fonts-dejavu-core", "fonts-liberation", "poppler-utils"]


def sh(*cmd: str, **kw) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def ensure_venv(requirements: str) -> None:
    """Create the virtual environment and install pinned packages; skipped when nothing changed."""
    if sys.version_info[:2] != (3, 11):
        print(f"warning: running under Python {sys.version.split()[0]}; the pins are for 3.11", file=sys.stderr)
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = sorted(ROOT.glob("requirements*.txt"))  # a file includes the others with -r: any change reinstalls
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    stamp = VENV / f".installed-{requirements}-{digest}"
    if stamp.exists():
        return
    sh(str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(ROOT / requirements))
    stamp.touch()


def ensure_chromium() -> None:
    if Path("/usr/bin/chromium").exists() and shutil.which("pdftotext"):
        return
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sh(*prefix, "apt-get", "update", "-qq", env=env)
    sh(*prefix, "apt-get", "install", "-y", "-qq", *APT_PACKAGES, env=env)


def run_demo_sign_in(rest: list[str]) -> int:
    """The local provider, a temporary secrets file outside the repository, and the app configured for both."""
    ensure_venv("requirements-demo.txt")
    port = int(os.environ.get("PORT", "8501"))
    with tempfile.TemporaryDirectory(prefix="gemengen-demo-sign-in-") as tmp:
        provider, issuer = demo_signin.start_provider(str(PY))
        try:
            secrets_file = demo_signin.write_secrets(Path(tmp) / "secrets.toml", issuer, port)
            env = {**os.environ, "OBSERVATORY_ACCESS": str(ROOT / "config" / "access-demo.yaml")}
            print(f"demo sign-in: provider {issuer}; open http://127.0.0.1:{port} (127.0.0.1, not localhost) and sign "
                  "in as officer-0304, officer-0201 or reviewer", flush=True)
            app = subprocess.Popen([str(PY), "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
                                    "--server.port", str(port), "--secrets.files", str(secrets_file), *rest], env=env)
            # SIGTERM (a service manager, `timeout`) unwinds like Ctrl-C, so the provider and the app stop with us
            signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
            try:
                return app.wait()
            except KeyboardInterrupt:
                app.terminate()
                return app.wait(10)
        finally:
            provider.terminate()
            provider.wait(10)


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    os.chdir(ROOT)
    if task == "run" and "--demo-sign-in" in rest:
        return run_demo_sign_in([a for a in rest if a != "--demo-sign-in"])
    if task == "run":
        ensure_venv("requirements.txt")
        port = os.environ.get("PORT", "8501")
        return subprocess.call([str(PY), "-m", "streamlit", "run", "app.py",
                                "--server.address", "127.0.0.1", "--server.port", port, *rest])
    if task == "test":
        ensure_venv("requirements-dev.txt")
        ensure_chromium()
        lint = subprocess.call([str(PY), "-m", "ruff", "check", "."])
        if lint:
            print("ruff found problems (above); fix them or run `.venv/bin/python -m ruff check --fix .`")
        contracts = subprocess.call([str(VENV / "bin" / "lint-imports")])
        if contracts:
            print("an import contract is broken (above): a module imports from a layer above its own (README, Layout)")
        return subprocess.call([str(PY), "-m", "pytest", *rest]) or lint or contracts
    if task == "bench":
        ensure_venv("requirements-dev.txt")
        ensure_chromium()
        code = 0
        for script in sorted((ROOT / "bench").glob("*.py")):
            code |= subprocess.call([str(PY), str(script), *rest])
        return code
    if task in ("prepare", "refresh", "build"):
        ensure_venv("requirements.txt")
        return subprocess.call([str(PY), "-m", "analytics", task, *rest])
    print(__doc__)
    return 0 if task == "help" else 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
