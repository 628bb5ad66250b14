"""Sign-in through Streamlit's `st.login` / `st.user`, and the guard every signed-in page calls first.

`require_right(right, tr)` is the check in the page itself: the navigation only hides links, so a cold deep link, a
stale session or a bookmarked URL still meets this guard before any uploader or pending data is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from analytics.config.access import AUDIT, REVIEW, SUBMIT, Access, AccessFileError, AccessTable, load_access
from analytics.config.signin import auth_problems
from analytics.present.i18n import Translator
from analytics.queries.communes import communes
from ui.data import reader, settings

NOT_SET_UP, REFUSED, SIGNED_OUT, SIGNED_IN = "not-set-up", "refused", "signed-out", "signed-in"


def auth_section() -> Mapping | None:
    """`[auth]` from the secrets, or None when there is none (or no secrets file at all)."""
    try:
        return st.secrets["auth"] if "auth" in st.secrets else None
    except Exception:  # no secrets file: Streamlit raises its own not-found error  # noqa: BLE001
        return None


def sign_in_state() -> tuple[str, list[str]]:
    """Where sign-in stands for this session, and why when it is refused."""
    section = auth_section()
    if section is None:
        return NOT_SET_UP, []
    problems = auth_problems(section.to_dict() if hasattr(section, "to_dict") else dict(section))
    if problems:
        return REFUSED, problems
    return (SIGNED_IN if st.user.get("is_logged_in", False) else SIGNED_OUT), []


@st.cache_resource(show_spinner=False)
def access_table() -> AccessTable | AccessFileError:
    """The access file, checked once per process against the current commune codes (an error is kept, not raised)."""
    try:
        codes = communes(reader())["lau2"]
        return load_access(settings().access_path, known_communes=list(codes))
    except AccessFileError as exc:
        print(f"access file refused: {exc}", flush=True)
        return exc


def current_access() -> Access | None:
    """The signed-in person's rights (role None when the access file does not list them); None when signed out."""
    state, _ = sign_in_state()
    table = access_table()
    if state != SIGNED_IN or isinstance(table, AccessFileError):
        return None
    access = table.for_sub(str(st.user.get("sub", "")))
    return access if access.name else Access(access.sub, access.role, access.communes, str(st.user.get("name", "")))


def sign_in_button(tr: Translator, key: str) -> None:
    if st.button(tr("auth.sign_in"), key=key, icon=":material/login:", type="primary"):
        st.login()


def require_right(right: str, tr: Translator) -> Access:
    """Stop the page unless the person is signed in with `right`; say plainly why not."""
    state, problems = sign_in_state()
    if state == NOT_SET_UP:
        st.info(tr("auth.not_set_up"), icon=":material/lock:")
        st.stop()
    if state == REFUSED:
        st.error(tr("auth.refused"), icon=":material/gpp_bad:")
        st.code("\n".join(problems), language=None)
        st.stop()
    table = access_table()
    if isinstance(table, AccessFileError):
        st.error(tr("auth.access_file_error", error=str(table)), icon=":material/gpp_bad:")
        st.stop()
    if state == SIGNED_OUT:
        st.warning(tr("auth.sign_in_first"), icon=":material/lock:")
        sign_in_button(tr, key=f"signin_{right}")
        st.stop()
    access = current_access()
    assert access is not None
    if access.role is None:
        st.error(tr("auth.no_rights", sub=access.sub), icon=":material/block:")
        st.stop()
    if not access.may(right):
        st.error(tr(f"auth.not_allowed.{right}", role=tr(f"auth.role.{access.role}")), icon=":material/block:")
        st.stop()
    return access


def signed_in_pages(tr: Translator) -> list[st.Page]:
    """/submit, /review, /audit: always routable (their guard answers a deep link), listed only for those allowed."""
    access = current_access()

    def shown(right: str) -> str:
        return "visible" if access is not None and access.may(right) else "hidden"

    return [
        st.Page("app_pages/submit.py", title=tr("nav.submit"), icon=":material/upload_file:", url_path="submit",
                visibility=shown(SUBMIT)),
        st.Page("app_pages/review.py", title=tr("nav.review"), icon=":material/fact_check:", url_path="review",
                visibility=shown(REVIEW)),
        st.Page("app_pages/audit.py", title=tr("nav.audit"), icon=":material/history:", url_path="audit",
                visibility=shown(AUDIT)),
    ]


def account_box(tr: Translator) -> None:
    """Sidebar: who is signed in and a sign-out button, or a sign-in button; nothing when sign-in is not set up."""
    state, _ = sign_in_state()
    if state in (NOT_SET_UP, REFUSED):
        return
    with st.sidebar:
        if state == SIGNED_OUT:
            sign_in_button(tr, key="sidebar_signin")
            return
        access = current_access()
        who = (access.name if access else "") or str(st.user.get("email", "")) or str(st.user.get("sub", ""))
        role = tr(f"auth.role.{access.role}") if access and access.role else tr("auth.role.none")
        st.caption(tr("auth.signed_in_as", who=who, role=role))
        if st.button(tr("auth.sign_out"), key="sidebar_signout", icon=":material/logout:"):
            st.logout()
