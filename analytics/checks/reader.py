"""Read one submission file (CSV or XLSX) into a table of text cells with spreadsheet row numbers.

Nothing is interpreted here beyond the file format: the header is matched case-insensitively with spaces trimmed, and
every cell stays text so the validator can quote exactly what it found. CSVs are read by `checks.csv_reader`; a
workbook is first inspected by `checks.xlsx_guard`, whose row limit is the same `file.max_data_rows` (+ the header).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import python_calamine

from analytics.checks.csv_reader import BOM, DEFAULT_MAX_CELL_CHARS, read_csv
from analytics.checks.problems import ERROR, SubmissionProblem
from analytics.checks.raw_table import ARROW_TEXT, RawTable, UnreadableFile, cell_text, from_rows, kept_columns
from analytics.checks.xlsx_guard import Formula, XlsxLimits, XlsxRefused, column_letters, inspect_xlsx
from analytics.sources.files import SubmissionFile

EMPTY = re.compile(rb"\s*+(?:" + re.escape(BOM) + rb")*+\s*+")  # only spaces and BOMs (possessive: no backtracking)
__all__ = ["ARROW_TEXT", "RawTable", "UnreadableFile", "kept_columns", "read_table", "too_large"]


def _size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KiB"


def _check_cell_lengths(table: RawTable, limit: int) -> None:
    """A cell longer than any real one (a pasted document, a hostile file) stops the check at that cell."""
    for key, written in table.headers.items():
        if key not in table.cells.column_names:
            continue
        lengths = pc.utf8_length(table.cells.column(key))
        longest = pc.max(lengths).as_py()
        if longest is not None and longest > limit:
            at = pc.index(pc.greater(lengths, limit), True).as_py()
            row = table.cells.column("row")[at].as_py()
            raise UnreadableFile(f"cell is {longest:,} characters long, over the {limit:,} limit", row, written)


def _formula_problems(file: str, header: list[str], formulas: list[Formula], count: int) -> list[SubmissionProblem]:
    """One error per formula cell (the first ones; the rest counted): the file keeps only the value the formula last
    showed, which may be stale or come from another workbook."""
    problems = []
    for f in formulas:
        name = header[f.column - 1].strip() if f.column <= len(header) and header[f.column - 1].strip() else None
        shown = f"(={f.text})" if f.text else "(a shared formula)"
        problems.append(SubmissionProblem(
            file, f.row, name or column_letters(f.column),
            f"cell {f.ref} holds a formula {shown}; enter the value itself", ERROR))
    if count > len(formulas):
        problems.append(SubmissionProblem(file, None, None, f"{count - len(formulas):,} more cells hold a formula; "
                                          "paste values only (Paste special > Values)", ERROR))
    return problems


def too_large(size: int, limit: int) -> str:
    """The size-limit message (also used before a large file is even read)."""
    return f"file is {_size_text(size)}, over the {_size_text(limit)} limit; split it into several files"


def read_table(submission: SubmissionFile, rules: dict[str, Any]) -> RawTable:
    """Parse `submission` into a RawTable, or raise UnreadableFile with the message the user will see.

    Any failure of a parser becomes an UnreadableFile naming only its kind: a parser's own message may quote the
    file's bytes, and a file's contents are never echoed beyond the cell at fault.
    """
    try:
        return _read_table(submission, rules)
    except (UnreadableFile, MemoryError):  # out of memory is the caller's to report (the page: over its budget)
        raise
    except (csv.Error, pa.ArrowException, ValueError, OverflowError, UnicodeError, LookupError) as exc:
        raise UnreadableFile(f"the file could not be read ({type(exc).__name__})") from None


def _read_table(submission: SubmissionFile, rules: dict[str, Any]) -> RawTable:
    file_rules = rules["file"]
    if submission.extension not in file_rules["extensions"]:
        shown = submission.extension or "(none)"
        raise UnreadableFile(f"unsupported file type '{shown}'; use .csv or .xlsx")
    if len(submission.data) > file_rules["max_bytes"]:
        raise UnreadableFile(too_large(len(submission.data), file_rules["max_bytes"]))
    if EMPTY.fullmatch(submission.data):
        raise UnreadableFile("empty file")
    if submission.extension == ".xlsx":
        header, rows, formulas = _xlsx_rows(submission.data, XlsxLimits.from_rules(rules))
        table = from_rows(submission.name, header, rows, rules, decimal_comma=False)
        table.problems[:0] = _formula_problems(submission.name, header, *formulas)
    else:
        table = read_csv(submission, rules)
    _check_cell_lengths(table, int(file_rules.get("max_cell_chars", DEFAULT_MAX_CELL_CHARS)))
    if table.cells.num_rows == 0:
        raise UnreadableFile("no data rows below the header")
    return table


def _xlsx_rows(data: bytes, limits: XlsxLimits) -> tuple[list[str], Iterator[list[Any]], tuple[list[Formula], int]]:
    """Sheet 1's header and its rows one at a time (not all as Python lists at once), after the guard has refused
    any shape the reader could not hold (it aborts, not raises)."""
    try:
        shape = inspect_xlsx(data, limits)
    except XlsxRefused as exc:
        raise UnreadableFile(str(exc)) from None
    try:
        sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = _padded_rows(sheet)
        header = next(rows, None)
    except (MemoryError, UnreadableFile):
        raise
    except Exception as exc:  # calamine raises its own error types for damaged workbooks
        raise _unreadable_xlsx(exc) from None
    if header is None:
        raise UnreadableFile("empty file")
    return [cell_text(c) for c in header], rows, (shape.formulas, shape.formula_count)


def _padded_rows(sheet: python_calamine.CalamineSheet) -> Iterator[list[Any]]:
    """Rows from A1, as `to_python(skip_empty_area=False)` gives them: `iter_rows` starts at the first used column."""
    pad = [""] * (sheet.start[1] if sheet.start else 0)
    try:
        for row in sheet.iter_rows():
            yield pad + row if pad else row
    except MemoryError:
        raise
    except Exception as exc:  # a cell calamine cannot convert
        raise _unreadable_xlsx(exc) from None


def _unreadable_xlsx(exc: Exception) -> UnreadableFile:
    return UnreadableFile(f"not a readable XLSX workbook ({type(exc).__name__}: {str(exc)[:80]})")
