"""The good-practices database: real, sourced practices and a labelled demo set, extended through validated files.

Why: a ministry officer looking at a KPI wants to know what peers did about it. Practices arrive like KPI submissions:
one validator applies `catalogue/practice_rules.yaml`, every problem is reported as `FILE:ROW:COLUMN: message`, a file
is stored whole or not at all, a byte-identical file is recognised by its sha256, and each row keeps its submission
and row number (provenance).

Public API:
- `python -m analytics ingest-practices FILE...` (see `analytics.cli`); `ingest_practice_files(settings, paths)`.
- `current_practices(reader) -> DataFrame[practice_id, title, lau2s, communes, programme, domain, year, description,
  link, kpis, status, certainty, source, submission_id, source_row, file_name]`.
- `filter_practices(frame, text, programmes, domains, statuses, lau2) -> DataFrame`: the page's search.
- `practices_for_kpi(reader, kpi, lau2s) -> DataFrame[practice_id, title, lau2, commune, programme, domain, year,
  link, status, names_kpi, from_year, from_value, to_year, to_value, change, value_status]`: "what did peers do?" —
  practices of the given communes (e.g. a commune's peers) that improved on `kpi`, direction-aware (the catalogue's
  `direction`), from the last value at or before the practice's year to the latest value. Practices that name the
  KPI come first; `value_status` says whether the change rests on demo values.
  A page draws it in one line with `ui.peer_practices.peer_practices(tr, kpi, peer_lau2s, key=...)`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import yaml

from analytics.catalogue import CATALOGUE_DIR, load_catalogue
from analytics.ingest import ACCEPTED, ALREADY, REJECTED, FileOutcome
from analytics.problems import SubmissionProblem
from analytics.queries import Source, run_named
from analytics.settings import Settings
from analytics.sqlfiles import insert_select, query
from analytics.submission_files import SubmissionFile, UnreadableFile, read_table
from analytics.validate import ReferenceCodes
from analytics.warehouse import PREVIOUS, previous_tables, read_sql

SEED_FILE = "practices/practices_seed.csv"
SEED_SUBMITTER = "practices seed loader"
SQL = "practices.sql"
CARRIED = ("practice_submissions", "practices")


@lru_cache(maxsize=1)
def practice_rules() -> dict[str, Any]:
    """The practices file rules (practice_rules.yaml)."""
    return yaml.safe_load((CATALOGUE_DIR / "practice_rules.yaml").read_text(encoding="utf-8"))


def _run(source: Source, name: str, params: list[Any] | None = None) -> pd.DataFrame:
    return run_named(source, SQL, name, params)


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
    rules = practice_rules()
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
                codes = [c.zfill(4) if re.fullmatch(r"\d{3}", c) else c for c in _split(values[name], sep)]
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
        table = read_table(submission, practice_rules())
    except UnreadableFile as exc:
        message = str(exc).replace("lau2, kpi, year, value[, comment]",
                                   ", ".join(practice_rules()["columns"]["required"]))
        return PracticeCheck(pd.DataFrame(), [SubmissionProblem(submission.name, None, None, message)])
    check = validate_practices(submission.name, table.cells, table.headers, reference)
    check.problems[:0] = table.problems
    return check


def ingest_practices_into(con: duckdb.DuckDBPyConnection, files: Sequence[SubmissionFile], *,
                          submitted_by: str) -> list[FileOutcome]:
    """Validate each file and store the accepted ones, each as one submission, in one transaction on `con`."""
    reference = ReferenceCodes.from_connection(con)
    outcomes: list[FileOutcome] = []
    con.execute("begin transaction")
    try:
        for submission in files:
            sha = submission.sha256
            found = con.execute(query(SQL, "same_file"), [sha]).fetchall()
            if found:
                outcomes.append(FileOutcome(submission.name, sha, ALREADY, already=found[0]))
                continue
            check = check_practice_file(submission, reference)
            outcome = FileOutcome(submission.name, sha, ACCEPTED if check.ok else REJECTED, problems=check.problems)
            outcomes.append(outcome)
            if check.ok:
                _store(con, outcome, check.rows, submitted_by)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return outcomes


def _store(con: duckdb.DuckDBPyConnection, outcome: FileOutcome, rows: pd.DataFrame, submitted_by: str) -> None:
    outcome.submission_id = int(con.execute(query(SQL, "next_submission")).fetchall()[0][0])
    outcome.rows = len(rows)
    con.register("incoming_practices", rows)
    try:
        counts = con.execute(query(SQL, "counts")).fetchall()[0]
        outcome.new_rows, outcome.revised_rows = int(counts[0]), int(counts[1])
        con.execute(query(SQL, "supersede"))
        con.execute(query(SQL, "insert"), [outcome.submission_id])
    finally:
        con.unregister("incoming_practices")
    con.execute(
        "insert into practice_submissions values (?, ?, ?, ?, ?, ?, ?, ?)",
        [outcome.submission_id, Path(outcome.file).as_posix(), outcome.sha256, submitted_by,
         datetime.now(UTC).replace(tzinfo=None), outcome.rows, outcome.new_rows, outcome.revised_rows],
    )


def _carry_over(con: duckdb.DuckDBPyConnection) -> None:
    """Copy the practice tables of the previous warehouse (attached by the build) when it has them all."""
    if set(CARRIED) <= set(previous_tables(con)):
        for table in CARRIED:  # constant names of this module
            con.execute(insert_select(table, (PREVIOUS, table)))


def build_practices_layer(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Build step: schema, practices carried over from the previous file, then the seed (a no-op when present)."""
    con.execute(read_sql("schema_practices.sql"))
    _carry_over(con)
    seed = settings.data_dir / SEED_FILE
    outcomes = ingest_practices_into(con, [SubmissionFile.from_path(seed, f"data/{SEED_FILE}")],
                                     submitted_by=SEED_SUBMITTER)
    rejected = [p.render() for o in outcomes if o.outcome == REJECTED for p in o.problems]
    if rejected:  # the shipped seed must always validate
        raise RuntimeError("practices seed failed validation:\n" + "\n".join(rejected[:20]))


def ingest_practice_files(settings: Settings, paths: Sequence[Path], *, submitted_by: str,
                          names: Sequence[str] | None = None) -> list[FileOutcome]:
    """The CLI path: ingest into a copy of the warehouse and rename it over the original only if something was accepted."""
    from analytics.warehouse import change_atomically, ensure_built

    ensure_built(settings)
    files = [SubmissionFile.from_path(Path(p), n) for p, n in zip(paths, names or [str(p) for p in paths])]
    return change_atomically(
        settings.db_path,
        lambda con: ingest_practices_into(con, files, submitted_by=submitted_by),
        keep=lambda result: any(o.outcome == ACCEPTED for o in result),
    )


def current_practices(source: Source) -> pd.DataFrame:
    """Every current practice, newest first, with its communes' names and the file it came from."""
    frame = _run(source, "current_practices")
    for col in ("lau2s", "kpis"):
        frame[col] = frame[col].map(lambda v: [str(x) for x in v] if v is not None else [])
    return frame


def filter_practices(frame: pd.DataFrame, text: str = "", programmes: Sequence[str] = (), domains: Sequence[str] = (),
                     statuses: Sequence[str] = (), lau2: str | None = None, kpi: str | None = None) -> pd.DataFrame:
    """The page's search: words must all appear in title, description or communes; empty filters keep everything."""
    keep = pd.Series(True, index=frame.index)
    haystack = (frame["title"] + " " + frame["description"] + " " + frame["communes"]).str.casefold()
    for word in text.casefold().split():
        keep &= haystack.str.contains(word, regex=False)
    for column, chosen in (("programme", programmes), ("domain", domains), ("status", statuses)):
        if chosen:
            keep &= frame[column].isin(list(chosen))
    if lau2:
        keep &= frame["lau2s"].map(lambda codes: lau2 in codes)
    if kpi:
        keep &= frame["kpis"].map(lambda ids: kpi in ids)
    return frame[keep]


def practices_for_kpi(reader: Source, kpi: str, lau2s: list[str]) -> pd.DataFrame:
    """Practices of `lau2s` whose commune improved on `kpi` since the practice (see the module docstring)."""
    if kpi not in load_catalogue():
        raise ValueError(f"kpi was {kpi!r} but is expected to be one of the catalogue's ids")
    return _run(reader, "practices_for_kpi", [kpi, list(lau2s)])


PROGRAMMES = ("equality", "gemengepakt", "pilot")


def domains() -> list[str]:
    """The allowed domains, in rule-file order (a filter's options)."""
    return list(practice_rules()["fields"]["domain"]["allowed"])
