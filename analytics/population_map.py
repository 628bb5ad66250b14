"""The home map's layer: population, density or growth per commune, classified and labelled in the user's language."""

from __future__ import annotations

import pandas as pd

from analytics.choropleth import MapLayer
from analytics.classify import DEFAULT_CLASSES, Classification, classify
from analytics.i18n import Translator

METRIC_COLUMNS = {"population": "population", "density": "density", "growth": "growth_pct"}


def format_metric(value: float | None, metric: str, tr: Translator) -> str:
    if value is None or pd.isna(value):
        return tr("map.no_data")
    if metric == "growth":
        return tr.signed_percent(float(value), 1)
    if metric == "density":
        return tr("home.per_km2", value=tr.number(float(value)))
    return tr.number(int(value))


def class_labels(classification: Classification, metric: str, tr: Translator) -> list[str]:
    """'lower – upper' per class, in the units of the metric; a single-valued class shows one number."""
    labels = []
    for lo, hi in zip(classification.lower, classification.upper):
        if metric == "growth":
            lo_t, hi_t = tr.signed_percent(lo, 1), tr.signed_percent(hi, 1)
        else:
            lo_t, hi_t = tr.number(lo), tr.number(hi)
        labels.append(hi_t if lo_t == hi_t else f"{lo_t} – {hi_t}")
    return labels


def population_layer(
    metrics: pd.DataFrame, metric: str, tr: Translator, scheme: str = "quantiles", k: int = DEFAULT_CLASSES
) -> MapLayer:
    """Quantiles by default: population is so skewed (Luxembourg city is 12× the median) that equal steps hide 95 communes."""
    column = METRIC_COLUMNS[metric]
    classification = classify(metrics[column], scheme, k)
    frame = metrics[["lau2", "name", "canton"]].copy()
    frame["canton"] = tr("home.canton_label") + " " + frame["canton"]
    label = tr(f"home.metric.{metric}")
    frame["value_text"] = [tr("map.hover_value", label=label, value=format_metric(v, metric, tr)) for v in metrics[column]]
    return MapLayer(
        frame=frame,
        classification=classification,
        class_labels=class_labels(classification, metric, tr),
        no_data_label=tr("map.no_data"),
        legend_title=tr(f"home.legend.{metric}"),
    )
