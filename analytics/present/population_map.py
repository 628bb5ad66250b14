"""The home map's layer: population, density or growth per commune, classified and labelled in the user's language."""

from __future__ import annotations

import pandas as pd

from analytics.metrics.classify import DEFAULT_CLASSES, Classification, classify, range_labels
from analytics.present.choropleth import MapLayer
from analytics.present.format import missing_text
from analytics.present.i18n import Translator

METRIC_COLUMNS = {"population": "population", "density": "density", "growth": "growth_pct"}


def format_metric(value: float | None, metric: str, tr: Translator) -> str:
    if value is None or pd.isna(value):
        return missing_text(tr)
    if metric == "growth":
        return tr.signed_percent(float(value), 1)
    if metric == "density":
        return tr("home.per_km2", value=tr.number(float(value)))
    return tr.number(int(value))


def class_labels(classification: Classification, metric: str, tr: Translator) -> list[str]:
    """'lower – upper' per class, in the units of the metric; a single-valued class shows one number."""
    if metric == "growth":
        return range_labels(classification, lambda v: tr.signed_percent(v, 1))
    return range_labels(classification, tr.number)


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
        no_data_label=missing_text(tr),
        legend_title=tr(f"home.legend.{metric}"),
    )
