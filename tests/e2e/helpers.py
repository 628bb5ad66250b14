"""Start the app on a free port and drive it in Debian's headless Chromium: shared by the browser tests and bench/.

Follows Streamlit's own e2e suite: poll /_stcore/health, then wait for the script to finish running and for every
skeleton to go, never a fixed sleep.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("OBSERVATORY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SKELETON = "[data-testid='stSkeleton']"
# axe-core 4.14.1 from `npm pack axe-core` (MPL-2.0, licence header kept). Vendored, not the PyPI wrapper: its bundled
# 4.12.1 files the sidebar caption's 3.81:1 contrast under "incomplete", so a zero-violation test would pass with it.
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class ServedApp:
    base: str  # http://127.0.0.1:PORT
    pid: int  # the server process (bench/load.py reads its CPU time and RSS)


@contextmanager
def running_app(
    db_path: Path, port: int | None = None, timeout_s: float = 90.0, args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Serve app.py (pages and /api/v1) against `db_path` on 127.0.0.1 with plain `streamlit run app.py`, what every
    host runs; yield its base URL; stop it afterwards. `args` go to streamlit (`--secrets.files F`), `env` is added."""
    with served_app(db_path, port=port, timeout_s=timeout_s, args=args, env=env) as app:
        yield app.base


@contextmanager
def served_app(
    db_path: Path, root: Path = REPO_ROOT, port: int | None = None, timeout_s: float = 90.0,
    args: Sequence[str] = (), env: dict[str, str] | None = None,
) -> Iterator[ServedApp]:
    """`running_app` for any checkout `root` (bench/load.py serves an older commit as its baseline), yielding the
    server's pid too."""
    port = port or free_port()
    env = {**os.environ, "OBSERVATORY_DB": str(db_path), **(env or {})}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true", *args,
    ]
    log = open(Path(db_path).with_suffix(f".{port}.log"), "w")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer /_stcore/health within {timeout_s} s")
            time.sleep(0.2)
        yield ServedApp(base, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """The script has finished and nothing is still loading."""
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    page.wait_for_function(f"document.querySelectorAll(\"{SKELETON}\").length === 0", timeout=timeout_ms)


def wait_for_map(page, timeout_ms: int = 60_000) -> None:
    """A plotly geo map has drawn its commune shapes."""
    page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=timeout_ms)


def outside_requests(requests: list[str], base: str) -> list[str]:
    """Requests to anything but the app itself (data: and blob: URLs are local)."""
    return [u for u in requests if not (u.startswith(base) or u.startswith("data:") or u.startswith("blob:"))]


def hover_commune(page, index: int) -> None:
    """Move the mouse to the centre of one commune shape, as a person would.

    plotly's geo background layer takes the pointer events, so Playwright's element hover is refused; plotly works
    out the shape under the mouse itself. The mouse only reaches what is in the viewport.
    """
    shape = page.locator(".js-plotly-plot .choroplethlocation").nth(index)
    shape.scroll_into_view_if_needed()  # a shape below the fold is scrolled to, as a person would
    box = shape.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def feature_index(lau2: str, geojson_path: Path = REPO_ROOT / "data" / "boundaries" / "communes.geojson") -> int:
    """Plotly draws shapes in the order of the figure's locations, which follow the sorted LAU2 codes."""
    import json

    codes = [f["properties"]["lau2"] for f in json.loads(geojson_path.read_text())["features"]]
    return codes.index(lau2)


def wait_for_charts(page, timeout_ms: int = 60_000) -> None:
    """Every plotly chart on the page has drawn its SVG (an audit before that sees empty containers)."""
    page.wait_for_function(
        "[...document.querySelectorAll(\"[data-testid='stPlotlyChart']\")].every(c => c.querySelector('.main-svg'))",
        timeout=timeout_ms,
    )


def run_axe(page, tags: list[str] = WCAG_21_AA) -> list[dict]:
    """axe-core's violations for `tags` on the page as it is now (main document; Streamlit draws no iframes here)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    return page.evaluate("opts => axe.run(document, opts)", options)["violations"]


def describe_violations(page, violations: list[dict]) -> str:
    """One line per failing node: rule, impact, the nearest data-testid (emotion class names change between
    Streamlit builds) and, for contrast, the colours and the ratio."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            target = node["target"][-1] if node["target"] else ""
            where = page.evaluate(
                """sel => { const e = document.querySelector(sel); if (!e) return '?';
                   const c = e.closest('[data-testid]'); const s = e.closest('[data-testid=stSidebar]');
                   return (s ? 'stSidebar/' : '') + (c ? c.dataset.testid : '-'); }""",
                target,
            ) if isinstance(target, str) else "iframe"
            extra = ""
            for check in node.get("any", []):
                data = check.get("data") or {}
                if isinstance(data, dict) and "contrastRatio" in data:
                    extra = f" {data['fgColor']} on {data['bgColor']} = {data['contrastRatio']}:1"
            lines.append(f"{v['id']} ({v['impact']}) [{where}] {target}{extra}")
    return "\n".join(lines)
