"""What a briefing says, already worded and formatted in one language; the PDF and HTML renderers only lay it out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from babel.dates import format_date

from analytics.present.i18n import Translator, strings
from analytics.queries.population import build_info
from analytics.store.reader import Source

# Section titles and fixed texts the templates show; every key lives in analytics/locales/briefing.yaml.
LABEL_KEYS = (
    "doc_type", "observatory", "key_figures", "map", "peers", "peers_note", "equality", "intercultural",
    "programmes", "grants", "trends", "sources", "demo_title", "demo_notice", "page", "generated",
    "grants_total", "position_note", "methods",
)


class BriefingError(ValueError):
    """A briefing was asked for something that does not exist (unknown commune, year without population)."""


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    note: str = ""
    demo: bool = False


@dataclass(frozen=True)
class Row:
    cells: list[str]
    demo: bool = False
    pos: float | None = None  # commune (or median) between the lowest and highest commune, 0..1
    peer: float | None = None  # canton median on the same scale
    nat: float | None = None  # national median on the same scale


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[Row]


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    legend: list[dict[str, Any]] = field(default_factory=list)  # {label, colour, dashed}
    demo: bool = False
    alt: str = ""  # what the chart shows, for PDF/UA and screen readers (alt_text.lines_alt)


@dataclass(frozen=True)
class Briefing:
    lang: str
    kind: str  # commune | national
    title: str
    subtitle: str
    date: str
    year: int
    figures: list[Figure]
    map_svg: str
    map_caption: str
    map_legend: list[dict[str, str]]  # {colour, label}
    tables: list[Table]
    programmes: list[Figure]
    grants: list[Figure]
    trends: list[Chart]
    sources: list[str]
    demo: bool
    labels: dict[str, str]
    map_alt: str = ""  # what the map shows, for PDF/UA and screen readers

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def data_year(source: Source) -> int:
    """The latest population year: the default year of a briefing, as on the home page."""
    return build_info(source).data_as_of


def build_sources(source: Source) -> str:
    """The data sources the warehouse was built from, cited on the note's last page."""
    return build_info(source).sources


SOURCE_PREFIX = "briefing.src."


def translated_source(text: str, tr: Translator) -> str:
    """A source as the note's language words it (locales/briefing_sources.yaml, keyed by its English text).

    The warehouse and the catalogue write sources in English; a French or German note listed them so. A source
    without an entry stays as written (tests fail on one, so it does not go unnoticed).
    """
    by_english = {texts.get("en"): key for key, texts in strings().items() if key.startswith(SOURCE_PREFIX)}
    key = by_english.get(text)
    return tr(key) if key else text


def labels(tr: Translator, name: str) -> dict[str, str]:
    texts = {key: tr(f"briefing.{key}") for key in LABEL_KEYS}
    texts["footer"] = tr("briefing.footer", name=name)
    return texts


def today(tr: Translator) -> str:
    return format_date(date.today(), format="long", locale=tr.locale)


def population_at(series: pd.DataFrame, year: int) -> int | None:
    rows = series[series["year"] == year]["population"]
    return int(rows.iloc[0]) if not rows.empty else None
