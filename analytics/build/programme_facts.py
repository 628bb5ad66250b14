"""Build step: the real programme facts of `data/programmes/` as reference tables, with source and certainty.

The official KPI values derived from the same files (Gemengepakt stage 1 in the signing year) are loaded by
`analytics.sources.official`; these tables keep what a KPI cannot hold: dates, ceremonies, the intercommunal body that signed
for its members, the pilot's old commune codes, and the citation of every row.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from analytics.config.settings import Settings
from analytics.store.sql import read_sql
from analytics.store.writer import insert_frame

_YEAR = re.compile(r"(19|20)\d\d")


def _year_in(text: object) -> int | None:
    """The first four-digit year in a free-text period ('by 2022-11-14', '2020 actions'); None when there is none."""
    found = _YEAR.search(str(text or ""))
    return int(found.group(0)) if found else None


def _csv(settings: Settings, name: str) -> pd.DataFrame:
    codes = {"lau2": str, "lau2_at_signing": str}
    return pd.read_csv(settings.programmes_dir / name, dtype=codes, keep_default_na=False, na_values=[""])


def _dates(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column, errors="coerce", format="%Y-%m-%d").dt.date


def load_programme_facts(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Create and fill the five programme fact tables from the shipped CSVs."""
    con.execute(read_sql("schema_programmes.sql"))
    signed = _csv(settings, "gemengepakt_signatories.csv")
    signed["signing_date"] = _dates(signed["signing_date"])
    signed.insert(0, "programme", "gemengepakt")
    insert_frame(con, "programme_signatories", signed)

    pilot = _csv(settings, "pakt_vum_zesummeliewen_pilot.csv")
    pilot["signing_date"] = _dates(pilot["signing_date"])
    insert_frame(con, "pilot_communes", pilot)

    equality = _csv(settings, "egalite_partnerships_and_prizes.csv")
    equality["year"] = equality["date_or_period"].map(_year_in).astype("Int64")
    insert_frame(con, "equality_facts", equality)

    cemr = _csv(settings, "cemr_charter_signatories.csv")
    cemr["signature_date"] = _dates(cemr["signature_date"])
    insert_frame(con, "cemr_signatories", cemr)

    insert_frame(con, "intercultural_press_figures", _csv(settings, "intercultural_press_figures.csv"))
