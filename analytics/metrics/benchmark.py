"""What the benchmark and trends pages show, computed from a peer set: rankings, percentile profiles, peer trends.

The peer set is chosen for one year and held fixed over every year of a trend, so a line follows the same communes.
Missing values stay missing: a year without a value is a gap (NaN), never a zero and never interpolated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analytics.config.catalogue import load_catalogue
from analytics.metrics.judging import Judging, score
from analytics.metrics.peers import SMALL_GROUP, peer_stats
from analytics.queries.communes import mergers
from analytics.queries.kpis import kpi_series, kpis_with_data, programme_values
from analytics.store.reader import Source

EXCLUDED_PROGRAMMES = ("context",)  # population is a grouping attribute here, not a result to benchmark
DEFAULT_KPI = "women_councillors_share"
FIRST_KPI_YEAR = 2019  # mergers before the first KPI year (Helperknapp, Rosport-Mompach, Habscht in 2018) need no note


@dataclass(frozen=True)
class Merger:
    """A commune formed during the KPI years: when, and from which former communes ('Grosbous (0705)')."""

    effective_date: date
    former: tuple[str, ...]


def merger_of(reader: Source, lau2: str) -> Merger | None:
    """How a merged commune's earlier years must be read (Groussbus-Wal, Bous-Waldbredimus: 1 September 2023).

    The rule the pages state: values before the merger are those submitted under the new code for today's
    territory; figures of the former communes are never summed or carried over, so a year without one is a gap.
    """
    rows = mergers(reader, lau2, date(FIRST_KPI_YEAR, 1, 1))
    if rows.empty:
        return None
    former = tuple(f"{name} ({code})" if isinstance(code, str) and code else str(name)
                   for code, name in zip(rows["old_lau2"], rows["old_commune"], strict=True))
    return Merger(pd.Timestamp(rows["effective_date"].iloc[0]).date(), former)


def benchmark_kpis(reader: Source) -> list[str]:
    """KPIs with at least one value, in catalogue order, without context figures."""
    present = set(kpis_with_data(reader))
    return [k.id for k in load_catalogue() if k.id in present and k.programme not in EXCLUDED_PROGRAMMES]


def ordered_for_ranking(values: pd.DataFrame, direction: Judging) -> pd.DataFrame:
    """Best first: descending for 'higher' (and 'neutral', shown largest first), ascending for 'lower', nearest the
    target first for a target KPI."""
    keyed = values.assign(_score=score(values["value"].astype("float64"), direction))
    return keyed.sort_values(["_score", "lau2"], ascending=[False, True], kind="stable").drop(columns="_score")


def ranking(values: pd.DataFrame, target: str, peers: list[str], direction: Judging) -> pd.DataFrame:
    """The target and its peers with data, best first: DataFrame[rank, lau2, value, status, is_target].

    Equal values share the best rank (competition ranking, "1, 2, 2, 4"); communes without a value are left out.
    """
    members = [target, *[p for p in dict.fromkeys(peers) if p != target]]
    shown = values[values["lau2"].isin(members)].dropna(subset=["value"])
    shown = ordered_for_ranking(shown, direction).reset_index(drop=True)
    key = -score(shown["value"].astype("float64"), direction)
    shown.insert(0, "rank", key.rank(method="min").astype(int))
    shown["is_target"] = shown["lau2"] == target
    return shown[["rank", "lau2", "value", "status", "is_target"]]


def programme_percentiles(
    reader: Source, lau2: str, peers: list[str], programme: str
) -> pd.DataFrame:
    """Percentile rank of `lau2` among `peers` for every KPI of `programme` and every year (the heatmap).

    DataFrame[kpi, year, value, status, median, percentile_rank, n_with_data, small_group, direction]; neutral KPIs
    are included with their positional rank, the page decides whether to colour them.
    """
    catalogue = load_catalogue()
    data = programme_values(reader, programme)
    rows = []
    for (kpi, year), values in data.groupby(["kpi", "year"], sort=False):
        direction = catalogue[kpi].direction
        stats = peer_stats(values, lau2, peers, catalogue[kpi].judging)
        own = values[values["lau2"] == lau2]
        rows.append(
            {
                "kpi": kpi,
                "year": int(year),
                "value": stats.value,
                "status": own["status"].iloc[0] if len(own) else None,
                "median": stats.median,
                "percentile_rank": stats.percentile_rank,
                "n_with_data": stats.n_with_data,
                "small_group": stats.small_group,
                "direction": direction,
            }
        )
    columns = ["kpi", "year", "value", "status", "median", "percentile_rank", "n_with_data", "small_group",
               "direction"]
    order = {k.id: i for i, k in enumerate(catalogue)}
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["kpi", "year"], key=lambda s: s.map(order) if s.name == "kpi" else s).reset_index(
        drop=True
    )


def trend_frame(series: pd.DataFrame, lau2: str, peers: list[str]) -> pd.DataFrame:
    """Per year: the commune's value, peer median and IQR, national median of all communes, year-over-year change.

    `series`: DataFrame[lau2, year, value, status] of one KPI. Every year from the first to the last with any value
    is a row; a year the commune has no value for has NaN value and NaN change (a gap on the chart).
    """
    columns = ["year", "value", "status", "median", "q1", "q3", "n_with_data", "small_group", "national_median",
               "national_n", "yoy_change"]
    if series.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for year in range(int(series["year"].min()), int(series["year"].max()) + 1):
        values = series[series["year"] == year]
        stats = peer_stats(values, lau2, peers, "neutral")
        own = values[values["lau2"] == lau2]
        national = values["value"].dropna()
        rows.append(
            {
                "year": year,
                "value": stats.value,
                "status": own["status"].iloc[0] if len(own) else None,
                "median": stats.median,
                "q1": stats.q1,
                "q3": stats.q3,
                "n_with_data": stats.n_with_data,
                "small_group": stats.small_group,
                "national_median": float(national.median()) if len(national) else None,
                "national_n": len(national),
            }
        )
    frame = pd.DataFrame(rows).astype({"value": "float64", "median": "float64", "q1": "float64", "q3": "float64",
                                       "national_median": "float64"})
    consecutive = frame["year"].diff() == 1
    frame["yoy_change"] = frame["value"].diff().where(consecutive)  # NaN when either year is missing
    return frame[columns]


def peer_trend(reader: Source, kpi: str, lau2: str, peers: list[str]) -> pd.DataFrame:
    """`trend_frame` for one KPI read from the warehouse."""
    return trend_frame(kpi_series(reader, kpi), lau2, list(peers))


def programme_trends(reader: Source, programme: str, lau2: str, peers: list[str]) -> dict[str, pd.DataFrame]:
    """`trend_frame` for every KPI of a programme (the small multiples), in catalogue order."""
    data = programme_values(reader, programme)
    catalogue_order = [k.id for k in load_catalogue() if k.programme == programme]
    return {
        kpi: trend_frame(data[data["kpi"] == kpi][["lau2", "year", "value", "status"]], lau2, list(peers))
        for kpi in catalogue_order
        if (data["kpi"] == kpi).any()
    }


def is_small(n_with_data: int) -> bool:
    return n_with_data < SMALL_GROUP
