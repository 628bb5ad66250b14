"""How fast /api/v1/data answers real HTTP clients, against DuckDB reading the same rows from the Parquet export.

Starts `streamlit run app.py` on a free port against a freshly built warehouse (first start: official facts and demo
data), then sends 2,000 GET requests from 8 concurrent clients (threads, one keep-alive-free urllib request each),
alternating two kinds: one KPI-year (`kpi=…&year=…`, ~100 rows with rank and percentile) and a whole KPI (all years,
JSON). Baseline: the same rows read in-process by DuckDB from the full export's Parquet file (no HTTP, no JSON).
Ends with one line `api_p50_ms=<float> api_p95_ms=<float> rps=<float>` over all 2,000 requests.

Run: `python3.11 dev.py bench` or `.venv/bin/python bench/api.py [--requests 2000] [--clients 8]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench scripts run from a checkout, not an installed package

from analytics.build.pipeline import ensure_built  # noqa: E402
from analytics.config.settings import Settings  # noqa: E402
from analytics.present.exports import current_values_parquet  # noqa: E402
from analytics.store.reader import WarehouseReader  # noqa: E402
from tests.e2e.helpers import running_app  # noqa: E402

KPI = "women_councillors_share"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fetch(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as resp:
        rows = json.loads(resp.read())["count"]
    return (time.perf_counter() - start) * 1000.0, rows


def baseline_ms(parquet: Path, years: list[int], runs: int = 200) -> tuple[float, float]:
    """Median ms of DuckDB in-process: one KPI-year, then a whole KPI, from the Parquet export."""
    con = duckdb.connect()
    one, whole = [], []
    for i in range(runs):
        start = time.perf_counter()
        con.execute("select * from read_parquet(?) where kpi = ? and year = ?", [str(parquet), KPI, years[i % len(years)]]).df()
        one.append((time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        con.execute("select * from read_parquet(?) where kpi = ?", [str(parquet), KPI]).df()
        whole.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(one), statistics.median(whole)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=Path(tmp) / "bench.duckdb", raw_dir=Path(tmp) / "raw")
        ensure_built(settings)
        reader = WarehouseReader(settings.db_path)
        years = [int(y) for y in reader.query("select distinct year from kpi_current where kpi = ? order by 1", [KPI])["year"]]
        parquet = Path(tmp) / "kpi_values.parquet"
        parquet.write_bytes(current_values_parquet(reader))
        reader.close()
        base_one, base_whole = baseline_ms(parquet, years)
        with running_app(settings.db_path) as base:
            api = f"{base}/api/v1/data?kpi={KPI}"
            urls = [f"{api}&year={years[i // 2 % len(years)]}" if i % 2 == 0 else api for i in range(args.requests)]
            for url in urls[:20]:  # warm: the API opens the warehouse on its first request
                fetch(url)
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                results = list(pool.map(fetch, urls))
            wall = time.perf_counter() - start
    one = [ms for i, (ms, _) in enumerate(results) if i % 2 == 0]
    whole = [ms for i, (ms, _) in enumerate(results) if i % 2 == 1]
    rows_one, rows_whole = results[0][1], results[1][1]
    every = [ms for ms, _ in results]
    print(f"/api/v1/data, {args.requests} requests from {args.clients} concurrent clients, {wall:.1f} s; "
          "baseline = DuckDB in-process reading the full export's Parquet")
    print(f"  one KPI-year ({rows_one} rows, rank+percentile): p50 {statistics.median(one):6.1f} ms  "
          f"p95 {percentile(one, 0.95):6.1f} ms   baseline p50 {base_one:5.2f} ms")
    print(f"  whole KPI ({rows_whole} rows, all years)    : p50 {statistics.median(whole):6.1f} ms  "
          f"p95 {percentile(whole, 0.95):6.1f} ms   baseline p50 {base_whole:5.2f} ms")
    print(f"api_p50_ms={statistics.median(every):.1f} api_p95_ms={percentile(every, 0.95):.1f} "
          f"rps={len(every) / wall:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
