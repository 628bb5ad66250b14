"""Population, density and growth of the communes: the real STATEC figures behind the home page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.store.reader import Source, WarehouseReader, run_named
from analytics.store.sql import query

GROWTH_BASE_YEAR = 2015
HOME_METRICS: tuple[str, ...] = ("population", "density", "growth")


@dataclass(frozen=True)
class BuildInfo:
    stamp: str
    built_at: str
    data_as_of: int
    sources: str


@dataclass(frozen=True)
class Headline:
    """The figures a briefing opens with: how many communes, how many people, who is biggest and growing fastest."""

    year: int
    base_year: int
    communes: int
    national_population: int
    national_growth_pct: float
    largest_name: str
    largest_population: int
    fastest_name: str
    fastest_growth_pct: float


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
    row = run_named(source, "population.sql", "programme_facts").iloc[0]
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


def national_context(source: Source) -> pd.DataFrame:
    """National and constituency facts with a topic (337 of 1,112 women elected, colleges without a woman, shares
    by constituency), each with its source and certainty."""
    return run_named(source, "population.sql", "national_context")


def build_info(reader: WarehouseReader) -> BuildInfo:
    row = reader.query(query("population.sql", "build_info")).iloc[0]
    return BuildInfo(str(row["stamp"]), str(row["built_at"])[:16], int(row["data_as_of"]), str(row["sources"]))


def population_years(reader: WarehouseReader) -> list[int]:
    return [int(y) for y in reader.query(query("population.sql", "population_years"))["year"]]


def commune_metrics(reader: WarehouseReader, year: int, base_year: int = GROWTH_BASE_YEAR) -> pd.DataFrame:
    """One row per commune: population on 1 January of `year`, density per km² and growth since `base_year` in %."""
    return reader.query(query("population.sql", "commune_population_metrics"), {"year": year, "base_year": base_year})


def national_population(reader: WarehouseReader) -> pd.DataFrame:
    return reader.query(query("population.sql", "national_population"))


def headline(reader: WarehouseReader, year: int, base_year: int = GROWTH_BASE_YEAR) -> Headline:
    """National totals come from STATEC's own total, not a sum of communes (2010 lacks Groussbus-Wal)."""
    national = national_population(reader).set_index("year")["population"]
    metrics = commune_metrics(reader, year, base_year)
    largest = metrics.loc[metrics["population"].idxmax()]
    fastest = metrics.loc[metrics["growth_pct"].idxmax()]
    now, then = int(national.loc[year]), int(national.loc[base_year])
    return Headline(
        year=year,
        base_year=base_year,
        communes=int(metrics["lau2"].nunique()),
        national_population=now,
        national_growth_pct=100.0 * (now - then) / then,
        largest_name=str(largest["name"]),
        largest_population=int(largest["population"]),
        fastest_name=str(fastest["name"]),
        fastest_growth_pct=float(fastest["growth_pct"]),
    )
