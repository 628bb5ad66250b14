"""The table a reader makes of one file, the file-level error it raises, and records turned into that table.

Shared by the CSV reader (`checks.csv_reader`) and the XLSX path of `checks.reader`: the header matched to canonical
column names, the row cap (`file.max_data_rows`, the same for every format), and records made into Arrow columns
`CHUNK_ROWS` at a time, so Python objects exist for at most that many rows however long the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.checks.problems import ERROR, KEEP_DEFAULT, WARNING, SubmissionProblem, stand_in

CHUNK_ROWS = 10_000  # records turned into Arrow columns at a time
# pandas' default text dtype, kept in Arrow memory (no Python str objects per cell).
ARROW_TEXT = {pa.string(): pd.StringDtype("pyarrow", na_value=float("nan"))}


@dataclass
class RawTable:
    """Text cells keyed by canonical column name, the header as written, and each row's spreadsheet number."""

    cells: pa.Table  # columns: row (int64) + lau2, kpi, year, value (text)
    headers: dict[str, str]  # canonical name -> header as written in the file
    decimal_comma: bool = False
    problems: list[SubmissionProblem] = field(default_factory=list)


class UnreadableFile(Exception):
    """A file-level problem: nothing in the file can be checked row by row (`row`/`column` say where it stopped)."""

    def __init__(self, message: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.row, self.column = row, column

    def problem(self, file: str) -> SubmissionProblem:
        return SubmissionProblem(file, self.row, self.column if self.row is not None else None, str(self))


def max_data_rows(rules: dict[str, Any]) -> int:
    """The most rows below the header a file of this kind may have (`file.max_data_rows`; the XLSX guard's too)."""
    return int(rules["file"]["max_data_rows"])


def too_many_rows(rules: dict[str, Any], row: int) -> UnreadableFile:
    """Reading stops at the first row past the cap: beyond it, a file costs memory and no valid file gets there."""
    return UnreadableFile(f"more than {max_data_rows(rules):,} data rows, reading stopped here; "
                          f"{rules['file']['max_data_rows_why']}", row)


def kept_columns(rules: dict[str, Any]) -> list[str]:
    """The columns a table keeps: the required ones and the optional ones a field rule reads (a practice's
    `title_de`); an optional column the rules do not read (a KPI file's `comment`) is recognised and dropped."""
    fields = rules.get("fields", {})
    return list(rules["columns"]["required"]) + [c for c in rules["columns"]["optional"] if c in fields]


def canonical_headers(
    file: str, header: list[str], rules: dict[str, Any]
) -> tuple[dict[str, int], dict[str, str], list[SubmissionProblem]]:
    required = list(rules["columns"]["required"])
    known = required + list(rules["columns"]["optional"])
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    problems: list[SubmissionProblem] = []
    for i, raw in enumerate(header):
        name = str(raw).strip()
        key = name.lower()
        if key in positions:
            raise UnreadableFile(f"column '{name}' appears twice in the header")
        if key in known:
            positions[key] = i
            written[key] = name
        elif name:
            problems.append(SubmissionProblem(file, 1, name, f"unknown column '{name}' ignored", WARNING))
    missing = [c for c in required if c not in positions]
    if missing:
        found = _header_text(header)
        plural = "s" if len(missing) > 1 else ""
        raise UnreadableFile(
            f"missing required column{plural} {', '.join(repr(m) for m in missing)} "
            f"(found: {found}); the header must be lau2, kpi, year, value[, comment]"
        )
    return positions, written, problems


def _header_text(header: list[str]) -> str:
    """The header as found, shortened: it is quoted back so a person can compare, never a whole line of a file."""
    cells = [str(h).strip() for h in header if str(h).strip()][:8]
    shown = ", ".join(c if len(c) <= 24 else c[:24] + "…" for c in cells)
    return (shown[:120] + "…" if len(shown) > 120 else shown) or "none"


def cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else str(value)


def from_rows(
    file: str, header: list[str], rows: Iterable[list[Any]], rules: dict[str, Any], decimal_comma: bool
) -> RawTable:
    """Records to a RawTable, `CHUNK_ROWS` at a time, stopping at the row cap (a workbook never gets there: its
    guard refuses more rows first)."""
    positions, written, problems = canonical_headers(file, header, rules)
    width = len(header)
    required = list(rules["columns"]["required"])
    keys = kept_columns(rules)
    cap = max_data_rows(rules)
    keep, ragged = int(rules["file"].get("max_problems_listed", KEEP_DEFAULT)), 0
    chunks: list[pa.Table] = []
    numbers: list[int] = []
    columns: dict[str, list[str]] = {key: [] for key in keys}
    for index, record in enumerate(rows):
        row_number = index + 2
        if index >= cap:
            raise too_many_rows(rules, row_number)
        if len(record) > width and any(cell_text(c).strip() for c in record[width:]):
            ragged += 1
            if ragged <= keep:  # counted, only the first kept (a file of ragged rows is not a million objects)
                problems.append(
                    SubmissionProblem(file, row_number, None, f"row has {len(record)} cells, the header has {width}")
                )
        numbers.append(row_number)
        for key in keys:
            pos = positions.get(key, width)  # an absent optional column reads as empty
            columns[key].append(cell_text(record[pos]) if pos < len(record) else "")
        if len(numbers) == CHUNK_ROWS:
            chunks.append(_chunk(numbers, columns))
            numbers, columns = [], {key: [] for key in keys}
    chunks.append(_chunk(numbers, columns))
    if ragged > keep:
        problems.append(stand_in(file, ragged - keep, ERROR))
    cells = pa.concat_tables(chunks)
    return RawTable(drop_blank_rows(cells, required), written, decimal_comma=decimal_comma, problems=problems)


def _chunk(numbers: list[int], columns: dict[str, list[str]]) -> pa.Table:
    return pa.table({"row": pa.array(numbers, pa.int64()), **{k: pa.array(v, pa.string()) for k, v in columns.items()}})


def drop_blank_rows(cells: pa.Table, required: list[str]) -> pa.Table:
    """Rows whose required cells are all blank are empty spreadsheet rows, not data (tested in place: a trimmed copy
    of a column of long cells would double it)."""
    blank = None
    for key in required:
        column = cells.column(key)
        empty = pc.or_(pc.equal(column, ""), pc.utf8_is_space(column))
        blank = empty if blank is None else pc.and_(blank, empty)
    return cells.filter(pc.invert(blank)) if blank is not None and pc.any(blank).as_py() else cells
