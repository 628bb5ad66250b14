"""Read a CSV submission into a RawTable without ever holding a second copy of the file.

The delimiter (comma or semicolon) is taken from the header line and a UTF-8 BOM is dropped. Regular files take a
pyarrow fast path, a block of `BLOCK` bytes at a time; anything irregular (blank lines, ragged rows, multi-line cells)
falls back to Python's csv module so row numbers stay exact. That slow path checks UTF-8 a slice at a time and reads
records through a text wrapper over the file's own buffer (a decoded copy in a StringIO costs 4 bytes a character).
Both stop at the row cap (`file.max_data_rows`).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from analytics.checks.raw_table import (
    RawTable,
    UnreadableFile,
    canonical_headers,
    drop_blank_rows,
    from_rows,
    kept_columns,
    max_data_rows,
)
from analytics.sources.files import SubmissionFile

BOM = b"\xef\xbb\xbf"
BLOCK = 1 << 20  # bytes read at a time: an Arrow block of the fast path, a slice of the UTF-8 check
DEFAULT_MAX_CELL_CHARS = 2000  # file.max_cell_chars in the rules


def read_csv(submission: SubmissionFile, rules: dict[str, Any]) -> RawTable:
    data = submission.data
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary content, not a CSV text file; save the sheet as CSV UTF-8 or .xlsx")
    first_line = _decode(data[: data.find(b"\n") if b"\n" in data else len(data)]).rstrip("\r")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    fast = _arrow_csv(submission, header, delimiter, rules)  # pyarrow checks UTF-8 itself, no decoded copy
    if fast is not None:
        return fast
    _check_utf8(data)
    records = _csv_records(data, delimiter, rules)
    next(records, None)  # the header, already read
    return from_rows(submission.name, header, records, rules, decimal_comma=delimiter == ";")


def _not_utf8(data: bytes, offset: int) -> UnreadableFile:
    return UnreadableFile(f"not UTF-8 text (byte 0x{data[offset]:02X} at offset {offset}); save the file as CSV UTF-8")


def _decode(data: bytes) -> str:
    """The text of a short piece of a file (its header line)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start + (len(BOM) if data.startswith(BOM) else 0)) from None


def _check_utf8(data: bytes) -> None:
    """UTF-8 checked a slice at a time, so no decoded copy of the whole file is ever held; names the first bad byte
    by its offset in the file."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), BLOCK):
        pending = len(decoder.getstate()[0])  # the start of a character cut by the previous slice
        try:
            decoder.decode(data[start : start + BLOCK], final=start + BLOCK >= len(data))
        except UnicodeDecodeError as exc:
            raise _not_utf8(data, start - pending + exc.start) from None


def _csv_records(data: bytes, delimiter: str, rules: dict[str, Any]) -> Iterator[list[str]]:
    """Every record, read through a text wrapper over the file's own buffer (`BytesIO` shares it); a cell over the
    csv module's field limit stops at its row with a message, not a traceback."""
    count = 0
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""), delimiter=delimiter)
    try:
        for record in reader:
            count += 1
            yield record
    except csv.Error as exc:
        limit = int(rules["file"].get("max_cell_chars", DEFAULT_MAX_CELL_CHARS))
        if "field larger than field limit" in str(exc):
            raise UnreadableFile(f"a cell is over {csv.field_size_limit():,} characters long (the limit is "
                                 f"{limit:,})", count + 1) from None
        raise UnreadableFile(f"not a readable CSV file ({str(exc)[:80]})", count + 1) from None


def _arrow_csv(submission: SubmissionFile, header: list[str], delimiter: str, rules: dict[str, Any]) -> RawTable | None:
    """Vectorised read for regular files, a block at a time; None when row numbers could not be trusted or the file
    runs past the row cap (then the slow path runs, and says at which row)."""
    positions, written, problems = canonical_headers(submission.name, header, rules)
    data = submission.data
    skip = len(BOM) if data.startswith(BOM) else 0
    names = [f"c{i}" for i in range(len(header))]
    cap, rows, batches = max_data_rows(rules), 0, []
    try:
        reader = pacsv.open_csv(
            pa.BufferReader(pa.py_buffer(memoryview(data)[skip:])),  # the file's own bytes, not a copy
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=BLOCK, use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        for batch in reader:
            rows += batch.num_rows
            if rows > cap:
                return None
            batches.append(batch)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if rows != lines - 1:
        return None  # blank lines were skipped, or a record spans lines: numbers would drift
    table = pa.Table.from_batches(batches, reader.schema)
    required = list(rules["columns"]["required"])
    absent = pa.array([""] * rows, pa.string())  # an optional column the file leaves out reads as empty
    cells = pa.table(
        {
            "row": pa.array(range(2, rows + 2), pa.int64()),
            **{key: table.column(positions[key]) if key in positions else absent for key in kept_columns(rules)},
        }
    )
    return RawTable(drop_blank_rows(cells, required), written, decimal_comma=delimiter == ";", problems=problems)
