"""The one formula-injection escaper, used by every CSV and XLSX writer (exports, the map's table download).

A text cell that Excel, LibreOffice or Google Sheets would run as a formula (leading `=`, `+`, `-`, `@`, tab or
carriage return; OWASP "CSV injection") gets a leading apostrophe and is shown as text. In CSV, a cell holding a
line break (CR or LF) is always quoted, so a stray CR cannot split a record in a reader that takes CR as a line end.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> object:
    """`=1+1` becomes `'=1+1`: shown as text by every spreadsheet instead of being evaluated; non-text is untouched."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Escape every text cell (object/string columns and column names); numeric columns cannot carry a formula."""
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_datetime64_any_dtype(out[column])):
            out[column] = out[column].map(escape_cell).astype(object)
    out.columns = [escape_cell(str(c)) for c in out.columns]
    return out


def _outside_quotes(text: str, old: str, new: str) -> str:
    # Quote characters only open and close quoted cells (a doubled "" inside one toggles twice), so the parts at even
    # positions of a split on '"' are outside every cell.
    parts = text.split('"')
    parts[::2] = [p.replace(old, new) for p in parts[::2]]
    return '"'.join(parts)


def escaped_csv(frame: pd.DataFrame) -> str:
    """CSV text of `frame` with formulas escaped, `\\n` between records, and every cell holding CR or LF quoted.

    Python's csv module quotes only cells holding a character of its line terminator; writing with `\\r\\n` makes it
    quote both, and the record ends are then turned back into `\\n` outside quoted cells.
    """
    buffer = io.StringIO()
    escape_formulas(frame).to_csv(buffer, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return _outside_quotes(buffer.getvalue(), "\r\n", "\n")
