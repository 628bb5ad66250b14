"""Shares of women are judged by their distance to parity (direction 'target'), not 'the higher the better'."""

import pandas as pd
import pytest

from analytics.config.catalogue import Target, load_catalogue
from analytics.metrics.benchmark import ordered_for_ranking, ranking
from analytics.metrics.classify import classify_around
from analytics.metrics.peers import peer_stats, percentile_rank
from analytics.metrics.standing import ranks
from analytics.present.i18n import Translator
from analytics.present.kpi_map import build_kpi_map
from analytics.present.palettes import balanced, relative_luminance

WOMEN_SHARES = ["women_councillors_share", "women_aldermen_share", "women_commission_members_share",
                "women_staff_share", "women_management_share"]
PARITY = Target(50.0, (40.0, 60.0))


def test_the_shares_of_women_aim_at_parity_and_say_so_in_three_languages():
    catalogue = load_catalogue()
    for kpi_id in WOMEN_SHARES:
        kpi = catalogue[kpi_id]
        assert (kpi.direction, kpi.target, kpi.band) == ("target", 50.0, (40.0, 60.0))
        assert kpi.judging == PARITY
        assert "parity (50 %)" in kpi.definition_in("en") and "40–60 %" in kpi.definition_in("en")
        assert "parité (50 %)" in kpi.definition_in("fr") and "Parität (50 %)" in kpi.definition_in("de")
    assert catalogue["woman_mayor"].direction == "neutral"  # one person: parity only makes sense nationally


def test_fifty_per_cent_ranks_above_sixty_seven_and_thirty_three():
    values = pd.Series([66.7, 50.0, 33.3, 100.0, 0.0], index=["a", "b", "c", "d", "e"])
    assert ranks(values, PARITY).tolist() == [2, 1, 2, 4, 4]  # 66.7 and 33.3 tie, as do 100 and 0
    assert percentile_rank(50.0, pd.Series([66.7, 33.3]), PARITY) == 100.0
    assert percentile_rank(66.7, pd.Series([50.0, 33.3]), PARITY) == 25.0  # worse than parity, tied with 33.3
    frame = pd.DataFrame({"lau2": ["a", "b", "c"], "value": [66.7, 50.0, 33.3], "status": "official"})
    assert ordered_for_ranking(frame, PARITY)["lau2"].tolist()[0] == "b"
    ranked = ranking(frame, "a", ["b", "c"], PARITY)
    assert ranked.set_index("lau2")["rank"].to_dict() == {"b": 1, "a": 2, "c": 2}
    stats = peer_stats(frame, "c", ["a", "b"], PARITY)
    assert stats.best_quartile == 50.0 and stats.gap_to_best_quartile == pytest.approx(-16.7)


def test_the_map_s_darkest_class_holds_the_communes_nearest_parity():
    kpi = load_catalogue()["women_councillors_share"]
    values = pd.DataFrame({
        "lau2": ["p1", "p2", "low", "high", "far_low", "far_high", "none"],
        "name": list("ABCDEFG"), "canton": "X", "status": "official", "certainty": "high", "population": 1000,
        "value": [50.0, 44.4, 33.3, 66.7, 10.0, 90.0, None],
    })
    result = build_kpi_map(values, kpi, "absolute", "quantiles", 5, Translator("en"))
    cls, colours = result.layer.classification, result.layer.colours
    darkest = min(range(cls.k), key=lambda i: relative_luminance(colours[i]))
    classes = dict(zip(values["lau2"], cls.class_of, strict=True))
    assert {c for c, k in classes.items() if k == darkest} == {"p1", "p2"}  # 40-60 %: balanced
    assert classes["low"] != classes["high"] and classes["far_low"] != classes["far_high"]  # the side shows
    assert cls.upper == (30.0, 40.0, 60.0, 70.0, 100.0) and cls.missing == 1
    lum = [relative_luminance(c) for c in colours]
    assert lum[0] > lum[1] > lum[2] < lum[3] < lum[4]  # lighter with the distance from parity, on both sides
    assert result.frame.set_index("lau2").at["p1", "rank"] == 1


def test_balanced_palette_and_fixed_classes():
    assert len(balanced(5)) == 5
    cls = classify_around(pd.Series([39.9, 40.0, 60.0, 60.1]), 50.0, (40.0, 60.0))
    assert cls.class_of.tolist() == [1, 2, 2, 3]
