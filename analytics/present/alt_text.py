"""Short text alternatives for charts, maps and images (WCAG 1.1.1), worded in the reader's language.

A screen reader cannot see a choropleth or a strip plot: each figure gets one or two sentences saying what it shows,
its extremes and where the commune stands ("Luxembourg : 55,6 %, 3e sur 9 pairs, médiane 39 %"). Pages pass them as
`alt=` (Streamlit puts them on the chart as `aria-label`), and show the same numbers as a table one click away
(`ChartText.table`), the accessible-chart pattern of Open SDG.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from analytics.metrics.judging import Judging, score
from analytics.present.i18n import Translator

Format = Callable[[float], str]


@dataclass(frozen=True)
class ChartText:
    """What a chart says without its picture: a sentence for `alt=` and its data as a table."""

    alt: str
    table: pd.DataFrame


def ordinal(n: int, lang: str) -> str:
    """1er / 3e, 3., 1st / 3rd: a rank as each language writes it."""
    if lang == "fr":
        return "1er" if n == 1 else f"{n}e"
    if lang == "de":
        return f"{n}."
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _colon(tr: Translator) -> str:
    return "\u202f: " if tr.lang == "fr" else ": "


def _clean(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("float64")


def position_text(tr: Translator, name: str, values: pd.Series, of: str, fmt: Format, direction: Judging = "higher",
                  total: int | None = None) -> str:
    """'Luxembourg : 55,6 %, 3e sur 9 pairs, médiane 39 %': one commune (index `name`) among `values` by name."""
    data = _clean(values).dropna()
    if name not in data.index:
        return tr("a11y.position_none", name=name, colon=_colon(tr))
    rank = int(score(data, direction).rank(ascending=False, method="min")[name])  # neutral: 1st is the highest
    return tr("a11y.position", name=name, colon=_colon(tr), value=fmt(float(data[name])),
              rank=ordinal(rank, tr.lang), n=total or len(data), of=of, median=fmt(float(data.median())))


def ranking_alt(tr: Translator, subject: str, values: pd.Series, fmt: Format, of: str, focus: str | None = None,
                direction: Judging = "higher") -> ChartText:
    """A map or strip plot of one value per commune: coverage, the highest and lowest, the median, one commune's place."""
    data = _clean(values)
    known = data.dropna()
    ordered = known.loc[score(known, direction).sort_values(ascending=False, kind="stable").index]
    table = pd.DataFrame({tr("a11y.col.rank"): range(1, len(ordered) + 1), tr("a11y.col.commune"): ordered.index,
                          tr("a11y.col.value"): [fmt(v) for v in ordered]})
    if known.empty:
        return ChartText(tr("a11y.no_values", subject=subject, colon=_colon(tr)), table)
    high, low = known.idxmax(), known.idxmin()
    text = tr("a11y.ranking", subject=subject, colon=_colon(tr), n=len(known), total=len(data), of=of,
              high=high, high_value=fmt(float(known[high])), low=low, low_value=fmt(float(known[low])),
              median=fmt(float(known.median())))
    if focus:
        text += " " + position_text(tr, focus, data, of, fmt, direction) + "."
    return ChartText(text, table)


def categories_alt(tr: Translator, subject: str, counts: Mapping[str, int]) -> ChartText:
    """A map or bar chart of categories (stages, pilot years): how many communes in each, in order."""
    parts = "; ".join(f"{label}{_colon(tr)}{n}" for label, n in counts.items())
    return ChartText(tr("a11y.categories", subject=subject, colon=_colon(tr), parts=parts),
                     pd.DataFrame({tr("a11y.col.category"): list(counts), tr("a11y.col.communes"): list(counts.values())}))


def locator_alt(tr: Translator, name: str, canton: str, n: int) -> str:
    return tr("a11y.locator", name=name, canton=canton, n=n)


def series_alt(tr: Translator, subject: str, years: pd.Series, values: pd.Series, fmt: Format,
               reference: pd.Series | None = None, reference_label: str = "") -> str:
    """A line over the years: first and last known value, and the reference line (peer median) in the last year."""
    data = pd.DataFrame({"year": years.to_numpy(), "value": _clean(values).to_numpy()}).dropna()
    if data.empty:
        return tr("a11y.no_values", subject=subject, colon=_colon(tr))
    first, last = data.iloc[0], data.iloc[-1]
    text = tr("a11y.series", subject=subject, colon=_colon(tr), y0=int(first["year"]), v0=fmt(float(first["value"])),
              y1=int(last["year"]), v1=fmt(float(last["value"])))
    if reference is not None:
        ref = pd.Series(_clean(reference).to_numpy(), index=years.to_numpy())
        at = ref.get(last["year"])
        if at is not None and at == at:
            text += " " + tr("a11y.series_reference", label=reference_label, colon=_colon(tr), value=fmt(float(at)),
                             year=int(last["year"]))
    return text


def lines_alt(tr: Translator, subject: str, lines: Sequence[tuple[str, Sequence[tuple[int, float]]]],
              fmt: Format) -> str:
    """A briefing's line chart: the first line's first and last point, every other line in that last year."""
    label, points = lines[0]
    if not points:
        return tr("a11y.no_values", subject=subject, colon=_colon(tr))
    (y0, v0), (y1, v1) = points[0], points[-1]
    text = tr("a11y.series", subject=f"{subject} · {label}", colon=_colon(tr), y0=y0, v0=fmt(v0), y1=y1, v1=fmt(v1))
    for other, others in lines[1:]:
        at = dict(others).get(y1)
        if at is not None:
            text += " " + tr("a11y.series_reference", label=other, colon=_colon(tr), value=fmt(at), year=y1)
    return text


def heatmap_alt(tr: Translator, subject: str, cells: pd.DataFrame, labels: Mapping[str, str]) -> ChartText:
    """Percentile ranks per KPI and year: the latest year's best and weakest KPI, and how many cells beat the median."""
    rated = cells.dropna(subset=["percentile_rank"])
    rated = rated[~rated["small_group"].astype(bool)]
    table = pd.DataFrame({
        tr("a11y.col.kpi"): [labels[k] for k in cells["kpi"]], tr("a11y.col.year"): cells["year"].astype(str),
        tr("a11y.col.percentile"): ["–" if pd.isna(p) or small else f"{p:.0f}" for p, small in
                                    zip(cells["percentile_rank"], cells["small_group"], strict=True)],
    })
    if rated.empty:
        return ChartText(tr("a11y.no_values", subject=subject, colon=_colon(tr)), table)
    year = int(rated["year"].max())
    latest = rated[rated["year"] == year].set_index("kpi")["percentile_rank"].astype("float64")
    best, worst = latest.idxmax(), latest.idxmin()
    above = int((rated["percentile_rank"] > 50).sum())
    text = tr("a11y.heatmap", subject=subject, colon=_colon(tr), year=year, best=labels[best],
              best_pct=f"{latest[best]:.0f}", worst=labels[worst], worst_pct=f"{latest[worst]:.0f}",
              above=above, cells=len(rated))
    return ChartText(text, table)


def multiples_alt(tr: Translator, subject: str, trends: Mapping[str, pd.DataFrame], labels: Mapping[str, str],
                  formats: Mapping[str, Format]) -> ChartText:
    """Small multiples: one sentence per panel (first and last value, peer median in the last year), and one table."""
    median = tr("peers.chart.peer_median")
    parts = [series_alt(tr, labels[k], t["year"], t["value"], formats[k], t["median"], median) for k, t in trends.items()]
    table = pd.concat([pd.DataFrame({
        tr("a11y.col.kpi"): labels[k], tr("a11y.col.year"): t["year"].astype(str),
        tr("a11y.col.value"): [formats[k](v) for v in t["value"]], median: [formats[k](v) for v in t["median"]],
    }) for k, t in trends.items()], ignore_index=True) if trends else pd.DataFrame()
    return ChartText(f"{subject}{_colon(tr)}" + " ".join(parts), table)


def funnel_alt(tr: Translator, subject: str, funnel: pd.DataFrame, labels: Mapping[int, str]) -> ChartText:
    """Communes per stage and year: the latest year's count per stage in the sentence, every year in the table."""
    wide = funnel.pivot_table(index="year", columns="stage", values="communes", aggfunc="sum", fill_value=0)
    latest = int(wide.index.max())
    counts = {f"{stage} · {label}": int(wide.at[latest, stage]) if stage in wide.columns else 0
              for stage, label in labels.items()}
    table = wide.rename(columns={s: f"{s} · {labels[s]}" for s in wide.columns if s in labels}).reset_index()
    table.columns = [tr("a11y.col.year"), *table.columns[1:]]
    table[tr("a11y.col.year")] = table[tr("a11y.col.year")].astype(str)
    return ChartText(categories_alt(tr, f"{subject} ({latest})", counts).alt, table)


def timeline_alt(tr: Translator, subject: str, timeline: pd.DataFrame) -> ChartText:
    """Signatures over time: how many, from when to when, in how many ceremonies, the largest one."""
    if timeline.empty:
        return ChartText(tr("a11y.no_values", subject=subject, colon=_colon(tr)), pd.DataFrame())
    biggest = timeline.loc[timeline["signed"].idxmax()]
    text = tr("a11y.timeline", subject=subject, colon=_colon(tr), total=int(timeline["cumulative"].max()),
              first=tr.date(str(timeline["signing_date"].min())), last=tr.date(str(timeline["signing_date"].max())),
              k=len(timeline), biggest=str(biggest["ceremony"]), n=int(biggest["signed"]))
    table = pd.DataFrame({tr("a11y.col.date"): [tr.date(str(d)) for d in timeline["signing_date"]],
                          tr("a11y.col.ceremony"): timeline["ceremony"],
                          tr("a11y.col.signed"): timeline["signed"], tr("a11y.col.cumulative"): timeline["cumulative"]})
    return ChartText(text, table)


def stacked_alt(tr: Translator, subject: str, frame: pd.DataFrame, labels: Mapping[str, str], fmt: Format,
                column: str = "granted", series: str = "kpi") -> ChartText:
    """Stacked bars per year: the total per type over all years in the sentence, each year and type in the table."""
    totals = frame.groupby(series)[column].sum()
    parts = "; ".join(f"{labels.get(k, k)}{_colon(tr)}{fmt(float(v))}" for k, v in totals.items())
    wide = frame.pivot_table(index="year", columns=series, values=column, aggfunc="sum", fill_value=0)
    table = pd.DataFrame({tr("a11y.col.year"): wide.index.astype(str)})
    for k in wide.columns:
        table[labels.get(k, k)] = [fmt(float(v)) for v in wide[k]]
    years = f"{int(wide.index.min())}–{int(wide.index.max())}" if len(wide) else ""
    return ChartText(tr("a11y.categories", subject=f"{subject} {years}".strip(), colon=_colon(tr), parts=parts), table)


class _Labelled(Protocol):
    label: str
    value: str


class Previewed(Protocol):
    """What the preview's alt text reads of a briefing (analytics.present.briefing.Briefing has it; the briefing
    package imports this module, so it cannot be imported here)."""

    title: str
    subtitle: str
    figures: Sequence[_Labelled]


def briefing_preview_alt(briefing: Previewed, tr: Translator) -> str:
    """The preview image of a briefing's first page: its title and the key figures it shows, label then value."""
    figures = " ; ".join(f"{f.label}{_colon(tr)}{f.value}" for f in briefing.figures)
    return tr("a11y.preview_alt", title=briefing.title, subtitle=briefing.subtitle, figures=figures)
