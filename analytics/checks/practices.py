"""Good-practices files through the one validator (`checks.rules` with `catalogue/practice_rules.yaml`).

Every problem is reported as `FILE:ROW:COLUMN: message`; it never raises for bad content and never writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from analytics.checks.collector import ValidationContext
from analytics.checks.problems import SubmissionProblem
from analytics.checks.reader import RawTable, UnreadableFile, read_table
from analytics.checks.reference import ReferenceCodes
from analytics.checks.rules import apply_rules, collector_for
from analytics.config.catalogue import load_catalogue, load_practice_rules
from analytics.sources.files import SubmissionFile

OPTIONAL_TEXT = ("link", "certainty", "title_fr", "title_de", "title_en", "source_date")  # stored as null when empty


@dataclass
class PracticeCheck:
    """Clean rows (meaningful only without errors) and every problem found."""

    rows: pd.DataFrame
    problems: list[SubmissionProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def validate_practices(
    file: str, table: RawTable, reference: ReferenceCodes, current_year: int | None = None
) -> PracticeCheck:
    """Apply practice_rules.yaml to every cell of a read file; collects every problem (the reader's first, then by
    row), raises none."""
    rules = load_practice_rules()
    context = ValidationContext(reference, load_catalogue(), rules, current_year or datetime.now(UTC).year)
    col = collector_for([file], [table], context)
    parsed = apply_rules(col, context)
    frame = pd.DataFrame({name: parsed[name].tolist() for name in rules["fields"]})
    if not frame.empty:
        frame["year"] = pd.to_numeric(col.cells["year"].str.strip().tolist(), errors="coerce")
        frame["source_row"] = col.cells["row"].tolist()
        frame = frame.rename(columns={"lau2": "lau2s"})
        frame["year"] = frame["year"].astype("Int16")
        for name in OPTIONAL_TEXT:
            frame[name] = frame[name].replace("", None)
    else:
        frame = pd.DataFrame()
    problems = [*sorted(col.problems, key=lambda p: p.row or 0), *col.stand_ins()]
    return PracticeCheck(frame, [*table.problems, *problems])


def check_practice_file(submission: SubmissionFile, reference: ReferenceCodes) -> PracticeCheck:
    """Read and validate one practices file without writing anything (what an uploader would call)."""
    try:
        table = read_table(submission, load_practice_rules())
    except UnreadableFile as exc:
        message = str(exc).replace(
            "lau2, kpi, year, value[, comment]", ", ".join(load_practice_rules()["columns"]["required"])
        )
        return PracticeCheck(pd.DataFrame(), [SubmissionProblem(submission.name, exc.row, exc.column, message)])
    return validate_practices(submission.name, table, reference)
