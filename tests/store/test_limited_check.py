"""The page's file check in a limited child process, and the memory a rejected file costs (issue 16, items 1-2).

Memory is measured in the child that does the work (VmHWM from /proc/self/status; ru_maxrss of a child started by
subprocess reports the parent's peak), always under an address-space limit so a regression cannot take the machine.
Stated bounds, above the CLI's own baseline (interpreter, libraries, the warehouse copy: ~310 MiB):
- an XLSX refused by the guard: at most 2 x its size + 16 MiB;
- a CSV rejected row by row: at most 14 x its size + 16 MiB (the vectorised checks hold ~350 B per row; problems
  beyond the first 100 are only counted). The issue's target of 2 x is not met for CSVs of very short rows.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from analytics.checks.validate import ReferenceCodes
from tests import hostile_files as hostile
from ui.limited_check import check_upload_limited

ROOT = Path(__file__).resolve().parents[2]
MIB = 2**20
MEASURE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from analytics import cli
code = cli.main(["ingest", sys.argv[1], "--db", sys.argv[2]])
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1]
print(code, int(hwm) * 1024)
"""
REFERENCE = ReferenceCodes({"0304": "Luxembourg"}, {})


def test_a_check_over_its_memory_budget_is_stopped_and_reported(tmp_path):
    data = hostile.many_rows(50_000)  # at the row cap: passes the guard; the reader needs more than 4 MiB for it
    check = check_upload_limited(data, "rows.xlsx", REFERENCE, budget=4 * MIB)
    assert [p.render() for p in check.problems] == [
        "rows.xlsx: checking the file needed more than 4 MiB and was stopped; split it into several files"]
    assert check_upload_limited(b"lau2,kpi,year,value\n0304,woman_mayor,2024,1\n", "ok.csv", REFERENCE).rows == 1


def test_a_check_over_its_time_is_stopped_and_reported():
    started = time.monotonic()
    check = check_upload_limited(hostile.many_rows(50_000), "rows.xlsx", REFERENCE, timeout_s=0.5)
    assert [p.render() for p in check.problems] == [
        "rows.xlsx: checking the file took longer than 0.5 s and was stopped; split it into several files"]
    assert time.monotonic() - started < 10


def test_the_far_cell_file_is_refused_in_the_child_and_cheaply():
    check_upload_limited(b"lau2,kpi,year,value\n", "warm.csv", REFERENCE)  # the fork server starts once
    started = time.monotonic()
    check = check_upload_limited(hostile.far_cell(), "far.xlsx", REFERENCE)
    elapsed = time.monotonic() - started
    assert check.problems[0].render().startswith("far.xlsx: sheet 1 has a row 1,048,576")
    print(f"far-cell refusal through the worker: {elapsed * 1000:.0f} ms")
    assert elapsed < 5


def peak_of_cli_ingest(path: Path, db: Path) -> int:
    import subprocess

    out = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(db)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    code, peak = out.stdout.split()[-2:]
    assert code == "1", out.stderr[-500:]
    return int(peak)


@pytest.fixture(scope="module")
def baseline(kpi_base_warehouse, tmp_path_factory) -> int:
    folder = tmp_path_factory.mktemp("baseline")
    tiny = folder / "tiny.csv"
    tiny.write_bytes(b"lau2,kpi,year,value\n9999,women_councillors_share,2025,1\n")
    return peak_of_cli_ingest(tiny, kpi_base_warehouse)


@pytest.mark.parametrize(("name", "make", "factor"), [
    ("far.xlsx", hostile.far_cell, 2),
    ("rows.xlsx", lambda: hostile.many_rows(3_000_000), 2),
    ("errors.csv", lambda: hostile.csv_many_errors(10 * MIB), 14),
    ("field.csv", lambda: hostile.csv_with_long_field(10 * MIB), 14),
], ids=["far-cell", "3M-rows", "10MB-three-errors-a-row", "10MB-field"])
def test_memory_of_a_rejected_file_is_bounded(name, make, factor, baseline, kpi_settings, tmp_path):
    path = tmp_path / name
    data = make()
    path.write_bytes(data)
    peak = peak_of_cli_ingest(path, kpi_settings.db_path)
    print(f"{name}: {len(data) / MIB:.1f} MiB, peak {peak / MIB:.0f} MiB, baseline {baseline / MIB:.0f} MiB")
    assert peak - baseline <= factor * len(data) + 16 * MIB
