"""How fast the maps appear and redraw in a real browser, and how many bytes of boundaries the browser receives.

Starts the app on a free port against a freshly built warehouse, drives Debian's headless Chromium, and prints
medians of 5 runs against a named baseline: the FIELD-NOTES throwaway app (plotly `choropleth_map` on the raw ACT
geometry: 4.4 s to first map, 1.58 s per redraw, 728 KB of boundaries). Ends with one line
`map_ms=<int> rerun_ms=<int> payload_kb=<int>` (plus the map page's figures when that page exists).

Run: `python3.11 dev.py bench` or `.venv/bin/python bench/page_speed.py [--runs 5]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench scripts run from a checkout, not an installed package

from analytics.build.pipeline import ensure_built  # noqa: E402
from analytics.config.settings import Settings  # noqa: E402
from tests.e2e.helpers import launch_browser, running_app, wait_for_app, wait_for_map  # noqa: E402

BASELINE = {"name": "FIELD-NOTES plotly choropleth_map, raw ACT geometry", "map_ms": 4400, "rerun_ms": 1580,
            "payload_kb": 728}
LEGEND = ".js-plotly-plot .colorbar"
# Boundary bytes as the browser holds them: the commune GeoJSON plus the canton border coordinates of the figure.
PAYLOAD_JS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  let n = 0;
  for (const trace of gd.data) {
    if (trace.geojson) n += JSON.stringify(trace.geojson).length;
    if (trace.type === 'scattergeo') n += JSON.stringify(trace.lon).length + JSON.stringify(trace.lat).length;
  }
  return n;
}"""


def time_first_map(browser, url: str) -> float:
    """Fresh context (cold cache), navigation until all 100 shapes are drawn."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_for_map(page)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .choroplethlocation').length === 100")
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def time_switches(browser, url: str, options: list[tuple[str, str]], runs: int) -> tuple[list[float], int]:
    """Click a segmented-control option and wait until the legend shows its title; alternate options."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    wait_for_map(page)
    payload = page.evaluate(PAYLOAD_JS)
    timings = []
    for i in range(runs):
        label, legend_text = options[(i + 1) % len(options)]
        start = time.perf_counter()
        page.get_by_role("radio", name=label).click()
        page.wait_for_function(
            "([sel, text]) => { const el = document.querySelector(sel); return el && el.textContent.includes(text); }",
            arg=[LEGEND, legend_text],
        )
        timings.append((time.perf_counter() - start) * 1000)
        wait_for_app(page)
    context.close()
    return timings, payload


def time_kpi_changes(browser, url: str, kpis: list[tuple[str, str]], runs: int) -> list[float]:
    """Map page: pick another KPI in the selectbox and wait until the legend names it."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    wait_for_map(page)
    timings = []
    for i in range(runs):
        option, legend_text = kpis[(i + 1) % len(kpis)]
        page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
        page.keyboard.type(option)  # the option list is virtualised: filter it as a user would
        start = time.perf_counter()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "([sel, text]) => { const bars = document.querySelectorAll(sel);"
            " return bars.length === 1 && bars[0].textContent.includes(text); }",
            arg=[LEGEND, legend_text],
        )
        timings.append((time.perf_counter() - start) * 1000)
        wait_for_app(page)
    context.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=Path(tmp) / "bench.duckdb", raw_dir=Path(tmp) / "raw")
        ensure_built(settings)  # what a first start builds: reference, official facts, demo data
        with running_app(settings.db_path) as base, sync_playwright() as p:
            browser = launch_browser(p)
            time_first_map(browser, base + "/?lang=en")  # warm the server's caches once
            first = [time_first_map(browser, base + "/?lang=en") for _ in range(args.runs)]
            switches, payload = time_switches(
                browser,
                base + "/?lang=en",
                [("Population", "Residents on 1 January"), ("Density", "Residents per km²")],
                args.runs,
            )
            kpi_changes = time_kpi_changes(
                browser,
                base + "/map?lang=en&kpi=women_councillors_share&year=2024",
                [("Equality · Women among municipal councillors", "Women among"),
                 ("Intercultural · Foreign residents", "Foreign residents")],
                args.runs,
            )
            browser.close()
    map_ms, rerun_ms, payload_kb = statistics.median(first), statistics.median(switches), payload / 1024
    print(f"home page, median of {args.runs}, baseline = {BASELINE['name']}")
    print(f"  navigation -> map drawn : {map_ms:7.0f} ms   ({map_ms / BASELINE['map_ms']:.2f}x baseline)  runs {[round(t) for t in first]}")
    print(f"  widget -> map redrawn   : {rerun_ms:7.0f} ms   ({rerun_ms / BASELINE['rerun_ms']:.2f}x baseline)  runs {[round(t) for t in switches]}  target <= 1000 ms")
    print(f"  boundary payload        : {payload_kb:7.0f} KB   ({payload_kb / BASELINE['payload_kb']:.2f}x baseline)  target <= 250 KB")
    kpi_ms = statistics.median(kpi_changes)
    print(f"map page, KPI changed -> map redrawn: {kpi_ms:7.0f} ms   runs {[round(t) for t in kpi_changes]}  target <= 1000 ms")
    print(f"map_ms={map_ms:.0f} rerun_ms={rerun_ms:.0f} payload_kb={payload_kb:.0f}")
    print(f"kpi_change_ms={kpi_ms:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
