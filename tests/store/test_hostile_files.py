"""Hostile files (issue 16, items 1, 4, 6, 7): refused before they cost anything, one clear line each, nothing stored.

Every file is made here (tests/hostile_files.py). The XLSX reader aborts the whole process on a far cell, so a test
that lets it near one runs in a child process with an address-space limit (tests/test_limited_check.py).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics import cli
from analytics.ingest.kpis import check_file
from analytics.sources.files import SubmissionFile
from tests import hostile_files as hostile

ROOT = Path(__file__).resolve().parents[2]
LIMITS = "the limits are 50,000 data rows, 16 columns and 250,005 cells; split the data into several files"


@pytest.fixture(scope="module")
def three_million_rows() -> bytes:
    return hostile.many_rows(3_000_000)


def problems(name: str, data: bytes, context) -> list[str]:
    _, found = check_file(SubmissionFile(name, data), context)
    return [p.render() for p in found]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (hostile.far_cell_openpyxl, f"sheet 1 spans A1:XFD1048576; {LIMITS}"),
        (hostile.far_cell, f"sheet 1 has a row 1,048,576; {LIMITS}"),
        (lambda: hostile.far_cell(None), f"sheet 1 has a row 1,048,576; {LIMITS}"),
        (lambda: hostile.many_rows(300_000), f"sheet 1 has a row 50,002; {LIMITS}"),
    ],
    ids=["openpyxl-far-cell", "lying-dimension", "no-dimension", "300k-rows-no-refs"],
)
def test_an_xlsx_the_reader_could_not_hold_is_refused_before_reading(make, message, validation_context):
    data = make()
    started = time.process_time()
    assert problems("f.xlsx", data, validation_context) == [f"f.xlsx: {message}"]
    assert time.process_time() - started < 10  # the scan stops at the row cap: bounded by the limits, not the file


def test_the_far_cell_file_is_small_and_refused_in_milliseconds(validation_context):
    data = hostile.far_cell()
    assert len(data) < 1700  # the 1.6 KB file of the issue
    started = time.process_time()
    problems("f.xlsx", data, validation_context)
    assert time.process_time() - started < 0.5


def test_millions_of_rows_are_refused_from_the_declared_sizes(three_million_rows, validation_context):
    started = time.process_time()
    assert problems("big.xlsx", three_million_rows, validation_context) == [
        "big.xlsx: workbook part xl/worksheets/sheet1.xml unpacks to 423 MiB, over the 128 MiB limit; split the data "
        "into several files"
    ]
    assert time.process_time() - started < 0.5


def test_formula_cells_are_rejected_with_their_reference(validation_context):
    lines = problems("f.xlsx", hostile.with_formulas(), validation_context)
    assert lines[:4] == [
        "f.xlsx:2:value: cell D2 holds a formula (=1+1); enter the value itself",
        "f.xlsx:3:value: cell D3 holds a formula (=[1]Sheet1!$A$1); enter the value itself",
        "f.xlsx:4:value: cell D4 holds a formula (=D2*3); enter the value itself",
        "f.xlsx:5:value: cell D5 holds a formula (a shared formula); enter the value itself",
    ]


def test_a_10_mb_field_is_one_message_at_its_row(validation_context):
    lines = problems("f.csv", hostile.csv_with_long_field(10 * 2**20), validation_context)
    assert lines == ["f.csv:3: a cell is over 131,072 characters long (the limit is 2,000)"]


def test_a_long_cell_is_named_by_row_and_column_and_not_quoted(validation_context):
    lines = problems("f.csv", hostile.csv_with_long_field(5000), validation_context)
    assert lines == ["f.csv:3:value: cell is 5,000 characters long, over the 2,000 limit"]


def test_a_parser_failure_never_quotes_the_file(validation_context):
    data = b'lau2,kpi,year,value\n0304,"secret\x00stuff,2025,1\n'
    lines = problems("f.csv", data, validation_context)
    assert len(lines) == 1 and "secret" not in lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name + "."))


def ingest(db: Path, *files: str | Path, capsys) -> tuple[int, list[str], str]:
    code = cli.main(["ingest", *map(str, files), "--db", str(db), "--submitted-by", "t"])
    out = capsys.readouterr()
    return code, out.err.splitlines(), out.out


def test_cli_refuses_the_far_cell_file_and_stores_nothing(kpi_settings, tmp_path, capsys):
    db = kpi_settings.db_path
    path = tmp_path / "far.xlsx"
    path.write_bytes(hostile.far_cell())
    before = digest(db)
    code, err, out = ingest(db, path, capsys=capsys)
    assert code == 1
    assert err == [f"{path}: sheet 1 has a row 1,048,576; {LIMITS}"]
    assert out == f"{path}: rejected (1 problem); nothing was stored\n"
    assert digest(db) == before
    assert leftovers(db) == ["w.duckdb.lock"]


def test_cli_refuses_a_symlink_without_reading_what_it_points_at(kpi_settings, tmp_path, capsys):
    link = tmp_path / "0304.csv"
    link.symlink_to("/etc/passwd")
    code, err, out = ingest(kpi_settings.db_path, link, capsys=capsys)
    assert code == 1
    assert err == [f"{link}: is a symbolic link; give the path of the file itself"]
    assert "x:0:0" not in out + "".join(err)


def test_cli_refuses_a_device_without_reading_it(kpi_settings, capsys):
    code, err, _ = ingest(kpi_settings.db_path, "/dev/zero", capsys=capsys)
    assert code == 1
    assert err == ["/dev/zero: is a device, pipe or socket, not a file"]


def test_cli_header_message_does_not_echo_a_whole_line(kpi_settings, tmp_path, capsys):
    path = tmp_path / "notes.csv"
    path.write_text("root:x:0:0:root:/root:/bin/bash-and-a-long-secret-line\nmore\n")
    code, err, _ = ingest(kpi_settings.db_path, path, capsys=capsys)
    assert code == 1
    assert len(err) == 1 and "secret-line" not in err[0] and "(found: root:x:0:0:root:/root:/b…)" in err[0]


def test_a_newline_or_non_utf8_byte_in_a_name_cannot_forge_a_line(kpi_settings, tmp_path):
    """Run as a real process: argv holds raw bytes, stdout/stderr are pipes, and a traceback would show."""
    folder = os.fsencode(tmp_path)
    forged = folder + b"/x\n0304.csv:2:value: forged\x1b[2J.csv"
    latin1 = folder + b"/caf\xe9.csv"
    for name, value in ((forged, b"45.6"), (latin1, b"45.7")):
        with open(name, "wb") as handle:
            handle.write(b"lau2,kpi,year,value\n9999,women_councillors_share,2025," + value + b"\n")
    proc = subprocess.run(
        [sys.executable, "-m", "analytics", "ingest", forged, latin1, "--db", str(kpi_settings.db_path)],
        cwd=ROOT, capture_output=True, env={**os.environ, "LC_ALL": "C"}, timeout=120,
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path}/x\\n0304.csv:2:value: forged\\x1b[2J.csv:2:lau2: unknown lau2 '9999'")
    assert lines[1].startswith(f"{tmp_path}/caf\\xe9.csv:2:lau2: unknown lau2 '9999'")
    assert all(not line.startswith("0304.csv") for line in (err + proc.stdout.decode()).splitlines())
