"""Rank and percentile across all communes: the rule the map, the profile and the API share (analytics.metrics)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.config.catalogue import load_catalogue
from analytics.metrics.standing import ranks, standing


def test_ranks_follow_the_direction_and_ties_share_the_better_rank():
    values = pd.Series([10.0, 30.0, 30.0, None, 20.0])
    assert list(ranks(values, "higher")) == [4, 1, 1, pd.NA, 3]
    assert list(ranks(values, "lower")) == [1, 3, 3, pd.NA, 2]


def test_standing_places_each_commune_against_the_others():
    kpi = next(k for k in load_catalogue() if k.direction == "higher")
    values = pd.DataFrame({"lau2": ["0101", "0102", "0103", "0104"], "value": [10.0, 30.0, 30.0, None]})
    out = standing(values, kpi).set_index("lau2")
    assert out["rank"].tolist() == [3, 1, 1, pd.NA]
    # 0102 against the other two with data (10 worse, 30 equal): 100 × (1 + 0.5) / 2 = 75; 0101 is below both: 0
    assert out.loc["0102", "percentile"] == pytest.approx(75.0)
    assert out.loc["0101", "percentile"] == 0.0 and pd.isna(out.loc["0104", "percentile"])
