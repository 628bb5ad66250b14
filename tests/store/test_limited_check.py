"""The page's file check in a limited child process, and the memory a rejected file costs (issue 16, items 1-2).

Memory is measured in the process that does the work (VmHWM from /proc/self/status; ru_maxrss of a child started by
subprocess reports the parent's peak), always under an address-space limit so a regression cannot take the machine:
the CLI in a child of its own (above its baseline: interpreter, libraries, the warehouse copy, ~300 MiB), and the page
in a child of its fork server, run by `ui.limited_check._child` itself (above the same check of a tiny file, ~90 MiB).

Stated bound, for the CLI and the page alike: a rejected file costs at most 2 x its size + ALLOWANCE (24 MiB). The
size counts once for the bytes themselves and once for their cells in Arrow. The allowance covers what does not grow
with the size: the vectorised checks of up to 50,000 rows (`file.max_data_rows`, where reading stops; ~12 MiB), the
first 100 problems kept as objects (the rest are only counted), and the XLSX reader's grid of at most 50,001 x 5
cells, which costs ~16 MiB above the baseline at its peak for a workbook that compresses to 40 KB. That grid is why
the allowance is not 16 MiB: a cell limit low enough for 16 would refuse a valid file with comments once the
catalogue grows by a KPI.
"""

from __future__ import annotations

import sys
import time
from functools import cache
from pathlib import Path

import pytest

from analytics.checks.validate import ReferenceCodes
from tests import hostile_files as hostile
from tests.store.page_check_peak import page_peak
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
    tiny.write_bytes(TINY)
    return peak_of_cli_ingest(tiny, kpi_base_warehouse)


@pytest.fixture(scope="module")
def page_baseline(validation_context) -> int:
    return min(page_peak(TINY, "tiny.csv", validation_context.reference)[1] for _ in range(2))


@cache
def made(case: str) -> bytes:
    return REJECTED_FILES[case]()


TINY = b"lau2,kpi,year,value\n9999,women_councillors_share,2025,1\n"
ALLOWANCE = 24 * MIB  # the one fixed part of the bound (module docstring, README "Limits")
REJECTED_FILES = {  # the file's name says its format
    "far.xlsx": hostile.far_cell,
    "rows.xlsx": lambda: hostile.many_rows(3_000_000),
    "errors.csv": lambda: hostile.csv_many_errors(10 * MIB),
    "field.csv": lambda: hostile.csv_with_long_field(10 * MIB),
    "at-cap.csv": lambda: hostile.csv_error_rows(50_000),
    "at-cap.xlsx": lambda: hostile.xlsx_error_rows(50_000),
    "at-cap-comments.xlsx": lambda: hostile.xlsx_error_rows(50_000, comment=True),
    "long-values.csv": lambda: hostile.csv_long_values(10 * MIB),
}
IDS = ["far-cell", "3M-rows", "10MB-three-errors-a-row", "10MB-field", "50k-rows-three-errors-csv",
       "50k-rows-three-errors-xlsx", "50k-rows-most-cells-xlsx", "10MB-2000-char-values"]


@pytest.mark.parametrize("name", REJECTED_FILES, ids=IDS)
def test_memory_of_a_rejected_file_is_bounded(name, baseline, kpi_settings, tmp_path):
    path = tmp_path / name
    data = made(name)
    path.write_bytes(data)
    peak = peak_of_cli_ingest(path, kpi_settings.db_path)
    print(f"CLI {name}: {len(data) / MIB:.2f} MiB, peak {peak / MIB:.0f} MiB, {(peak - baseline) / MIB:+.1f} MiB "
          f"above the baseline")
    assert peak - baseline <= 2 * len(data) + ALLOWANCE


@pytest.mark.parametrize("name", REJECTED_FILES, ids=IDS)
def test_memory_of_a_rejected_file_is_bounded_on_the_page(name, page_baseline, validation_context):
    data = made(name)
    kind, peak = page_peak(data, name, validation_context.reference)
    print(f"page {name}: {len(data) / MIB:.2f} MiB, {(peak - page_baseline) / MIB:+.1f} MiB above a tiny file's check")
    assert kind == "ok"  # rejected by the check, not stopped by the child's limits
    assert peak - page_baseline <= 2 * len(data) + ALLOWANCE
