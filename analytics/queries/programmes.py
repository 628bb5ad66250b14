"""Programme stages and the real, sourced programme facts (signatories, pilot communes, equality facts, CEMR).

- `stage_history(source, kpi) -> DataFrame[lau2, name, canton, year, stage, status]`
- `signatories(source)`, `pilot(source)`, `equality_facts(source)`, `cemr_signatories(source)`: the fact tables
  with today's commune name and canton
- `signing_years(source) -> DataFrame[programme, lau2, signing_year]`: the first year each commune signed the
  Gemengepakt ('gemengepakt') or joined the pilot ('pilot'), read from the warehouse once per call
- `programme_facts(source) -> ProgrammeFacts`: the counts on the home page
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.store.reader import Source, run_named

SQL = "programmes.sql"


@dataclass(frozen=True)
class ProgrammeFacts:
    """Counts from the real programme facts (press releases, official pages), for the home page's second row."""

    gemengepakt_signatories: int
    first_signing: str
    last_signing_year: int
    pilot_communes: int
    equality_conventions: int
    women_mayors: int


def stage_history(source: Source, kpi: str) -> pd.DataFrame:
    """Every current value of the stage KPI `kpi`, per commune and year, as an integer stage."""
    return run_named(source, SQL, "stage_history", [kpi])


def signatories(source: Source) -> pd.DataFrame:
    """The real Gemengepakt signatories: date (or only the year), ceremony, signing body, certainty, source."""
    return run_named(source, SQL, "signatories")


def pilot(source: Source) -> pd.DataFrame:
    """The real pilot communes as they signed, under today's code, and whether each signed the Gemengepakt."""
    return run_named(source, SQL, "pilot")


def equality_facts(source: Source) -> pd.DataFrame:
    """Partnership conventions and prizes of Égalité dans les Communes."""
    return run_named(source, SQL, "equality_facts")


def cemr_signatories(source: Source) -> pd.DataFrame:
    """Signatories of the CEMR European Charter for Equality."""
    return run_named(source, SQL, "cemr")


def signing_years(source: Source) -> pd.DataFrame:
    """The first signing year per commune and programme ('gemengepakt', 'pilot'), from the fact tables."""
    return run_named(source, SQL, "signing_years")


def programme_facts(source: Source) -> ProgrammeFacts:
    """The home page's programme counts, straight from the shipped fact tables (never demo)."""
    row = run_named(source, SQL, "programme_facts").iloc[0]
    return ProgrammeFacts(
        gemengepakt_signatories=int(row["signatories"]),
        first_signing=str(row["first_signing"])[:10],
        last_signing_year=int(row["last_year"]),
        pilot_communes=int(row["pilot_communes"]),
        equality_conventions=int(row["conventions"]),
        women_mayors=int(row["women_mayors"]),
    )
