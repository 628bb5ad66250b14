"""Coverage of one KPI in one year (or its latest year), from the per-KPI-and-year counts.

Pages say "official for 10 communes, demo for 90, no value for 0" beside every map, profile and benchmark, so a
reader never mistakes a mostly invented map for a real one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Coverage:
    kpi: str
    year: int | None
    official: int
    demo: int
    none: int
    communes: int

    @property
    def official_only(self) -> bool:
        return self.official > 0 and self.demo == 0


def coverage_of(counts: pd.DataFrame, kpi: str, year: int | None = None, communes: int = 100) -> Coverage:
    """The counts of `kpi` in `year` (default: its latest year); a KPI without values is all "none"."""
    rows = counts[counts["kpi"] == kpi]
    if year is None and len(rows):
        year = int(rows["year"].max())
    hit = rows[rows["year"] == year]
    if hit.empty:
        return Coverage(kpi, year, 0, 0, communes, communes)
    r = hit.iloc[0]
    return Coverage(kpi, year, int(r["official"]), int(r["demo"]), int(r["none"]), int(r["communes"]))


def latest_coverage(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per KPI: its latest year's counts (the catalogue's coverage column)."""
    if counts.empty:
        return counts.assign()
    latest = counts.groupby("kpi")["year"].transform("max")
    return counts[counts["year"] == latest].reset_index(drop=True)
