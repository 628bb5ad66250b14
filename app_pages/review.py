"""Review: the ministry sees pending submissions against the current values and approves or rejects them."""

import streamlit as st

from analytics.config.access import REVIEW
from analytics.inbox.approval import approve, reconcile
from analytics.inbox.submissions import InboxError, pending, reject, submitted_rows, visible_to
from analytics.metrics.submission_diff import diff_counts, submission_diff
from analytics.queries.kpis import current_of_communes
from analytics.store.reference_codes import reference_codes
from ui.auth import require_right
from ui.data import cached, reader, settings
from ui.inbox_views import diff_table, submissions_table
from ui.shell import translator

tr = translator()
st.header(tr("review.title"), divider="gray")
access = require_right(REVIEW, tr)  # stops here for anyone signed out or without the reviewer role

reconcile(settings(), reader())
if "review_done" in st.session_state:
    st.success(st.session_state.pop("review_done"), icon=":material/check_circle:")
waiting = pending(settings())
st.caption(tr("review.caption", count=len(waiting)))
if waiting.empty:
    st.info(tr("review.none"))
else:
    labels = {
        int(r.inbox_id): f"{r.inbox_id} · {r.file_name} · {r.communes} · {r.submitted_by} · {tr.timestamp(r.submitted_at)}"
        for r in waiting.itertuples()
    }
    chosen = int(st.selectbox(tr("review.pick"), list(labels), format_func=labels.__getitem__, key="review_pick"))
    row = waiting.set_index("inbox_id").loc[chosen]
    reference = reference_codes(reader())
    diff = submission_diff(submitted_rows(settings(), chosen, reference),
                           cached(current_of_communes, row["communes"].split(",")))
    counts = diff_counts(diff)
    m1, m2, m3 = st.columns(3)
    m1.metric(tr("review.change.new"), counts["new"])
    m2.metric(tr("review.change.revised"), counts["revised"])
    m3.metric(tr("review.change.unchanged"), counts["unchanged"])
    diff_table(diff, tr, key=f"review_diff_{chosen}")
    reason = st.text_input(tr("review.reason"), key=f"review_reason_{chosen}", placeholder=tr("review.reason_hint"))
    b1, b2, _ = st.columns([1, 1, 3])
    if b1.button(tr("review.approve"), key=f"review_approve_{chosen}", type="primary", icon=":material/check:"):
        result = approve(settings(), chosen, access)
        if result.approved:
            st.session_state["review_done"] = tr("review.approved", id=chosen, sid=result.warehouse_submission_id)
            st.rerun()
        st.error(tr("review.approve_failed"), icon=":material/block:")
        st.code("\n".join(p.render() for p in result.problems), language=None)
    if b2.button(tr("review.reject"), key=f"review_reject_{chosen}", icon=":material/close:"):
        try:
            reject(settings(), chosen, access, reason)
            st.session_state["review_done"] = tr("review.rejected", id=chosen)
            st.rerun()
        except InboxError:
            st.error(tr("review.reason_needed"), icon=":material/edit:")

st.subheader(tr("review.all"))
submissions_table(visible_to(settings(), access), tr, key="review_all")
