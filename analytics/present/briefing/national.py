"""The national briefing: the 100 communes at a glance, the KPI map, the spread of each KPI, programmes and grants."""

from __future__ import annotations

import pandas as pd

from analytics.config.catalogue import Kpi, load_catalogue
from analytics.metrics.classify import classify, classify_around
from analytics.present import palettes
from analytics.present.alt_text import lines_alt, ranking_alt
from analytics.present.briefing import svg
from analytics.present.briefing.commune import NUMERIC_TYPES, TREND_KPIS, load_shapes
from analytics.present.briefing.model import (
    Briefing,
    BriefingError,
    Chart,
    Figure,
    Row,
    Source,
    Table,
    build_sources,
    data_year,
    labels,
    today,
    translated_source,
)
from analytics.present.briefing.values import marked, position, yearly_median
from analytics.present.format import format_range, format_value, missing_text
from analytics.present.i18n import Translator, normalise_language
from analytics.present.known_figures import (
    KnownFigure,
    colleges_figure,
    constituencies_figure,
    context_sources,
    women_elected_figure,
    women_mayors_figure,
)
from analytics.present.kpi_map import is_target_map
from analytics.queries.communes import communes
from analytics.queries.kpis import kpi_panel
from analytics.queries.population import GROWTH_BASE_YEAR, headline, national_context, population_series
from analytics.queries.programmes import programme_facts

MAP_KPI = "women_councillors_share"


def map_kpi_options() -> list[str]:
    """KPIs a national map can show: ordered quantities (stages and yes/no answers are not classes of a scale)."""
    return [k.id for k in load_catalogue() if k.type in NUMERIC_TYPES and k.programme != "context"]


def _latest_year(panel: pd.DataFrame, kpi: str) -> int | None:
    years = panel.loc[panel["kpi"] == kpi, "year"]
    return int(years.max()) if not years.empty else None


def _spread_row(kpi: Kpi, panel: pd.DataFrame, tr: Translator) -> Row:
    year = _latest_year(panel, kpi.id)
    if year is None:
        return Row([kpi.label(tr.lang), "–", *[missing_text(tr)] * 3, "0"])
    rows = panel[(panel["kpi"] == kpi.id) & (panel["year"] == year)]
    demo = "demo" if (rows["status"] == "demo").any() else None
    median = float(rows["value"].mean() if kpi.type == "boolean" else rows["value"].median())
    cells = [
        kpi.label(tr.lang),
        str(year),
        marked(format_value(median, kpi, tr, style="summary"), demo),
        marked(format_value(float(rows["value"].min()), kpi, tr), demo),
        marked(format_value(float(rows["value"].max()), kpi, tr), demo),
        tr.number(rows["lau2"].nunique()),
    ]
    numeric = kpi.type in NUMERIC_TYPES
    return Row(cells, demo=demo is not None, pos=position(panel, kpi.id, year, median) if numeric else None)


def _stage_counts(kpi: Kpi, panel: pd.DataFrame, tr: Translator) -> list[Figure]:
    """Two lines per staged programme: communes that joined (stage 1 or more) and those at one of the last two stages."""
    year = _latest_year(panel, kpi.id)
    if year is None:
        return [Figure(kpi.label(tr.lang), missing_text(tr))]
    rows = panel[(panel["kpi"] == kpi.id) & (panel["year"] == year)]
    mark = "demo" if (rows["status"] == "demo").any() else None
    advanced = len(kpi.stages) - 2
    return [
        Figure(tr("briefing.stage_or_beyond", kpi=kpi.label(tr.lang), stage=kpi.stage_label(1, tr.lang)),
               marked(tr("briefing.stage_count", count=tr.number(int((rows["value"] >= 1).sum()))), mark),
               str(year), mark is not None),
        Figure(tr("briefing.stage_or_beyond", kpi=kpi.label(tr.lang), stage=kpi.stage_label(advanced, tr.lang)),
               marked(tr("briefing.stage_count", count=tr.number(int((rows["value"] >= advanced).sum()))), mark),
               str(year), mark is not None),
    ]


def national_briefing(
    source: Source, year: int | None = None, lang: str = "fr", kpi: str | None = None
) -> Briefing:
    """Assemble the national note for `year` (default: latest population year) in `lang`, mapping `kpi`."""
    kpi = kpi or MAP_KPI
    if kpi not in map_kpi_options():
        raise BriefingError(f"map KPI {kpi!r} is not one of {', '.join(map_kpi_options())}")
    tr = Translator(normalise_language(lang))
    year = int(year or data_year(source))
    head = headline(source, year)
    panel = kpi_panel(source, year)
    catalogue = load_catalogue()
    facts, context = programme_facts(source), national_context(source)

    def count_yes(kpi_id: str, at_least: float = 0.5) -> Figure:
        kpi_year = _latest_year(panel, kpi_id)
        label = tr("briefing.fig.pact_communes")
        if kpi_year is None:
            return Figure(label, missing_text(tr))
        rows = panel[(panel["kpi"] == kpi_id) & (panel["year"] == kpi_year)]
        demo = bool((rows["status"] == "demo").any())
        return Figure(label, marked(tr.number(int((rows["value"] >= at_least).sum())), "demo" if demo else None),
                      str(kpi_year), demo)

    women = _spread_row(catalogue[MAP_KPI], panel, tr)
    figures = [
        Figure(tr("briefing.fig.population", year=year), tr.number(head.national_population) if head else "–",
               tr("briefing.fig.growth", year=GROWTH_BASE_YEAR) + " " + tr.signed_percent(head.national_growth_pct)
               if head else ""),
        Figure(tr("briefing.fig.communes"), tr.number(head.communes) if head else "100"),
        Figure(tr("briefing.fig.growth", year=GROWTH_BASE_YEAR), tr.signed_percent(head.national_growth_pct)
               if head else "–", f"{head.fastest_name} {tr.signed_percent(head.fastest_growth_pct)}" if head else ""),
        # what is known and how much: official counts and national context, never unknown counted as "no"
        _figure(women_mayors_figure(facts, tr)),
        *(_figure(f) for f in (women_elected_figure(facts, tr), colleges_figure(context, tr),
                               constituencies_figure(context, tr)) if f is not None),
        Figure(tr("briefing.fig.women_councillors"), women.cells[2],
               tr("briefing.fig.median_note", year=women.cells[1]), women.demo),
        count_yes("gemengepakt_stage", 1),
    ]
    map_kpi = catalogue[kpi]
    map_year = _latest_year(panel, kpi) or year
    values = panel[(panel["kpi"] == kpi) & (panel["year"] == map_year)]
    shapes = load_shapes(source)
    legend: list[dict[str, str]] = []
    classes: dict[str, int] = {}
    if len(values) >= 3:
        if is_target_map(map_kpi):  # judged against parity: fixed classes around it, darkest at the target
            classification = classify_around(values["value"].reset_index(drop=True), map_kpi.target, map_kpi.band)
            colours = palettes.balanced(classification.k)
        else:
            classification = classify(values["value"].reset_index(drop=True))
            colours = palettes.sequential(classification.k)
        colours = [_hex(c) for c in colours]
        classes = dict(zip(values["lau2"], classification.class_of.astype(int), strict=True))
        legend = [{"colour": c, "label": format_range(lo, hi, map_kpi, tr)}
                  for c, lo, hi in zip(colours, classification.lower, classification.upper, strict=True)]
    else:
        colours = []
    legend.append({"colour": svg.NO_DATA_FILL, "label": missing_text(tr)})
    map_demo = bool((values["status"] == "demo").any())
    headers = [tr("briefing.col.indicator"), tr("briefing.col.year"), tr("briefing.national_median"),
               tr("briefing.col.lowest"), tr("briefing.col.highest"), tr("briefing.col.reporting"),
               tr("briefing.col.position")]
    tables = [Table(tr(f"briefing.{p}"), headers, [_spread_row(k, panel, tr) for k in catalogue if k.programme == p])
              for p in ("equality", "intercultural")]
    programmes = _stage_counts(catalogue["gemengepakt_stage"], panel, tr)
    programmes += _stage_counts(catalogue["equality_action_plan_stage"], panel, tr)
    grants, total, total_demo = [], 0.0, False
    for kpi in (k for k in catalogue if k.programme == "grants"):
        kpi_year = _latest_year(panel, kpi.id)
        rows = panel[(panel["kpi"] == kpi.id) & (panel["year"] == kpi_year)]
        demo = bool((rows["status"] == "demo").any())
        amount = float(rows["value"].sum())
        grants.append(Figure(kpi.label(tr.lang), marked(tr.eur(amount), "demo" if demo else None), str(kpi_year or ""),
                             demo))
        total += amount
        total_demo |= demo
    grants.append(Figure(tr("briefing.grants_total"), marked(tr.eur(total), "demo" if total_demo else None), "",
                         total_demo))
    trends = [_national_population(source, year, tr)]
    for kpi_id in TREND_KPIS[:3]:
        kpi = catalogue[kpi_id]
        line = svg.Series(tr("briefing.national_median"), yearly_median(panel, kpi_id), svg.NAVY)
        if len(line.points) >= 2:
            demo = bool((panel.loc[panel["kpi"] == kpi_id, "status"] == "demo").any())
            fmt = lambda v, k=kpi: format_value(v, k, tr, style="short")  # noqa: E731 - axis and alt text
            trends.append(Chart(marked(kpi.label(tr.lang), "demo" if demo else None), svg.trend_svg([line], fmt),
                                [{"label": line.label, "colour": svg.NAVY, "dashed": False}], demo,
                                lines_alt(tr, kpi.label(tr.lang), [(line.label, line.points)], fmt)))
    texts = labels(tr, tr("briefing.national_title"))
    texts["peers"], texts["peers_note"] = tr("briefing.national_peers"), tr("briefing.national_peers_note")
    return Briefing(
        lang=tr.lang,
        kind="national",
        title=tr("briefing.national_title"),
        subtitle=tr("briefing.national_subtitle", year=year),
        date=today(tr),
        year=year,
        figures=figures,
        map_svg=svg.choropleth_svg(shapes, classes, colours),
        map_caption=marked(tr("briefing.map_national_caption", kpi=map_kpi.label(tr.lang), year=map_year),
                           "demo" if map_demo else None),
        map_legend=legend,
        map_alt=ranking_alt(tr, f"{map_kpi.label(tr.lang)}, {map_year}", _by_name(source, values),
                            lambda v: format_value(v, map_kpi, tr), tr("a11y.of.communes"),
                            direction=map_kpi.judging).alt,
        tables=tables,
        programmes=programmes,
        grants=grants,
        trends=trends,
        sources=[translated_source(s, tr) for s in [build_sources(source)] + sorted({k.source for k in catalogue if k.source})
                 + context_sources(context)],
        demo=bool((panel["status"] == "demo").any()),
        labels=texts,
    )


def _by_name(source: Source, values: pd.DataFrame) -> pd.Series:
    """Every commune's value by its name (missing ones as NaN), for the map's text alternative."""
    names = communes(source)[["lau2", "name"]]
    return names.merge(values[["lau2", "value"]], on="lau2", how="left").set_index("name")["value"]


def _figure(known: KnownFigure) -> Figure:
    return Figure(known.label, known.value, known.note)


def _hex(colour: str) -> str:
    """plotly samples colours as `rgb(r, g, b)`; typst and SVG both read `#rrggbb`."""
    if colour.startswith("#"):
        return colour
    r, g, b = (int(float(x)) for x in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _national_population(source: Source, year: int, tr: Translator) -> Chart:
    series = population_series(source, "country", "T")
    points = [(int(y), float(p)) for y, p in zip(series["year"], series["population"], strict=True) if y <= year]
    return Chart(tr("briefing.population_trend"), svg.trend_svg([svg.Series("Luxembourg", points, svg.NAVY)],
                                                                lambda v: tr.number(v)),
                 [{"label": "Luxembourg", "colour": svg.NAVY, "dashed": False}],
                 alt=lines_alt(tr, tr("briefing.population_trend"), [("Luxembourg", points)], tr.number))
