"""Store checked good-practices files, each one submission, all-or-nothing, with its rows' provenance."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from analytics.checks.practices import check_practice_file
from analytics.config.catalogue import load_practice_rules
from analytics.config.settings import Settings
from analytics.ingest.outcome import ACCEPTED, ALREADY, REJECTED, FileOutcome, read_submitted_files
from analytics.ingest.store import PRACTICES, same_files, store_submissions
from analytics.sources.files import SubmissionFile
from analytics.store.reference_codes import reference_codes
from analytics.store.writer import change_atomically


def ingest_practices_into(
    con: duckdb.DuckDBPyConnection, files: Sequence[SubmissionFile], *, submitted_by: str
) -> list[FileOutcome]:
    """Validate each file and store the accepted ones, each as one submission, in one transaction on `con`.

    Files are stored one by one, so the same bytes twice in one call are already ingested the second time."""
    reference = reference_codes(con)
    outcomes: list[FileOutcome] = []
    con.begin()
    try:
        for submission in files:
            sha = submission.sha256
            earlier = same_files(con, PRACTICES, [sha]).get(sha)
            if earlier is not None:
                outcomes.append(FileOutcome(submission.name, sha, ALREADY, already=earlier))
                continue
            check = check_practice_file(submission, reference)
            outcome = FileOutcome(submission.name, sha, ACCEPTED if check.ok else REJECTED, problems=check.problems)
            outcomes.append(outcome)
            if check.ok:
                received_at = datetime.now(UTC).replace(tzinfo=None)
                store_submissions(
                    con, PRACTICES, [(outcome, check.rows)], submitted_by=submitted_by, received_at=received_at
                )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return outcomes


def ingest_practice_files(
    settings: Settings, paths: Sequence[Path], *, submitted_by: str, names: Sequence[str] | None = None
) -> list[FileOutcome]:
    """The CLI path: ingest into a copy of the warehouse and rename it over the original only if something was
    accepted."""
    files, refused = read_submitted_files(paths, names, int(load_practice_rules()["file"]["max_bytes"]))
    outcomes = change_atomically(
        settings.db_path,
        lambda con: ingest_practices_into(con, files, submitted_by=submitted_by),
        keep=lambda result: any(o.outcome == ACCEPTED for o in result),
    )
    for i in sorted(refused):
        outcomes.insert(i, refused[i])
    return outcomes
