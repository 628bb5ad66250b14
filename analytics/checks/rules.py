"""The one validator: applies a file kind's rules (rules.yaml for KPI values, practice_rules.yaml for practices) to the
text cells of a batch of files, vectorised, collecting every problem with the exact message the user sees.

Rules are data, like dbt's schema.yml:
- `fields:` one spec per column, applied in order: `required`, and a `kind` (default `text`) with its options —
  `text` (allowed, pattern, max_length), `year` (pattern, min, max), `communes` (LAU2 codes, a `separator` for
  lists), `catalogue` (KPI ids, a `separator` for lists, `suggest` for "did you mean …?"), `kpi_value` (the range of
  the KPI named in column `of`).
- `unique:` keys that may appear once per file; `among: valid` compares only rows whose key cells passed.
- `row_rules:` rules across the columns of one row: `required_when` (a column must be filled when others have given
  values) and `contains_when` (a column must contain a text when ...).
It never raises for bad content and never touches the warehouse; `checks.validate` and `checks.practices` shape its
result for their file kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analytics.checks.collector import ProblemCollector, ValidationContext, cells_at
from analytics.checks.field_rules import catalogue_rule, communes_rule, text_rule, year_rule
from analytics.checks.problems import KEEP_DEFAULT
from analytics.checks.reader import ARROW_TEXT, RawTable
from analytics.checks.value_rule import kpi_value_rule

FieldRule = Callable[[ProblemCollector, str, dict[str, Any], ValidationContext, dict[str, pd.Series]], pd.Series]
FIELD_KINDS: dict[str, FieldRule] = {
    "text": text_rule,
    "year": year_rule,
    "communes": communes_rule,
    "catalogue": catalogue_rule,
    "kpi_value": kpi_value_rule,
}


def collector_for(files: list[str], tables: list[RawTable], context: ValidationContext) -> ProblemCollector:
    """One frame of text cells for the whole batch (each row with its file index and decimal-comma flag); rows the
    reader found broken are marked so no key comparison trusts them."""
    columns = ["row", *context.rules["fields"]]
    parts = [
        t.cells.select(columns)
        .append_column("file_idx", pa.array(np.full(t.cells.num_rows, i, dtype=np.int32)))
        .append_column("decimal_comma", pa.array(np.full(t.cells.num_rows, t.decimal_comma)))
        for i, t in enumerate(tables)
    ]
    cells = pa.concat_tables(parts).to_pandas(types_mapper=ARROW_TEXT.get)
    col = ProblemCollector(files, [t.headers for t in tables], cells,
                           keep=int(context.rules["file"].get("max_problems_listed", KEEP_DEFAULT)))
    for i, table in enumerate(tables):
        for p in table.problems:
            if p.is_error and p.row is not None:
                col.unreadable |= (col.file_idx == i) & (col.row == p.row)
    col.bad |= col.unreadable
    return col


def _rows_where(frame: dict[str, pd.Series], mask: np.ndarray) -> pd.DataFrame:
    """The rows of `mask`, filtered column by column: a frame's own boolean indexing takes by position, and taking
    from a chunked Arrow column first joins its chunks (a whole copy of a column of long cells)."""
    return pd.DataFrame({name: column[mask] for name, column in frame.items()})


def _check_unique(col: ProblemCollector, parsed: dict[str, pd.Series], spec: dict[str, Any]) -> None:
    columns = list(spec["columns"])
    keys = {"file_idx": col.cells["file_idx"], **{c: parsed[c] for c in columns}}
    if spec.get("among", "all") == "valid":
        valid = ~col.unreadable & ~np.logical_or.reduce([col.failed_in(c) for c in columns])
    else:
        valid = np.ones(len(col.cells), dtype=bool)
    subset = _rows_where(keys, valid)
    dup = subset.duplicated(keep=False)
    if not dup.any():
        return
    dups = _rows_where(dict(subset.items()), dup.to_numpy()).assign(_row=col.cells["row"][valid][dup])
    first = dups.groupby(["file_idx", *columns], sort=False)["_row"].transform("min")
    later = dups["_row"] != first
    mask = np.zeros(len(col.cells), dtype=bool)
    mask[np.flatnonzero(valid)[np.flatnonzero(dup.to_numpy())[later.to_numpy()]]] = True
    first_row = np.zeros(len(col.cells), dtype=np.int64)
    first_row[mask] = first[later].to_numpy()

    def messages(at: np.ndarray) -> list[str]:
        key_rows = zip(*(cells_at(keys[c], at) for c in columns), strict=True)
        return [f"duplicate of row {f} ({', '.join(f'{c} {v}' for c, v in zip(columns, key, strict=True))}); "
                f"{spec['note']}" for f, key in zip(first_row[at], key_rows, strict=True)]

    col.add(mask, spec["report_on"], messages)


def _check_row_rule(col: ProblemCollector, parsed: dict[str, pd.Series], rule: dict[str, Any]) -> None:
    when = np.logical_and.reduce([(parsed[c] == v).to_numpy(dtype=bool) for c, v in rule["when"].items()])
    cells = parsed[rule["column"]]
    if rule["kind"] == "required_when":
        bad = when & (cells == "").to_numpy(dtype=bool)
    elif rule["kind"] == "contains_when":
        bad = when & ~cells.str.contains(rule["text"], regex=False).to_numpy(dtype=bool)
    else:
        raise ValueError(f"row rule kind was {rule['kind']!r} but is expected to be required_when or contains_when")
    col.add(bad, rule["column"], rule["message"].format(**rule))


def apply_rules(col: ProblemCollector, context: ValidationContext) -> dict[str, pd.Series]:
    """Every rule of `context.rules` in order (fields, unique keys, row rules); returns each column's parsed values."""
    parsed: dict[str, pd.Series] = {}
    for name, spec in context.rules["fields"].items():
        kind = spec.get("kind", "text")
        if kind not in FIELD_KINDS:
            raise ValueError(f"field {name!r} has kind {kind!r} but is expected to be one of {', '.join(FIELD_KINDS)}")
        parsed[name] = FIELD_KINDS[kind](col, name, spec, context, parsed)
    for spec in context.rules.get("unique", []):
        _check_unique(col, parsed, spec)
    for rule in context.rules.get("row_rules", []):
        _check_row_rule(col, parsed, rule)
    return parsed
