"""Hostile submission files made in code: hand-written OOXML streamed into a zip (cells where openpyxl would not put
them, a lying or missing <dimension>, millions of rows, formulas), and CSVs with oversized cells."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import openpyxl

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId7"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>lau2</t></is></c><c r="B1" t="inlineStr"><is><t>kpi</t></is>'
              '</c><c r="C1" t="inlineStr"><is><t>year</t></is></c><c r="D1" t="inlineStr"><is><t>value</t></is></c>'
              '</row>')
ROW = (b'<row><c t="inlineStr"><is><t>0304</t></is></c><c t="inlineStr"><is><t>women_councillors_share</t></is></c>'
       b'<c><v>2025</v></c><c><v>45.6</v></c></row>')
FAR_CELL = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def xlsx(rows: Iterable[str | bytes], dimension: str | None = "A1:D2", level: int = 6) -> bytes:
    """A workbook whose sheet 1 holds `rows` (XML <row> elements, streamed so millions fit in little memory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(SHEET_HEAD.encode())
            if dimension:
                fh.write(f'<dimension ref="{dimension}"/>'.encode())
            fh.write(b"<sheetData>")
            for chunk in rows:
                fh.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            fh.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def far_cell_openpyxl() -> bytes:
    """The header and one cell at XFD1048576, as openpyxl writes it (dimension A1:XFD1048576)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["lau2", "kpi", "year", "value"])
    ws["XFD1048576"] = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def far_cell(dimension: str | None = "A1:D1") -> bytes:
    """1.6 KB: the header and one cell at XFD1048576, the <dimension> lying (A1:D1) or missing (None)."""
    return xlsx([HEADER_ROW, FAR_CELL], dimension=dimension)


def many_rows(n: int, dimension: str | None = None) -> bytes:
    """`n` identical data rows without `r` attributes (what compresses best: 13 M rows fit in under 10 MB)."""
    def rows() -> Iterable[bytes | str]:
        yield HEADER_ROW
        block = ROW * 1000
        for _ in range(n // 1000):
            yield block
        yield ROW * (n % 1000)
    return xlsx(rows(), dimension=dimension, level=1)


def with_formulas() -> bytes:
    """=1+1 (cached 2), an external-workbook reference (cached 55), a shared formula and its follower."""
    def row(r: int, lau2: str, cell: str) -> str:
        return (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{lau2}</t></is></c><c r="B{r}" t="inlineStr"><is><t>'
                f'women_councillors_share</t></is></c><c r="C{r}"><v>2025</v></c><c r="D{r}">{cell}</c></row>')
    return xlsx([
        HEADER_ROW,
        row(2, "0304", "<f>1+1</f><v>2</v>"),
        row(3, "0305", "<f>[1]Sheet1!$A$1</f><v>55</v>"),
        row(4, "0306", '<f t="shared" ref="D4:D5" si="0">D2*3</f><v>6</v>'),
        row(5, "0307", '<f t="shared" si="0"/><v>18</v>'),
    ], dimension="A1:D5")


def csv_with_long_field(field_bytes: int) -> bytes:
    """A CSV whose row 3 carries a `field_bytes`-long value (a pasted document)."""
    return (b"lau2,kpi,year,value\n0304,women_councillors_share,2025,45.6\n0304,women_councillors_share,2024,"
            + b"9" * field_bytes + b"\n")


ERROR_LINE = b"9999,women_councillors_share,1999,250\n"  # unknown lau2, year out of range, value too big


def csv_many_errors(target_bytes: int) -> bytes:
    """About `target_bytes` of CSV with three errors on every row (unknown lau2, year out of range, value too big)."""
    return b"lau2,kpi,year,value\n" + ERROR_LINE * (target_bytes // len(ERROR_LINE))


def csv_error_rows(rows: int) -> bytes:
    """`rows` data rows with three errors each: 50,000 of them is the worst short-row file within the row cap."""
    return b"lau2,kpi,year,value\n" + ERROR_LINE * rows


def csv_long_values(target_bytes: int, cell_chars: int = 1999) -> bytes:
    """About `target_bytes` of CSV whose every value is `cell_chars` digits (just within max_cell_chars): the most
    text per row a file can carry into the checks."""
    line = b"9999,women_councillors_share,1999," + b"9" * cell_chars + b"\n"
    return b"lau2,kpi,year,value\n" + line * (target_bytes // len(line))


def xlsx_error_rows(rows: int, comment: bool = False) -> bytes:
    """`rows` data rows with three errors each, optionally with a comment cell (then at 50,000 rows the sheet has
    the most cells the guard lets through)."""
    names = ["lau2", "kpi", "year", "value"] + (["comment"] if comment else [])
    header = '<row r="1">' + "".join(f'<c t="inlineStr"><is><t>{n}</t></is></c>' for n in names) + "</row>"
    row = (b'<row><c t="inlineStr"><is><t>9999</t></is></c><c t="inlineStr"><is><t>women_councillors_share</t></is>'
           b'</c><c><v>1999</v></c><c><v>250</v></c>'
           + (b'<c t="inlineStr"><is><t>figure from the annual report</t></is></c>' if comment else b"") + b"</row>")

    def body() -> Iterable[bytes | str]:
        yield header
        for _ in range(rows // 1000):
            yield row * 1000
        yield row * (rows % 1000)
    return xlsx(body(), dimension=None)
