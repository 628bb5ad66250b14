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


@dataclass(frozen=True)
class ProgrammeFacts:
    """Counts from the real programme facts (press releases, official pages), for the home page's second row."""

    gemengepakt_signatories: int
    first_signing: str
    last_signing_year: int
    pilot_communes: int
    equality_conventions: int
    mayors_year: int | None  # the year (31 December) the mayor figures describe; None without any official value
    women_mayors_confirmed: int  # official 1 with high certainty
    women_mayors_unconfirmed: int  # official 1 not confirmed (e.g. proposed, not yet appointed)
    mayors_known: int  # communes whose mayor's gender an official value gives; the rest is unknown
    communes: int
    women_elected: int | None  # 337 in June 2023 (national context)
    mandates: int | None  # of 1,112 mandates


def _int_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def programme_facts(source: Source) -> ProgrammeFacts:
    """Real programme counts and the women-mayor figures as known (confirmed, unconfirmed, communes covered)."""
    row = run_named(source, SQL, "programme_facts").iloc[0]
    return ProgrammeFacts(
        gemengepakt_signatories=int(row["signatories"]),
        first_signing=str(row["first_signing"])[:10],
        last_signing_year=int(row["last_year"]),
        pilot_communes=int(row["pilot_communes"]),
        equality_conventions=int(row["conventions"]),
        mayors_year=_int_or_none(row["mayors_year"]),
        women_mayors_confirmed=int(row["women_mayors_confirmed"]),
        women_mayors_unconfirmed=int(row["women_mayors_unconfirmed"]),
        mayors_known=int(row["mayors_known"]),
        communes=int(row["communes"]),
        women_elected=_int_or_none(row["women_elected"]),
        mandates=_int_or_none(row["mandates"]),
    )
