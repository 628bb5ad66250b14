"""Where each commune stands among all communes with a value: rank and percentile, by the KPI's own direction.

One function per figure, used by the map page (rank), the API (rank and percentile) and anything else that ranks a
KPI across the country, so a change of a KPI's direction (or a target, issue 12) changes them everywhere at once.
- `ranks(values, direction) -> Series[Int64]`: 1 = best; ties share the better rank ('min', "1, 2, 2, 4"); missing
  stays missing; for 'neutral' KPIs rank 1 is the highest value (as the map shows it).
- `standing(values, kpi) -> DataFrame[lau2, rank, percentile]`: rank as above and the commune's mid-rank percentile
  among the *other* communes with data (`peers.percentile_rank`, the profile and benchmark pages' rule: 100 = best).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.config.catalogue import Kpi
from analytics.metrics.judging import Judging, score
from analytics.metrics.peers import percentile_rank


def ranks(values: pd.Series, direction: Judging) -> pd.Series:
    """Rank 1 = best among communes with data ('min' method: ties share the better rank); missing stays missing;
    a target KPI ranks by the distance to its target (50 % before 67 % and 33 %, which tie)."""
    return score(values.astype("float64"), direction).rank(ascending=False, method="min").astype("Int64")


def standing(values: pd.DataFrame, kpi: Kpi) -> pd.DataFrame:
    """Rank and percentile of every commune in `values` (columns lau2, value) against all the others with a value."""
    frame = values[["lau2", "value"]].drop_duplicates("lau2").reset_index(drop=True)
    numbers = frame["value"].astype("float64")
    frame["rank"] = ranks(numbers, kpi.judging)
    array = numbers.to_numpy()
    frame["percentile"] = [
        None if np.isnan(v) else percentile_rank(float(v), np.delete(array, i), kpi.judging)
        for i, v in enumerate(array)
    ]
    return frame[["lau2", "rank", "percentile"]]
