"""WCAG 2.1 AA in a real browser: axe-core on every page in French, German and English, and on the HTML briefing.

The audited administrations must meet the EU Web Accessibility Directive (WCAG 2.1 AA). axe checks only that
`<html lang>` exists and is valid, not that it matches the language spoken, so the test reads it too.
"""

from __future__ import annotations

import pytest

from analytics.present.briefing import commune_briefing, national_briefing, render_html
from analytics.present.i18n import LANGUAGES
from tests.e2e.helpers import WCAG_21_AA, describe_violations, run_axe, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser

# Every page of app.py's navigation, opened as a shared link would open it.
PAGES = ("", "map", "commune", "benchmark", "trends", "programmes", "grants", "practices", "data", "briefing")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_has_no_wcag_21_aa_violation_and_declares_its_language(page, app_url, path, lang):
    page.set_viewport_size({"width": 1440, "height": 1600})
    page.goto(f"{app_url}/{path}?lang={lang}")
    wait_for_app(page)
    wait_for_charts(page)
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=10_000)
    violations = run_axe(page)
    assert violations == [], f"/{path}?lang={lang}:\n" + describe_violations(page, violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_briefing_has_no_violation_and_its_landmarks(page, reader, lang):
    """The HTML note as sent by e-mail: WCAG 2.1 AA, and axe's landmark rules (best-practice) for <main> and regions."""
    for note in (commune_briefing(reader, "0304", lang=lang), national_briefing(reader, lang=lang)):
        page.set_content(render_html(note))
        assert page.evaluate("document.documentElement.lang") == lang
        violations = run_axe(page, [*WCAG_21_AA, "best-practice"])
        assert violations == [], f"{note.kind} briefing, {lang}:\n" + describe_violations(page, violations)
        assert page.locator("main svg[role='img']").count() == 1 + len(note.trends)
