"""The shape every official fact row has, and the small readers the fact modules share.

An official row is a KPI value plus what a reader needs to judge it: its certainty as the source file states it, the
source URL, the reference date as written, how it was established (`basis`) and a note. The value columns go into a
submission file; the rest is stored per value beside it (table `official_value_sources`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analytics.config.settings import Settings

KPI_COLUMNS = ["lau2", "kpi", "year", "value", "certainty", "source", "reference_date", "basis", "note"]

FIRST_MANDATE_YEAR = 2023  # councils elected 11 June 2023, colleges sworn in July 2023
LAST_MANDATE_YEAR = 2028  # last 31 December before the next communal elections (2029)
FIRST_KPI_YEAR = 2019  # first year of the KPI series the app shows


def read_text_csv(path: Path) -> pd.DataFrame:
    """Every cell as text, an empty cell as '' (codes keep their leading zeros, '>50' stays '>50')."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def current_communes(settings: Settings) -> set[str]:
    return set(read_text_csv(settings.reference_dir / "communes.csv")["lau2"])


def former_communes(settings: Settings) -> dict[str, str]:
    """Old LAU2 -> successor for the mergers whose old codes are known (2023: Grosbous, Wahl, Bous, Waldbredimus)."""
    m = read_text_csv(settings.reference_dir / "commune_mergers.csv")
    m = m[m["old_lau2"] != ""]
    return dict(zip(m["old_lau2"], m["new_lau2"], strict=True))


def last_data_year(settings: Settings) -> int:
    """The latest year with a STATEC population figure: no mandate is carried beyond the data the app holds."""
    pop = pd.read_csv(settings.reference_dir / "population.csv", usecols=["year"])
    return int(pop["year"].max())


def mandate_years(last_year: int) -> list[int]:
    """Years (on 31 December) of the mandate elected in June 2023 that the data reaches."""
    return list(range(FIRST_MANDATE_YEAR, min(last_year, LAST_MANDATE_YEAR) + 1))


def certainty_of(text: str, part: str | None = None) -> str:
    """'high (share) / medium (count)' -> the certainty of `part`; a plain value is returned as it is."""
    text = text.strip()
    if part and "/" in text:
        for piece in text.split("/"):
            m = re.fullmatch(r"\s*([a-z-]+)\s*\(([^)]*)\)\s*", piece)
            if m and m.group(2) == part:
                return m.group(1)
    return text.split()[0] if text else ""


def first_url(text: str) -> str:
    urls = re.findall(r"https?://\S+", text)
    return urls[0] if urls else text.strip()


def reference_year(text: str) -> int | None:
    m = re.match(r"\s*(\d{4})", text)
    return int(m.group(1)) if m else None


def numeric(text: str) -> float | None:
    """'70.6', '70,6 %' -> a number; '>50' or a word -> None (a bound is not a value)."""
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*", text)
    return float(m.group(1).replace(",", ".")) if m else None


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=KPI_COLUMNS)
