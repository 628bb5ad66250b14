"""Refuse a hostile XLSX workbook before any reader allocates for it, and find its formula cells.

Why: the XLSX reader (calamine) sizes a dense grid from the cell positions it meets, so one cell at XFD1048576 in a
1.6 KB file asks for 512 GiB and aborts the whole process (no exception to catch), and 13 M tiny rows in 9 MB take
gigabytes. `inspect_xlsx` streams sheet 1's XML with expat (no tree, nothing extracted) and checks, in this order:

- the zip package: number of parts, every part's declared uncompressed size and their sum (zip bombs); Python's
  `ZipExtFile` never yields more than the declared size, and the bytes fed are counted against the same cap;
- `<dimension ref>`: a cheap early refusal (it may lie or be missing, so it is not trusted to pass a file);
- every `<row r>` and `<c r>`: the highest row and column actually used (what the reader sizes its grid by), rows
  without `r` continuing from the previous one; it stops at the first cell past a limit, so the cost of a refusal is
  bounded by the limits, not by the file;
- `<f>` elements: formula cells, with their reference and formula text (the reader only returns cached values);
- DOCTYPE and entity declarations: refused (no workbook needs them).

Memory is constant (one 64 KiB chunk and the first formulas). `XlsxRefused(message)` carries the user's message.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

CHUNK = 64 * 1024
SMALL_PART_BYTES = 8 * 1024 * 1024  # workbook.xml and its relationships
CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


# Rows and cells are not among them, they follow from the rule set (`XlsxLimits.from_rules`): `file.max_data_rows`
# (+ the header) is the one row limit, CSV and XLSX alike, and the grid may hold that many rows of the columns the
# rule set knows. The reader needs about 90 bytes per cell of its grid at its peak (rows x columns), so a KPI file's
# 50,001 x 5 cells cost ~22 MiB however well the workbook compresses.
DEFAULT_LIMITS = {
    "max_columns": 16,
    "max_part_bytes": 128 * 2**20,
    "max_total_bytes": 160 * 2**20,
}


class XlsxRefused(Exception):
    """The workbook is refused before reading; str(exc) is the message the user sees."""


@dataclass(frozen=True)
class XlsxLimits:
    """Limits of sheet 1 (rows include the header); from `file.xlsx` in rules.yaml."""

    max_rows: int
    max_columns: int
    max_cells: int  # rows x columns of the grid the reader will allocate
    max_part_bytes: int  # uncompressed, any one part of the package
    max_total_bytes: int  # uncompressed, all parts
    max_parts: int = 500
    formulas_kept: int = 100

    @classmethod
    def from_rules(cls, rules: dict[str, Any]) -> XlsxLimits:
        """`file.xlsx` of a rule set (KPI values, practices), the defaults where it says nothing. Rows from
        `file.max_data_rows`, the limit a CSV of the same kind has, so the two cannot drift apart; cells: those rows
        in every column the rule set knows (a file may carry other columns, on fewer rows)."""
        x = {**DEFAULT_LIMITS, **rules["file"].get("xlsx", {})}
        rows = int(rules["file"]["max_data_rows"]) + 1  # the header row
        columns = len(rules["columns"]["required"]) + len(rules["columns"]["optional"])
        return cls(rows, int(x["max_columns"]), rows * columns, int(x["max_part_bytes"]),
                   int(x["max_total_bytes"]), formulas_kept=int(rules["file"]["max_problems_listed"]))


@dataclass(frozen=True)
class Formula:
    """One formula cell of sheet 1: 1-based row and column, and its text (shortened, without the '=')."""

    row: int
    column: int
    text: str

    @property
    def ref(self) -> str:
        return f"{column_letters(self.column)}{self.row}"


@dataclass
class XlsxShape:
    """What sheet 1 holds, as far as the limits are concerned."""

    sheet_part: str
    rows: int = 0
    cells: int = 0
    max_row: int = 0
    max_column: int = 0
    formulas: list[Formula] = field(default_factory=list)  # the first `formulas_kept`
    formula_count: int = 0


def column_index(letters: str) -> int:
    """`A` -> 1, `XFD` -> 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(n: int) -> str:
    """16384 -> `XFD`."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _parse_ref(ref: str) -> tuple[int, int] | None:
    m = CELL_REF.match(ref.strip())
    return (int(m.group(2)), column_index(m.group(1))) if m else None


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]  # expat with namespace_separator=" " names elements "uri local"


def _parser() -> expat.XMLParserType:
    p = expat.ParserCreate(namespace_separator=" ")

    def no_dtd(*_: object) -> None:
        raise XlsxRefused("not a readable XLSX workbook (XML with a DOCTYPE or entity declarations)")

    p.StartDoctypeDeclHandler = no_dtd
    p.EntityDeclHandler = no_dtd
    p.buffer_text = True
    return p


def _feed(zf: zipfile.ZipFile, info: zipfile.ZipInfo, parser: expat.XMLParserType, cap: int) -> None:
    """Stream one part into `parser`, never more than `cap` bytes."""
    fed = 0
    try:
        with zf.open(info) as handle:
            while chunk := handle.read(CHUNK):
                fed += len(chunk)
                if fed > cap:
                    raise XlsxRefused(f"workbook part {info.filename[:60]} is larger than allowed")
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise XlsxRefused(f"not a readable XLSX workbook ({info.filename[:60]}: {exc})") from None
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, OSError, ValueError) as exc:
        raise XlsxRefused(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None


def _small_part(zf: zipfile.ZipFile, name: str, on_start: Callable[[str, dict[str, str]], None]) -> None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise XlsxRefused(f"not a readable XLSX workbook ({name} is missing)") from None
    p = _parser()
    p.StartElementHandler = on_start
    _feed(zf, info, p, SMALL_PART_BYTES)


def first_sheet_part(zf: zipfile.ZipFile) -> str:
    """The part of the first sheet in workbook order: the one the reader takes (`get_sheet_by_index(0)`)."""
    sheets: list[str] = []
    targets: dict[str, str] = {}

    def workbook(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "sheet":
            rid = next((v for k, v in attrs.items() if " " in k and _local(k) == "id"), None)
            if rid:
                sheets.append(rid)

    def relationships(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship" and "Id" in attrs and "Target" in attrs:
            targets[attrs["Id"]] = attrs["Target"]

    _small_part(zf, "xl/workbook.xml", workbook)
    _small_part(zf, "xl/_rels/workbook.xml.rels", relationships)
    if not sheets or sheets[0] not in targets:
        raise XlsxRefused("not a readable XLSX workbook (no worksheet found)")
    target = targets[sheets[0]]
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _check_package(zf: zipfile.ZipFile, limits: XlsxLimits) -> None:
    infos = zf.infolist()
    if len(infos) > limits.max_parts:
        raise XlsxRefused(f"not a readable XLSX workbook ({len(infos)} parts, over {limits.max_parts})")
    total = 0
    for info in infos:
        if info.file_size > limits.max_part_bytes:
            raise XlsxRefused(
                f"workbook part {info.filename[:60]} unpacks to {info.file_size / 2**20:.0f} MiB, over the "
                f"{limits.max_part_bytes / 2**20:.0f} MiB limit; split the data into several files"
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise XlsxRefused(f"workbook unpacks to {total / 2**20:.0f} MiB, over the "
                          f"{limits.max_total_bytes / 2**20:.0f} MiB limit; split the data into several files")


class _SheetScan:
    """expat handlers for sheet 1: positions, counts and formulas, refusing at the first breach of a limit."""

    def __init__(self, shape: XlsxShape, limits: XlsxLimits, parser: expat.XMLParserType) -> None:
        self.shape, self.limits, self.parser = shape, limits, parser
        self.row = 0
        self.column = 0
        self.formula: list[str] | None = None  # text pieces of the <f> being read
        self.names: dict[str, str] = {}

    def too_big(self, what: str) -> XlsxRefused:
        lim = self.limits
        return XlsxRefused(f"sheet 1 {what}; the limits are {lim.max_rows - 1:,} data rows, {lim.max_columns} columns "
                           f"and {lim.max_cells:,} cells; split the data into several files")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.names.get(name) or self.names.setdefault(name, _local(name))
        shape, limits = self.shape, self.limits
        if tag == "c":
            shape.cells += 1
            ref = attrs.get("r")
            if ref is None:
                self.column += 1
            else:
                pos = _parse_ref(ref)
                if pos is None:
                    raise XlsxRefused("not a readable XLSX workbook (a cell reference that is not like B2)")
                self.row = max(self.row, pos[0])
                self.column = pos[1]
            if self.column > shape.max_column:
                shape.max_column = self.column
                if self.column > limits.max_columns:
                    raise self.too_big(f"has a cell at {column_letters(self.column)}{self.row}")
            self._grow_rows(self.row)
            if shape.cells > limits.max_cells or shape.max_row * shape.max_column > limits.max_cells:
                raise self.too_big(f"spans {shape.max_row:,} rows by {shape.max_column} columns")
        elif tag == "row":
            shape.rows += 1
            r = attrs.get("r")
            self.row = int(r) if r and r.isdigit() and len(r) < 9 else self.row + 1
            self.column = 0
            self._grow_rows(max(self.row, shape.rows))
        elif tag == "f":
            shape.formula_count += 1
            if len(shape.formulas) < limits.formulas_kept:
                self.formula = []  # text and end handlers only while inside <f>: they would slow every cell
                self.parser.CharacterDataHandler = self.text
                self.parser.EndElementHandler = self.end
        elif tag == "dimension":
            last = _parse_ref(attrs.get("ref", "").split(":")[-1])
            if last and (last[0] > limits.max_rows or last[1] > limits.max_columns):
                raise self.too_big(f"spans {attrs['ref'][:30]}")

    def _grow_rows(self, row: int) -> None:
        if row > self.shape.max_row:
            self.shape.max_row = row
            if row > self.limits.max_rows:
                raise self.too_big(f"has a row {row:,}")

    def text(self, data: str) -> None:
        if self.formula is not None and sum(map(len, self.formula)) < 200:
            self.formula.append(data)

    def end(self, name: str) -> None:
        if self.formula is not None and (self.names.get(name) or _local(name)) == "f":
            text = "".join(self.formula)
            self.shape.formulas.append(Formula(self.row, self.column, text[:40] + ("…" if len(text) > 40 else "")))
            self.formula = None
            self.parser.CharacterDataHandler = None
            self.parser.EndElementHandler = None


def inspect_xlsx(data: bytes, limits: XlsxLimits) -> XlsxShape:
    """Check the package and sheet 1 of an XLSX file against `limits`; raise XlsxRefused, or return its shape."""
    if not data.startswith(b"PK"):
        raise XlsxRefused("not a readable XLSX workbook (the file is not a zip package)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise XlsxRefused(f"not a readable XLSX workbook ({exc})") from None
    with zf:
        _check_package(zf, limits)
        part = first_sheet_part(zf)
        try:
            info = zf.getinfo(part)
        except KeyError:
            raise XlsxRefused("not a readable XLSX workbook (its first worksheet is missing)") from None
        shape = XlsxShape(sheet_part=part)
        p = _parser()
        scan = _SheetScan(shape, limits, p)
        p.StartElementHandler = scan.start
        _feed(zf, info, p, limits.max_part_bytes)
    return shape
