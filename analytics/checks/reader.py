"""Read one submission file (CSV or XLSX) into a table of text cells with spreadsheet row numbers.

Nothing is interpreted here beyond the file format: the header is matched case-insensitively with spaces trimmed, a
UTF-8 BOM is dropped, the delimiter (comma or semicolon) is taken from the header line, and every cell stays text so
the validator can quote exactly what it found. Large clean CSVs take a pyarrow fast path; anything irregular (blank
lines, ragged rows, multi-line cells) falls back to Python's csv module so row numbers stay exact.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import python_calamine

from analytics.checks.problems import ERROR, KEEP_DEFAULT, WARNING, SubmissionProblem, stand_in
from analytics.checks.xlsx_guard import Formula, XlsxLimits, XlsxRefused, column_letters, inspect_xlsx
from analytics.sources.files import SubmissionFile

BOM = b"\xef\xbb\xbf"
# pandas' default text dtype, kept in Arrow memory (no Python str objects per cell).
DEFAULT_MAX_CELL_CHARS = 2000  # file.max_cell_chars in the rules
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
    if not submission.data.strip().replace(BOM, b""):
        raise UnreadableFile("empty file")
    if submission.extension == ".xlsx":
        header, rows, formulas = _xlsx_rows(submission.data, XlsxLimits.from_rules(rules))
        table = _from_rows(submission.name, header, rows, rules, decimal_comma=False)
        table.problems[:0] = _formula_problems(submission.name, header, *formulas)
    else:
        table = _read_csv(submission, rules)
    _check_cell_lengths(table, int(file_rules.get("max_cell_chars", DEFAULT_MAX_CELL_CHARS)))
    if table.cells.num_rows == 0:
        raise UnreadableFile("no data rows below the header")
    return table


def kept_columns(rules: dict[str, Any]) -> list[str]:
    """The columns a table keeps: the required ones and the optional ones a field rule reads (a practice's
    `title_de`); an optional column the rules do not read (a KPI file's `comment`) is recognised and dropped."""
    fields = rules.get("fields", {})
    return list(rules["columns"]["required"]) + [c for c in rules["columns"]["optional"] if c in fields]


def _canonical_headers(
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


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary content, not a CSV text file; save the sheet as CSV UTF-8 or .xlsx")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start}); save the file as CSV UTF-8"
        ) from None


def _read_csv(submission: SubmissionFile, rules: dict[str, Any]) -> RawTable:
    data = submission.data
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary content, not a CSV text file; save the sheet as CSV UTF-8 or .xlsx")
    first_line = _decode(data[: data.find(b"\n") if b"\n" in data else len(data)]).rstrip("\r")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    fast = _arrow_csv(submission, header, delimiter, rules)  # pyarrow checks UTF-8 itself, no decoded copy
    if fast is not None:
        return fast
    text = _decode(data)
    records = _csv_records(text, delimiter, rules)
    return _from_rows(submission.name, header, records[1:], rules, decimal_comma=delimiter == ";")


def _csv_records(text: str, delimiter: str, rules: dict[str, Any]) -> list[list[str]]:
    """Every record; a cell over the csv module's field limit stops at its row with a message, not a traceback."""
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records.extend(reader)
    except csv.Error as exc:
        limit = int(rules["file"].get("max_cell_chars", DEFAULT_MAX_CELL_CHARS))
        if "field larger than field limit" in str(exc):
            raise UnreadableFile(f"a cell is over {csv.field_size_limit():,} characters long (the limit is "
                                 f"{limit:,})", len(records) + 1) from None
        raise UnreadableFile(f"not a readable CSV file ({str(exc)[:80]})", len(records) + 1) from None
    return records


def _arrow_csv(submission: SubmissionFile, header: list[str], delimiter: str, rules: dict[str, Any]) -> RawTable | None:
    """Vectorised read for regular files; None when row numbers could not be trusted (then the slow path runs)."""
    positions, written, problems = _canonical_headers(submission.name, header, rules)
    data = submission.data
    body = data[len(BOM) :] if data.startswith(BOM) else data
    lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if table.num_rows != lines - 1:
        return None  # blank lines were skipped, or a record spans lines: numbers would drift
    required = list(rules["columns"]["required"])
    absent = pa.array([""] * table.num_rows, pa.string())  # an optional column the file leaves out reads as empty
    cells = pa.table(
        {
            "row": pa.array(range(2, table.num_rows + 2), pa.int64()),
            **{key: table.column(positions[key]) if key in positions else absent for key in kept_columns(rules)},
        }
    )
    return RawTable(_drop_blank_rows(cells, required), written, decimal_comma=delimiter == ";", problems=problems)


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else str(value)


def _xlsx_rows(data: bytes, limits: XlsxLimits) -> tuple[list[str], list[list[Any]], tuple[list[Formula], int]]:
    """Sheet 1's rows, after the guard has refused any shape the reader could not hold (it aborts, not raises)."""
    try:
        shape = inspect_xlsx(data, limits)
    except XlsxRefused as exc:
        raise UnreadableFile(str(exc)) from None
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for damaged workbooks
        raise UnreadableFile(f"not a readable XLSX workbook ({type(exc).__name__}: {str(exc)[:80]})") from None
    if not rows:
        raise UnreadableFile("empty file")
    return [_cell_text(c) for c in rows[0]], rows[1:], (shape.formulas, shape.formula_count)


def _from_rows(
    file: str, header: list[str], rows: list[list[Any]], rules: dict[str, Any], decimal_comma: bool
) -> RawTable:
    positions, written, problems = _canonical_headers(file, header, rules)
    width = len(header)
    required = list(rules["columns"]["required"])
    columns: dict[str, list[str]] = {key: [] for key in kept_columns(rules)}
    numbers: list[int] = []
    keep, ragged = int(rules["file"].get("max_problems_listed", KEEP_DEFAULT)), 0
    for index, record in enumerate(rows):
        row_number = index + 2
        if len(record) > width and any(_cell_text(c).strip() for c in record[width:]):
            ragged += 1
            if ragged <= keep:  # counted, only the first kept (a file of ragged rows is not a million objects)
                problems.append(
                    SubmissionProblem(file, row_number, None, f"row has {len(record)} cells, the header has {width}")
                )
        numbers.append(row_number)
        for key in columns:
            pos = positions.get(key, width)  # an absent optional column reads as empty
            columns[key].append(_cell_text(record[pos]) if pos < len(record) else "")
    if ragged > keep:
        problems.append(stand_in(file, ragged - keep, ERROR))
    cells = pa.table(
        {"row": pa.array(numbers, pa.int64()), **{k: pa.array(v, pa.string()) for k, v in columns.items()}}
    )
    return RawTable(_drop_blank_rows(cells, required), written, decimal_comma=decimal_comma, problems=problems)


def _drop_blank_rows(cells: pa.Table, required: list[str]) -> pa.Table:
    """Rows whose required cells are all blank are empty spreadsheet rows, not data."""
    blank = None
    for key in required:
        empty = pc.equal(pc.utf8_trim_whitespace(cells.column(key)), "")
        blank = empty if blank is None else pc.and_(blank, empty)
    return cells.filter(pc.invert(blank)) if blank is not None and pc.any(blank).as_py() else cells
