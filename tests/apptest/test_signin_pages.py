"""The sign-in pages guard themselves (AppTest with `at.user`): nobody signed out, unknown or in the wrong role ever
gets the uploader, the pending list or the audit log, whatever the navigation shows."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.config.settings import DEMO_ACCESS_FILE

ROOT = Path(__file__).resolve().parents[2]
AUTH = {"auth": {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "k" * 64,
                 "client_id": "c", "client_secret": "s",
                 "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}
OFFICER = {"is_logged_in": True, "sub": "officer-0304", "name": "Officer 0304 (demo)"}
REVIEWER = {"is_logged_in": True, "sub": "reviewer", "name": "Ministry reviewer (demo)"}


@pytest.fixture
def page(warehouse, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_DB", str(warehouse))
    monkeypatch.setenv("OBSERVATORY_ACCESS", str(DEMO_ACCESS_FILE))
    st.cache_resource.clear()  # settings and the access table are per process; pick up this test's environment

    def run(name: str, user: dict | None, secrets: dict | None = AUTH) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app_pages" / f"{name}.py"), default_timeout=60)
        if secrets:
            at.secrets.update(secrets)
        at.user = user if user is not None else {"is_logged_in": False}
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield run
    st.cache_resource.clear()


def uploaders(at: AppTest) -> int:
    return len(at.get("file_uploader"))


@pytest.mark.parametrize("name", ["submit", "review", "audit"])
def test_signed_out_sees_a_sign_in_prompt_and_nothing_else(page, name):
    at = page(name, None)
    assert "Connectez-vous" in at.warning[0].value
    assert [b.label for b in at.button] == ["Se connecter"]
    assert uploaders(at) == 0 and len(at.dataframe) == 0


@pytest.mark.parametrize("name", ["submit", "review"])
def test_without_auth_settings_the_page_says_sign_in_is_not_set_up(page, name):
    at = page(name, OFFICER, secrets=None)
    assert "pas configurée" in at.info[0].value
    assert uploaders(at) == 0 and len(at.button) == 0


def test_a_short_cookie_secret_refuses_sign_in(page):
    short = {"auth": {**AUTH["auth"], "cookie_secret": "short"}}
    at = page("submit", OFFICER, secrets=short)
    assert "refusée" in at.error[0].value
    assert "cookie_secret is 5 characters" in at.code[0].value
    assert uploaders(at) == 0


def test_an_officer_gets_the_uploader_for_their_commune_only(page):
    at = page("submit", OFFICER)
    assert uploaders(at) == 1
    assert "Luxembourg (0304)" in at.caption[0].value
    assert at.selectbox(key="form_commune").options == ["Luxembourg (0304)"]


def test_an_unknown_user_is_signed_in_but_told_they_have_no_rights(page):
    at = page("submit", {"is_logged_in": True, "sub": "stranger"})
    assert "`stranger`" in at.error[0].value and "aucun droit" in at.error[0].value
    assert uploaders(at) == 0


@pytest.mark.parametrize("name", ["review", "audit"])
def test_an_officer_cannot_open_review_or_audit(page, name):
    at = page(name, OFFICER)
    assert "ne permet pas" in at.error[0].value
    assert len(at.dataframe) == 0 and len(at.get("download_button")) == 0


def test_a_reviewer_reviews_but_does_not_submit(page):
    at = page("submit", REVIEWER)
    assert "ne permet pas de soumettre" in at.error[0].value and uploaders(at) == 0
    at = page("review", REVIEWER)
    assert at.header[0].value.startswith("Révision") and not at.error
    at = page("audit", REVIEWER)
    assert len(at.get("download_button")) == 1
