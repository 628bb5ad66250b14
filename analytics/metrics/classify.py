"""Class breaks for choropleths, through mapclassify, so one large commune cannot flatten the other 99 into one colour.

Breaks are upper bounds (a value equal to a bound falls in that class, as in mapclassify). Missing values are not
classified: they get class -1 and are counted separately, so a map can draw and count them as "no data".
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

SCHEMES: dict[str, type] = {
    "quantiles": mapclassify.Quantiles,
    "fisher_jenks": mapclassify.FisherJenks,
    "equal_interval": mapclassify.EqualInterval,
}
DEFAULT_SCHEME = "quantiles"
MIN_CLASSES, MAX_CLASSES, DEFAULT_CLASSES = 3, 7, 5
NO_DATA = -1


class ClassificationError(ValueError):
    pass


@dataclass(frozen=True)
class Classification:
    scheme: str
    lower: tuple[float, ...]  # lower bound of each class (the minimum for the first)
    upper: tuple[float, ...]  # upper bound of each class, inclusive
    class_of: pd.Series  # class index per input row, NO_DATA (-1) for missing values
    counts: tuple[int, ...]  # communes per class
    missing: int

    @property
    def k(self) -> int:
        return len(self.upper)


def classify(values: pd.Series, scheme: str = DEFAULT_SCHEME, k: int = DEFAULT_CLASSES) -> Classification:
    """Classify `values` into at most `k` classes; ties and all-equal data give fewer classes rather than empty ones.

    Equal intervals are the exception: their classes keep equal widths, so an empty class stays (count 0).
    """
    if scheme not in SCHEMES:
        raise ClassificationError(f"scheme was {scheme!r} but is expected to be one of {sorted(SCHEMES)}")
    if not MIN_CLASSES <= k <= MAX_CLASSES:
        raise ClassificationError(f"k was {k} but is expected to be between {MIN_CLASSES} and {MAX_CLASSES}")
    numeric = pd.to_numeric(values, errors="coerce").astype("float64")
    present = numeric.dropna()
    class_of = pd.Series(NO_DATA, index=values.index, dtype="int64")
    missing = int(numeric.isna().sum())
    if present.empty:
        return Classification(scheme, (), (), class_of, (), missing)
    distinct = np.unique(present.to_numpy())
    if len(distinct) == 1:
        class_of[present.index] = 0
        v = float(distinct[0])
        return Classification(scheme, (v,), (v,), class_of, (len(present),), missing)
    k_eff = min(k, len(distinct))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # mapclassify warns when ties force fewer classes; we report that ourselves
        fitted = SCHEMES[scheme](present.to_numpy(), k=k_eff)
    upper = [float(b) for b in fitted.bins]
    # Drop duplicate bounds that ties produce, keeping classes non-empty and increasing.
    upper = sorted(set(upper))
    upper[-1] = max(upper[-1], float(present.max()))
    bins = np.searchsorted(np.asarray(upper), present.to_numpy(), side="left")
    counts = np.bincount(bins, minlength=len(upper))
    # Equal intervals keep an empty class (the widths are the point); other schemes drop it.
    keep = counts >= 0 if scheme == "equal_interval" else counts > 0
    upper = [u for u, kept in zip(upper, keep) if kept]
    bins = np.searchsorted(np.asarray(upper), present.to_numpy(), side="left")
    class_of[present.index] = bins
    counts = np.bincount(bins, minlength=len(upper))
    lower = [float(present.min())] + upper[:-1]
    return Classification(scheme, tuple(lower), tuple(upper), class_of, tuple(int(c) for c in counts), missing)


def range_labels(classification: Classification, fmt: Callable[[float], str]) -> list[str]:
    """'lower – upper' per class as `fmt` writes the numbers; a class whose bounds read the same shows one number."""
    labels = []
    for lo, hi in zip(classification.lower, classification.upper):
        lo_t, hi_t = fmt(lo), fmt(hi)
        labels.append(hi_t if lo_t == hi_t else f"{lo_t} – {hi_t}")
    return labels


BAND_STEP = 10.0  # target KPIs: one class each side of the balanced band per 10 points (30-40 % and 60-70 %)


def classify_around(values: pd.Series, target: float, band: tuple[float, float] | None,
                    domain: tuple[float, float] = (0.0, 100.0)) -> Classification:
    """Fixed classes centred on a target, for KPIs judged by their distance to it (the shares of women):
    far below | below | the balanced band (inclusive) | above | far above, e.g. 0-30, 30-40, 40-60, 60-70, 70-100.

    Every class is kept, empty or not, so the legend reads the same on every map and the middle class is always the
    balanced one; `scheme` is 'target'."""
    low, high = band if band is not None else (target, target)
    cuts = [max(domain[0], low - BAND_STEP), low, high, min(domain[1], high + BAND_STEP)]
    numeric = pd.to_numeric(values, errors="coerce").astype("float64")
    present = numeric.dropna()
    class_of = pd.Series(NO_DATA, index=values.index, dtype="int64")
    v = present.to_numpy()
    bins = np.select([v < cuts[0], v < cuts[1], v <= cuts[2], v <= cuts[3]], [0, 1, 2, 3], default=4)
    class_of[present.index] = bins
    counts = np.bincount(bins, minlength=5) if len(v) else np.zeros(5, dtype=int)
    lower = (domain[0], cuts[0], cuts[1], cuts[2], cuts[3])
    upper = (cuts[0], cuts[1], cuts[2], cuts[3], domain[1])
    return Classification("target", lower, upper, class_of, tuple(int(c) for c in counts), int(numeric.isna().sum()))


def middle_class(classification: Classification) -> int:
    """The balanced class of a target classification (the middle one)."""
    return classification.k // 2
