"""What happened to one submitted file, for KPI values and practices alike: accepted, rejected or already ingested."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from analytics.checks.problems import SubmissionProblem

ACCEPTED, REJECTED, ALREADY = "accepted", "rejected", "already ingested"


@dataclass
class FileOutcome:
    """One file's fate: accepted (with its submission id and counts), rejected (with its problems), or already
    ingested (with the earlier submission's id, file name and time)."""

    file: str
    sha256: str
    outcome: str
    problems: list[SubmissionProblem] = field(default_factory=list)
    submission_id: int | None = None
    rows: int = 0
    new_rows: int = 0
    revised_rows: int = 0
    already: tuple[int, str, datetime] | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome != REJECTED

    def summary(self) -> str:
        """One line for stdout."""
        if self.outcome == ALREADY and self.already:
            sid, name, received = self.already
            return (
                f"{self.file}: already ingested as submission {sid} ({name}, received "
                f"{received:%Y-%m-%d %H:%M:%S} UTC, sha256 {self.sha256[:12]}…); nothing changed"
            )
        if self.outcome == ACCEPTED:
            unchanged = self.rows - self.new_rows - self.revised_rows
            return (
                f"{self.file}: accepted as submission {self.submission_id}: {self.rows} row{'s' if self.rows != 1 else ''} "
                f"({self.new_rows} new, {self.revised_rows} revised, {unchanged} unchanged)"
            )
        errors = sum(p.is_error for p in self.problems)
        return f"{self.file}: rejected ({errors} problem{'s' if errors != 1 else ''}); nothing was stored"
