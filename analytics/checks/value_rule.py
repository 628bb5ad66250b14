"""The rule kind of a KPI value: its range, whole-number and allowed-values rules come from the KPI named in the same
row (kpis.yaml, with the type defaults of rules.yaml), and the cross-field warnings of rules.yaml."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.checks.collector import ProblemCollector, ValidationContext, cells_at
from analytics.checks.field_rules import as_written, numbers, or_list, stripped
from analytics.checks.problems import WARNING, SubmissionProblem

NUMBER = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"


def _num(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e15 else str(x)


def expected_text(kpi_id: str, context: ValidationContext) -> str:
    """What a value of `kpi_id` must be, in words (the first half of every value message)."""
    kpi = context.catalogue[kpi_id]
    rules = context.rules
    if kpi.allowed:
        return rules["allowed_expected"].format(allowed=or_list([_num(a) for a in kpi.allowed]))
    template = rules["types"][kpi.type]["expected"]
    type_max = rules["types"][kpi.type].get("max")
    if kpi.max is not None and type_max is None and kpi.type in rules["bounded_expected"]:
        template = rules["bounded_expected"][kpi.type]
    return template.format(min=_num(kpi.min or 0), max=_num(kpi.max) if kpi.max is not None else "")


def _catalogue_positions(kpi: pd.Series, ids: list[str]) -> np.ndarray:
    """Each row's KPI as its position in the catalogue, -1 for an unknown one (matched in Arrow: no copy of a column
    of long cells)."""
    cells = pa.array(kpi.array)
    found = pc.index_in(cells, value_set=pa.array(ids, cells.type))
    return pc.fill_null(found, -1).to_numpy().astype(np.int64)


def kpi_value_rule(
    col: ProblemCollector, name: str, spec: dict[str, Any], context: ValidationContext, parsed: dict[str, pd.Series]
) -> pd.Series:
    """A number within the range of the row's KPI (column `of`); rows whose KPI is unknown are not judged.

    A semicolon-delimited file writes decimals with a comma (`112,5`); an empty cell is out of range.
    """
    kpi = parsed[spec["of"]]
    kpi_ok = kpi.isin(context.catalogue.ids).to_numpy()
    decimal_comma = col.cells["decimal_comma"].to_numpy(dtype=bool)
    text = stripped(col.cells[name])
    values = numbers(text, NUMBER, decimal_comma)
    catalogue = context.catalogue
    codes = _catalogue_positions(kpi, catalogue.ids)
    low = np.array([k.min if k.min is not None else -np.inf for k in catalogue] + [np.nan])[codes]
    high = np.array([k.max if k.max is not None else np.inf for k in catalogue] + [np.nan])[codes]
    integer = np.array([k.is_integer for k in catalogue] + [False])[codes]
    ok = (values >= low) & (values <= high) & np.isfinite(values)
    ok &= ~integer | (np.floor(values) == values)
    for i, k in enumerate(catalogue):
        if k.allowed:
            here = codes == i
            ok[here] &= np.isin(values[here], k.allowed)
    bad = kpi_ok & ~ok
    if bad.any():
        expected = {k.id: expected_text(k.id, context) for k in catalogue}
        col.add(bad, name, lambda at: [f"expected {expected[k]}, found {as_written(t)}"
                                       for k, t in zip(cells_at(kpi, at), cells_at(text, at), strict=True)])
    return pd.Series(values, index=text.index)


def cross_warnings(col: ProblemCollector, rows: pd.DataFrame, context: ValidationContext) -> None:
    """`warnings:` of rules.yaml: a value that should be a factor of another KPI's value in the same file, commune and
    year is flagged, never rejected."""
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
