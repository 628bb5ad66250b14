"""How a KPI is judged, turned into a score where higher is better: the one rule every rank and percentile follows.

A direction is 'higher', 'lower', 'neutral' (no better end; ranked largest first) or a `Target` (the shares of women,
judged by their distance to parity: a council at 50 % ranks above one at 67 % and one at 33 %, which tie). Ranks,
percentiles, peer statistics, the benchmark ranking and heatmap, the map's classes and the "better / worse" words
all go through `score`, so a KPI's direction (or target) changes them everywhere at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.config.catalogue import Target

Judging = str | Target
DIRECTIONS = ("higher", "lower", "neutral")


def check(judging: Judging) -> Judging:
    """The judging itself, or a ValueError saying what was expected."""
    if isinstance(judging, Target) or judging in DIRECTIONS:
        return judging
    raise ValueError(f"direction was {judging!r} but is expected to be in ['higher', 'lower', 'neutral'] or a Target")


def score(values: pd.Series | np.ndarray | float, judging: Judging):
    """Values turned so that higher is better: as they are for 'higher' and 'neutral', negated for 'lower', minus
    the distance to the target for a `Target` (equal distances tie: 33.3 % and 66.7 % around 50 %)."""
    check(judging)
    if isinstance(judging, Target):
        return -abs(values - judging.value)
    return -values if judging == "lower" else values


def better(a: float, b: float, judging: Judging) -> bool:
    """Whether `a` is better than `b` (never for a neutral KPI)."""
    return judging != "neutral" and bool(score(float(a), judging) > score(float(b), judging))
