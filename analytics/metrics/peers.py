"""Peer groups a user can understand: who a commune is compared with, why, and how it stands among them.

Public API (the commune profile calls it too):
- `POPULATION_BANDS`, `population_band(population) -> band id`
- `peer_groups(reader, year=None) -> DataFrame[lau2, name, canton, district, population, density, growth_pct,
  population_band, gemengepakt, pilot, equality_stage]`
- `peers_of(reader, lau2, group, year, k=8, custom=None) -> PeerSet`
- `peer_stats(values, target, peers, direction) -> PeerStats`
- `nearest_communes(features, target, k) -> DataFrame` (the kNN behind the 'similar' group, pure and tested)

Rules, stated once:
- The target never counts among its own peers: statistics describe the *other* communes of the group, and the
  target's value is placed against them (Kolada and My Local Council compare a council with its family, not with a
  family that includes itself).
- Percentile rank uses mid-ranks: `100 × (worse + 0.5 × equal) / n` over the n peers with data, where "worse" means
  lower for direction 'higher' and 'neutral', higher for direction 'lower', further from the target for a target
  KPI (`analytics.metrics.judging`). So 100 is always best, a tie counts half, and a commune equal to every peer
  sits at 50.
- Quartiles are pandas/numpy's default linear interpolation (Hyndman–Fan type 7, as Excel's QUARTILE.INC).
- A group with fewer than `SMALL_GROUP` peers with data is flagged `small_group`; pages say so instead of comparing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.checks.codes import normalise_lau2
from analytics.config.catalogue import Target
from analytics.metrics.judging import Judging, check, score
from analytics.queries.communes import communes
from analytics.queries.kpis import kpi_series
from analytics.queries.population import commune_metrics, population_years
from analytics.queries.programmes import signing_years
from analytics.store.reader import Source

SMALL_GROUP = 5
DEFAULT_K = 8
K_OPTIONS: tuple[int, ...] = tuple(range(3, 16))
GROUPS: tuple[str, ...] = (
    "similar", "canton", "district", "population_band", "gemengepakt", "pilot", "equality_stage", "custom",
)
GROWTH_YEARS = 5  # "growth" for the kNN = population change over the five years before the chosen year

# Bands follow the council-size thresholds of the loi communale (art. 5: 9 members below 3,000 residents, 11 below
# 6,000, 13 below 10,000, 15-17 below 20,000, 19 and more from 20,000), merged where a band would hold too few
# communes. Luxembourg city (~138,000) sits in the top band: a group of one compares nothing.
POPULATION_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("lt3000", 0, 3000),
    ("3000_5999", 3000, 6000),
    ("6000_9999", 6000, 10000),
    ("10000_19999", 10000, 20000),
    ("ge20000", 20000, None),
)

# Structural indicators of the 'similar' group. Population and density are compared on a log scale (Luxembourg city
# is 300 times Saeul); each indicator is standardised to mean 0, sd 1 over all communes before distances are taken.
SIMILARITY_FEATURES: tuple[str, ...] = ("log_population", "log_density", "growth_pct", "foreign_share")
FOREIGN_KPI = "foreign_residents_share"
EQUALITY_STAGE_KPI = "equality_action_plan_stage"


class PeerGroupError(ValueError):
    """A peer group id that does not exist (pages validate the URL first, so this is a programming error)."""


def population_band(population: int) -> str:
    """The band id of a population on 1 January; bands are half-open, [lower, upper)."""
    if population is None or (isinstance(population, float) and math.isnan(population)):
        raise ValueError("population was missing but a number of residents is expected")
    for band, lower, upper in POPULATION_BANDS:
        if population >= lower and (upper is None or population < upper):
            return band
    raise ValueError(f"population was {population!r} but is expected to be >= 0")


@dataclass(frozen=True)
class PeerSet:
    """The communes a commune is compared with, and the facts a page needs to say why."""

    target: str
    group: str
    lau2s: list[str]
    criterion: str | None = None  # the shared value: canton name, band id, stage, 'signatory' / 'not_signatory'
    features: tuple[str, ...] = ()  # 'similar' only: indicators actually used
    foreign_status: str | None = None  # 'official', 'demo' or 'mixed' when the foreign-resident share was used
    neighbours: pd.DataFrame | None = field(default=None, compare=False)  # 'similar': distance and closest indicators
    refused: tuple[str, ...] = ()  # 'custom': codes that are not communes (or the target itself)


@dataclass(frozen=True)
class PeerStats:
    """Where one commune's value stands among its peers for one KPI and year (see the module rules)."""

    value: float | None
    median: float | None
    q1: float | None
    q3: float | None
    best_quartile: float | None  # threshold of the best quartile: q3 ('higher'), q1 ('lower'), None ('neutral')
    percentile_rank: float | None
    gap_to_median: float | None  # value - median
    gap_to_best_quartile: float | None  # value - best_quartile
    n_with_data: int
    small_group: bool


def _opt(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def percentile_rank(value: float, peer_values: pd.Series, direction: Judging) -> float | None:
    """Mid-rank percentile of `value` among `peer_values`: 100 × (worse + 0.5 × equal) / n, 100 = best."""
    vals = pd.Series(peer_values, dtype="float64").dropna()
    if value is None or math.isnan(value) or vals.empty:
        return None
    own, vals = score(float(value), direction), score(vals, direction)  # higher is better from here on
    worse, equal = int((vals < own).sum()), int((vals == own).sum())
    return 100.0 * (worse + 0.5 * equal) / len(vals)


def peer_stats(values: pd.DataFrame, target: str, peers: list[str], direction: Judging) -> PeerStats:
    """Median, quartiles, percentile rank and gaps of `target` against `peers` (target excluded, NaN ignored); for a
    target KPI the "best quartile" is the target value itself (parity), what every commune is measured against."""
    check(direction)
    indexed = values.drop_duplicates("lau2").set_index("lau2")["value"].astype("float64")
    own = _opt(indexed.get(target, float("nan")))
    peer_values = indexed.reindex([p for p in dict.fromkeys(peers) if p != target]).dropna()
    n = len(peer_values)
    if n == 0:
        return PeerStats(own, None, None, None, None, None, None, None, 0, True)
    q1, median, q3 = (float(q) for q in peer_values.quantile([0.25, 0.5, 0.75]))
    best = direction.value if isinstance(direction, Target) else {"higher": q3, "lower": q1}.get(direction)
    return PeerStats(
        value=own,
        median=median,
        q1=q1,
        q3=q3,
        best_quartile=best,
        percentile_rank=percentile_rank(own, peer_values, direction) if own is not None else None,
        gap_to_median=None if own is None else own - median,
        gap_to_best_quartile=None if own is None or best is None else own - best,
        n_with_data=n,
        small_group=n < SMALL_GROUP,
    )


def nearest_communes(features: pd.DataFrame, target: str, k: int) -> pd.DataFrame:
    """The `k` communes closest to `target` on standardised indicators, with the reason each one is close.

    `features`: index lau2, one numeric column per indicator. Rows with a missing indicator are left out; each
    column is z-scored over the remaining rows (population sd); the distance is Euclidean; ties go to the lower code.
    Returns DataFrame[lau2, distance, closest] plus `diff_<indicator>` = |z difference| per indicator, where
    `closest` lists the indicators on which the neighbour is nearer than 0.5 sd, closest first (or, when none is,
    the single nearest one, so the reason is never empty).
    """
    complete = features.dropna()
    if target not in complete.index:
        raise ValueError(f"commune {target!r} has no complete indicators, but the nearest-communes search needs them")
    sd = complete.std(ddof=0).replace(0, 1.0)
    z = (complete - complete.mean()) / sd
    diffs = (z - z.loc[target]).abs().drop(index=target)
    distance = np.sqrt((diffs**2).sum(axis=1))
    out = diffs.add_prefix("diff_")
    out.insert(0, "distance", distance)
    out = out.rename_axis("lau2").reset_index().sort_values(["distance", "lau2"]).head(k)

    def closest(row: pd.Series) -> list[str]:
        ordered = sorted((row[f"diff_{c}"], c) for c in features.columns)
        return [c for d, c in ordered if d < 0.5] or [ordered[0][1]]

    out["closest"] = out.apply(closest, axis=1)
    return out.reset_index(drop=True)


def _value_in(series: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each commune's value in `year`, or its latest earlier one (a stage reached stays reached)."""
    upto = series[series["year"] <= year].sort_values("year")
    return upto.groupby("lau2").tail(1).set_index("lau2")


def signed_by(signing: pd.DataFrame, programme: str, lau2s: pd.Series, year: int) -> pd.Series:
    """Whether each of `lau2s` had signed `programme` by the end of `year`; `signing` is `signing_years`' frame."""
    first = signing[signing["programme"] == programme].groupby("lau2")["signing_year"].min()
    return lau2s.map(first).le(year).astype(bool)


def _population_year(reader: Source, year: int) -> int:
    years = population_years(reader)
    return min(max(year, years[0] + GROWTH_YEARS), years[-1])


def peer_groups(reader: Source, year: int | None = None) -> pd.DataFrame:
    """One row per commune with every grouping attribute in `year` (default: the latest population year).

    Cohorts: `gemengepakt` and `pilot` are True when the commune had signed by the end of `year` (the warehouse's
    programme_signatories and pilot_communes tables); `equality_stage` is the equality action-plan stage in `year`
    (latest earlier value if none).
    """
    pop_year = _population_year(reader, year if year is not None else population_years(reader)[-1])
    year = year if year is not None else pop_year
    metrics = commune_metrics(reader, pop_year, pop_year - GROWTH_YEARS)
    geo = communes(reader).sort_values("lau2").reset_index(drop=True)  # peers listed by code, as before
    frame = geo.merge(metrics[["lau2", "population", "density", "growth_pct"]], on="lau2", how="left")
    frame["population_band"] = [population_band(int(p)) if pd.notna(p) else None for p in frame["population"]]
    signing = signing_years(reader)
    for programme in ("gemengepakt", "pilot"):
        frame[programme] = signed_by(signing, programme, frame["lau2"], year)
    stage = _value_in(kpi_series(reader, EQUALITY_STAGE_KPI), year)["value"]
    frame["equality_stage"] = frame["lau2"].map(stage).astype("Int64")
    foreign = _value_in(kpi_series(reader, FOREIGN_KPI), year)
    frame["foreign_share"] = frame["lau2"].map(foreign["value"])
    frame["foreign_status"] = frame["lau2"].map(foreign["status"])
    return frame


def similarity_features(groups: pd.DataFrame) -> pd.DataFrame:
    """The kNN matrix: log population, log density, growth and, when every commune has one, foreign share."""
    features = pd.DataFrame(
        {
            "log_population": np.log(groups["population"].astype("float64")),
            "log_density": np.log(groups["density"].astype("float64")),
            "growth_pct": groups["growth_pct"].astype("float64"),
            "foreign_share": groups["foreign_share"].astype("float64"),
        }
    ).set_axis(groups["lau2"])
    # A feature known for only a few communes would shrink the candidate list to those few: drop it instead.
    if features["foreign_share"].notna().mean() < 0.9:
        features = features.drop(columns="foreign_share")
    return features


def peers_of(
    reader: Source,
    lau2: str,
    group: str,
    year: int | None,
    k: int = DEFAULT_K,
    custom: list[str] | tuple[str, ...] | None = None,
) -> PeerSet:
    """The peers of `lau2` in `group` for `year` (target excluded), with what they share or why they are similar.

    `year` None means the latest population year (groups that do not change with the year: canton, district).
    """
    if group not in GROUPS:
        raise PeerGroupError(f"group was {group!r} but is expected to be in {list(GROUPS)}")
    groups = peer_groups(reader, year)
    if lau2 not in set(groups["lau2"]):
        raise ValueError(f"commune was {lau2!r} but is expected to be a LAU2 code of the current communes")
    others = groups[groups["lau2"] != lau2]
    me = groups.set_index("lau2").loc[lau2]
    if group == "custom":
        known = set(others["lau2"])
        asked = list(dict.fromkeys(custom or []))
        return PeerSet(lau2, group, [c for c in asked if c in known], refused=tuple(c for c in asked if c not in known))
    if group == "similar":
        features = similarity_features(groups)
        near = nearest_communes(features, lau2, k)
        used = tuple(features.columns)
        status = None
        if "foreign_share" in used:
            statuses = set(groups["foreign_status"].dropna())
            status = statuses.pop() if len(statuses) == 1 else "mixed"
        return PeerSet(lau2, group, list(near["lau2"]), features=used, foreign_status=status, neighbours=near)
    column = {"gemengepakt": "gemengepakt", "pilot": "pilot"}.get(group, group)
    criterion = me[column]
    if pd.isna(criterion):
        return PeerSet(lau2, group, [], criterion=None)
    members = others[others[column] == criterion]["lau2"].tolist()
    if group in ("gemengepakt", "pilot"):
        criterion = "member" if bool(criterion) else "not_member"
    return PeerSet(lau2, group, members, criterion=str(criterion))


def parse_custom(raw: str | None, known: list[str] | set[str]) -> tuple[list[str], list[str]]:
    """A `custom=` URL value ('0101,304,x') as (accepted codes in order, refused raw items); '304' reads '0304'."""
    if not raw:
        return [], []
    known = set(known)
    accepted: list[str] = []
    refused: list[str] = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        code = normalise_lau2(item)
        if code is not None and code in known:
            if code not in accepted:
                accepted.append(code)
        else:
            refused.append(item)
    return accepted, refused
