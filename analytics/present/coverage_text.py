"""Coverage in words: "official for 10 communes, demo for 90, no value for 0 (2026)", in the UI language."""

from __future__ import annotations

from analytics.metrics.coverage import Coverage
from analytics.present.i18n import Translator


def coverage_line(cov: Coverage, tr: Translator, demo_hidden: bool = False) -> str:
    """The counts behind a map, a profile row or a benchmark; says when demo values are hidden."""
    if cov.year is None:
        return tr("coverage.nothing")
    parts = [tr("coverage.official", n=cov.official)]
    if cov.demo:
        parts.append(tr("coverage.demo_hidden", n=cov.demo) if demo_hidden else tr("coverage.demo", n=cov.demo))
    parts.append(tr("coverage.none", n=cov.none))
    return tr("coverage.line", parts=", ".join(parts), year=cov.year)


def coverage_cell(official: int, demo: int, none: int, year: int, tr: Translator) -> str:
    """Short form for a catalogue table: "2026: 10 official · 90 demo · 0 none"."""
    return tr("coverage.cell", year=year, official=official, demo=demo, none=none)


def coverage_legend(cov: Coverage, tr: Translator, demo_hidden: bool = False) -> str:
    """The map legend's last line: "10 official · 90 demo · 0 none" (demo struck out when hidden)."""
    demo = tr("coverage.legend_demo_hidden", n=cov.demo) if demo_hidden else tr("coverage.legend_demo", n=cov.demo)
    return tr("coverage.legend", official=cov.official, demo=demo, none=cov.none)
