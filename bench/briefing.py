"""How long one commune briefing takes (assemble from the warehouse + typst PDF), median of 5 communes.

Builds a first-start warehouse (official + demo data) in a temporary folder, then times `briefing_pdf` for five
communes in French in one process (what the /briefing page and the CLI do per note), and one cold CLI run for
reference (Python start-up and imports included). Ends with one line `briefing_ms=<int>`.

Run: `.venv/bin/python bench/briefing.py [--runs 5]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench scripts run from a checkout, not an installed package

from analytics.build.pipeline import EXTRA_STEPS, FIRST_START_STEPS, build  # noqa: E402
from analytics.config.settings import Settings  # noqa: E402
from analytics.present.briefing import briefing_pdf  # noqa: E402
from analytics.store.reader import WarehouseReader  # noqa: E402

# Luxembourg, Dippach, Wormeldange, Ettelbruck, Beaufort, Bettembourg, Colmar-Berg: big and small, all cantons apart.
COMMUNES = ("0304", "0101", "1108", "0605", "1001", "0201", "0401")
LIMIT_MS = 10_000  # issue 7: one commune briefing in under 10 s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "observatory.duckdb"
        build(Settings(db_path=db, raw_dir=Path(tmp) / "raw"), EXTRA_STEPS + FIRST_START_STEPS)
        reader = WarehouseReader(db)
        known = set(reader.query("select lau2 from communes")["lau2"])
        communes = [c for c in COMMUNES if c in known][: args.runs]
        timings = []
        for lau2 in communes:
            started = time.perf_counter()
            pdf = briefing_pdf(reader, lau2, None, "fr")
            timings.append((time.perf_counter() - started) * 1000)
            print(f"commune {lau2}: {timings[-1]:.0f} ms, {len(pdf) / 1024:.0f} KB")
        reader.close()
        out = Path(tmp) / "cli.pdf"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analytics", "briefing", "--commune", "0304", "--out", str(out)],
                       cwd=ROOT, env={**os.environ, "OBSERVATORY_DB": str(db)}, check=True, capture_output=True)
        cold_ms = (time.perf_counter() - started) * 1000
    median = statistics.median(timings)
    print(f"median of {len(timings)} commune briefings: {median:.0f} ms (limit {LIMIT_MS} ms); "
          f"cold CLI process incl. imports: {cold_ms:.0f} ms")
    print(f"briefing_ms={round(median)}")
    return 0 if median < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
