"""kill -9 during an ingest and a build (issue 16, item 5): the warehouse is unchanged or fully changed, and the
next run leaves no private file behind; a bounded number of problems kept; a full disk or read-only folder is one
line and exit 1.

A real subprocess runs the CLI with OBSERVATORY_PAUSE_AT naming a moment inside the writer
(analytics.store.fault_points); it writes a flag there and sleeps, and the test kills it with SIGKILL.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from analytics import cli
from analytics.checks.problems import render_problems
from analytics.ingest.kpis import check_file
from analytics.sources.files import SubmissionFile
from analytics.store import fault_points
from tests import hostile_files as hostile

ROOT = Path(__file__).resolve().parents[2]
GOOD = "lau2,kpi,year,value\n0304,women_councillors_share,2025,77.7\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def private_files(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name + ".") and not
                  p.name.endswith(".lock"))


def value_of(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select value from kpi_current where lau2 = '0304' and kpi = 'women_councillors_share' "
                           "and year = 2025").fetchall()
    finally:
        con.close()


def killed_at(point: str, args: list[str], tmp_path: Path) -> None:
    flag = tmp_path / f"at-{point}"
    env = {**os.environ, fault_points.PAUSE_ENV: point, fault_points.FLAG_ENV: str(flag)}
    proc = subprocess.Popen([sys.executable, "-m", "analytics", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not flag.exists():
        assert proc.poll() is None, f"the run ended before reaching {point}"
        assert time.monotonic() < deadline, f"{point} not reached"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)


@pytest.mark.parametrize("point", [fault_points.CHANGE_COPIED, fault_points.CHANGE_WRITTEN,
                                   fault_points.CHANGE_SWAPPED])
def test_kill_9_during_ingest_is_all_or_nothing_and_the_next_run_cleans_up(point, kpi_settings, tmp_path):
    db = kpi_settings.db_path
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    before = digest(db)
    killed_at(point, ["ingest", str(good), "--db", str(db)], tmp_path)
    stored = value_of(db)
    if point == fault_points.CHANGE_SWAPPED:
        assert stored == [(77.7,)]  # fully changed
        assert private_files(db) == []  # the rename consumed the copy
    else:
        assert digest(db) == before and stored != [(77.7,)]  # unchanged
        assert private_files(db)  # the killed run's copy is still there ...
    other = tmp_path / "other.csv"
    other.write_text("lau2,kpi,year,value\n0304,women_councillors_share,2024,40\n")
    assert cli.main(["ingest", str(other), "--db", str(db)]) == 0
    assert private_files(db) == []  # ... and the next run removed it


@pytest.mark.parametrize("point", [fault_points.BUILD_SNAPSHOT, fault_points.BUILD_WRITTEN])
def test_kill_9_during_a_build_leaves_the_old_warehouse_and_no_leftover_after_the_next_run(point, kpi_settings,
                                                                                          tmp_path):
    db = kpi_settings.db_path
    before = digest(db)
    killed_at(point, ["build", "--db", str(db)], tmp_path)
    assert digest(db) == before
    assert private_files(db)
    assert cli.main(["build", "--db", str(db)]) == 0
    assert private_files(db) == []


def test_a_leftover_of_a_live_process_is_kept(kpi_settings):
    db = kpi_settings.db_path
    live = db.with_name(f"{db.name}.change-{os.getppid()}-0123abcd")
    live.write_bytes(b"")
    dead = db.with_name(f"{db.name}.tmp-999999999-0123abcd.wal")
    dead.write_bytes(b"")
    assert cli.main(["build", "--db", str(db)]) == 0
    assert live.exists() and not dead.exists()


def test_a_file_with_a_million_problems_keeps_only_the_first_hundred(validation_context):
    data = hostile.csv_many_errors(1_900_000)  # 50 000 rows (the row cap), three errors each
    _, problems = check_file(SubmissionFile("f.csv", data), validation_context)
    kept = [p for p in problems if not p.more]
    total = 3 * (data.count(b"\n") - 1)
    assert len(kept) == 100
    assert sum(p.more or 1 for p in problems) == total
    lines = render_problems(problems)
    assert lines[0].startswith("f.csv:2:lau2: unknown lau2 '9999'")
    assert lines[-1] == f"f.csv: … and {total - 100} more problems not shown"


def run_in_namespace(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT, capture_output=True, timeout=240,
                          text=True)


needs_namespaces = pytest.mark.skipif(
    shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0,
    reason="needs `unshare -m` to mount a small or read-only folder",
)


@needs_namespaces
@pytest.mark.parametrize(("mount", "reason"), [
    ("mount -t tmpfs -o size={size}k tmpfs {dir}", "no space left on device"),
    ("mount --bind {dir} {dir} && mount -o remount,bind,ro {dir}", "read-only file system"),
], ids=["disk-full", "read-only"])
def test_a_full_disk_or_read_only_folder_is_one_line_and_exit_1(mount, reason, kpi_settings, tmp_path):
    folder = tmp_path / "mnt"
    folder.mkdir()
    db = folder / "w.duckdb"
    size_kib = kpi_settings.db_path.stat().st_size // 1024 + 64  # room for the warehouse, not for its copy
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    setup = f"cp {kpi_settings.db_path} {db}"
    if "tmpfs" in mount:
        script = f"{mount.format(size=size_kib, dir=folder)} && {setup} && "
    else:
        script = f"{setup} && {mount.format(dir=folder)} && "
    script += f"{sys.executable} -m analytics ingest {good} --db {db}; echo exit=$?; ls -a {folder}"
    proc = run_in_namespace(script)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [f"{db}: cannot write the warehouse ({reason}); nothing was changed"]
    assert "exit=1" in proc.stdout
    assert [n for n in proc.stdout.split() if n.startswith("w.duckdb.")] in ([], ["w.duckdb.lock"])
