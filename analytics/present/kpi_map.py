"""One KPI in one year on the map: values per commune (optionally per 1,000 residents), ranks and a labelled layer.

Colours read the same way for every KPI: the dark end is always "better" (higher for higher-is-better KPIs, lower
for lower-is-better ones); neutral KPIs use a separate sequential palette from low (light) to high (dark). A target
KPI (the shares of women, judged against parity) gets fixed classes around its balanced band and a diverging scheme
centred on the target, darkest at the target: hue says below / above, lightness the distance. Booleans and stages
are categories with their names, not numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.config.catalogue import Kpi
from analytics.metrics.classify import NO_DATA, Classification, classify, classify_around, range_labels
from analytics.metrics.standing import ranks  # the one rank rule (the API ranks with it too)
from analytics.present import palettes
from analytics.present.choropleth import MapLayer
from analytics.present.format import (
    can_normalise,
    format_value,
    missing_text,
    stage_text,
    status_text,
    unit_label,
    yes_no_text,
)
from analytics.present.i18n import Translator

NORMALISATIONS: tuple[str, ...] = ("absolute", "per_1000")
PALETTE_BETTER = palettes.SEQUENTIAL  # light (worse) to dark (better)
PALETTE_NEUTRAL = palettes.NEUTRAL
CATEGORY_PALETTE = palettes.SEQUENTIAL


def is_categorical(kpi: Kpi) -> bool:
    return kpi.type in ("boolean", "stage")


def is_target_map(kpi: Kpi, norm: str = "absolute") -> bool:
    """A KPI judged by its distance to a target, mapped with fixed classes around it (no scheme or class count)."""
    return kpi.direction == "target" and kpi.target is not None and norm == "absolute"


def normalised(frame: pd.DataFrame, kpi: Kpi, norm: str) -> pd.Series:
    """Per 1,000 residents uses the population on 1 January of the same year; without a population, no value."""
    values = frame["value"].astype("float64")
    if norm == "per_1000" and can_normalise(kpi):
        return values / frame["population"].astype("float64") * 1000.0
    return values


@dataclass(frozen=True)
class KpiMap:
    frame: pd.DataFrame  # lau2, name, canton, value, status, certainty, rank, value_text
    layer: MapLayer
    any_demo: bool
    with_data: int


def _categorical(values: pd.Series, kpi: Kpi, tr: Translator) -> tuple[Classification, list[str], list[str]]:
    if kpi.type == "boolean":
        categories = [0, 1]
        labels = [yes_no_text(False, tr), yes_no_text(True, tr)]
    else:
        categories = list(range(len(kpi.stages)))
        labels = [stage_text(s, kpi.stage_label(s, tr.lang)) for s in categories]
    class_of = pd.Series(NO_DATA, index=values.index, dtype="int64")
    present = values.dropna()
    class_of[present.index] = present.round().astype("int64").clip(0, len(categories) - 1)
    counts = tuple(int((class_of == i).sum()) for i in range(len(categories)))
    bounds = tuple(float(c) for c in categories)
    cls = Classification("categories", bounds, bounds, class_of, counts, int(values.isna().sum()))
    if kpi.direction == "lower":
        colours = palettes.sequential(len(categories), CATEGORY_PALETTE)[::-1]
    elif kpi.direction == "neutral" and kpi.type == "boolean":
        colours = list(palettes.PAIR)  # two distinct hues, no better/worse implied
    else:
        colours = palettes.sequential(len(categories), CATEGORY_PALETTE)
    return cls, labels, colours


def _class_labels(cls: Classification, kpi: Kpi, norm: str, tr: Translator) -> list[str]:
    decimals = 0 if (kpi.type in ("count", "eur") and norm == "absolute") else 1
    return range_labels(cls, lambda v: tr.number(v, decimals))


def build_kpi_map(
    values: pd.DataFrame, kpi: Kpi, norm: str, scheme: str, k: int, tr: Translator, legend_note: str | None = None
) -> KpiMap:
    """Classify, colour and label one KPI; `values` comes from `analytics.queries.kpis.map_values`;
    `legend_note` (the coverage: official for n communes, demo for m) closes the legend title."""
    frame = values[["lau2", "name", "canton"]].copy()
    frame["value"] = normalised(values, kpi, norm)
    frame["status"] = values["status"]
    frame["certainty"] = values["certainty"]  # as the source states it; None where it states none
    frame["rank"] = ranks(frame["value"], kpi.judging)
    with_data = int(frame["value"].notna().sum())
    any_demo = bool((frame["status"] == "demo").any())
    if is_categorical(kpi):
        cls, labels, colours = _categorical(frame["value"], kpi, tr)
    elif is_target_map(kpi, norm):
        cls = classify_around(frame["value"], kpi.target, kpi.band, (kpi.min or 0.0, kpi.max or 100.0))
        labels = _class_labels(cls, kpi, norm, tr)
        colours = palettes.balanced(cls.k)
    else:
        cls = classify(frame["value"], scheme, k)
        labels = _class_labels(cls, kpi, norm, tr)
        palette = PALETTE_NEUTRAL if kpi.direction == "neutral" else PALETTE_BETTER
        colours = palettes.sequential(cls.k, palette)
        if kpi.direction == "lower":
            colours = colours[::-1]
    frame["value_text"] = [
        tr("kpimap.hover", value=format_value(v, kpi, tr, norm=norm), rank=r, n=with_data,
           status=status_text(s, c, tr))
        if pd.notna(v) else missing_text(tr)
        for v, r, s, c in zip(frame["value"], frame["rank"], frame["status"], frame["certainty"])
    ]
    title = kpi.label(tr.lang)
    unit = unit_label(kpi, norm, tr)
    legend = f"{title}<br>({unit})" if unit and not is_categorical(kpi) else title
    if any_demo:
        legend += f"<br><b>{tr('status.demo_data')}</b>"
    if legend_note:
        legend += f"<br>{legend_note}"
    hover_frame = frame.assign(canton=tr("home.canton_label") + " " + frame["canton"])
    layer = MapLayer(hover_frame, cls, labels, missing_text(tr), _wrap(legend), colours)
    return KpiMap(frame, layer, any_demo, with_data)


def _wrap(text: str, width: int = 28) -> str:
    """Break a long legend title over lines so it never runs off the colour bar."""
    out: list[str] = []
    for part in text.split("<br>"):
        words, line = part.split(" "), ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out.append(line)
    return "<br>".join(out)
