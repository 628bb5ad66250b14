"""The downloadable submission templates: a CSV with the header only, and an XLSX with the header on its first sheet,
an example and the KPI catalogue on the next sheets (only the first sheet is ever read)."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from analytics.config.catalogue import load_catalogue

HEADER = ["lau2", "kpi", "year", "value", "comment"]
EXAMPLE = [
    ["0304", "women_councillors_share", 2024, 29.6, "31 December 2024"],
    ["0304", "equality_officer", 2024, 1, ""],
]
CSV_NAME = "submission_template.csv"
XLSX_NAME = "submission_template.xlsx"


def template_csv() -> bytes:
    """Header row only (UTF-8, comma-separated), so a forgotten example can never be ingested."""
    return (",".join(HEADER) + "\n").encode("utf-8")


def template_xlsx(lang: str = "en") -> bytes:
    """Workbook: sheet 1 `submission` (header, lau2 as text), sheet 2 `example`, sheet 3 `kpis` (the catalogue)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "submission"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].number_format = "@"  # keep leading zeros of lau2
    example = book.create_sheet("example")
    example.append(HEADER)
    for row in EXAMPLE:
        example.append(row)
    kpis = book.create_sheet("kpis")
    kpis.append(["kpi", "programme", "label", "type", "unit", "min", "max", "allowed", "definition"])
    for k in load_catalogue():
        kpis.append(
            [
                k.id,
                k.programme,
                k.label(lang),
                k.type,
                k.unit,
                k.min,
                k.max,
                ", ".join(f"{a:g}" for a in k.allowed) if k.allowed else "",
                k.definition_in(lang),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_templates(folder: Path) -> list[Path]:
    """Write both templates into `folder` and return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = folder / CSV_NAME, folder / XLSX_NAME
    csv_path.write_bytes(template_csv())
    xlsx_path.write_bytes(template_xlsx())
    return [csv_path, xlsx_path]
