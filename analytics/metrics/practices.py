"""The practices page's search and its filter options: frames in, frames out."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytics.config.catalogue import load_practice_rules

PROGRAMMES = ("equality", "gemengepakt", "pilot", "intercultural", "both")
TITLE_COLUMNS = ("title", "title_fr", "title_de", "title_en")


def title_in(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Each practice's title in `lang` where the file gives one, else the title as submitted."""
    column = f"title_{lang}"
    if column not in frame:
        return frame["title"]
    return frame[column].where(frame[column].notna() & (frame[column] != ""), frame["title"])


def filter_practices(frame: pd.DataFrame, text: str = "", programmes: Sequence[str] = (), domains: Sequence[str] = (),
                     statuses: Sequence[str] = (), lau2: str | None = None, kpi: str | None = None) -> pd.DataFrame:
    """The page's search: words must all appear in a title (any language), the description or the communes; empty
    filters keep everything."""
    keep = pd.Series(True, index=frame.index)
    titles = [frame[c].fillna("") for c in TITLE_COLUMNS if c in frame]
    haystack = pd.concat([*titles, frame["description"], frame["communes"]], axis=1).astype(str).agg(" ".join, axis=1)
    haystack = haystack.str.casefold()
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
