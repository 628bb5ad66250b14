"""Every UI string exists in French, German and English, and every key the code asks for exists."""

import re
from pathlib import Path

import pytest

from analytics.present.i18n import LANGUAGES, MISSING_MARK, Translator, strings

ROOT = Path(__file__).resolve().parents[2]
# tr("some.key") / tr('some.key', ...) with a literal key; f-string keys are checked through their expansions below.
LITERAL_KEY = re.compile(r"""\btr\(\s*["']([a-z0-9_.]+)["']""")
SOURCES = [*ROOT.glob("app.py"), *ROOT.glob("navigation.py"), *ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py"),
           *ROOT.glob("analytics/**/*.py")]


def test_every_string_has_all_three_languages():
    gaps = [f"{key}: {lang}" for key, texts in strings().items() for lang in LANGUAGES if not texts.get(lang)]
    assert gaps == []


def test_every_literal_key_used_in_code_is_defined():
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - set(strings())) == []


def test_placeholders_agree_across_languages():
    field = re.compile(r"{(\w+)}")
    mismatched = [
        key for key, texts in strings().items() if len({frozenset(field.findall(t)) for t in texts.values()}) > 1
    ]
    assert mismatched == []


def test_missing_key_is_visible():
    assert Translator("de")("no.such.key") == MISSING_MARK.format(key="no.such.key")


@pytest.mark.parametrize(
    "lang,number,money,share",
    [
        ("fr", "137\u202f678", "30\u202f000\xa0€", "12,5\xa0%"),
        ("de", "137.678", "30.000\xa0€", "12,5\xa0%"),
        ("en", "137,678", "€30,000", "12.5%"),
    ],
)
def test_numbers_follow_the_locale(lang, number, money, share):
    tr = Translator(lang)
    assert tr.number(137_678) == number
    assert tr.eur(30_000) == money
    assert tr.percent(12.5) == share
    assert tr.number(None) == "–"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_stored_times_read_the_same_in_every_language_with_their_zone(lang):
    assert Translator(lang).timestamp("2026-12-02T12:03:09") == "2026-12-02 12:03 UTC"
