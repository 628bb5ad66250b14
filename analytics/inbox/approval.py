"""Approval: a pending submission's kept file ingested as `official` through the CLI's all-or-nothing path, then
marked approved in the inbox; and the reconciliation that makes that order crash-safe.

Order, and what a crash leaves behind:
1. the warehouse is changed on a private copy by `ingest_into` (the CLI's ingest), the new submission stamped with
   the reviewer and the inbox id (`record_approval`), and the copy renamed over the warehouse
   (`change_atomically`). A crash before the rename leaves the warehouse as it was and the submission pending.
2. the inbox row is marked approved, with its audit event, in one transaction. A crash between 1 and 2 leaves a
   pending row whose inbox id and sha256 are already in the warehouse: `reconcile` (run at start and before every
   review) marks it approved. So the warehouse and the inbox always agree once reconciled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from analytics.checks.problems import SubmissionProblem
from analytics.config.access import REVIEW, Access
from analytics.config.settings import Settings
from analytics.inbox.audit import APPROVE, RECONCILE, record
from analytics.inbox.store import load_file, now_text, transaction
from analytics.inbox.submissions import APPROVED, PENDING, InboxError, submission
from analytics.ingest.approvals import record_approval
from analytics.ingest.kpis import ingest_into
from analytics.ingest.outcome import ACCEPTED, ALREADY, FileOutcome
from analytics.sources.files import SubmissionFile
from analytics.store.reader import Source, run_named
from analytics.store.sql import query
from analytics.store.writer import change_atomically

# Named moments inside an approval, for fault tests that kill the process there.
INGESTED, SWAPPED = "ingested", "swapped"
Pause = Callable[[str], None]


@dataclass
class ApprovalResult:
    """Approved (with the warehouse submission id) or refused by the validator (problems; still pending)."""

    inbox_id: int
    approved: bool
    warehouse_submission_id: int | None = None
    problems: list[SubmissionProblem] = field(default_factory=list)


def _no_pause(_: str) -> None:
    return None


def approve(settings: Settings, inbox_id: int, reviewer: Access, pause: Pause = _no_pause) -> ApprovalResult:
    """Store a pending submission's values as official (submitted by its officer, approved by `reviewer`)."""
    if not reviewer.may(REVIEW):
        raise InboxError(f"{reviewer.sub} may not review submissions")
    row = submission(settings, inbox_id)
    if row["status"] != PENDING:
        raise InboxError(f"submission {inbox_id} is {row['status']}, not pending")
    file = SubmissionFile(row["file_name"], load_file(settings, row["sha256"]))

    def change(con: duckdb.DuckDBPyConnection) -> FileOutcome:
        outcome = ingest_into(con, [file], status="official", submitted_by=row["submitted_by"])[0]
        if outcome.outcome == ACCEPTED:
            record_approval(con, row["sha256"], reviewer.sub, int(inbox_id))
            pause(INGESTED)
        return outcome

    outcome = change_atomically(settings.db_path, change, keep=lambda o: o.outcome == ACCEPTED)
    if outcome.outcome not in (ACCEPTED, ALREADY):
        return ApprovalResult(int(inbox_id), False, problems=outcome.problems)
    pause(SWAPPED)
    warehouse_id = outcome.submission_id if outcome.outcome == ACCEPTED else (outcome.already or (None,))[0]
    with transaction(settings) as con:
        changed = con.execute(
            query("inbox.sql", "decide"), [APPROVED, reviewer.sub, now_text(), None, warehouse_id, int(inbox_id)]
        ).rowcount
        if changed:
            record(con, reviewer.sub, APPROVE, int(inbox_id), row["sha256"], f"warehouse submission {warehouse_id}")
    return ApprovalResult(int(inbox_id), True, warehouse_id)


def reconcile(settings: Settings, warehouse: Source) -> list[int]:
    """Mark approved every pending submission the warehouse already holds (same inbox id and sha256); return them."""
    held = run_named(warehouse, "submissions.sql", "inbox_approved")
    if held.empty:
        return []
    done = []
    with transaction(settings) as con:
        for r in held.itertuples():
            found = con.execute(query("inbox.sql", "one"), [int(r.inbox_id)]).fetchone()
            if found is None or found["status"] != PENDING or found["sha256"] != r.sha256:
                continue
            con.execute(
                query("inbox.sql", "decide"),
                [APPROVED, r.approved_by or "unknown", now_text(), None, int(r.submission_id), int(r.inbox_id)],
            )
            record(con, "system", RECONCILE, int(r.inbox_id), r.sha256,
                   f"warehouse already held it as submission {r.submission_id}; marked approved")
            done.append(int(r.inbox_id))
    return done
