"""French, German and English for every UI string, and locale-aware numbers through Babel.

Strings live in `analytics/locales/*.yaml`, one file per area of the app, as `key: {fr: ..., de: ..., en: ...}`.
A key missing in a language renders as a visible marker `⟦key⟧` so a test (and a user) can see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LANGUAGES: tuple[str, ...] = ("fr", "de", "en")
DEFAULT_LANGUAGE = "fr"
LANGUAGE_NAMES = {"fr": "Français", "de": "Deutsch", "en": "English"}
# French as the issue and the ministry write it (137 678, 30 000 €); CLDR fr_LU would group with a dot.
BABEL_LOCALES = {"fr": "fr", "de": "de_LU", "en": "en_GB"}
LOCALES_DIR = Path(__file__).parent / "locales"
# plotly's `separators` (decimal mark, then thousands): charts read 1,5 M in French and German, 1.5M in English.
PLOTLY_SEPARATORS = {"fr": ",\u202f", "de": ",.", "en": ".,"}
MISSING_MARK = "⟦{key}⟧"


class DuplicateStringKey(ValueError):
    pass


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """All UI strings, merged from every locale file; a key defined twice is an error, not a silent override."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in data.items():
            if key in merged:
                raise DuplicateStringKey(f"{path.name}: key {key!r} is already defined in another locale file")
            merged[key] = {lang: str(text) for lang, text in (texts or {}).items()}
    return merged


def normalise_language(value: str | None) -> str:
    value = (value or "").strip().lower()
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """Everything a page needs to speak one language: strings, numbers, money and percentages."""

    lang: str = DEFAULT_LANGUAGE

    @property
    def locale(self) -> str:
        return BABEL_LOCALES[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        text = strings().get(key, {}).get(self.lang)
        if text is None:
            return MISSING_MARK.format(key=key)
        return text.format(**values) if values else text

    def number(self, value: float | int | None, decimals: int = 0) -> str:
        if value is None or value != value:  # None or NaN
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def eur(self, value: float | int | None, decimals: int = 0) -> str:
        if value is None or value != value:
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0¤"
        if self.lang == "en":
            pattern = "¤#,##0" + ("." + "0" * decimals if decimals else "")
        return format_currency(value, "EUR", format=pattern, locale=self.locale, currency_digits=False)

    def percent(self, value: float | None, decimals: int = 1) -> str:
        """`value` is a share in percent (12.5 means 12.5 %)."""
        if value is None or value != value:
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
        if self.lang == "en":
            pattern = pattern.replace("\u00a0%", "%")
        return format_percent(value / 100, format=pattern, locale=self.locale)

    def date(self, iso: str) -> str:
        """'2024-03-27' as the locale writes it: 27 mars 2024, 27. März 2024, 27 March 2024."""
        return format_date(_date.fromisoformat(iso[:10]), format="long", locale=self.locale)

    def timestamp(self, iso: str) -> str:
        """A stored UTC time '2026-12-02T12:03:09' as '2026-12-02 12:03 UTC': the same in every language, sorts as it
        reads, and says its time zone (the inbox's times are UTC, a reader's clock is not)."""
        return f"{iso[:10]} {iso[11:16]} UTC" if len(iso) >= 16 else iso

    def signed_percent(self, value: float | None, decimals: int = 1) -> str:
        if value is None or value != value:
            return "–"
        return ("+" if value > 0 else "") + self.percent(value, decimals)
