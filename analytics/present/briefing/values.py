"""KPI values as a briefing states them: marked when demo, compared with peers (worded by analytics.present.format).

Peers here are the other communes of the same canton (median of their current values), as the note's map shows
them; the pages use `analytics.metrics.peers` (population band by default), so a note and a page may name different groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

DEMO_MARK = "†"


def marked(text: str, status: str | None) -> str:
    """Append the demo mark so a reader sees on the figure itself that it is invented."""
    return f"{text}\u00a0{DEMO_MARK}" if status == "demo" else text


@dataclass(frozen=True)
class LatestValue:
    value: float | None
    year: int | None
    status: str | None


def latest_value(panel: pd.DataFrame, lau2: str, kpi: str) -> LatestValue:
    """The commune's most recent value of `kpi` in the panel (which already stops at the briefing year)."""
    rows = panel[(panel["lau2"] == lau2) & (panel["kpi"] == kpi)]
    if rows.empty:
        return LatestValue(None, None, None)
    row = rows.loc[rows["year"].idxmax()]
    return LatestValue(float(row["value"]), int(row["year"]), str(row["status"]))


def peer_median(
    panel: pd.DataFrame, kpi: str, year: int, canton_code: str | None = None, kpi_type: str = "share"
) -> float | None:
    """Median of `kpi` in `year` over a canton (or the country): the simple peer group until analytics.metrics.peers exists.

    For a yes/no KPI the median (0 or 1) hides the picture, so the share of communes saying yes is returned instead.
    """
    rows = panel[(panel["kpi"] == kpi) & (panel["year"] == year)]
    if canton_code is not None:
        rows = rows[rows["canton_code"] == canton_code]
    if rows.empty:
        return None
    return float(rows["value"].mean() if kpi_type == "boolean" else rows["value"].median())


def position(panel: pd.DataFrame, kpi: str, year: int, value: float | None) -> float | None:
    """Where `value` sits between the lowest and highest commune that year, 0..1 (for the little dot plot)."""
    rows = panel[(panel["kpi"] == kpi) & (panel["year"] == year)]["value"]
    if value is None or rows.empty:
        return None
    lo, hi = float(rows.min()), float(rows.max())
    return 0.5 if hi == lo else max(0.0, min(1.0, (value - lo) / (hi - lo)))


def yearly_median(
    panel: pd.DataFrame, kpi: str, canton_code: str | None = None, kpi_type: str = "share"
) -> list[tuple[int, float]]:
    rows = panel[panel["kpi"] == kpi]
    if canton_code is not None:
        rows = rows[rows["canton_code"] == canton_code]
    values = rows.groupby("year")["value"]
    medians = values.mean() if kpi_type == "boolean" else values.median()
    return [(int(y), float(v)) for y, v in medians.items()]


def commune_series(panel: pd.DataFrame, lau2: str, kpi: str) -> list[tuple[int, float]]:
    rows = panel[(panel["lau2"] == lau2) & (panel["kpi"] == kpi)].sort_values("year")
    return [(int(y), float(v)) for y, v in zip(rows["year"], rows["value"], strict=True)]
