"""Ingest speed: 1,000,000 valid rows into a fresh warehouse in one command, against a naive row-by-row baseline.

The 100 real communes hold only ~39,000 distinct (lau2, kpi, year) keys, so the bench adds 5,000 synthetic communes
(codes 2000-6999) to the fresh warehouse's reference table; the rows are 5,000 communes x 20 KPIs x 10 years. A file
holds at most `file.max_data_rows` (50,000) rows, so they are written as 20 files of 50,000, ingested together.
The fast path runs in a child process (`ingest_files`, the CLI's path and allocator) so its peak memory is its own.
The baseline validates and inserts 20,000 rows one `INSERT` at a time, the way a naive loader would, and is scaled.

    python bench/ingest.py [--rows 1000000] [--baseline-rows 20000]

Last line: rows_per_s=<int> peak_mib=<int> speedup_vs_rowwise=<float>
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # bench is a script, not part of the package

from analytics.build.pipeline import build  # noqa: E402
from analytics.checks.allocator import use_check_allocator  # noqa: E402
from analytics.config.catalogue import load_catalogue, load_rules  # noqa: E402
from analytics.config.settings import Settings  # noqa: E402

SYNTHETIC_FIRST = 2000
YEARS = tuple(range(2016, 2026))


def fresh_warehouse(db: Path, communes: int) -> None:
    """Reference layer + KPI layer (no demo), plus `communes` synthetic communes."""
    build(Settings.from_env(db))
    con = duckdb.connect(str(db))
    con.execute(
        "insert into communes select lpad(cast(? + i as varchar), 4, '0'), 'Synthetic ' || i, 'Synthetic ' || i, "
        "'Synthetic', 'C99', 'Synthetic', 10.0, 49.6, 6.1, 11 from range(?) t(i)",
        [SYNTHETIC_FIRST, communes],
    )
    con.close()


def kpis_for_bench(count: int) -> list[tuple[str, float, float, bool]]:
    """`count` catalogue KPIs without an allowed-values list: (id, low, high, integer)."""
    chosen = [k for k in load_catalogue() if not k.allowed][:count]
    return [(k.id, k.min or 0.0, min(k.max if k.max is not None else 1000.0, 1000.0), k.is_integer) for k in chosen]


def write_submissions(folder: Path, rows: int, seed: int = 7) -> list[Path]:
    """About `rows` valid long-format rows as CSVs of at most `file.max_data_rows` rows each; returns their paths."""
    kpis = kpis_for_bench(20)
    communes = max(1, rows // (len(kpis) * len(YEARS)))
    rng = np.random.default_rng(seed)
    lau2 = np.repeat([f"{SYNTHETIC_FIRST + i:04d}" for i in range(communes)], len(kpis) * len(YEARS))
    kpi_idx = np.tile(np.repeat(np.arange(len(kpis)), len(YEARS)), communes)
    year = np.tile(np.array(YEARS), communes * len(kpis))
    low = np.array([k[1] for k in kpis])[kpi_idx]
    high = np.array([k[2] for k in kpis])[kpi_idx]
    integer = np.array([k[3] for k in kpis])[kpi_idx]
    value = low + rng.random(len(kpi_idx)) * (high - low)
    value = np.where(integer, np.floor(value), np.round(value, 1))
    names = np.array([k[0] for k in kpis])[kpi_idx]
    text = np.char.add(np.char.add(np.char.add(np.char.add(lau2, ","), names), ","), year.astype(str))
    text = np.char.add(np.char.add(text, ","), np.char.mod("%g", value))
    per_file = int(load_rules()["file"]["max_data_rows"])
    paths = []
    for start in range(0, len(text), per_file):
        path = folder / f"submission-{start // per_file + 1:03d}.csv"
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("lau2,kpi,year,value\n")
            handle.write("\n".join(text[start : start + per_file].tolist()))
            handle.write("\n")
        paths.append(path)
    return paths


def data_rows(paths: list[Path]) -> int:
    return sum(path.read_bytes().count(b"\n") - 1 for path in paths)


def peak_rss_kib() -> int:
    """This process's peak resident memory. VmHWM belongs to the process image, so unlike ru_maxrss it does not
    inherit the parent's peak across fork + exec (the parent has just built the 1M-row file in memory)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_child(db: Path, files: list[Path]) -> None:
    """In the child: time the real ingest path and report peak RSS of this process."""
    from analytics.ingest.kpis import ingest_files

    settings = Settings.from_env(db)
    use_check_allocator()  # as the CLI's ingest does
    start = time.perf_counter()
    outcomes = ingest_files(settings, files, submitted_by="bench")
    seconds = time.perf_counter() - start
    peak_kib = peak_rss_kib()
    outcome = "accepted" if all(o.outcome == "accepted" for o in outcomes) else "rejected"
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "outcome": outcome,
                      "rows": sum(o.rows for o in outcomes)}))


def rowwise_baseline(db: Path, file: Path, limit: int) -> float:
    """Naive loader: parse, check and INSERT one row at a time; returns rows per second."""
    con = duckdb.connect(str(db))
    communes = {r[0] for r in con.execute("select lau2 from communes").fetchall()}
    catalogue = load_catalogue()
    start = time.perf_counter()
    con.execute("begin transaction")
    with open(file, encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for n, (lau2, kpi, year, value) in enumerate(reader, start=2):
            if n - 1 > limit:
                break
            if lau2 not in communes or kpi not in catalogue:
                raise ValueError(f"row {n} invalid")
            number = float(value)
            k = catalogue[kpi]
            if not (k.min <= number <= (k.max if k.max is not None else float("inf"))):
                raise ValueError(f"row {n} out of range")
            con.execute(
                "update kpi_values set is_current = false where lau2 = ? and kpi = ? and year = ? and is_current",
                [lau2, kpi, int(year)],
            )
            con.execute(
                "insert into kpi_values values (?, ?, ?, ?, 'official', 999999, ?, true)",
                [lau2, kpi, int(year), number, n],
            )
    con.execute("rollback")
    seconds = time.perf_counter() - start
    con.close()
    return limit / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline-rows", type=int, default=20_000)
    parser.add_argument("--child", nargs="+", metavar="DB FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(Path(args.child[0]), [Path(f) for f in args.child[1:]])
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        db, baseline_db = folder / "bench.duckdb", folder / "baseline.duckdb"
        communes = max(1, args.rows // (20 * len(YEARS)))
        fresh_warehouse(db, communes)
        fresh_warehouse(baseline_db, communes)
        files = write_submissions(folder, args.rows)
        rows = data_rows(files)
        size_mib = sum(f.stat().st_size for f in files) / 1024 / 1024
        print(f"submission: {rows:,} rows in {len(files)} files, {size_mib:.1f} MiB, {communes:,} communes x 20 KPIs x "
              f"{len(YEARS)} years")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(db), *map(str, files)],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            check=False,
        )
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return 1
        result = json.loads(child.stdout.strip().splitlines()[-1])
        if result["outcome"] != "accepted" or result["rows"] != rows:
            print(f"bench submission was not accepted: {result}", file=sys.stderr)
            return 1
        stored = duckdb.connect(str(db), read_only=True).execute("select count(*) from kpi_current").fetchall()[0][0]
        fast = rows / result["seconds"]
        print(
            f"vectorised ingest: {result['seconds']:.2f} s, {fast:,.0f} rows/s, peak {result['peak_mib']:.0f} MiB "
            f"(child process), {stored:,} current values stored"
        )
        slow = rowwise_baseline(baseline_db, files[0], args.baseline_rows)
        print(
            f"row-by-row baseline: {args.baseline_rows:,} rows at {slow:,.0f} rows/s "
            f"(scaled to {rows:,} rows: {rows / slow:,.0f} s)"
        )
        print(f"rows_per_s={int(fast)} peak_mib={int(round(result['peak_mib']))} speedup_vs_rowwise={fast / slow:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
