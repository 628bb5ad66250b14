"""Audit: every submission, refusal, approval and rejection, who did it and when, with the file's sha256; exportable."""

import streamlit as st

from analytics.config.access import AUDIT
from analytics.inbox.audit import audit_log
from analytics.present.audit_export import audit_csv
from ui.auth import require_right
from ui.data import settings
from ui.shell import translator
from ui.tables import dataframe

tr = translator()
st.header(tr("audit.title"), divider="gray")
require_right(AUDIT, tr)  # stops here for anyone signed out or without the reviewer/admin role

events = audit_log(settings())
st.caption(tr("audit.caption", count=len(events)))
st.download_button(tr("audit.export"), audit_csv(events), file_name="gemengen_audit_log.csv", mime="text/csv",
                   key="audit_export", icon=":material/download:")
dataframe(
    {
        tr("audit.col.at"): events["at"].str.replace("T", " "),
        tr("audit.col.actor"): events["actor"],
        tr("audit.col.action"): [tr(f"audit.action.{a}") for a in events["action"]],
        tr("audit.col.submission"): events["inbox_id"],
        tr("audit.col.detail"): events["detail"],
        "sha256": events["sha256"],
    },
    hide_index=True,
    key="audit_table",
)
