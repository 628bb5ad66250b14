"""The rule kinds a column can have (`fields:` in rules.yaml and practice_rules.yaml), each vectorised over a column.

A kind takes the collector, the column name, its spec from the YAML and the context, adds a problem per failing cell
and returns the column's parsed values. Every spec may say `required: true` (an empty cell is reported with its
`empty_message`, default "{name} is empty"); an empty cell of a column that is not required passes.

Memory: a column of long cells (a hostile file, up to `max_cell_chars` each) is never copied whole: cells are trimmed
only when one needs it, numbers are parsed in Arrow a chunk at a time, and messages are worded for the kept rows only.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.checks.codes import normalise_lau2
from analytics.checks.collector import ProblemCollector, ValidationContext, cells_at

MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
NOT_FOUND = "it is not in the KPI catalogue"


def day_text(day: date) -> str:
    """`1 Sept 2023`: the date of a merger as a person writes it."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def as_written(text: str) -> str:
    """What was found, in the user's notation: numbers as typed (`112,5`), text quoted, an empty cell named."""
    if text == "":
        return "an empty cell"
    try:
        float(text.replace(",", "."))
        return text
    except ValueError:
        return repr(text)


FOUND = {"as_written": as_written, "quoted": repr}


def or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def closest(name: str, ids: list[str]) -> list[str]:
    """Up to three known ids close to `name`, keeping only those nearly as close as the best one."""
    scored = sorted(((difflib.SequenceMatcher(None, name, i).ratio(), i) for i in ids), key=lambda t: (-t[0], t[1]))
    best = scored[0][0] if scored else 0
    return [i for ratio, i in scored[:3] if ratio >= 0.6 and ratio >= best - 0.1]


def stripped(text: pd.Series) -> pd.Series:
    """`text.str.strip()`, but the column itself when no cell starts or ends with a space: the trimmed copy of a
    column of long cells would hold it twice."""
    edges = text.str.slice(0, 1).str.isspace() | text.str.slice(-1).str.isspace()
    return text.str.strip() if edges.any() else text


def numbers(text: pd.Series, pattern: str, decimal_comma: np.ndarray | None = None) -> np.ndarray:
    """The cells written as `pattern` (matched whole) as float64, NaN elsewhere; in rows of `decimal_comma`, a comma
    is the decimal point. Parsed by Arrow a chunk at a time, so a column of long cells is never copied whole nor
    made into one Python string per cell."""
    core = pattern.removeprefix("^")
    core = core[:-1] if core.endswith("$") and not core.endswith("\\$") else core
    whole = f"^({core})$"
    values = np.full(len(text), np.nan)
    arrow = pa.array(text.array)
    start = 0
    for chunk in arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]:
        end = start + len(chunk)
        if decimal_comma is not None and decimal_comma[start:end].any():
            chunk = pc.if_else(pa.array(decimal_comma[start:end]), pc.replace_substring(chunk, ",", "."), chunk)
        match = pc.fill_null(pc.match_substring_regex(chunk, whole), False).to_numpy(zero_copy_only=False)
        if match.any():
            cells = chunk if match.all() else pc.if_else(pa.array(match), chunk, pa.scalar(None, chunk.type))
            try:
                values[start:end] = pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False)
            except pa.ArrowInvalid:  # a pattern of a rule set that lets through what Arrow does not read as a number
                values[start:end] = pd.to_numeric(pd.Series(cells.to_pylist()), errors="coerce").to_numpy("float64")
        start = end
    return values + 0.0  # '-0' is 0, as Python reads it


def _empty_message(name: str, spec: dict[str, Any], **values: Any) -> str:
    return spec.get("empty_message", "{name} is empty").format(name=name, **values)


def _split(text: str, sep: str) -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]


def _pad(code: str) -> str:
    """A LAU2 cell read by the one rule (`normalise_lau2`); a cell that is no code stays as written for the message."""
    return normalise_lau2(code) or code


def text_rule(
    col: ProblemCollector, name: str, spec: dict[str, Any], context: ValidationContext, parsed: dict[str, pd.Series]
) -> pd.Series:
    """Free text: `allowed` values, a `pattern` (with `expected` in words), a `max_length`; the first failing one
    is reported."""
    text = stripped(col.cells[name])
    empty = (text == "").to_numpy()
    if spec.get("required"):
        col.add(empty, name, _empty_message(name, spec))
    pending = ~empty
    checks: list[tuple[Callable[[pd.Series], pd.Series], Callable[[str], str]]] = []
    if "allowed" in spec:
        allowed = list(spec["allowed"])
        checks.append((lambda t: t.isin(allowed), lambda t: f"expected one of {', '.join(allowed)}, found {t!r}"))
    if "pattern" in spec:
        pattern, expected = spec["pattern"], spec["expected"]
        checks.append((lambda t: t.str.fullmatch(pattern), lambda t: f"expected {expected}, found {t[:60]!r}"))
    if "max_length" in spec:
        limit = int(spec["max_length"])
        checks.append(
            (lambda t: t.str.len() <= limit, lambda t: f"expected at most {limit} characters, found {len(t)}")
        )
    for passes, message in checks:
        bad = pending & ~passes(text).fillna(False).to_numpy(dtype=bool)
        if bad.any():
            col.add(bad, name, lambda at, message=message: [message(t) for t in cells_at(text, at)])
            pending &= ~bad
    return text


def year_rule(
    col: ProblemCollector, name: str, spec: dict[str, Any], context: ValidationContext, parsed: dict[str, pd.Series]
) -> pd.Series:
    """A year written as `pattern`, from `min` to `max` (`current`: this calendar year); 0 where it is not one."""
    text = stripped(col.cells[name])
    low = int(spec["min"])
    high = context.current_year if spec["max"] == "current" else int(spec["max"])
    expected = spec["expected"].format(min=low, max=high)
    year = numbers(text, spec["pattern"])
    ok = (year >= low) & (year <= high)
    empty = (text == "").to_numpy()
    if spec.get("required"):
        col.add(empty, name, _empty_message(name, spec, expected=expected))
    else:
        ok = ok | empty
    bad = ~ok & ~empty
    if bad.any():
        found = FOUND[spec.get("found", "quoted")]
        col.add(bad, name, lambda at: [f"expected {expected}, found {found(t)}" for t in cells_at(text, at)])
    return pd.Series(np.nan_to_num(year, nan=0).astype("int64"), index=text.index)


def _list_rule(
    col: ProblemCollector,
    name: str,
    spec: dict[str, Any],
    text: pd.Series,
    message: Callable[[str], str | None],
    pad: bool,
) -> pd.Series:
    """A cell holding several codes separated by `separator`: one problem per bad code, in the order written."""
    lists = [[_pad(c) if pad else c for c in _split(t, spec["separator"])] for t in text]
    positions, messages = [], []
    for position, codes in enumerate(lists):
        if not codes and spec.get("required"):
            positions.append(position)
            messages.append(_empty_message(name, spec))
        for code in codes:
            found = message(code)
            if found is not None:
                positions.append(position)
                messages.append(found)
    col.add_at(np.array(positions, dtype=np.int64), name, messages)
    return pd.Series(lists, index=text.index, dtype=object)


def _single_rule(
    col: ProblemCollector,
    name: str,
    spec: dict[str, Any],
    codes: pd.Series,
    known: np.ndarray,
    message: Callable[[str], str],
) -> None:
    """One code per cell: messages worked out once per distinct unknown code among the rows kept (a file of
    hostile cells may have as many distinct codes as rows)."""
    empty = (codes == "").to_numpy()
    if not spec.get("required"):
        known = known | empty
    if known.all():
        return
    texts: dict[str, str] = {}

    def worded(at: np.ndarray) -> list[str]:
        kept = cells_at(codes, at)
        for code in set(kept) - texts.keys():
            texts[code] = _empty_message(name, spec) if code == "" else message(code)
        return [texts[c] for c in kept]

    col.add(~known, name, worded)


def communes_rule(
    col: ProblemCollector, name: str, spec: dict[str, Any], context: ValidationContext, parsed: dict[str, pd.Series]
) -> pd.Series:
    """LAU2 codes of current communes (`304` read as `0304`); a merged code names its successor (`merged`), any
    other unknown code says what was expected (`unknown`)."""
    reference = context.reference

    def message(code: str) -> str | None:
        if code in reference.merged:
            old_name, new, new_name, day = reference.merged[code]
            return spec["merged"].format(
                code=code, old_name=old_name, new=new, new_name=new_name, day=day, day_text=day_text(day)
            )
        if code not in reference.communes:
            return spec["unknown"].format(code=code, count=len(reference.communes))
        return None

    raw = stripped(col.cells[name])
    if "separator" in spec:
        return _list_rule(col, name, spec, raw, message, pad=True)
    # normalise_lau2 once per distinct cell that it can change: three characters ('304' is '0304')
    three = pd.unique(raw[(raw.str.len() == 3).to_numpy()])
    padded = {c: code for c in three if isinstance(c, str) and (code := _pad(c)) != c}
    codes = raw.replace(padded) if padded else raw
    _single_rule(col, name, spec, codes, codes.isin(list(reference.communes)).to_numpy(), message)
    return codes


def catalogue_rule(
    col: ProblemCollector, name: str, spec: dict[str, Any], context: ValidationContext, parsed: dict[str, pd.Series]
) -> pd.Series:
    """KPI ids of the catalogue; with `suggest`, an unknown id names the closest known ones ("did you mean …?")."""
    ids = context.catalogue.ids

    def message(code: str) -> str | None:
        if code in context.catalogue:
            return None
        close = closest(code.lower(), ids) if "suggest" in spec else []
        hint = spec["suggest"].format(close=or_list(close)) if close else spec.get("no_match", NOT_FOUND)
        return spec["unknown"].format(code=code, hint=hint)

    text = stripped(col.cells[name])
    if "separator" in spec:
        return _list_rule(col, name, spec, text, message, pad=False)
    _single_rule(col, name, spec, text, text.isin(ids).to_numpy(), message)
    return text
