"""Briefing notes (2–4 A4 pages, PDF and HTML, fr/de/en) for one commune or the whole country.

Public API (the CLI `python -m analytics briefing` and the /briefing page call these):
- `commune_briefing(source, lau2, year=None, lang="fr") -> Briefing` and `national_briefing(source, year=None,
  lang="fr", kpi=None) -> Briefing` (`kpi`: the national map, one of `map_kpi_options()`): everything the note states, worded and formatted; raise `BriefingError` with a message a
  user can act on (unknown LAU2, year without population).
- `render_pdf(briefing) -> bytes`, `render_html(briefing) -> str`, `render_png(briefing, page=1) -> bytes`.
- `briefing_pdf(source, lau2=None, year=None, lang="fr", kpi=None) -> bytes`: assemble + render in one call (`lau2=None`:
  national).
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

from analytics.present.briefing.commune import commune_briefing
from analytics.present.briefing.model import Briefing, BriefingError, Source
from analytics.present.briefing.national import MAP_KPI, map_kpi_options, national_briefing
from analytics.present.briefing.render import render_html, render_pdf, render_png
from analytics.present.exports import svg_to_png

__all__ = [
    "Briefing", "BriefingError", "briefing_for", "briefing_html", "briefing_pdf", "briefing_png", "commune_briefing",
"map_png", "map_svg", "MAP_KPI", "map_kpi_options",
    "national_briefing", "render_html", "render_pdf", "render_png",
]


def briefing_for(
    source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr", kpi: str | None = None
) -> Briefing:
    """A commune briefing when `lau2` is given, else the national one (its map shows `kpi`, see map_kpi_options)."""
    if lau2:
        return commune_briefing(source, lau2, year, lang)
    return national_briefing(source, year, lang, kpi)


def briefing_pdf(
    source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr", kpi: str | None = None
) -> bytes:
    return render_pdf(briefing_for(source, lau2, year, lang, kpi))


def briefing_html(
    source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr", kpi: str | None = None
) -> str:
    return render_html(briefing_for(source, lau2, year, lang, kpi))


def briefing_png(
    source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr", kpi: str | None = None
) -> bytes:
    """The first page as PNG: the preview the /briefing page shows before a download."""
    return render_png(briefing_for(source, lau2, year, lang, kpi), page=1, ppi=150)  # readable at preview width


def map_svg(
    source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr", kpi: str | None = None
) -> str:
    """The briefing's map alone (commune highlighted, or the national KPI map), for an SVG or PNG download."""
    return briefing_for(source, lau2, year, lang, kpi).map_svg


def map_png(
    source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr", kpi: str | None = None
) -> bytes:
    """The briefing's map as PNG (typst rasterises the SVG offline), for the map download."""
    return svg_to_png(map_svg(source, lau2, year, lang, kpi))
