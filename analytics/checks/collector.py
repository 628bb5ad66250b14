"""What every rule kind works with: the context a batch is checked against, and the collector of its problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from analytics.checks.problems import KEEP_DEFAULT, SubmissionProblem, stand_in
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


Messages = pd.Series | str | Callable[[np.ndarray], Iterable[str]]


def cells_at(column: pd.Series, positions: Iterable[int]) -> list[Any]:
    """The cells of `column` at `positions`, one at a time. Why not `iloc`: taking many positions from a chunked
    Arrow column joins its chunks first, a copy of the whole column (of long cells, in a hostile file) for the
    hundred rows a message is worded for."""
    return [column.iat[int(p)] for p in positions]


class ProblemCollector:
    """Problems of a batch of files checked together: each row knows its file (`file_idx`) and spreadsheet row.

    Memory stays bounded however many rows are bad: each `add` counts every failing row but keeps (and words) only
    the first `keep` of each file; a rule passes its messages as a function of the row positions kept, so nothing
    is built per failing row. `stand_ins()` gives the counts of the rest.

    `bad` marks rows with any error, `unreadable` rows the reader found broken, `failed[column]` rows whose cell in that column failed a rule (a uniqueness rule
    only compares rows whose key cells passed).
    """

    def __init__(
        self, files: list[str], headers: list[dict[str, str]], cells: pd.DataFrame, keep: int = KEEP_DEFAULT
    ) -> None:
        self.files, self.headers, self.cells, self.keep = files, headers, cells, keep
        self.more: dict[tuple[int, str], int] = {}  # (file index, severity) -> problems counted, not kept
        self.file_idx = cells["file_idx"].to_numpy()
        self.row = cells["row"].to_numpy()
        self.problems: list[SubmissionProblem] = []
        self.bad = np.zeros(len(cells), dtype=bool)
        self.unreadable = np.zeros(len(cells), dtype=bool)  # rows the reader could not split into cells
        self.failed: dict[str, np.ndarray] = {}

    def failed_in(self, column: str) -> np.ndarray:
        """Rows whose `column` cell failed a rule so far."""
        return self.failed.get(column, np.zeros(len(self.cells), dtype=bool))

    def _kept(self, positions: np.ndarray, severity: str) -> np.ndarray:
        """Indices of the first `keep` of `positions` for each file (positions ascending, so a file's rows are
        contiguous); the rest counted in `more`."""
        if len(positions) <= self.keep:
            return np.arange(len(positions))
        files = self.file_idx[positions]
        starts = np.flatnonzero(np.r_[True, files[1:] != files[:-1]])
        ends = np.r_[starts[1:], len(positions)]
        kept = []
        for start, end in zip(starts, ends, strict=True):
            kept.append(np.arange(start, min(end, start + self.keep)))
            if end - start > self.keep:
                key = (int(files[start]), severity)
                self.more[key] = self.more.get(key, 0) + int(end - start - self.keep)
        return np.concatenate(kept)

    def add(self, mask: np.ndarray, column: str, messages: Messages, severity: str = "error") -> None:
        """One problem per row in `mask`, on `column`; `messages` is one text, a Series aligned with the cells, or a
        function from row positions to their texts (called for the kept rows only)."""
        if not mask.any():
            return
        if severity == "error":
            self.bad |= mask
            self.failed[column] = self.failed_in(column) | mask
        positions = np.flatnonzero(mask)
        positions = positions[self._kept(positions, severity)]
        if isinstance(messages, str):
            texts: Iterable[str] = [messages] * len(positions)
        elif isinstance(messages, pd.Series):
            texts = cells_at(messages, positions)
        else:
            texts = messages(positions)
        self.problems.extend(
            SubmissionProblem(self.files[f], int(r), self.headers[f].get(column, column), t, severity)
            for f, r, t in zip(self.file_idx[positions], self.row[positions], texts, strict=True)
        )

    def stand_ins(self) -> list[SubmissionProblem]:
        """One problem per file and severity counting the problems that were not kept."""
        return [stand_in(self.files[f], n, severity) for (f, severity), n in sorted(self.more.items())]

    def add_at(self, positions: np.ndarray, column: str, messages: list[str]) -> None:
        """Errors at row positions that may repeat (one per code of a list cell), in the order given."""
        if len(positions) == 0:
            return
        mask = np.zeros(len(self.cells), dtype=bool)
        mask[positions] = True
        self.bad |= mask
        self.failed[column] = self.failed_in(column) | mask
        kept = self._kept(positions, "error")
        self.problems.extend(
            SubmissionProblem(
                self.files[self.file_idx[p]], int(self.row[p]), self.headers[self.file_idx[p]].get(column, column), t
            )
            for p, t in zip(positions[kept], [messages[i] for i in kept], strict=True)
        )
