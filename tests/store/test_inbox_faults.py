"""kill -9 in the middle of an approval: the warehouse is as it was or fully changed, and the inbox agrees with it.

The approving process is a real subprocess running `analytics.inbox.approval.approve`; its `pause` callback stops at
a named moment (after the ingest into the private copy, or after the rename) and the test kills it there with
SIGKILL, the way a crashed or OOM-killed server dies.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from analytics.config.access import Access
from analytics.inbox.approval import INGESTED, SWAPPED, reconcile
from analytics.inbox.submissions import submission, submit
from analytics.sources.files import SubmissionFile

OFFICER = Access("officer-0304", "officer", ("0304",), "Officer 0304")
ROOT = Path(__file__).resolve().parents[2]
APPROVER = """
import sys, time
from pathlib import Path
from analytics.config.access import Access
from analytics.config.settings import Settings
from analytics.inbox.approval import approve
db, inbox_id, moment, flag = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
def pause(at):
    if at == moment:
        flag.write_text(at)
        time.sleep(120)
approve(Settings(db_path=Path(db)), inbox_id, Access("reviewer", "reviewer"), pause=pause)
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def value_in_warehouse(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select v.value, v.status, s.submitted_by, s.approved_by from kpi_current v join submissions s "
            "using (submission_id) where lau2 = '0304' and kpi = 'equality_training_hours' and year = 2024"
        ).fetchall()
    finally:
        con.close()


def kill_during_approval(settings, inbox_id: int, moment: str, tmp_path: Path) -> float:
    flag = tmp_path / f"at-{moment}"
    proc = subprocess.Popen([sys.executable, "-c", APPROVER, str(settings.db_path), str(inbox_id), moment, str(flag)],
                            cwd=ROOT)
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None, "the approving process ended before the pause"
        assert time.monotonic() < deadline, "the approving process never reached the pause"
        time.sleep(0.05)
    started = time.monotonic()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    return time.monotonic() - started


@pytest.mark.parametrize("moment", [INGESTED, SWAPPED])
def test_kill_9_during_approval_leaves_warehouse_and_inbox_consistent(kpi_settings, reference, moment, tmp_path):
    file = SubmissionFile("k.csv", b"lau2,kpi,year,value\n0304,equality_training_hours,2024,42\n")
    sent = submit(kpi_settings, OFFICER, file, reference)
    before = digest(kpi_settings.db_path)
    kill_during_approval(kpi_settings, sent.inbox_id, moment, tmp_path)
    assert submission(kpi_settings, sent.inbox_id)["status"] == "pending"
    con = duckdb.connect(str(kpi_settings.db_path), read_only=True)
    try:
        reconciled = reconcile(kpi_settings, con)
    finally:
        con.close()
    status = submission(kpi_settings, sent.inbox_id)["status"]
    if moment == INGESTED:  # killed before the rename: nothing changed, still pending, nothing to reconcile
        assert digest(kpi_settings.db_path) == before
        assert value_in_warehouse(kpi_settings.db_path) == []
        assert reconciled == [] and status == "pending"
    else:  # killed after the rename: fully changed, and reconciling marks it approved
        assert value_in_warehouse(kpi_settings.db_path) == [(42.0, "official", "officer-0304", "reviewer")]
        assert reconciled == [sent.inbox_id] and status == "approved"
