"""Speed under load: one server, N sessions changing the KPI on /map together, timed over Streamlit's own websocket.

Starts `streamlit run app.py` on a free port of 127.0.0.1 (a warehouse as a first start builds it) and walks, untimed,
every path of changes the timed sessions take (each view's figure is built before the clock starts: the figures
measure the shared path). Then for each N of `--sessions` (default 1, 5, 10, 20, 50) it opens N sessions in this one
asyncio process (tests/e2e/st_client.py speaks the browser's protobuf messages, so the clients cost the two cores
next to nothing), loads /map in each, and lets every
session change the KPI `--changes` times, all at once, bounded by `--max-seconds`. Per N it prints the median and p95
from the widget change sent to `script_finished`, errors, the server's RSS and the server's CPU per change (psutil
on the server pid: the figure that does not depend on how busy the machine is), the load average and `core%`, the
share of one core the server got while the changes ran (one Python process uses one core at most: with all N
sessions changing at once, a round takes about N × its CPU per change on a core of its own).
Then the browser-inclusive figure (Chromium through Playwright, change picked in the selectbox until the legend is
redrawn) for `--browser-sessions` (default 1, 5). The baseline is the same page before issue 16's figure cache
(`--baseline-ref`, served from a `git archive` of that commit, default GC) at `--baseline-sessions`; ratios follow.
Last line: `sessions=50 p50_ms=… p95_ms=… rss_mib=…`.

Run: `.venv/bin/python bench/load.py` (`--quick` for N = 1, 5 and no browser; `--help` for the rest).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench scripts run from a checkout, not an installed package

from analytics.build.pipeline import ensure_built  # noqa: E402
from analytics.config.catalogue import load_catalogue  # noqa: E402
from analytics.config.settings import Settings  # noqa: E402
from tests.e2e.helpers import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, served_app  # noqa: E402
from tests.e2e.st_client import StreamlitSession  # noqa: E402

PAGE = "map"
INITIAL_KPI = "women_councillors_share"
QUERY = f"kpi={INITIAL_KPI}&year=2024"
KPI_KEY = "url_kpi"  # ui.state.url_choice keys its selectbox url_<param>
# main just before issue 16's figure cache: every session built, copied and serialised its own figure per rerun.
BASELINE_REF = "eeb4bd1"
LEGEND = ".js-plotly-plot .colorbar"
TARGETS = {20: 500.0, 50: 1500.0}  # p95 ms, server-side (issue 16 acceptance)


@dataclass
class Result:
    variant: str
    sessions: int
    latencies_ms: list[float] = field(default_factory=list)
    first_load_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cpu_ms_per_change: float | None = None
    rss_mib: float | None = None
    load_average: float = 0.0
    core_share: float | None = None  # server CPU seconds per wall second of the timed phase (1.0 = one whole core)

    def p(self, q: float) -> float | None:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, max(0, round(q * len(xs)) - 1))] if xs else None

    def row(self) -> str:
        p50, p95 = self.p(0.5), self.p(0.95)
        first = statistics.median(self.first_load_ms) if self.first_load_ms else None
        return (f"{self.variant:<9} {self.sessions:>3} {len(self.latencies_ms):>7} {_f(p50):>8} {_f(p95):>8} "
                f"{len(self.errors):>6} {_f(self.cpu_ms_per_change):>12} {_f(self.rss_mib):>8} {_f(first):>10} "
                f"{self.load_average:>7.1f} {_f(None if self.core_share is None else self.core_share * 100):>6}")


HEADER = (f"{'variant':<9} {'N':>3} {'changes':>7} {'p50_ms':>8} {'p95_ms':>8} {'errors':>6} {'cpu_ms/chg':>12} "
          f"{'rss_mib':>8} {'first_p50':>10} {'loadavg':>7} {'core%':>6}")


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.0f}" if abs(x) >= 10 else f"{x:.1f}"


def _server_sample(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system, threads included) and RSS in MiB of the server process."""
    proc = psutil.Process(pid)
    cpu = proc.cpu_times()
    return cpu.user + cpu.system, proc.memory_info().rss / 2**20


async def warm_paths(base: str, options: Sequence[str], changes: int) -> None:
    """Walk, untimed, every path of changes a timed session takes (session `i` goes through options `i`, `i + 1`, …
    from the page's first view, and a KPI's year follows from the one before): every view the timed runs ask for is
    then built and cached, so the figures measure the shared path, not a first build."""
    for index in range(len(options)):
        session = StreamlitSession(base, PAGE, QUERY)
        await session.connect()
        try:
            await session.load()
            box = session.selectbox(KPI_KEY)
            for k in range(changes):
                await session.choose(box, options[(index + k) % len(options)])
        finally:
            await session.close()


async def kpi_options(base: str) -> list[str]:
    """The KPI options that draw a map (a KPI without any year stops the page), the page's first KPI excluded (so
    every change is a change), found once by one session (`warm_paths` then builds every view the runs ask for)."""
    session = StreamlitSession(base, PAGE, QUERY)
    await session.connect()
    try:
        first = await session.load()
        if first.errors:
            raise SystemExit(f"/{PAGE} failed to load: {first.errors[0]}")
        box = session.selectbox(KPI_KEY)
        usable = []
        initial = load_catalogue()[INITIAL_KPI].label("fr")
        for option in box.options:
            if option.endswith(f" · {initial}"):
                continue
            run = await session.choose(box, option)
            if run.charts and not run.errors:
                usable.append(option)
        return usable
    finally:
        await session.close()


async def _one_session(base: str, index: int, options: Sequence[str], changes: int, max_seconds: float,
                       ready: list[int], start: asyncio.Event, result: Result) -> None:
    session = StreamlitSession(base, PAGE, QUERY)
    waiting = True
    try:
        await session.connect()
        first = await session.load()
        result.first_load_ms.append(first.seconds * 1000)
        result.errors.extend(first.errors)
        box = session.selectbox(KPI_KEY)
        ready.append(index)
        waiting = False
        await start.wait()
        deadline = time.monotonic() + max_seconds
        for k in range(changes):
            if time.monotonic() > deadline:
                break
            run = await session.choose(box, options[(index + k) % len(options)])
            result.latencies_ms.append(run.seconds * 1000)
            result.errors.extend(run.errors)
            if not run.charts:
                result.errors.append(f"session {index}: change {k} drew no map")
    except Exception as exc:  # noqa: BLE001 - a failed session is counted and reported, never hidden
        result.errors.append(f"session {index}: {type(exc).__name__}: {exc}")
        if waiting:
            ready.append(index)
    finally:
        await session.close()


async def websocket_run(variant: str, base: str, pid: int, n: int, options: Sequence[str], changes: int,
                        max_seconds: float) -> Result:
    """N sessions load /map, then all change the KPI `changes` times at once (send -> script_finished)."""
    result = Result(variant, n)
    start = asyncio.Event()
    ready: list[int] = []
    tasks = [asyncio.create_task(_one_session(base, i, options, changes, max_seconds, ready, start, result))
             for i in range(n)]
    while len(ready) < n:  # every session has loaded /map (or failed): then all change at once
        await asyncio.sleep(0.05)
    cpu_before, _ = _server_sample(pid)
    wall_before = time.monotonic()
    start.set()
    await asyncio.gather(*tasks)
    cpu_after, rss = _server_sample(pid)
    result.core_share = (cpu_after - cpu_before) / max(1e-9, time.monotonic() - wall_before)
    result.cpu_ms_per_change = (cpu_after - cpu_before) * 1000 / max(1, len(result.latencies_ms))
    result.rss_mib = rss
    result.load_average = os.getloadavg()[0]
    return result


async def _browser_session(browser, base: str, index: int, labels: Sequence[str], changes: int,
                           result: Result) -> None:
    context = await browser.new_context(viewport={"width": 1440, "height": 900}, locale="fr-FR")
    page = await context.new_page()
    try:
        t0 = time.monotonic()
        await page.goto(f"{base}/{PAGE}?{QUERY}")
        await page.wait_for_selector(APP_IDLE, timeout=120_000)
        await page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=120_000)
        result.first_load_ms.append((time.monotonic() - t0) * 1000)
        for k in range(changes):
            before = await page.locator(LEGEND).first.text_content()
            await page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
            await page.keyboard.type(labels[(index + k) % len(labels)])  # the list is virtualised: filter it
            t0 = time.monotonic()
            await page.keyboard.press("Enter")
            await page.wait_for_function(
                "([sel, old]) => { const bars = document.querySelectorAll(sel);"
                " return bars.length === 1 && bars[0].textContent !== old; }",
                arg=[LEGEND, before], timeout=120_000,
            )
            await page.wait_for_selector(APP_IDLE, timeout=120_000)
            result.latencies_ms.append((time.monotonic() - t0) * 1000)
    except Exception as exc:  # noqa: BLE001
        result.errors.append(f"browser {index}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await context.close()


async def browser_run(base: str, pid: int, n: int, labels: Sequence[str], changes: int) -> Result:
    """N Chromium pages change the KPI in the selectbox at once: widget change until the legend is redrawn."""
    result = Result("browser", n)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        cpu_before, _ = _server_sample(pid)
        await asyncio.gather(*(_browser_session(browser, base, i, labels, changes, result) for i in range(n)))
        cpu_after, rss = _server_sample(pid)
        await browser.close()
    result.rss_mib = rss
    result.load_average = os.getloadavg()[0]
    result.cpu_ms_per_change = None  # page loads are in the same window: not a per-change figure
    return result


def baseline_checkout(ref: str, into: Path) -> tuple[Path, Path]:
    """The app as it was at `ref`, unpacked from git (the repository and its work tree are not touched), and a
    warehouse built by that commit's own code (the schema moves on)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    db = into / "baseline.duckdb"
    build = ("from analytics.build.pipeline import ensure_built; from analytics.config.settings import Settings; "
             "ensure_built(Settings.from_env())")
    subprocess.run([sys.executable, "-c", build], cwd=into, env={**os.environ, "OBSERVATORY_DB": str(db)},
                   check=True, capture_output=True)
    return into, db


def measure(variant: str, root: Path, db: Path, sessions: Sequence[int], args, options_flags: Sequence[str] = (),
            browser_sessions: Sequence[int] = ()) -> list[Result]:
    results = []
    with served_app(db, root=root, args=options_flags, timeout_s=180) as app:
        options = asyncio.run(kpi_options(app.base))
        if not options:
            raise SystemExit(f"{variant}: no KPI option drew a map on /{PAGE}")
        options = options[: args.kpis]
        asyncio.run(warm_paths(app.base, options, args.changes))
        for n in sessions:
            result = asyncio.run(websocket_run(variant, app.base, app.pid, n, options, args.changes, args.max_seconds))
            print(result.row(), flush=True)
            results.append(result)
        labels = [o.split(" · ", 1)[-1] for o in options[:3]]
        for n in browser_sessions:
            result = asyncio.run(browser_run(app.base, app.pid, n, labels, args.browser_changes))
            print(result.row(), flush=True)
            results.append(result)
    for result in results:
        for error in result.errors[:3]:
            print(f"  {result.variant} N={result.sessions} error: {error[:300]}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,5,10,20,50")
    parser.add_argument("--changes", type=int, default=6, help="KPI changes per session (default 6)")
    parser.add_argument("--max-seconds", type=float, default=180.0, help="bound on one N's timed phase")
    parser.add_argument("--kpis", type=int, default=12, help="how many KPI options the sessions cycle through")
    parser.add_argument("--browser-sessions", default="1,5")
    parser.add_argument("--browser-changes", type=int, default=4)
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--baseline-sessions", default="1,10", help="'' skips the baseline")
    parser.add_argument("--gc", action="store_true", help="also measure the cached figures with postScriptGC=true")
    parser.add_argument("--db", type=Path, help="an existing warehouse (default: build one in a temporary folder)")
    parser.add_argument("--quick", action="store_true", help="N = 1, 5; no browser, no baseline")
    args = parser.parse_args()
    ints = lambda text: [int(x) for x in text.split(",") if x.strip()]  # noqa: E731
    sessions, browsers, baseline_sessions = ints(args.sessions), ints(args.browser_sessions), ints(args.baseline_sessions)
    if args.quick:
        sessions, browsers, baseline_sessions = [1, 5], [], []
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            settings = Settings(db_path=Path(tmp) / "load.duckdb", raw_dir=Path(tmp) / "raw")
            ensure_built(settings)  # what a first start builds: reference, official facts, demo data
            db = settings.db_path
        print(f"bench/load.py: one server, N sessions changing the KPI on /{PAGE}, {args.changes} changes each; "
              f"load average before {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(HEADER)
        baseline: list[Result] = []
        if baseline_sessions:
            root, base_db = baseline_checkout(args.baseline_ref, Path(tempfile.mkdtemp(dir=tmp)))
            baseline = measure(f"base@{args.baseline_ref[:4]}", root, base_db, baseline_sessions, args)
        gc_on: list[Result] = []
        if args.gc:
            gc_on = measure("cache+gc", ROOT, db, baseline_sessions or [1], args,
                            options_flags=["--runner.postScriptGC", "true"])
        cached = measure("cached", ROOT, db, sessions, args, browser_sessions=browsers)
    by_n = {r.sessions: r for r in cached if r.variant == "cached"}
    for base in baseline + gc_on:
        now = by_n.get(base.sessions)
        if now and base.cpu_ms_per_change and now.cpu_ms_per_change:
            print(f"N={base.sessions}: server CPU per change {base.variant} {base.cpu_ms_per_change:.0f} ms -> "
                  f"{now.cpu_ms_per_change:.0f} ms ({base.cpu_ms_per_change / now.cpu_ms_per_change:.1f}x less); "
                  f"p50 {base.p(0.5):.0f} -> {now.p(0.5):.0f} ms ({base.p(0.5) / now.p(0.5):.1f}x)")
    failed = False
    for n, target in TARGETS.items():
        if n in by_n:
            p95 = by_n[n].p(0.95)
            ok = p95 is not None and p95 <= target and not by_n[n].errors
            failed |= not ok
            model = n * by_n[n].cpu_ms_per_change if by_n[n].cpu_ms_per_change else None
            print(f"N={n}: p95 {_f(p95)} ms (target <= {target:.0f} ms), errors {len(by_n[n].errors)}: "
                  f"{'met' if ok else 'NOT met'}; server got {_f((by_n[n].core_share or 0) * 100)} % of a core; "
                  f"one round of N changes on a whole core = N x CPU per change = {_f(model)} ms (a model)")
    errors = sum(len(r.errors) for r in cached + baseline + gc_on)
    print(f"load average after {os.getloadavg()[0]:.1f}; errors {errors}")
    last = by_n.get(max(by_n)) if by_n else None
    if last:
        print(f"sessions={last.sessions} p50_ms={_f(last.p(0.5))} p95_ms={_f(last.p(0.95))} rss_mib={_f(last.rss_mib)}")
    return 1 if errors or failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
