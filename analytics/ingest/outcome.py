"""What happened to one submitted file, for KPI values and practices alike: accepted, rejected or already ingested."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from analytics.checks.problems import SubmissionProblem, count_problems, printable
from analytics.checks.reader import too_large
from analytics.sources.files import FileRefused, SubmissionFile, read_regular_file

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
        """One line for stdout (names escaped: no newline or control character)."""
        shown = printable(self.file)
        if self.outcome == ALREADY and self.already:
            sid, name, received = self.already
            return (
                f"{shown}: already ingested as submission {sid} ({printable(name)}, received "
                f"{received:%Y-%m-%d %H:%M:%S} UTC, sha256 {self.sha256[:12]}…); nothing changed"
            )
        if self.outcome == ACCEPTED:
            unchanged = self.rows - self.new_rows - self.revised_rows
            return (
                f"{shown}: accepted as submission {self.submission_id}: {self.rows} row{'s' if self.rows != 1 else ''} "
                f"({self.new_rows} new, {self.revised_rows} revised, {unchanged} unchanged)"
            )
        errors = count_problems(p for p in self.problems if p.is_error)
        return f"{shown}: rejected ({errors} problem{'s' if errors != 1 else ''}); nothing was stored"


def read_submitted_files(
    paths: Sequence[Path], names: Sequence[str] | None, max_bytes: int
) -> tuple[list[SubmissionFile], dict[int, FileOutcome]]:
    """The CLI's files, read safely: the readable ones, and a rejected outcome (by position) for each of the others
    (a symbolic link, a device, a file over `max_bytes` — refused before it is read —, one the system will not let
    us read)."""
    files: list[SubmissionFile] = []
    refused: dict[int, FileOutcome] = {}
    for i, (path, name) in enumerate(zip(paths, names or [str(p) for p in paths], strict=True)):
        try:
            data = read_regular_file(Path(path), max_bytes)
        except FileRefused as exc:
            message = str(exc)
        except OSError as exc:
            message = f"cannot read the file ({(exc.strerror or type(exc).__name__).lower()})"
        else:
            if not isinstance(data, int):
                files.append(SubmissionFile(name, data))
                continue
            message = too_large(data, max_bytes)
        refused[i] = FileOutcome(name, "", REJECTED, problems=[SubmissionProblem(name, None, None, message)])
    return files, refused
