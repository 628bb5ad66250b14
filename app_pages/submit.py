"""Submit: a commune officer uploads a file or fills in the KPI form; it waits, pending, for the ministry's review."""

from datetime import UTC, datetime

import streamlit as st

from analytics.config.access import SUBMIT
from analytics.inbox.approval import reconcile
from analytics.inbox.audit import submission_events
from analytics.inbox.submissions import check_submission, form_file, submit, visible_to
from analytics.queries.communes import communes
from analytics.queries.kpis import current_of_communes
from analytics.sources.files import SubmissionFile
from analytics.store.reference_codes import reference_codes
from ui.auth import require_right
from ui.data import cached, reader, settings
from ui.inbox_views import kpi_form, show_check, submissions_table
from ui.shell import translator
from ui.tables import dataframe

tr = translator()
st.header(tr("submit.title"), divider="gray")
access = require_right(SUBMIT, tr)  # stops here for anyone signed out, unknown, or not an officer

names = dict(zip(*(cached(communes)[c] for c in ("lau2", "name")), strict=True))
st.caption(tr("submit.caption", communes=", ".join(f"{names.get(c, c)} ({c})" for c in access.communes)))
reconcile(settings(), reader())
reference = reference_codes(reader())


def send(file: SubmissionFile) -> None:
    result = submit(settings(), access, file, reference)
    if result.inbox_id is None:
        st.error("\n".join(p.render() for p in result.problems), icon=":material/block:")
    else:
        st.session_state["submit_last"] = result.inbox_id
        st.rerun()


if "submit_last" in st.session_state:
    st.success(tr("submit.pending", id=st.session_state.pop("submit_last")), icon=":material/hourglass_top:")

upload_tab, form_tab, mine_tab = st.tabs([tr("submit.tab.upload"), tr("submit.tab.form"), tr("submit.tab.mine")])
with upload_tab:
    st.caption(tr("submit.upload.caption"))
    upload = st.file_uploader(tr("submit.upload.label"), type=["csv", "xlsx"], key="submit_upload", max_upload_size=10)
    if upload is not None:
        file = SubmissionFile(upload.name, upload.getvalue())
        check = check_submission(file, access, reference)
        show_check(check, upload.name, tr)
        if not check.errors and st.button(tr("submit.send"), key="submit_send", type="primary", icon=":material/send:"):
            send(file)

with form_tab:
    st.caption(tr("submit.form.caption"))
    c1, c2, _ = st.columns([2, 1, 3])
    lau2 = c1.selectbox(tr("submit.form.commune"), list(access.communes), key="form_commune",
                        format_func=lambda c: f"{names.get(c, c)} ({c})")
    this_year = datetime.now(UTC).year
    year = c2.selectbox(tr("submit.form.year"), list(range(this_year, this_year - 8, -1)), index=1, key="form_year")
    current = cached(current_of_communes, list(access.communes))
    entries, sent = kpi_form(lau2, int(year), current, tr)
    if sent:
        now = current[(current["lau2"] == lau2) & (current["year"] == int(year))]
        file = form_file(lau2, int(year), entries, dict(zip(now["kpi"], now["value"], strict=True)))
        if file.data.count(b"\n") <= 1:
            st.info(tr("submit.form.nothing"), icon=":material/info:")
        else:
            check = check_submission(file, access, reference)
            show_check(check, file.name, tr)
            if not check.errors:
                send(file)

with mine_tab:
    mine = visible_to(settings(), access)
    if mine.empty:
        st.info(tr("submit.mine.none"))
    else:
        submissions_table(mine, tr, key="submit_mine")
        chosen = st.selectbox(tr("submit.mine.history"), list(mine["inbox_id"]), key="submit_history")
        events = submission_events(settings(), int(chosen))
        dataframe(events.assign(at=[tr.timestamp(t) for t in events["at"]])[["at", "actor", "action", "detail"]],
                  hide_index=True, key="submit_events")
