"""A commune officer's submission: checked like the CLI checks a file, limited to the officer's communes, then kept
pending in the inbox (never in the warehouse) until a reviewer decides.

- `check_submission(file, access, reference)`: the validator's problems plus one error per row for a commune the
  officer does not represent (`upload.csv:2:lau2: …`); writes nothing.
- `submit(settings, access, file, reference)`: the same check, then the file kept by sha256 and one pending row
  and its audit event written in one transaction.
- `form_file(...)`: the form's entries as a CSV in the submission format, so a form goes through the same path.
- `visible_to(settings, access)`, `pending(settings)`, `submission(settings, id)`, `reject(...)`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from analytics.checks.problems import SortsProblems, SubmissionProblem
from analytics.checks.reader import too_large
from analytics.checks.validate import ReferenceCodes, Validated, ValidationContext
from analytics.config.access import REVIEW, SUBMIT, Access
from analytics.config.catalogue import load_rules
from analytics.config.settings import Settings
from analytics.inbox.audit import REFUSED, REJECT, record, record_alone
from analytics.inbox.audit import SUBMIT as SUBMIT_EVENT
from analytics.inbox.store import keep_file, load_file, now_text, read, transaction
from analytics.ingest.kpis import check_file
from analytics.sources.files import SubmissionFile
from analytics.store.sql import query

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


class InboxError(Exception):
    """A request the inbox refuses (no right, unknown or already decided submission, missing reason)."""


@dataclass
class SubmissionCheck(SortsProblems):
    """What the officer sees before sending: clean rows and every problem."""

    rows: pd.DataFrame
    problems: list[SubmissionProblem] = field(default_factory=list)


@dataclass
class SubmitResult(SortsProblems):
    """The outcome of sending: an inbox id when stored (pending), else the problems that stopped it."""

    problems: list[SubmissionProblem]
    inbox_id: int | None = None
    rows: int = 0
    sha256: str = ""


def commune_problems(name: str, rows: pd.DataFrame, access: Access) -> list[SubmissionProblem]:
    """One error per row whose commune the officer does not represent, naming the row and the code."""
    mine = ", ".join(access.communes) or "none"
    return [
        SubmissionProblem(
            name, int(r.source_row), "lau2", f"{r.lau2} is not a commune you submit for (you represent {mine})"
        )
        for r in rows.itertuples()
        if r.lau2 not in access.communes
    ]


def check_submission(file: SubmissionFile, access: Access, reference: ReferenceCodes) -> SubmissionCheck:
    """The CLI's validation of `file` and the commune restriction of `access`; never writes."""
    limit = int(load_rules()["file"]["max_bytes"])
    if len(file.data) > limit:
        return SubmissionCheck(pd.DataFrame(), [SubmissionProblem(file.name, None, None, too_large(len(file.data), limit))])
    validated, problems = check_file(file, ValidationContext(reference))
    rows = validated.rows if isinstance(validated, Validated) else pd.DataFrame()
    extra = commune_problems(file.name, rows, access) if not rows.empty else []
    if isinstance(validated, Validated) and not validated.errors and rows.empty:
        extra.append(SubmissionProblem(file.name, None, None, "the file has no rows to submit"))
    ordered = sorted([*problems, *extra], key=lambda p: (p.row or 0, p.column or "", p.message))
    return SubmissionCheck(rows, ordered)


def submit(settings: Settings, access: Access, file: SubmissionFile, reference: ReferenceCodes) -> SubmitResult:
    """Check `file` and keep it pending for review; a refused file is logged in the audit log and stores nothing."""
    if not access.may(SUBMIT):
        raise InboxError(f"{access.sub} may not submit figures")
    check = check_submission(file, access, reference)
    sha = file.sha256
    if check.errors:
        first = check.errors[0].render()
        record_alone(settings, access.sub, REFUSED, f"{file.name}: {check.error_count} problem(s); first: {first}", sha)
        return SubmitResult(check.problems, sha256=sha)
    keep_file(settings, file.data)
    rows = check.rows
    years = rows["year"].astype(int)
    with transaction(settings) as con:
        twin = con.execute(query("inbox.sql", "pending_with_sha"), [sha]).fetchone()
        if twin is not None:
            problem = SubmissionProblem(file.name, None, None, f"the same file is already pending as submission {twin[0]}")
            return SubmitResult([problem], sha256=sha)
        cursor = con.execute(
            query("inbox.sql", "insert_submission"),
            [file.name, sha, len(file.data), len(rows), int(years.min()), int(years.max()), access.sub, access.name,
             now_text()],
        )
        inbox_id = int(cursor.lastrowid)
        for lau2 in sorted(set(rows["lau2"])):
            con.execute(query("inbox.sql", "insert_commune"), [inbox_id, lau2])
        record(con, access.sub, SUBMIT_EVENT, inbox_id, sha, f"{file.name}: {len(rows)} value{'s' if len(rows) != 1 else ''}")
    return SubmitResult(check.problems, inbox_id, len(rows), sha)


def form_file(lau2: str, year: int, entered: Mapping[str, float | None], current: Mapping[str, float]) -> SubmissionFile:
    """The form's values as a submission CSV: every KPI whose entry is new or differs from its current value."""
    lines = ["lau2,kpi,year,value"]
    for kpi, value in entered.items():
        if value is None or (kpi in current and float(current[kpi]) == float(value)):
            continue
        lines.append(f"{lau2},{kpi},{int(year)},{float(value):g}")
    return SubmissionFile(f"form-{lau2}-{int(year)}.csv", ("\n".join(lines) + "\n").encode("utf-8"))


def submission(settings: Settings, inbox_id: int) -> dict:
    """One inbox row as a dict (with `communes` as a list); InboxError when there is none."""
    frame = read(settings, "one", [int(inbox_id)])
    if frame.empty:
        raise InboxError(f"there is no submission {inbox_id}")
    row = frame.iloc[0].to_dict()
    row["communes"] = (row["communes"] or "").split(",") if row.get("communes") else []
    return row


def visible_to(settings: Settings, access: Access) -> pd.DataFrame:
    """Submissions a person may see: an officer those of their communes, a reviewer or admin all of them."""
    if access.may(REVIEW):
        return read(settings, "all_submissions")
    if access.may(SUBMIT):
        return read(settings, "for_communes", [json.dumps(list(access.communes))])
    return read(settings, "by_status", ["none"])  # the same columns, no rows


def pending(settings: Settings) -> pd.DataFrame:
    """Submissions waiting for review, oldest first."""
    return read(settings, "by_status", [PENDING])


def submitted_rows(settings: Settings, inbox_id: int, reference: ReferenceCodes) -> pd.DataFrame:
    """The validated rows of a kept file (lau2, kpi, year, value, source_row), read back from its sha256."""
    row = submission(settings, inbox_id)
    validated, _ = check_file(SubmissionFile(row["file_name"], load_file(settings, row["sha256"])), ValidationContext(reference))
    return validated.rows if validated is not None else pd.DataFrame(columns=["lau2", "kpi", "year", "value", "source_row"])


def reject(settings: Settings, inbox_id: int, reviewer: Access, reason: str) -> None:
    """Reject a pending submission with the reason the officer will read; nothing reaches the warehouse."""
    if not reviewer.may(REVIEW):
        raise InboxError(f"{reviewer.sub} may not review submissions")
    reason = reason.strip()
    if not reason:
        raise InboxError("a rejection needs a reason the officer can act on")
    with transaction(settings) as con:
        changed = con.execute(
            query("inbox.sql", "decide"), [REJECTED, reviewer.sub, now_text(), reason, None, int(inbox_id)]
        ).rowcount
        if changed != 1:
            raise InboxError(f"submission {inbox_id} is not pending")
        sha = con.execute(query("inbox.sql", "one"), [int(inbox_id)]).fetchone()["sha256"]
        record(con, reviewer.sub, REJECT, int(inbox_id), sha, reason)
