"""Peer statistics, peer selection and the nearest-communes search, pinned on hand-built tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analytics.metrics.benchmark import programme_percentiles, ranking, trend_frame
from analytics.metrics.peers import (
    GROUPS,
    POPULATION_BANDS,
    nearest_communes,
    peer_groups,
    peer_stats,
    peers_of,
    percentile_rank,
    population_band,
    signed_by,
)
from analytics.queries.communes import communes


def frame(values: dict[str, float | None]) -> pd.DataFrame:
    return pd.DataFrame({"lau2": list(values), "value": list(values.values())})


# Target T = 5; peers 1, 2, 3, 4, 6, 7, 8, 9 (eight values, the target excluded from its own statistics).
EIGHT = frame({"T": 5, "a": 1, "b": 2, "c": 3, "d": 4, "e": 6, "f": 7, "g": 8, "h": 9, "x": 100})
PEERS = list("abcdefgh")


def test_median_and_quartiles_use_linear_interpolation_without_the_target():
    s = peer_stats(EIGHT, "T", PEERS, "higher")
    assert s.value == 5
    assert s.n_with_data == 8
    # numpy/pandas type 7 on [1,2,3,4,6,7,8,9]: q1 at position 1.75, median 4.5 -> 5.0, q3 at position 5.25
    assert (s.q1, s.median, s.q3) == (2.75, 5.0, 7.25)
    assert s.best_quartile == 7.25
    assert s.gap_to_median == 0.0
    assert s.gap_to_best_quartile == pytest.approx(-2.25)
    assert s.percentile_rank == 50.0  # 4 peers below, none equal
    assert not s.small_group


def test_target_listed_among_its_peers_is_still_excluded():
    assert peer_stats(EIGHT, "T", ["T", *PEERS, "a"], "higher") == peer_stats(EIGHT, "T", PEERS, "higher")


def test_direction_lower_inverts_rank_and_best_quartile():
    s = peer_stats(EIGHT, "T", PEERS, "lower")
    assert s.best_quartile == 2.75
    assert s.gap_to_best_quartile == pytest.approx(2.25)
    assert s.percentile_rank == 50.0
    low = peer_stats(frame({"T": 0.5, **{p: v for p, v in zip(PEERS, range(1, 9), strict=True)}}), "T", PEERS, "lower")
    assert low.percentile_rank == 100.0  # lowest value is best when lower is better
    high = peer_stats(frame({"T": 0.5, **{p: v for p, v in zip(PEERS, range(1, 9), strict=True)}}), "T", PEERS, "higher")
    assert high.percentile_rank == 0.0


def test_neutral_has_no_best_quartile_but_a_position():
    s = peer_stats(EIGHT, "T", PEERS, "neutral")
    assert s.best_quartile is None and s.gap_to_best_quartile is None
    assert s.percentile_rank == 50.0


@pytest.mark.parametrize(
    "value,peers,direction,expected",
    [
        (3, [1, 3, 3, 5], "higher", 100 * (1 + 0.5 * 2) / 4),  # 50: one below, two equal
        (3, [1, 3, 3, 5], "lower", 100 * (1 + 0.5 * 2) / 4),  # 50: one above, two equal
        (3, [3, 3, 3, 3], "higher", 50.0),  # equal to everyone: the middle
        (5, [1, 3, 3, 5], "higher", 100 * (3 + 0.5) / 4),  # 87.5
        (5, [1, 3, 3, 5], "lower", 100 * (0 + 0.5) / 4),  # 12.5
        (1, [1, 1, 2], "higher", 100 * (0 + 0.5 * 2) / 3),
    ],
)
def test_percentile_rank_mid_rank_ties(value, peers, direction, expected):
    assert percentile_rank(value, pd.Series(peers), direction) == pytest.approx(expected)


def test_missing_values_are_not_peers_with_data_and_small_groups_are_flagged():
    values = frame({"T": 10, "a": 1, "b": None, "c": 3, "d": float("nan"), "e": 5})
    s = peer_stats(values, "T", list("abcdef"), "higher")  # 'f' has no row at all
    assert s.n_with_data == 3
    assert s.small_group
    assert s.median == 3.0 and s.percentile_rank == 100.0
    assert not peer_stats(frame({"T": 1, **{p: 1 for p in "abcde"}}), "T", list("abcde"), "higher").small_group


def test_target_without_value_and_empty_group():
    s = peer_stats(frame({"a": 1, "b": 2}), "T", ["a", "b"], "higher")
    assert s.value is None and s.percentile_rank is None and s.gap_to_median is None and s.median == 1.5
    empty = peer_stats(frame({"T": 1}), "T", [], "higher")
    assert empty.n_with_data == 0 and empty.small_group and empty.median is None


def test_unknown_direction_is_refused_with_the_expected_values():
    with pytest.raises(ValueError, match="direction was 'up' but is expected to be in"):
        peer_stats(EIGHT, "T", PEERS, "up")


def test_population_bands_cover_every_population_and_put_luxembourg_city_with_the_largest():
    assert population_band(0) == "lt3000"
    assert population_band(2999) == "lt3000"
    assert population_band(3000) == "3000_5999"
    assert population_band(9999) == "6000_9999"
    assert population_band(19_999) == "10000_19999"
    assert population_band(20_000) == population_band(137_678) == "ge20000"
    bounds = [(lo, hi) for _, lo, hi in POPULATION_BANDS]
    assert all(hi == nxt_lo for (_, hi), (nxt_lo, _) in zip(bounds, bounds[1:], strict=False))
    with pytest.raises(ValueError, match="expected to be >= 0"):
        population_band(-1)


def test_nearest_communes_on_a_known_matrix():
    # Two features on a tiny grid. 'd' spreads wider than 'p' (sd 2.48 against 2.23), so after standardising a step of
    # 1 in d is shorter than a step of 1 in p: C (d + 1) is nearer to A than B (p + 1).
    features = pd.DataFrame(
        {"p": [0.0, 1.0, 0.0, 5.0, 5.0, 0.2], "d": [0.0, 0.0, 1.0, 5.0, 6.0, 0.1]},
        index=pd.Index(["A", "B", "C", "D", "E", "F"], name="lau2"),
    )
    near = nearest_communes(features, "A", 3)
    assert list(near["lau2"]) == ["F", "C", "B"]
    assert near["distance"].is_monotonic_increasing
    assert near.loc[0, "closest"] == ["p", "d"] or near.loc[0, "closest"] == ["d", "p"]
    assert set(near.columns) >= {"diff_p", "diff_d", "distance", "closest"}
    assert "A" not in set(nearest_communes(features, "A", 5)["lau2"])
    # standardisation: multiplying one column by 1000 changes nothing
    scaled = features.assign(p=features["p"] * 1000)
    assert list(nearest_communes(scaled, "A", 3)["lau2"]) == ["F", "C", "B"]
    # equal distances go to the lower code
    square = pd.DataFrame({"p": [0.0, 1.0, -1.0, 0.0], "d": [0.0, 0.0, 0.0, 3.0]}, index=["A", "Z", "B", "Q"])
    assert list(nearest_communes(square, "A", 2)["lau2"]) == ["B", "Z"]


def test_nearest_communes_drops_incomplete_rows_and_refuses_an_incomplete_target():
    features = pd.DataFrame({"p": [0.0, 1.0, np.nan, 2.0], "d": [0.0, 1.0, 0.0, 2.0]}, index=["A", "B", "C", "D"])
    assert list(nearest_communes(features, "A", 3)["lau2"]) == ["B", "D"]
    with pytest.raises(ValueError, match="has no complete indicators"):
        nearest_communes(features, "C", 2)


def test_ranking_is_direction_aware_with_shared_ranks():
    values = frame({"T": 3, "a": 1, "b": 3, "c": 5, "z": 9}).assign(status="demo")
    higher = ranking(values, "T", ["a", "b", "c"], "higher")
    assert list(higher["lau2"]) == ["c", "T", "b", "a"] and list(higher["rank"]) == [1, 2, 2, 4]
    assert higher.loc[higher["lau2"] == "T", "is_target"].item()
    lower = ranking(values, "T", ["a", "b", "c"], "lower")
    assert list(lower["lau2"]) == ["a", "T", "b", "c"] and list(lower["rank"]) == [1, 2, 2, 4]


def test_trend_frame_leaves_missing_years_as_gaps():
    rows = [("T", 2019, 10.0), ("T", 2021, 14.0), ("T", 2022, 15.0)]
    rows += [(p, y, float(v + y - 2019)) for p, v in zip("abcde", [1, 2, 3, 4, 5], strict=True) for y in (2019, 2020, 2021, 2022)]
    series = pd.DataFrame(rows, columns=["lau2", "year", "value"]).assign(status="demo")
    trend = trend_frame(series, "T", list("abcde")).set_index("year")
    assert list(trend.index) == [2019, 2020, 2021, 2022]
    assert math.isnan(trend.loc[2020, "value"])  # a gap, not zero
    assert math.isnan(trend.loc[2020, "yoy_change"]) and math.isnan(trend.loc[2021, "yoy_change"])
    assert trend.loc[2022, "yoy_change"] == 1.0
    assert trend.loc[2020, "median"] == 4.0 and trend.loc[2020, "q1"] == 3.0 and trend.loc[2020, "q3"] == 5.0
    assert trend.loc[2019, "national_median"] == 3.5  # all six communes, the target included
    assert trend.loc[2020, "n_with_data"] == 5 and not trend.loc[2020, "small_group"]


# --- on the warehouse built from the repository's real reference data (no demo values) ---------------------------


def test_peer_groups_has_every_commune_and_the_documented_cohorts(reader):
    groups = peer_groups(reader, 2025)
    assert len(groups) == 100 and groups["lau2"].is_unique
    assert groups["population_band"].value_counts().min() >= 5
    lux = groups.set_index("lau2").loc["0304"]
    assert lux["population_band"] == "ge20000" and lux["canton"] == "Luxembourg"
    assert groups.set_index("lau2").loc["0201", "gemengepakt"]  # Bettembourg signed in March 2024
    assert not peer_groups(reader, 2023).set_index("lau2").loc["0201", "gemengepakt"]
    assert groups.set_index("lau2").loc["0711", "pilot"]  # Groussbus-Wal, through Grosbous and Wahl (2021)


def test_peers_of_every_group(reader):
    canton = peers_of(reader, "0304", "canton", 2025)
    assert canton.criterion == "Luxembourg" and "0304" not in canton.lau2s and "0303" in canton.lau2s
    band = peers_of(reader, "0304", "population_band", 2025)
    assert band.criterion == "ge20000" and set(band.lau2s) == {"0202", "0203", "0204", "0209"}
    assert peers_of(reader, "0201", "gemengepakt", 2025).criterion == "member"
    custom = peers_of(reader, "0304", "custom", 2025, custom=["0101", "0304", "9999", "0101"])
    assert custom.lau2s == ["0101"] and custom.refused == ("0304", "9999")
    similar = peers_of(reader, "0304", "similar", 2025, k=5)
    assert len(similar.lau2s) == 5 and "0304" not in similar.lau2s
    # the session warehouse is a first start (official + demo values), so every commune has a foreign-resident share
    assert similar.features == ("log_population", "log_density", "growth_pct", "foreign_share")
    for group in GROUPS:
        assert isinstance(peers_of(reader, "0711", group, 2024).lau2s, list)


def test_canton_peers_are_the_other_communes_of_the_canton_in_any_year(reader):
    # the practices page's "what did peers do?" uses this group: one definition of canton peers
    table = communes(reader)
    for lau2 in ("0304", "0711", "1209"):
        canton = table.set_index("lau2").at[lau2, "canton"]
        expected = sorted(table[(table["canton"] == canton) & (table["lau2"] != lau2)]["lau2"])
        latest = peers_of(reader, lau2, "canton", None)
        assert (latest.criterion, latest.lau2s) == (canton, expected)
        assert peers_of(reader, lau2, "canton", 2020).lau2s == expected


def test_cohorts_follow_the_signing_years_of_the_warehouse():
    signing = pd.DataFrame({"programme": ["gemengepakt", "gemengepakt", "pilot", "pilot"],
                            "lau2": ["A", "B", "A", "A"], "signing_year": [2024, 2025, 2022, 2021]})
    lau2s = pd.Series(["A", "B", "C"])
    assert signed_by(signing, "gemengepakt", lau2s, 2023).tolist() == [False, False, False]
    assert signed_by(signing, "gemengepakt", lau2s, 2024).tolist() == [True, False, False]
    assert signed_by(signing, "gemengepakt", lau2s, 2025).tolist() == [True, True, False]
    assert signed_by(signing, "pilot", lau2s, 2021).tolist() == [True, False, False]  # the first year counts


def test_programme_percentiles_on_the_official_values(reader):
    peers = peers_of(reader, "0201", "canton", 2025).lau2s
    heat = programme_percentiles(reader, "0201", peers, "intercultural")
    stage = heat[heat["kpi"] == "gemengepakt_stage"]
    # official stage 1 in the signing year (2024) and demo values around it, 2019-2026
    assert set(stage["year"]) == set(range(2019, 2027)) and stage["direction"].eq("higher").all()
    assert stage.loc[stage["year"] == 2024, "value"].tolist() == [1.0]
    ranked = stage.dropna(subset=["value"])
    assert len(ranked) and ranked["percentile_rank"].between(0, 100).all()


def test_parse_custom_reads_excel_codes_and_keeps_refused_items():
    from analytics.metrics.peers import parse_custom

    assert parse_custom("0101, 304,x,0101,,99999", {"0101", "0304"}) == (["0101", "0304"], ["x", "99999"])
    assert parse_custom(None, {"0101"}) == ([], [])


def test_mergers_during_the_kpi_years_are_named_and_older_ones_ignored(reader):
    from datetime import date

    from analytics.metrics.benchmark import merger_of

    groussbus = merger_of(reader, "0711")
    assert groussbus.effective_date == date(2023, 9, 1)
    assert groussbus.former == ("Grosbous (0705)", "Wahl (0710)")
    assert merger_of(reader, "1209").former == ("Bous (1201)", "Waldbredimus (1208)")
    assert merger_of(reader, "0403") is None  # Helperknapp, 2018: before the first KPI year
    assert merger_of(reader, "0304") is None
