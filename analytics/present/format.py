"""One wording for every KPI value the observatory shows, so the map, the profile, the benchmark and a briefing agree.

The wording, in every language (strings in `locales/values.yaml`):
- missing: `value.no_data` (pas de données · keine Daten · no data), never a bare dash;
- share `32,5 %` (one decimal); eur `30 000 €` (whole euros); count `12 actions` (whole unless a median);
  number `12,5 heures` (one decimal); unit words from `unit.*`, a unit without a translation as the catalogue writes it;
- stage `2 · Plan d'action` (number, then name); a stage between two (a median) `étape 1,5`;
- yes/no `value.yes` / `value.no` (lower case, as inside a sentence);
- per 1,000 residents `1,25 actions pour 1 000 hab.` (two decimals).

Styles say where the value stands:
- "value": one commune's value (tiles, tables, hovers, briefing cells);
- "summary": an aggregate over communes; a yes/no KPI is then the share answering yes (0..1), `40 % oui`;
- "short": axes, ranges and columns whose header already names the unit: no unit words, stages and yes/no as their
  numbers; the symbols % and € stay.
"""

from __future__ import annotations

import pandas as pd

from analytics.config.catalogue import Kpi
from analytics.present.i18n import Translator, strings

NORMALISABLE_TYPES = ("count", "eur", "number")
STYLES = ("value", "summary", "short")


def can_normalise(kpi: Kpi) -> bool:
    """Only quantities that grow with the population can be put per 1,000 residents (not shares, stages, yes/no)."""
    return kpi.type in NORMALISABLE_TYPES


def is_missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def missing_text(tr: Translator) -> str:
    """What stands where a value is missing: the same words on the map, in tables, tiles and briefings."""
    return tr("value.no_data")


def yes_no_text(flag: bool, tr: Translator) -> str:
    return tr("value.yes") if flag else tr("value.no")


def certainty_text(certainty: object, status: object, tr: Translator) -> str:
    """How sure an official value is, as its source states it: `élevée`, or `⚠ moyenne` below high; `non indiquée`
    for an official value whose source gives none (a commune's reviewed upload): unknown, never read as high. A demo
    value or no value has none to state: empty."""
    if status != "official":
        return ""
    if not isinstance(certainty, str):
        return tr("certainty.unstated")
    return tr(f"certainty.{certainty}") if certainty == "high" else "⚠ " + tr(f"certainty.{certainty}")


def status_text(status: object, certainty: object, tr: Translator, short: bool = False) -> str:
    """'officiel', 'officiel · certitude moyenne' (a certainty below high is said where the value is), 'démo'.

    `short`: 'officiel ⚠' for a narrow column whose help explains the mark (the map's table)."""
    if status == "demo":
        return tr("status.demo")
    if status != "official":
        return ""
    if isinstance(certainty, str) and certainty != "high":
        if short:
            return tr("status.official") + " ⚠"
        return tr("status.official_certainty", certainty=tr(f"certainty.{certainty}"))
    return tr("status.official")


def stage_text(stage: int, name: str) -> str:
    """`2 · Plan d'action`: the number orders the stages, the name says what it means."""
    return f"{stage} · {name}"


def unit_text(unit: str, tr: Translator) -> str:
    """Word units in the user's language ('hours' → 'heures'); symbols such as % and units not translated stay."""
    return tr(f"unit.{unit}") if f"unit.{unit}" in strings() else unit


def unit_label(kpi: Kpi, norm: str, tr: Translator) -> str:
    """The unit a column header or legend names: 'actions', or 'actions pour 1 000 habitants'."""
    if norm == "per_1000" and can_normalise(kpi):
        return tr("value.per_1000_unit", unit=unit_text(kpi.unit, tr))
    return unit_text(kpi.unit, tr)


def _number(value: float, tr: Translator) -> str:
    """Whole numbers without decimals, anything else with one (a median of counts can be 2.5)."""
    return tr.number(value, 0 if float(value).is_integer() else 1)


def _stage(value: float, kpi: Kpi, tr: Translator) -> str:
    stage = int(round(value))
    if not float(value).is_integer():
        return tr("value.stage_n", value=tr.number(value, 1))
    if 0 <= stage < len(kpi.stages):
        return stage_text(stage, kpi.stage_label(stage, tr.lang))
    return tr.number(value)


def format_value(
    value: float | None, kpi: Kpi, tr: Translator, *, norm: str = "absolute", style: str = "value"
) -> str:
    """A KPI value as every page and briefing words it; `style` is "value", "summary" or "short" (module docstring)."""
    if style not in STYLES:
        raise ValueError(f"style was {style!r} but is expected to be one of {', '.join(STYLES)}")
    if is_missing(value):
        return missing_text(tr)
    value = float(value)
    short = style == "short"
    if kpi.type == "boolean":
        if short:
            return _number(value, tr)
        if style == "summary":
            return tr("value.share_yes", value=tr.percent(100 * value, 0))
        return yes_no_text(value >= 0.5, tr)
    if kpi.type == "stage":
        return _number(value, tr) if short else _stage(value, kpi, tr)
    if norm == "per_1000" and can_normalise(kpi):
        number = tr.number(value, 2)
        return number if short else tr("value.per_1000", value=number, unit=unit_text(kpi.unit, tr))
    if kpi.type == "share":
        return tr.percent(value, 1)
    if kpi.type == "eur":
        return tr.eur(value)
    number = _number(value, tr) if kpi.type == "count" else tr.number(value, 1)
    return number if short else f"{number}\u00a0{unit_text(kpi.unit, tr)}"


def format_gap(gap: float | None, kpi: Kpi, tr: Translator) -> str:
    """A signed difference between two values; shares differ in percentage points, not per cent."""
    if is_missing(gap):
        return missing_text(tr)
    sign = "+" if gap > 0 else ""
    if kpi.type == "share":
        return tr("value.points", value=sign + tr.number(gap, 1))
    if kpi.type == "eur":
        return sign + tr.eur(gap)
    return sign + _number(gap, tr)


def format_range(low: float | None, high: float | None, kpi: Kpi, tr: Translator) -> str:
    """'28,9–42,1 %', '3–5 actions': the unit once, so an interquartile range fits a metric tile."""
    if is_missing(low) or is_missing(high):
        return missing_text(tr)
    if kpi.type == "share":
        return f"{tr.number(low, 1)}–{tr.percent(high, 1)}"
    both = f"{format_value(low, kpi, tr, style='short')}–{format_value(high, kpi, tr, style='short')}"
    if kpi.type in ("count", "number"):
        return f"{both}\u00a0{unit_text(kpi.unit, tr)}"
    return both  # eur carries its symbol on each end; stages and yes/no read as the numbers on the axis
