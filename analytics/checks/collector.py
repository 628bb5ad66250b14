"""What every rule kind works with: the context a batch is checked against, and the collector of its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from analytics.checks.problems import SubmissionProblem
from analytics.checks.reference import ReferenceCodes
from analytics.config.catalogue import Catalogue, load_catalogue, load_rules


@dataclass(frozen=True)
class ValidationContext:
    """Everything the validator checks against; build it once per batch of files.

    `rules` is one file kind's rule set (rules.yaml for KPI values, practice_rules.yaml for good practices).
    """

    reference: ReferenceCodes
    catalogue: Catalogue = field(default_factory=load_catalogue)
    rules: dict[str, Any] = field(default_factory=load_rules)
    current_year: int = field(default_factory=lambda: datetime.now(UTC).year)


class ProblemCollector:
    """Problems of a batch of files checked together: each row knows its file (`file_idx`) and spreadsheet row.

    `bad` marks rows with any error, `unreadable` rows the reader found broken, `failed[column]` rows whose cell in that column failed a rule (a uniqueness rule
    only compares rows whose key cells passed).
    """

    def __init__(self, files: list[str], headers: list[dict[str, str]], cells: pd.DataFrame) -> None:
        self.files, self.headers, self.cells = files, headers, cells
        self.file_idx = cells["file_idx"].to_numpy()
        self.row = cells["row"].to_numpy()
        self.problems: list[SubmissionProblem] = []
        self.bad = np.zeros(len(cells), dtype=bool)
        self.unreadable = np.zeros(len(cells), dtype=bool)  # rows the reader could not split into cells
        self.failed: dict[str, np.ndarray] = {}

    def failed_in(self, column: str) -> np.ndarray:
        """Rows whose `column` cell failed a rule so far."""
        return self.failed.get(column, np.zeros(len(self.cells), dtype=bool))

    def add(self, mask: np.ndarray, column: str, messages: pd.Series | str, severity: str = "error") -> None:
        """One problem per row in `mask`, on `column`; `messages` is one text or a Series aligned with the cells."""
        if not mask.any():
            return
        if severity == "error":
            self.bad |= mask
            self.failed[column] = self.failed_in(column) | mask
        texts = [messages] * int(mask.sum()) if isinstance(messages, str) else list(messages[mask])
        self.problems.extend(
            SubmissionProblem(self.files[f], int(r), self.headers[f].get(column, column), t, severity)
            for f, r, t in zip(self.file_idx[mask], self.row[mask], texts, strict=True)
        )

    def add_at(self, positions: np.ndarray, column: str, messages: list[str]) -> None:
        """Errors at row positions that may repeat (one per code of a list cell), in the order given."""
        if len(positions) == 0:
            return
        mask = np.zeros(len(self.cells), dtype=bool)
        mask[positions] = True
        self.bad |= mask
        self.failed[column] = self.failed_in(column) | mask
        self.problems.extend(
            SubmissionProblem(
                self.files[self.file_idx[p]], int(self.row[p]), self.headers[self.file_idx[p]].get(column, column), t
            )
            for p, t in zip(positions, messages, strict=True)
        )
