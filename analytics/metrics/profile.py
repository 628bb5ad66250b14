"""The commune profile: where one commune stands on every KPI, against communes of its population band.

- `profile_header(reader, lau2) -> ProfileHeader`
- `profile_rows(reader, lau2, peer_lau2s, lang) -> DataFrame`: one row per KPI, latest year of the commune

`analytics.present.profile_table` words the rows for a reader.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.config.catalogue import load_catalogue
from analytics.metrics.peers import peer_stats
from analytics.queries.communes import commune_header
from analytics.queries.kpis import values_of_communes
from analytics.queries.population import GROWTH_BASE_YEAR
from analytics.store.reader import Source


@dataclass(frozen=True)
class ProfileHeader:
    lau2: str
    name: str
    canton: str
    district: str
    area_km2: float
    councillors_estimate: int
    year: int
    population: int
    growth_pct: float | None  # since GROWTH_BASE_YEAR; None when the base year is missing


def profile_header(reader: Source, lau2: str) -> ProfileHeader:
    """The profile's header: who the commune is, its latest population and its growth since GROWTH_BASE_YEAR."""
    row = commune_header(reader, lau2, GROWTH_BASE_YEAR).iloc[0]
    base = row["base_population"]
    growth = None if pd.isna(base) else 100.0 * (row["population"] - base) / base
    return ProfileHeader(
        lau2=lau2, name=str(row["name"]), canton=str(row["canton"]), district=str(row["district"]),
        area_km2=float(row["area_km2"]), councillors_estimate=int(row["councillors_estimate"]),
        year=int(row["year"]), population=int(row["population"]), growth_pct=growth,
    )


def profile_rows(reader: Source, lau2: str, peer_lau2s: list[str], lang: str) -> pd.DataFrame:
    """Every catalogue KPI: the commune's latest value, its peers' median and its percentile rank in that year.

    The trend is the commune's own series over all years with data (gaps stay gaps: years without a value are absent,
    never zero). KPIs the commune never reported still get a row, with no value, so the table shows what is missing.
    """
    catalogue = load_catalogue()
    everyone = sorted(set(peer_lau2s) | {lau2})
    values = values_of_communes(reader, everyone)
    rows = []
    for kpi in catalogue:
        own = values[(values["kpi"] == kpi.id) & (values["lau2"] == lau2)].sort_values("year")
        row = {
            "kpi": kpi.id, "programme": kpi.programme, "label": kpi.label(lang), "unit": kpi.unit,
            "type": kpi.type, "direction": kpi.direction, "year": None, "value": None, "status": None,
            "certainty": None, "peer_median": None, "percentile_rank": None, "peers_with_data": 0, "trend": [],
        }
        if not own.empty:
            latest = own.iloc[-1]
            year = int(latest["year"])
            same_year = values[(values["kpi"] == kpi.id) & (values["year"] == year)][["lau2", "value"]]
            stats = peer_stats(same_year, lau2, list(peer_lau2s), kpi.judging)
            summary = stats.median
            if kpi.type == "boolean":  # a median of 0/1 answers says little: give the share of peers answering yes
                peer_vals = same_year[same_year["lau2"].isin(set(peer_lau2s) - {lau2})]["value"].dropna()
                summary = 100.0 * float(peer_vals.mean()) if len(peer_vals) else None
            row.update(
                year=year, value=float(latest["value"]), status=str(latest["status"]),
                certainty=latest["certainty"] if isinstance(latest["certainty"], str) else None,
                # A neutral KPI has no better end: a rank from 0 (last) to 100 (best) would mislead.
                peer_median=summary, percentile_rank=None if kpi.direction == "neutral" else stats.percentile_rank,
                peers_with_data=stats.n_with_data, trend=[float(v) for v in own["value"]],
            )
        rows.append(row)
    return pd.DataFrame(rows)
