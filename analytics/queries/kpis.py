"""KPI values as analytics read them: always the current value of each (lau2, kpi, year), from the `kpi_current` view.

- `current_values(source, kpi, year) -> DataFrame[lau2, value, status]`
- `kpi_years(source, kpi) -> list[int]`, `kpis_with_data(source) -> list[str]`
- `kpi_series(source, kpi) -> DataFrame[lau2, year, value, status]` (all communes and years of one KPI)
- `programme_values(source, programme) -> DataFrame[lau2, kpi, year, value, status]`
- `values_of_communes(source, lau2s) -> DataFrame[lau2, kpi, year, value, status, certainty]` (every KPI of a set of communes)
- `map_values(source, kpi, year) -> DataFrame[lau2, name, canton, value, status, certainty, population, submission_id,
  source_row]` (every commune, with or without a value)
- `kpi_in_year(source, kpi, year) -> DataFrame[lau2, name, value, status]` (every commune, with or without a value)
- `kpi_panel(source, year) -> DataFrame[lau2, canton_code, kpi, year, value, status]` (every KPI up to `year`)
- `commune_kpis(source, lau2) -> DataFrame[kpi, programme, type, unit, year, value, status, submission_id, source_row]`
- `current_values_full(source) -> DataFrame` (the whole current-value table with commune, programme, type, unit)
- `kpi_stages(source) -> DataFrame[kpi, stage, label_fr, label_de, label_en]`
- `current_of_communes(source, lau2s) -> DataFrame[lau2, kpi, year, value, status]` (what a submission would change)
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analytics.store.reader import Source, run_named

SQL = "kpis.sql"


def current_values(source: Source, kpi: str, year: int) -> pd.DataFrame:
    """Current value and status of `kpi` in `year` for every commune that has one (map, ranking, benchmark)."""
    return run_named(source, SQL, "current_values", [kpi, int(year)])


def kpi_years(source: Source, kpi: str) -> list[int]:
    """Years with at least one current value of `kpi`, ascending (a year slider's options)."""
    return [int(y) for y in run_named(source, SQL, "kpi_years", [kpi])["year"]]


def kpis_with_data(source: Source) -> list[str]:
    """KPI ids with at least one current value, sorted (a KPI picker offers nothing empty)."""
    return [str(k) for k in run_named(source, SQL, "kpis_with_data")["kpi"]]


def kpi_series(source: Source, kpi: str) -> pd.DataFrame:
    """Every current value of `kpi`, all communes and years, by year then code (trends, cohorts, kNN features)."""
    return run_named(source, SQL, "kpi_series", [kpi])


def programme_values(source: Source, programme: str) -> pd.DataFrame:
    """Every current value of every KPI of `programme` (the percentile heatmap and the small multiples)."""
    return run_named(source, SQL, "programme_values", [programme])


def values_of_communes(source: Source, lau2s: Iterable[str]) -> pd.DataFrame:
    """Every current value of every KPI for the communes `lau2s` (a profile against its peers)."""
    return run_named(source, SQL, "values_of_communes", [list(lau2s)])


def map_values(source: Source, kpi: str, year: int) -> pd.DataFrame:
    """Every commune (even without data) with the KPI's current value, its status and the population of that year."""
    return run_named(source, SQL, "map_values", [kpi, int(year)])


def kpi_in_year(source: Source, kpi: str, year: int) -> pd.DataFrame:
    """Every commune with its current value of `kpi` in `year`, or none (who reported nothing)."""
    return run_named(source, SQL, "kpi_in_year", [kpi, int(year)])


def kpi_panel(source: Source, year: int) -> pd.DataFrame:
    """Current values of all KPIs (but population) up to `year`, with each commune's canton code."""
    return run_named(source, SQL, "kpi_panel", [int(year)])


def commune_kpis(source: Source, lau2: str) -> pd.DataFrame:
    """Every current value of one commune, all KPIs and years (a commune profile)."""
    return run_named(source, SQL, "commune_kpis", [lau2])


def current_values_full(source: Source) -> pd.DataFrame:
    """The whole current-value table, one row per (commune, KPI, year), with commune name, unit and status."""
    return run_named(source, SQL, "current_values_full")


def kpi_stages(source: Source) -> pd.DataFrame:
    """The names of the stages of every stage KPI, by KPI then stage."""
    return run_named(source, SQL, "kpi_stages")


def current_of_communes(source: Source, lau2s: Iterable[str]) -> pd.DataFrame:
    """Every current value of some communes, by commune: what a pending submission is compared with, the form's prefill."""
    return run_named(source, SQL, "current_of_communes", [list(lau2s)])
