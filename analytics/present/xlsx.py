"""Spreadsheets a person can use at once: bold frozen header with filters, readable column widths, codes as text.

`workbook_bytes(sheets)` writes each frame on its own sheet (first sheet first: tools that read one sheet read it).
LAU2 codes are text cells (`@` format), so Excel keeps `0304` instead of showing 304; widths follow the longest
header or cell (capped at 60 characters), so nothing needs resizing before reading.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

TEXT_COLUMNS = ("lau2", "GeoCode")  # codes with leading zeros
MAX_WIDTH = 60
SAMPLE_ROWS = 500  # widths from the first rows: enough to see the longest values without reading every cell


def column_width(frame: pd.DataFrame, column: str) -> float:
    """Characters of the longest of the header and the first cells, plus a margin, at most MAX_WIDTH."""
    cells = frame[column].head(SAMPLE_ROWS).map(lambda v: "" if pd.isna(v) else str(v))
    longest = max([len(str(column)), *cells.str.len().tolist()])
    return float(min(MAX_WIDTH, longest + 2))


def style_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """Bold header, frozen below it, a filter over the whole table, widths, and code columns as text."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(len(frame) + 1, 2)}"
    for index, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column_width(frame, column)
        if str(column) in TEXT_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "@"


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One styled sheet per frame (names cut to Excel's 31 characters); frames are written as given."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            style_sheet(writer.sheets[name[:31]], frame)
    return buffer.getvalue()
