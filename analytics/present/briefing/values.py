"""KPI values as a briefing states them: formatted for the locale, marked when demo, compared with peers.

Peers here are the other communes of the same canton (median of their current values), as the note's map shows
them; the pages use `analytics.metrics.peers` (population band by default), so a note and a page may name different groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.config.catalogue import Kpi
from analytics.present.i18n import Translator, strings

DEMO_MARK = "†"


def format_kpi(kpi: Kpi, value: float | None, tr: Translator) -> str:
    """A KPI value in words a minister reads: `32,5 %`, `12 000 €`, `oui`, `Plan d'action`."""
    if value is None or value != value:
        return "–"
    if kpi.type == "share":
        return tr.percent(value, 1)
    if kpi.type == "eur":
        return tr.eur(value)
    if kpi.type == "boolean":
        return tr("briefing.yes") if value >= 0.5 else tr("briefing.no")
    if kpi.type == "stage":
        stage = int(round(value))
        return kpi.stage_label(stage, tr.lang) if 0 <= stage < len(kpi.stages) else tr.number(value)
    if kpi.type == "count":
        return tr.number(value)
    key = f"briefing.unit.{kpi.unit.lower()}"
    unit = tr(key) if key in strings() else kpi.unit  # a unit added to the catalogue later still reads sensibly
    return f"{tr.number(value, 1)}\u00a0{unit}"


def format_summary(kpi: Kpi, value: float | None, tr: Translator) -> str:
    """Medians of booleans and stages are not values a commune can have: say them as a share or a stage number."""
    if value is None or value != value:
        return "–"
    if kpi.type == "boolean":
        return tr("briefing.share_yes", value=tr.percent(100 * value, 0))
    if kpi.type == "stage":
        return tr("briefing.stage_n", value=tr.number(value, 1 if value != int(value) else 0))
    return format_kpi(kpi, value, tr)


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
