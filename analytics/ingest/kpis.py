"""Ingest submission files: validate each one, then store the accepted ones with provenance, all-or-nothing per file.

- `check_file(submission, context)`: read + validate without any warehouse write (the page's uploader uses it).
- `ingest_into(con, files, ...)`: one transaction on an open connection (used by `build` for official and demo data).
- `ingest_files(settings, paths, ...)`: the CLI path: copies the warehouse to a temporary file beside it, ingests
  there, and renames it over the original only if something was accepted, so a serving app never sees a half-write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.checks.problems import SortsProblems, SubmissionProblem
from analytics.checks.reader import RawTable, UnreadableFile, read_table
from analytics.checks.validate import ReferenceCodes, Validated, ValidationContext, validate, validate_batch
from analytics.config.catalogue import load_rules
from analytics.ingest.outcome import ACCEPTED, ALREADY, REJECTED, FileOutcome, read_submitted_files
from analytics.ingest.store import KPI_VALUES, same_files, store_submissions
from analytics.sources.files import SubmissionFile
from analytics.store.reference_codes import reference_codes
from analytics.store.sql import query
from analytics.store.writer import change_atomically

STATUSES = ("official", "demo")


def check_file(
    submission: SubmissionFile, context: ValidationContext
) -> tuple[Validated | None, list[SubmissionProblem]]:
    """Read and validate one file; never writes. Returns the validated rows (None if unreadable) and all problems."""
    try:
        table = read_table(submission, context.rules)
    except UnreadableFile as exc:
        return None, [exc.problem(submission.name)]
    validated = validate(submission.name, table, context)
    return validated, validated.problems


@dataclass
class UploadCheck(SortsProblems):
    """The page's view of an uploaded file: how many rows would be stored, and every problem."""

    rows: int
    problems: list[SubmissionProblem]


def validate_upload(data: bytes, filename: str, reference: ReferenceCodes) -> UploadCheck:
    """The page's uploader: every problem the CLI would report for this file, without writing anything."""
    validated, problems = check_file(SubmissionFile(filename, data), ValidationContext(reference))
    return UploadCheck(len(validated.rows) if validated is not None else 0, problems)


def _conflicts_with_official(
    con: duckdb.DuckDBPyConnection, frames: list[pd.DataFrame], outcomes: list[FileOutcome]
) -> None:
    incoming = pd.concat([f.assign(file_index=i) for i, f in enumerate(frames)], ignore_index=True)
    con.register("incoming_demo", incoming[["file_index", "lau2", "kpi", "year", "source_row"]])
    try:
        clashes = con.execute(query("ingest.sql", "kpi_official_conflicts")).df()
    finally:
        con.unregister("incoming_demo")
    for r in clashes.itertuples():
        outcome = outcomes[int(r.file_index)]
        outcome.outcome = REJECTED
        outcome.problems.append(
            SubmissionProblem(
                outcome.file,
                int(r.source_row),
                "value",
                f"lau2 {r.lau2}, kpi {r.kpi}, year {r.year} has an official value ({r.value:g}, submission "
                f"{r.submission_id}); a demo value cannot replace it",
            )
        )


def ingest_into(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[SubmissionFile],
    *,
    status: str = "official",
    submitted_by: str = "unknown",
    source: str | None = None,
    context: ValidationContext | None = None,
) -> list[FileOutcome]:
    """Validate `files` and store every accepted one as its own submission, in one transaction on `con`."""
    if status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    context = context or ValidationContext(reference_codes(con))
    received_at = datetime.now(UTC).replace(tzinfo=None)
    outcomes: list[FileOutcome] = []
    frames: list[pd.DataFrame] = []
    seen: dict[str, FileOutcome] = {}
    readable: list[tuple[int, str, RawTable]] = []
    empty = pd.DataFrame(columns=["lau2", "kpi", "year", "value", "source_row"])
    shas = [f.sha256 for f in files]
    known = same_files(con, KPI_VALUES, shas)
    for submission, sha in zip(files, shas, strict=True):
        earlier = known.get(sha)
        frames.append(empty)
        if earlier is not None or sha in seen:
            outcome = FileOutcome(submission.name, sha, ALREADY, already=earlier)
            if earlier is None:  # the same bytes twice in one batch: the first one is the submission
                outcome.already = (-1, seen[sha].file, received_at)
            outcomes.append(outcome)
            continue
        outcome = FileOutcome(submission.name, sha, ACCEPTED)
        outcomes.append(outcome)
        seen[sha] = outcome
        try:
            readable.append((len(outcomes) - 1, submission.name, read_table(submission, context.rules)))
        except UnreadableFile as exc:
            outcome.outcome = REJECTED
            outcome.problems = [exc.problem(submission.name)]
    if readable:
        results = validate_batch([(name, table) for _, name, table in readable], context)
        for (index, _, _), validated in zip(readable, results, strict=True):
            outcomes[index].problems = validated.problems
            if validated.errors:
                outcomes[index].outcome = REJECTED
            else:
                frames[index] = validated.rows
    con.begin()
    try:
        if status == "demo" and any(o.outcome == ACCEPTED for o in outcomes):
            _conflicts_with_official(con, frames, outcomes)
        accepted = [(o, f) for o, f in zip(outcomes, frames, strict=True) if o.outcome == ACCEPTED]
        if accepted:
            store_submissions(
                con,
                KPI_VALUES,
                accepted,
                submitted_by=submitted_by,
                received_at=received_at,
                status=status,
                source=source,
            )
        for o in outcomes:  # same bytes twice in one call: the second shares the fate of the first
            if o.outcome == ALREADY and o.already and o.already[0] == -1:
                first = seen[o.sha256]
                if first.outcome == REJECTED:
                    o.outcome = REJECTED
                    o.problems = [
                        SubmissionProblem(o.file, None, None, f"same content as {first.file}, rejected above")
                    ]
                else:
                    o.already = (first.submission_id or -1, first.file, received_at)
        con.commit()
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # after a failed write (disk full) the rollback fails too: keep the cause
            con.rollback()
        raise
    return outcomes


def ingest_files(
    settings, paths: Sequence[Path], *, submitted_by: str, status: str = "official", names: Sequence[str] | None = None
) -> list[FileOutcome]:
    """The CLI's ingest: build the warehouse if missing, then ingest into a copy and swap it in atomically."""
    files, unreadable = read_submitted_files(paths, names, int(load_rules()["file"]["max_bytes"]))
    outcomes = change_atomically(
        settings.db_path,
        lambda con: ingest_into(con, files, status=status, submitted_by=submitted_by),
        keep=lambda result: any(o.outcome == ACCEPTED for o in result),
    )
    for i in sorted(unreadable):
        outcomes.insert(i, unreadable[i])
    return outcomes
