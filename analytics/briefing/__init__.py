"""Briefing notes (2–4 A4 pages, PDF and HTML, fr/de/en) for one commune or the whole country.

Public API (the CLI `python -m analytics briefing` and the /briefing page call these):
- `commune_briefing(source, lau2, year=None, lang="fr") -> Briefing` and `national_briefing(source, year=None,
  lang="fr") -> Briefing`: everything the note states, worded and formatted; raise `BriefingError` with a message a
  user can act on (unknown LAU2, year without population).
- `render_pdf(briefing) -> bytes`, `render_html(briefing) -> str`, `render_png(briefing, page=1) -> bytes`.
- `briefing_pdf(source, lau2=None, year=None, lang="fr") -> bytes`: assemble + render in one call (`lau2=None`:
  national).
`source` is a `WarehouseReader` or a DuckDB connection.
"""

from __future__ import annotations

from analytics.briefing.commune import commune_briefing
from analytics.briefing.model import Briefing, BriefingError, Source
from analytics.briefing.national import national_briefing
from analytics.briefing.render import render_html, render_pdf, render_png

__all__ = [
    "Briefing", "BriefingError", "briefing_for", "briefing_html", "briefing_pdf", "commune_briefing",
    "national_briefing", "render_html", "render_pdf", "render_png",
]


def briefing_for(source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr") -> Briefing:
    """A commune briefing when `lau2` is given, else the national one."""
    if lau2:
        return commune_briefing(source, lau2, year, lang)
    return national_briefing(source, year, lang)


def briefing_pdf(source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr") -> bytes:
    return render_pdf(briefing_for(source, lau2, year, lang))


def briefing_html(source: Source, lau2: str | None = None, year: int | None = None, lang: str = "fr") -> str:
    return render_html(briefing_for(source, lau2, year, lang))
