"""The one validator: applies the catalogue and rules.yaml to a submission's cells, vectorised, collecting every problem.

`validate(table, context)` never raises for bad content and never touches the warehouse; it returns the clean rows
(lau2, kpi, year, value, source_row) and every problem, each with the exact message the user sees. `validate_batch`
does the same for many files in one pass.

Why not pandera: the rules depend on another column of the same row (a value's range comes from its KPI's type), the
messages must say what was expected and found in the user's own notation (`found 112,5`, `did you mean …?`, the
successor of a merged commune), and one vectorised pass over 1 M rows must stay near a second. Pandera's lazy
validation would give failure cases to translate back into these messages row by row, for no rule it would own; the
rules stay data (rules.yaml, kpis.yaml) applied here in one place.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from analytics.checks.codes import normalise_lau2
from analytics.checks.problems import WARNING, SortsProblems, SubmissionProblem
from analytics.checks.reader import ARROW_TEXT, RawTable
from analytics.config.catalogue import Catalogue, load_catalogue, load_rules

REFERENCE_SQL = """
with current_communes as (select lau2, name from communes),
merged as (
    select old_lau2, old_commune, new_lau2, new_commune, effective_date
    from commune_mergers
    where old_lau2 is not null
)
select 'commune' as kind, lau2 as code, name, null as new_lau2, null as new_name, null as effective_date
from current_communes
union all
select 'merged', old_lau2, old_commune, new_lau2, new_commune, effective_date from merged
"""

MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")


def _day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class ReferenceCodes:
    """The commune codes a submission may use, and the merged ones it may not (with their successor)."""

    communes: dict[str, str]
    merged: dict[str, tuple[str, str, str, date]]  # old code -> (old name, new code, new name, effective date)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> ReferenceCodes:
        communes = {r.code: r.name for r in frame[frame["kind"] == "commune"].itertuples()}
        merged = {
            r.code: (r.name, r.new_lau2, r.new_name, pd.Timestamp(r.effective_date).date())
            for r in frame[frame["kind"] == "merged"].itertuples()
        }
        return cls(communes, merged)

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection) -> ReferenceCodes:
        """Codes from the warehouse's reference layer (communes, commune_mergers)."""
        return cls.from_frame(con.execute(REFERENCE_SQL).df())


def reference_codes(reader: Any) -> ReferenceCodes:
    """Codes through a read-only WarehouseReader (the page's uploader), or a connection."""
    if isinstance(reader, duckdb.DuckDBPyConnection):
        return ReferenceCodes.from_connection(reader)
    return ReferenceCodes.from_frame(reader.query(REFERENCE_SQL))


@dataclass(frozen=True)
class ValidationContext:
    """Everything the validator checks against; build it once per batch of files."""

    reference: ReferenceCodes
    catalogue: Catalogue = field(default_factory=load_catalogue)
    rules: dict[str, Any] = field(default_factory=load_rules)
    current_year: int = field(default_factory=lambda: datetime.now(UTC).year)


@dataclass
class Validated(SortsProblems):
    """Clean rows (only meaningful when there is no error) and every problem, errors and warnings."""

    rows: pd.DataFrame  # lau2, kpi, year (int), value (float), source_row (int)
    problems: list[SubmissionProblem]


def _found(text: str) -> str:
    if text == "":
        return "an empty cell"
    try:
        float(text.replace(",", "."))
        return text
    except ValueError:
        return repr(text)


def _num(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e15 else str(x)


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def expected_text(kpi_id: str, context: ValidationContext) -> str:
    """What a value of `kpi_id` must be, in words (the first half of every value message)."""
    kpi = context.catalogue[kpi_id]
    rules = context.rules
    if kpi.allowed:
        return rules["allowed_expected"].format(allowed=_or_list([_num(a) for a in kpi.allowed]))
    template = rules["types"][kpi.type]["expected"]
    type_max = rules["types"][kpi.type].get("max")
    if kpi.max is not None and type_max is None and kpi.type in rules["bounded_expected"]:
        template = rules["bounded_expected"][kpi.type]
    return template.format(min=_num(kpi.min or 0), max=_num(kpi.max) if kpi.max is not None else "")


class _Collector:
    """Problems of a batch of files validated together: each row knows its file (`file_idx`) and spreadsheet row."""

    def __init__(self, files: list[str], headers: list[dict[str, str]], cells: pd.DataFrame) -> None:
        self.files, self.headers, self.cells = files, headers, cells
        self.file_idx = cells["file_idx"].to_numpy()
        self.row = cells["row"].to_numpy()
        self.problems: list[SubmissionProblem] = []
        self.bad = np.zeros(len(cells), dtype=bool)

    def add(self, mask: np.ndarray, column: str, messages: pd.Series | str, severity: str = "error") -> None:
        if not mask.any():
            return
        if severity == "error":
            self.bad |= mask
        texts = [messages] * int(mask.sum()) if isinstance(messages, str) else list(messages[mask])
        self.problems.extend(
            SubmissionProblem(self.files[f], int(r), self.headers[f].get(column, column), t, severity)
            for f, r, t in zip(self.file_idx[mask], self.row[mask], texts, strict=True)
        )


def _check_lau2(col: _Collector, context: ValidationContext) -> pd.Series:
    raw = col.cells["lau2"].str.strip()
    # normalise_lau2 once per distinct cell, not per row; a cell that is no code stays as written for the message
    padded = {c: normalise_lau2(c) for c in pd.unique(raw) if isinstance(c, str)}
    lau2 = raw.replace({c: code for c, code in padded.items() if code is not None and code != c})
    known = lau2.isin(list(context.reference.communes)).to_numpy()
    if known.all():
        return lau2
    messages = {}
    for code in pd.unique(lau2[~known]):
        if code == "":
            messages[code] = "lau2 is empty"
        elif code in context.reference.merged:
            old_name, new, new_name, day = context.reference.merged[code]
            messages[code] = f"lau2 {code} ({old_name}) merged into {new} {new_name} on {_day_text(day)}; use {new}"
        else:
            messages[code] = (
                f"unknown lau2 '{code}'; expected the 4-digit code of one of the "
                f"{len(context.reference.communes)} current communes"
            )
    col.add(~known, "lau2", lau2.map(messages))
    return lau2


def _closest(name: str, ids: list[str]) -> list[str]:
    """Up to three known ids close to `name`, keeping only those nearly as close as the best one."""
    scored = sorted(((difflib.SequenceMatcher(None, name, i).ratio(), i) for i in ids), key=lambda t: (-t[0], t[1]))
    best = scored[0][0] if scored else 0
    return [i for ratio, i in scored[:3] if ratio >= 0.6 and ratio >= best - 0.1]


def _check_kpi(col: _Collector, context: ValidationContext) -> pd.Series:
    kpi = col.cells["kpi"].str.strip()
    known = kpi.isin(context.catalogue.ids).to_numpy()
    if known.all():
        return kpi
    messages = {}
    for name in pd.unique(kpi[~known]):
        if name == "":
            messages[name] = "kpi is empty"
            continue
        close = _closest(name.lower(), context.catalogue.ids)
        hint = f"did you mean {_or_list(close)}?" if close else "it is not in the KPI catalogue"
        messages[name] = f"unknown kpi '{name}'; {hint}"
    col.add(~known, "kpi", kpi.map(messages))
    return kpi


def _check_year(col: _Collector, context: ValidationContext) -> pd.Series:
    text = col.cells["year"].str.strip()
    year = pd.to_numeric(text.where(text.str.fullmatch(r"\d{1,4}(\.0+)?"), None), errors="coerce")
    low, high = context.rules["year"]["min"], context.current_year
    ok = (year >= low) & (year <= high)
    ok = ok.fillna(False).to_numpy(dtype=bool)
    if not ok.all():
        found = text[~ok].map(_found)
        messages = pd.Series("", index=text.index, dtype="str")
        messages[~ok] = "expected a year from " + str(low) + " to " + str(high) + ", found " + found
        col.add(~ok, "year", messages)
    return year.fillna(0).astype("int64")


def _check_value(
    col: _Collector, kpi: pd.Series, kpi_ok: np.ndarray, decimal_comma: np.ndarray, context: ValidationContext
) -> pd.Series:
    text = col.cells["value"].str.strip()
    parsed_text = text.where(~decimal_comma, text.str.replace(",", ".", regex=False)) if decimal_comma.any() else text
    number = pd.to_numeric(
        parsed_text.where(parsed_text.str.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"), None), errors="coerce"
    )
    catalogue = context.catalogue
    codes = pd.Categorical(kpi.where(kpi_ok, None), categories=catalogue.ids).codes
    low = np.array([k.min if k.min is not None else -np.inf for k in catalogue] + [np.nan])[codes]
    high = np.array([k.max if k.max is not None else np.inf for k in catalogue] + [np.nan])[codes]
    integer = np.array([k.is_integer for k in catalogue] + [False])[codes]
    values = number.to_numpy(dtype="float64", na_value=np.nan)
    ok = (values >= low) & (values <= high) & np.isfinite(values)
    ok &= ~integer | (np.floor(values) == values)
    for i, k in enumerate(catalogue):
        if k.allowed:
            here = codes == i
            ok[here] &= np.isin(values[here], k.allowed)
    bad = kpi_ok & ~ok
    if bad.any():
        expected = {k.id: expected_text(k.id, context) for k in catalogue}
        messages = pd.Series("", index=text.index, dtype="str")
        messages[bad] = "expected " + kpi[bad].map(expected) + ", found " + text[bad].map(_found)
        col.add(bad, "value", messages)
    return pd.Series(values, index=text.index)


def _check_duplicates(col: _Collector, keys: pd.DataFrame, valid: np.ndarray) -> None:
    subset = keys[valid]
    dup = subset.duplicated(keep=False)
    if not dup.any():
        return
    dups = subset[dup].assign(row=col.cells["row"][valid][dup])
    first = dups.groupby(["file_idx", "lau2", "kpi", "year"], sort=False)["row"].transform("min")
    later = dups["row"] != first
    mask = np.zeros(len(keys), dtype=bool)
    mask[np.flatnonzero(valid)[np.flatnonzero(dup.to_numpy())[later.to_numpy()]]] = True
    d = dups[later]
    messages = pd.Series("", index=keys.index, dtype="str")
    messages[mask] = [
        f"duplicate of row {f} (lau2 {r.lau2}, kpi {r.kpi}, year {r.year}); a key may appear once per file"
        for f, r in zip(first[later], d.itertuples(), strict=True)
    ]
    col.add(mask, "lau2", messages)


def _cross_warnings(col: _Collector, rows: pd.DataFrame, context: ValidationContext) -> None:
    keys = ["file_idx", "lau2", "year"]
    for rule in context.rules.get("warnings", []):
        left = rows[(rows["kpi"] == rule["value"]) & (rows["year"] >= rule.get("from_year", 0))]
        right = rows[rows["kpi"] == rule["equals_factor_of"]]
        if left.empty or right.empty:
            continue
        pair = left.merge(right[keys + ["value"]], on=keys, suffixes=("", "_other"))
        pair = pair[(pair["value"] - rule["factor"] * pair["value_other"]).abs() > 1e-6]
        for r in pair.itertuples():
            message = rule["message"].format(
                value=r.value, other=r.value_other, expected=rule["factor"] * r.value_other
            )
            header = col.headers[r.file_idx].get("value", "value")
            col.problems.append(SubmissionProblem(col.files[r.file_idx], int(r.source_row), header, message, WARNING))


def _combined(tables: list[RawTable]) -> pd.DataFrame:
    """One frame of text cells for the whole batch, with each row's file index and decimal-comma flag."""
    parts = [
        t.cells.select(["row", "lau2", "kpi", "year", "value"])
        .append_column("file_idx", pa.array(np.full(t.cells.num_rows, i, dtype=np.int32)))
        .append_column("decimal_comma", pa.array(np.full(t.cells.num_rows, t.decimal_comma)))
        for i, t in enumerate(tables)
    ]
    return pa.concat_tables(parts).to_pandas(types_mapper=ARROW_TEXT.get)


def validate_batch(items: list[tuple[str, RawTable]], context: ValidationContext) -> list[Validated]:
    """Validate many files in one vectorised pass (a first start ingests 700 small demo files); results per file."""
    files = [name for name, _ in items]
    if len(set(files)) < len(files):  # problems are told apart by file name
        return [validate_batch([item], context)[0] for item in items]
    tables = [table for _, table in items]
    cells = _combined(tables)
    col = _Collector(files, [t.headers for t in tables], cells)
    for i, table in enumerate(tables):
        col.problems.extend(table.problems)
        for p in table.problems:
            if p.is_error and p.row is not None:
                col.bad |= (col.file_idx == i) & (col.row == p.row)
    lau2 = _check_lau2(col, context)
    lau2_ok = ~col.bad.copy()
    kpi = _check_kpi(col, context)
    kpi_ok = kpi.isin(context.catalogue.ids).to_numpy()
    before_year = col.bad.copy()
    year = _check_year(col, context)
    year_ok = ~(col.bad & ~before_year)
    value = _check_value(col, kpi, kpi_ok, cells["decimal_comma"].to_numpy(dtype=bool), context)
    keys = pd.DataFrame({"file_idx": cells["file_idx"], "lau2": lau2, "kpi": kpi, "year": year})
    _check_duplicates(col, keys, lau2_ok & kpi_ok & year_ok)
    rows = pd.DataFrame(
        {
            "file_idx": cells["file_idx"],
            "lau2": lau2,
            "kpi": kpi,
            "year": year,
            "value": value,
            "source_row": cells["row"],
        }
    )
    failed = {files.index(p.file) for p in col.problems if p.is_error} if col.problems else set()
    if len(failed) < len(files):
        _cross_warnings(col, rows[~rows["file_idx"].isin(list(failed))], context)
    return _split(files, tables, rows, col.problems)


def _split(
    files: list[str], tables: list[RawTable], rows: pd.DataFrame, problems: list[SubmissionProblem]
) -> list[Validated]:
    by_file: dict[str, list[SubmissionProblem]] = {name: [] for name in files}
    for p in problems:
        by_file[p.file].append(p)
    columns = rows[["lau2", "kpi", "year", "value", "source_row"]]
    # rows are in file order (the batch was concatenated that way), so each file is one contiguous slice
    bounds = np.searchsorted(rows["file_idx"].to_numpy(), np.arange(len(files) + 1))
    results = []
    for i, (name, table) in enumerate(zip(files, tables, strict=True)):
        order = list(table.headers.values())
        found = sorted(by_file[name], key=lambda p: (p.row or 0, order.index(p.column) if p.column in order else 99))
        results.append(Validated(rows=columns.iloc[bounds[i] : bounds[i + 1]], problems=found))
    return results


def validate(file: str, table: RawTable, context: ValidationContext) -> Validated:
    """Check every row of `table` against the catalogue and rules; all problems are collected, none raised."""
    return validate_batch([(file, table)], context)[0]
