"""Population, density and growth of the communes: the real STATEC figures behind the home page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.store.reader import Source, run_named

SQL = "population.sql"

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


def national_context(source: Source) -> pd.DataFrame:
    """National and constituency facts with a topic (337 of 1,112 women elected, colleges without a woman, shares
    by constituency), each with its source and certainty."""
    return run_named(source, SQL, "national_context")


def build_info(source: Source) -> BuildInfo:
    """When the warehouse was built, from which sources, and its latest population year (every page's default)."""
    row = run_named(source, SQL, "build_info").iloc[0]
    return BuildInfo(str(row["stamp"]), str(row["built_at"])[:16], int(row["data_as_of"]), str(row["sources"]))


def population_years(source: Source) -> list[int]:
    """Years with any STATEC figure, ascending."""
    return [int(y) for y in run_named(source, SQL, "population_years")["year"]]


def commune_metrics(source: Source, year: int, base_year: int = GROWTH_BASE_YEAR) -> pd.DataFrame:
    """One row per commune: population on 1 January of `year`, density per km² and growth since `base_year` in %."""
    return run_named(source, SQL, "commune_population_metrics", [int(year), int(base_year)])


def national_population(source: Source) -> pd.DataFrame:
    """STATEC's own national total per year (not a sum of communes)."""
    return run_named(source, SQL, "national_population")


def population_series(source: Source, level: str, code: str) -> pd.DataFrame:
    """Population per year of one commune (`level` 'commune', `code` = lau2) or the country ('country', 'T')."""
    return run_named(source, SQL, "population_series", [level, code])


def headline(source: Source, year: int, base_year: int = GROWTH_BASE_YEAR) -> Headline:
    """National totals come from STATEC's own total, not a sum of communes (2010 lacks Groussbus-Wal)."""
    national = national_population(source).set_index("year")["population"]
    metrics = commune_metrics(source, year, base_year)
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
