"""What a pending submission would change: each of its values against the value current in the warehouse."""

from __future__ import annotations

import numpy as np
import pandas as pd

NEW, REVISED, UNCHANGED = "new", "revised", "unchanged"
KEYS = ["lau2", "kpi", "year"]


def submission_diff(incoming: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """lau2, kpi, year, old_value, old_status, new_value, change (new | revised | unchanged), source_row.

    `incoming` has lau2, kpi, year, value, source_row (a validated file); `current` lau2, kpi, year, value, status
    (kpi_current, any superset of the keys). A value equal to the current one is unchanged even if that one is demo:
    approval then makes it official, which `old_status` shows.
    """
    columns = ["lau2", "kpi", "year", "old_value", "old_status", "new_value", "change", "source_row"]
    if incoming.empty:
        return pd.DataFrame(columns=columns)
    new = incoming[[*KEYS, "value", "source_row"]].rename(columns={"value": "new_value"})
    new = new.assign(year=new["year"].astype(int))
    old = current[[*KEYS, "value", "status"]].rename(columns={"value": "old_value", "status": "old_status"})
    old = old.assign(year=old["year"].astype(int))
    merged = new.merge(old, on=KEYS, how="left")
    merged["change"] = np.select(
        [merged["old_value"].isna(), np.isclose(merged["old_value"].fillna(np.nan), merged["new_value"])],
        [NEW, UNCHANGED],
        REVISED,
    )
    order = {NEW: 1, REVISED: 0, UNCHANGED: 2}
    merged = merged.sort_values(by=["change", "kpi", "year", "lau2"], key=lambda s: s.map(order) if s.name == "change" else s)
    return merged[columns].reset_index(drop=True)


def diff_counts(diff: pd.DataFrame) -> dict[str, int]:
    """How many values are new, revised and unchanged."""
    return {kind: int((diff["change"] == kind).sum()) for kind in (NEW, REVISED, UNCHANGED)}
