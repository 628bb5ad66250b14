"""The practices page's search and its filter options: frames in, frames out."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytics.config.catalogue import load_practice_rules

PROGRAMMES = ("equality", "gemengepakt", "pilot")


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

def domains() -> list[str]:
    """The allowed domains, in rule-file order (a filter's options)."""
    return list(load_practice_rules()["fields"]["domain"]["allowed"])
