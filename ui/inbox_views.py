"""Streamlit pieces of /submit and /review: the check result, the KPI form of one commune and year, tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.checks.problems import render_problems
from analytics.config.catalogue import Kpi, load_catalogue
from analytics.inbox.submissions import SubmissionCheck
from analytics.present.format import unit_text
from analytics.present.i18n import Translator
from ui.tables import dataframe


def show_check(check: SubmissionCheck, name: str, tr: Translator) -> None:
    """The validator's messages exactly as the CLI prints them (`FILE:ROW:COLUMN: message`)."""
    if check.errors:
        st.error(tr("submit.rejected", count=len(check.errors), name=name), icon=":material/block:")
        st.code("\n".join(render_problems(check.errors)), language=None)
    else:
        st.success(tr("submit.ok", rows=len(check.rows), name=name), icon=":material/check_circle:")
    if check.warnings:
        st.warning(tr("data.upload.warnings", count=len(check.warnings)), icon=":material/warning:")
        st.code("\n".join(render_problems(check.warnings)), language=None)


def _kpi_input(kpi: Kpi, current: float | None, status: str | None, tr: Translator, key: str) -> float | None:
    label = f"{kpi.label(tr.lang)} ({unit_text(kpi.unit, tr)})"
    shown = tr("submit.form.current", value=f"{current:g}", status=tr(f"data.status.{status}")) if current is not None else tr("submit.form.no_value")
    help_text = f"{kpi.definition_in(tr.lang)}\n\n{shown}"
    if kpi.type == "stage":
        options = list(range(len(kpi.stages)))
        index = options.index(int(current)) if current is not None and int(current) in options else None
        choice = st.selectbox(label, options, index=index, key=key, help=help_text,
                              format_func=lambda s: f"{s} · {kpi.stage_label(s, tr.lang)}", placeholder=tr("submit.form.none"))
        return None if choice is None else float(choice)
    if kpi.type == "boolean":
        index = None if current is None else (1 if current else 0)
        choice = st.selectbox(label, [0, 1], index=index, key=key, help=help_text,
                              format_func=lambda v: tr("submit.form.yes") if v else tr("submit.form.no"),
                              placeholder=tr("submit.form.none"))
        return None if choice is None else float(choice)
    step = 1.0 if kpi.is_integer else 0.1
    value = st.number_input(label, value=None if current is None else float(current), min_value=kpi.min,
                            max_value=kpi.max, step=step, key=key, help=help_text, placeholder=tr("submit.form.none"))
    return None if value is None else float(value)


def kpi_form(lau2: str, year: int, current: pd.DataFrame, tr: Translator) -> tuple[dict[str, float | None], bool]:
    """Every catalogue KPI for one commune and year, prefilled with its current value; (entries, sent?)."""
    catalogue = load_catalogue()
    now = current[(current["lau2"] == lau2) & (current["year"] == year)].set_index("kpi")
    entries: dict[str, float | None] = {}
    with st.form(f"kpi_form_{lau2}_{year}"):
        columns = st.columns(2)
        for i, kpi in enumerate(catalogue):
            value = float(now.at[kpi.id, "value"]) if kpi.id in now.index else None
            status = str(now.at[kpi.id, "status"]) if kpi.id in now.index else None
            with columns[i % 2]:
                entries[kpi.id] = _kpi_input(kpi, value, status, tr, key=f"form_{lau2}_{year}_{kpi.id}")
        sent = st.form_submit_button(tr("submit.form.check"), type="primary")
    return entries, sent


def submissions_table(frame: pd.DataFrame, tr: Translator, key: str) -> None:
    """Submissions with their status, reviewer and reason (the officer's history and the reviewer's list)."""
    dataframe(
        {
            tr("inbox.col.id"): frame["inbox_id"],
            tr("inbox.col.status"): [tr(f"inbox.status.{s}") for s in frame["status"]],
            tr("inbox.col.file"): frame["file_name"],
            tr("inbox.col.communes"): frame["communes"],
            tr("inbox.col.rows"): frame["rows"],
            tr("inbox.col.by"): frame["submitted_by"],
            tr("inbox.col.at"): [tr.timestamp(t) for t in frame["submitted_at"]],
            tr("inbox.col.reviewer"): frame["reviewed_by"].fillna(""),
            tr("inbox.col.reason"): frame["reason"].fillna(""),
        },
        hide_index=True,
        key=key,
    )


def diff_table(diff: pd.DataFrame, tr: Translator, key: str) -> None:
    """new / revised (old → new) / unchanged, one row per value."""
    catalogue = load_catalogue()
    dataframe(
        {
            tr("review.col.change"): [tr(f"review.change.{c}") for c in diff["change"]],
            tr("review.col.commune"): diff["lau2"],
            tr("review.col.kpi"): [catalogue[k].label(tr.lang) for k in diff["kpi"]],
            tr("review.col.year"): diff["year"],
            tr("review.col.old"): [None if pd.isna(v) else f"{v:g}" for v in diff["old_value"]],
            tr("review.col.new"): [f"{v:g}" for v in diff["new_value"]],
            tr("review.col.old_status"): [
                "" if not isinstance(s, str) else tr(f"data.status.{s}") for s in diff["old_status"]
            ],
            tr("review.col.row"): diff["source_row"],
        },
        hide_index=True,
        key=key,
    )
