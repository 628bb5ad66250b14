"""KPI-value files through the one validator (`checks.rules` with rules.yaml and kpis.yaml), vectorised over a batch.

`validate(file, table, context)` never raises for bad content and never touches the warehouse; it returns the clean
rows (lau2, kpi, year, value, source_row) and every problem, each with the exact message the user sees.
`validate_batch` does the same for many files in one pass.

Why not pandera: the rules depend on another column of the same row (a value's range comes from its KPI's type), the
messages must say what was expected and found in the user's own notation (`found 112,5`, `did you mean …?`, the
successor of a merged commune), and one vectorised pass over 1 M rows must stay near a second. Pandera's lazy
validation would give failure cases to translate back into these messages row by row, for no rule it would own; the
rules stay data (rules.yaml, kpis.yaml) applied in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.checks.collector import ValidationContext
from analytics.checks.problems import SortsProblems, SubmissionProblem, keep_first
from analytics.checks.reader import RawTable
from analytics.checks.reference import ReferenceCodes
from analytics.checks.rules import apply_rules, collector_for
from analytics.checks.value_rule import cross_warnings, expected_text

__all__ = ["ReferenceCodes", "Validated", "ValidationContext", "expected_text", "validate", "validate_batch"]


@dataclass
class Validated(SortsProblems):
    """Clean rows (only meaningful when there is no error) and every problem, errors and warnings."""

    rows: pd.DataFrame  # lau2, kpi, year (int), value (float), source_row (int)
    problems: list[SubmissionProblem]


def validate_batch(items: list[tuple[str, RawTable]], context: ValidationContext) -> list[Validated]:
    """Validate many files in one vectorised pass (a first start ingests 700 small demo files); results per file."""
    files = [name for name, _ in items]
    if len(set(files)) < len(files):  # problems are told apart by file name
        return [validate_batch([item], context)[0] for item in items]
    tables = [table for _, table in items]
    col = collector_for(files, tables, context)
    for table in tables:
        col.problems.extend(table.problems)
    parsed = apply_rules(col, context)
    rows = pd.DataFrame(
        {
            "file_idx": col.cells["file_idx"],
            "lau2": parsed["lau2"],
            "kpi": parsed["kpi"],
            "year": parsed["year"],
            "value": parsed["value"],
            "source_row": col.cells["row"],
        }
    )
    failed = {files.index(p.file) for p in col.problems if p.is_error} if col.problems else set()
    if len(failed) < len(files):
        cross_warnings(col, rows[~rows["file_idx"].isin(list(failed))], context)
    return _split(files, tables, rows, [*col.problems, *col.stand_ins()], col.keep)


def _split(
    files: list[str], tables: list[RawTable], rows: pd.DataFrame, problems: list[SubmissionProblem], keep: int
) -> list[Validated]:
    by_file: dict[str, list[SubmissionProblem]] = {name: [] for name in files}
    for p in problems:
        by_file[p.file].append(p)
    columns = rows[["lau2", "kpi", "year", "value", "source_row"]]
    # rows are in file order (the batch was concatenated that way), so each file is one contiguous slice
    bounds = np.searchsorted(rows["file_idx"].to_numpy(), np.arange(len(files) + 1))
    results = []
    for i, (name, table) in enumerate(zip(files, tables, strict=True)):
        order = list(table.headers.values())
        found = sorted(by_file[name], key=lambda p: (p.row or 0, order.index(p.column) if p.column in order else 99))
        results.append(Validated(rows=columns.iloc[bounds[i] : bounds[i + 1]], problems=keep_first(found, keep)))
    return results


def validate(file: str, table: RawTable, context: ValidationContext) -> Validated:
    """Check every row of `table` against the catalogue and rules; all problems are collected, none raised."""
    return validate_batch([(file, table)], context)[0]
