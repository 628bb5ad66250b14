"""One commune's briefing: key figures, where it lies, how it compares with its canton, trends, programmes, grants.

Works for a commune without any KPI value (only the official population): every KPI line then says "no data".
"""

from __future__ import annotations

import pandas as pd

from analytics.checks.codes import normalise_lau2
from analytics.config.catalogue import Kpi, load_catalogue
from analytics.present.alt_text import lines_alt
from analytics.present.briefing import svg
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
    population_at,
    today,
    translated_source,
)
from analytics.present.briefing.values import (
    commune_series,
    latest_value,
    marked,
    peer_median,
    position,
    yearly_median,
)
from analytics.present.format import format_value
from analytics.present.i18n import Translator, normalise_language
from analytics.queries.communes import commune as commune_facts
from analytics.queries.geometry import canton_borders, commune_geometry
from analytics.queries.kpis import kpi_panel
from analytics.queries.population import GROWTH_BASE_YEAR, population_series

PROGRAMME_KPIS = (
    "gemengepakt_stage", "equality_action_plan_stage", "equality_commission", "equality_officer",
    "pact_coordinator_fte",
)
TREND_KPIS = ("women_councillors_share", "foreign_residents_share", "women_staff_share", "intercultural_actions")
NUMERIC_TYPES = ("share", "count", "number", "eur")


def load_shapes(source: Source) -> svg.MapShapes:
    """The warehouse's boundaries as SVG-ready shapes (each commune with its canton code)."""
    geometry = commune_geometry(source)[["lau2", "canton_code", "geojson"]]
    return svg.map_shapes(list(geometry.itertuples(index=False)), list(canton_borders(source)["geojson"]))


def _peer_row(kpi: Kpi, panel: pd.DataFrame, lau2: str, canton: str, year: int, tr: Translator) -> Row:
    own = latest_value(panel, lau2, kpi.id)
    years = panel.loc[panel["kpi"] == kpi.id, "year"]
    ref_year = own.year or (int(years.max()) if not years.empty else year)
    peer = peer_median(panel, kpi.id, ref_year, canton, kpi.type)
    nat = peer_median(panel, kpi.id, ref_year, kpi_type=kpi.type)
    numeric = kpi.type in NUMERIC_TYPES
    rows = panel[(panel["kpi"] == kpi.id) & (panel["year"] == ref_year)]
    demo_around = bool((rows["status"] == "demo").any())
    cells = [
        kpi.label(tr.lang),
        marked(format_value(own.value, kpi, tr), own.status),
        str(own.year or (ref_year if not years.empty else "–")),
        marked(format_value(peer, kpi, tr, style="summary"), "demo" if demo_around and peer is not None else None),
        marked(format_value(nat, kpi, tr, style="summary"), "demo" if demo_around and nat is not None else None),
    ]
    return Row(
        cells=cells,
        demo=own.status == "demo" or demo_around,
        pos=position(panel, kpi.id, ref_year, own.value) if numeric else None,
        peer=position(panel, kpi.id, ref_year, peer) if numeric else None,
        nat=position(panel, kpi.id, ref_year, nat) if numeric else None,
    )


def _trend(kpi: Kpi, panel: pd.DataFrame, lau2: str, canton: str, name: str, tr: Translator) -> Chart | None:
    own = commune_series(panel, lau2, kpi.id)
    if len(own) < 2:
        return None
    lines = [
        svg.Series(name, own, svg.ACCENT),
        svg.Series(tr("briefing.canton_median"), yearly_median(panel, kpi.id, canton, kpi.type), svg.NAVY, dashed=True),
        svg.Series(tr("briefing.national_median"), yearly_median(panel, kpi.id, kpi_type=kpi.type), "#8a97a8",
                   dashed=True),
    ]
    demo = bool((panel.loc[panel["kpi"] == kpi.id, "status"] == "demo").any())

    def fmt(v: float) -> str:
        return format_value(v, kpi, tr, style="short")

    return Chart(
        title=marked(kpi.label(tr.lang), "demo" if demo else None),
        svg=svg.trend_svg(lines, fmt),
        legend=[{"label": s.label, "colour": s.colour, "dashed": s.dashed} for s in lines],
        demo=demo,
        alt=lines_alt(tr, kpi.label(tr.lang), [(s.label, s.points) for s in lines], fmt),
    )


def _population_chart(series: pd.DataFrame, name: str, year: int, tr: Translator) -> Chart:
    points = [(int(y), float(p)) for y, p in zip(series["year"], series["population"], strict=True) if y <= year]
    line = svg.Series(name, points, svg.ACCENT)
    return Chart(
        title=tr("briefing.population_trend"),
        svg=svg.trend_svg([line], lambda v: tr.number(v)),
        legend=[{"label": name, "colour": svg.ACCENT, "dashed": False}],
        alt=lines_alt(tr, tr("briefing.population_trend"), [(name, points)], tr.number),
    )


def commune_briefing(source: Source, lau2: str, year: int | None = None, lang: str = "fr") -> Briefing:
    """Assemble everything a commune briefing states, in `lang`, for `year` (default: latest population year)."""
    tr = Translator(normalise_language(lang))
    code = normalise_lau2(lau2)  # '304' is '0304'; '12' is no code (never '0012')
    found = commune_facts(source, code) if code is not None else pd.DataFrame()
    if found.empty:
        asked = code or str(lau2).strip()
        raise BriefingError(f"no commune with LAU2 code {asked!r}; expected a 4-digit code such as '0304' (Luxembourg)")
    lau2 = code
    commune = found.iloc[0]
    name, canton = str(commune["name"]), str(commune["canton_code"])
    year = int(year or data_year(source))
    series = population_series(source, "commune", lau2)
    population = population_at(series, year)
    if population is None:
        years = f"{series['year'].min()}–{series['year'].max()}" if not series.empty else "none"
        raise BriefingError(f"no population for {name} in {year}; STATEC figures cover {years}")
    previous = population_at(series, year - 1)
    base = population_at(series, GROWTH_BASE_YEAR)
    panel = kpi_panel(source, year)
    catalogue = load_catalogue()

    def latest(kpi_id: str) -> tuple[str, str, bool]:
        value = latest_value(panel, lau2, kpi_id)
        text = marked(format_value(value.value, catalogue[kpi_id], tr), value.status)
        return text, str(value.year or ""), value.status == "demo"

    women, women_year, women_demo = latest("women_councillors_share")
    pact, pact_year, pact_demo = latest("gemengepakt_stage")
    figures = [
        Figure(tr("briefing.fig.population", year=year), tr.number(population),
               tr("briefing.fig.vs_previous", value=tr.signed_percent(100 * (population - previous) / previous),
                  year=year - 1) if previous else ""),
        Figure(tr("briefing.fig.density"), tr.number(population / float(commune["area_km2"])),
               tr("briefing.fig.area", value=tr.number(float(commune["area_km2"]), 1))),
        Figure(tr("briefing.fig.growth", year=GROWTH_BASE_YEAR),
               tr.signed_percent(100 * (population - base) / base) if base else "–",
               tr("briefing.fig.base_population", year=GROWTH_BASE_YEAR, value=tr.number(base)) if base else ""),
        Figure(tr("briefing.fig.council"), tr.number(commune["councillors_estimate"]), tr("briefing.fig.council_note")),
        Figure(tr("briefing.fig.women_councillors"), women, women_year, women_demo),
        Figure(tr("briefing.fig.pact"), pact, pact_year, pact_demo),
    ]
    tables = [
        Table(
            tr(f"briefing.{programme}"),
            [tr("briefing.col.indicator"), name, tr("briefing.col.year"), tr("briefing.canton_median"),
             tr("briefing.national_median"), tr("briefing.col.position")],
            [_peer_row(k, panel, lau2, canton, year, tr) for k in catalogue if k.programme == programme],
        )
        for programme in ("equality", "intercultural")
    ]
    programmes = []
    for kpi_id in PROGRAMME_KPIS:
        text, when, demo = latest(kpi_id)
        programmes.append(Figure(catalogue[kpi_id].label(lang), text, when, demo))
    grants, total, total_demo = [], 0.0, False
    for kpi in (k for k in catalogue if k.programme == "grants"):
        value = latest_value(panel, lau2, kpi.id)
        grants.append(Figure(kpi.label(lang), marked(format_value(value.value, kpi, tr), value.status),
                             str(value.year or ""), value.status == "demo"))
        total += value.value or 0.0
        total_demo |= value.status == "demo"
    grants.append(Figure(tr("briefing.grants_total"), marked(tr.eur(total), "demo" if total_demo else None), "",
                         total_demo))
    trends = [_population_chart(series, name, year, tr)]
    trends += [c for c in (_trend(catalogue[k], panel, lau2, canton, name, tr) for k in TREND_KPIS) if c][:3]
    shown = panel[panel["lau2"] == lau2]
    sources = [build_sources(source)]
    sources += sorted({catalogue[k].source for k in shown["kpi"].unique() if k in catalogue and catalogue[k].source})
    sources = [translated_source(s, tr) for s in sources]
    demo = bool((shown["status"] == "demo").any()) or any(r.demo for t in tables for r in t.rows)
    shapes = load_shapes(source)
    return Briefing(
        lang=tr.lang,
        kind="commune",
        title=name,
        subtitle=tr("briefing.commune_subtitle", canton=str(commune["canton"]), district=str(commune["district"]),
                    lau2=lau2, year=year),
        date=today(tr),
        year=year,
        figures=figures,
        map_svg=svg.commune_map_svg(shapes, lau2, name),
        map_caption=tr("briefing.map_commune_caption", canton=str(commune["canton"])),
        map_alt=tr("a11y.briefing_map_commune", name=name, canton=str(commune["canton"])),
        map_legend=[
            {"colour": svg.ACCENT, "label": name},
            {"colour": svg.CANTON_FILL, "label": tr("briefing.legend_canton", canton=str(commune["canton"]))},
            {"colour": svg.OTHER_FILL, "label": tr("briefing.legend_other")},
        ],
        tables=tables,
        programmes=programmes,
        grants=grants,
        trends=trends,
        sources=sources,
        demo=demo,
        labels=labels(tr, name),
    )
