"""The good-practices validator: applies `catalogue/practice_rules.yaml` to every cell of a read file.

Every problem is reported as `FILE:ROW:COLUMN: message`; it never raises for bad content and never writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pyarrow as pa

from analytics.checks.codes import normalise_lau2
from analytics.checks.problems import SubmissionProblem
from analytics.checks.reader import UnreadableFile, read_table
from analytics.checks.validate import ReferenceCodes
from analytics.config.catalogue import load_catalogue, load_practice_rules
from analytics.sources.files import SubmissionFile


@dataclass
class PracticeCheck:
    """Clean rows (meaningful only without errors) and every problem found."""

    rows: pd.DataFrame
    problems: list[SubmissionProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

def _split(text: str, sep: str) -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]

def _check_field(name: str, text: str, spec: dict[str, Any], year_max: int) -> str | None:
    """The message for one cell, or None when it passes the field's rule."""
    if not text:
        return f"{name} is empty" if spec.get("required") else None
    if "allowed" in spec and text not in spec["allowed"]:
        return f"expected one of {', '.join(spec['allowed'])}, found {text!r}"
    if "pattern" in spec and not re.fullmatch(spec["pattern"], text):
        return f"expected {spec['expected']}, found {text[:60]!r}"
    if "max_length" in spec and len(text) > spec["max_length"]:
        return f"expected at most {spec['max_length']} characters, found {len(text)}"
    if name == "year":
        low = spec["min"]
        if not re.fullmatch(r"\d{4}", text) or not low <= int(text) <= year_max:
            return f"expected {spec['expected'].format(min=low, max=year_max)}, found {text!r}"
    return None

def validate_practices(file: str, cells: pd.DataFrame | pa.Table, headers: dict[str, str], reference: ReferenceCodes,
                       current_year: int | None = None) -> PracticeCheck:
    """Apply practice_rules.yaml to every cell of a read file; collects every problem, raises none."""
    if isinstance(cells, pa.Table):  # read_table hands back Arrow; a practices file is small, rows are checked one by one
        cells = cells.to_pandas()
    rules = load_practice_rules()
    sep = rules["list_separator"]
    year_max = current_year or datetime.now(UTC).year
    catalogue = load_catalogue()
    problems: list[SubmissionProblem] = []
    records = []
    first_row: dict[str, int] = {}
    for cell in cells.to_dict("records"):
        row = int(cell["row"])
        values = {k: str(cell.get(k, "") or "").strip() for k in rules["fields"]}

        def problem(column: str, message: str, row: int = row) -> None:
            problems.append(SubmissionProblem(file, row, headers.get(column, column), message))

        for name, spec in rules["fields"].items():
            kind = spec.get("kind")
            if kind == "communes":
                codes = [normalise_lau2(c) or c for c in _split(values[name], sep)]
                if not codes:
                    problem(name, "lau2 is empty; list the commune codes, separated by ';'")
                for code in codes:
                    if code in reference.merged:
                        old, new, new_name, day = reference.merged[code]
                        problem(name, f"lau2 {code} ({old}) merged into {new} {new_name} on {day:%Y-%m-%d}; use {new}")
                    elif code not in reference.communes:
                        problem(name, f"unknown lau2 '{code}'; expected 4-digit codes of current communes, separated by ';'")
                values[name] = codes
            elif kind == "kpis":
                ids = _split(values[name], sep)
                for kpi in ids:
                    if kpi not in catalogue:
                        problem(name, f"unknown kpi '{kpi}'; it is not in the KPI catalogue")
                values[name] = ids
            else:
                message = _check_field(name, values[name], spec, year_max)
                if message:
                    problem(name, message)
        pid = values["practice_id"]
        if pid in first_row:
            problem("practice_id", f"duplicate of row {first_row[pid]} (practice_id {pid}); an id may appear once per file")
        first_row.setdefault(pid, row)
        if values["status"] == "official" and not values["link"]:
            problem("link", rules["official_needs_link"])
        marker = rules["demo_title_marker"]
        if values["status"] == "demo" and marker not in values["title"]:
            problem("title", f"a demo practice's title must contain '{marker}'")
        records.append({**values, "source_row": row})
    frame = pd.DataFrame(records)
    if not frame.empty:
        frame = frame.rename(columns={"lau2": "lau2s"})
        frame["year"] = pd.to_numeric(frame["year"], errors="coerce").astype("Int16")
        for col in ("link", "certainty"):
            frame[col] = frame[col].replace("", None)
    problems.sort(key=lambda p: (p.row or 0))
    return PracticeCheck(frame, problems)

def check_practice_file(submission: SubmissionFile, reference: ReferenceCodes) -> PracticeCheck:
    """Read and validate one practices file without writing anything (what an uploader would call)."""
    try:
        table = read_table(submission, load_practice_rules())
    except UnreadableFile as exc:
        message = str(exc).replace("lau2, kpi, year, value[, comment]",
                                   ", ".join(load_practice_rules()["columns"]["required"]))
        return PracticeCheck(pd.DataFrame(), [SubmissionProblem(submission.name, None, None, message)])
    check = validate_practices(submission.name, table.cells, table.headers, reference)
    check.problems[:0] = table.problems
    return check
