"""Store checked good-practices files, each one submission, all-or-nothing, with its rows' provenance."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.checks.practices import check_practice_file
from analytics.config.settings import Settings
from analytics.ingest.kpis import ACCEPTED, ALREADY, REJECTED, FileOutcome
from analytics.sources.files import SubmissionFile
from analytics.store.reference_codes import reference_codes
from analytics.store.sql import query
from analytics.store.writer import change_atomically

SQL = "practices.sql"


def ingest_practices_into(con: duckdb.DuckDBPyConnection, files: Sequence[SubmissionFile], *,
                          submitted_by: str) -> list[FileOutcome]:
    """Validate each file and store the accepted ones, each as one submission, in one transaction on `con`."""
    reference = reference_codes(con)
    outcomes: list[FileOutcome] = []
    con.execute("begin transaction")
    try:
        for submission in files:
            sha = submission.sha256
            found = con.execute(query(SQL, "same_file"), [sha]).fetchall()
            if found:
                outcomes.append(FileOutcome(submission.name, sha, ALREADY, already=found[0]))
                continue
            check = check_practice_file(submission, reference)
            outcome = FileOutcome(submission.name, sha, ACCEPTED if check.ok else REJECTED, problems=check.problems)
            outcomes.append(outcome)
            if check.ok:
                _store(con, outcome, check.rows, submitted_by)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return outcomes

def _store(con: duckdb.DuckDBPyConnection, outcome: FileOutcome, rows: pd.DataFrame, submitted_by: str) -> None:
    outcome.submission_id = int(con.execute(query(SQL, "next_submission")).fetchall()[0][0])
    outcome.rows = len(rows)
    con.register("incoming_practices", rows)
    try:
        counts = con.execute(query(SQL, "counts")).fetchall()[0]
        outcome.new_rows, outcome.revised_rows = int(counts[0]), int(counts[1])
        con.execute(query(SQL, "supersede"))
        con.execute(query(SQL, "insert"), [outcome.submission_id])
    finally:
        con.unregister("incoming_practices")
    con.execute(
        "insert into practice_submissions values (?, ?, ?, ?, ?, ?, ?, ?)",
        [outcome.submission_id, Path(outcome.file).as_posix(), outcome.sha256, submitted_by,
         datetime.now(UTC).replace(tzinfo=None), outcome.rows, outcome.new_rows, outcome.revised_rows],
    )

def ingest_practice_files(settings: Settings, paths: Sequence[Path], *, submitted_by: str,
                          names: Sequence[str] | None = None) -> list[FileOutcome]:
    """The CLI path: ingest into a copy of the warehouse and rename it over the original only if something was accepted."""
    files = [SubmissionFile.from_path(Path(p), n) for p, n in zip(paths, names or [str(p) for p in paths])]
    return change_atomically(
        settings.db_path,
        lambda con: ingest_practices_into(con, files, submitted_by=submitted_by),
        keep=lambda result: any(o.outcome == ACCEPTED for o in result),
    )
