"""Communes' submissions: pending in the inbox until approved, approved through the CLI's atomic ingest, audited."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from dataclasses import replace

import duckdb
import pytest

from analytics.config.access import Access
from analytics.inbox.approval import approve, reconcile
from analytics.inbox.audit import audit_log
from analytics.inbox.store import file_path
from analytics.inbox.submissions import (
    InboxError,
    form_file,
    pending,
    reject,
    submission,
    submit,
    submitted_rows,
    visible_to,
)
from analytics.metrics.submission_diff import diff_counts, submission_diff
from analytics.present.audit_export import audit_csv
from analytics.queries.kpis import current_of_communes
from analytics.queries.provenance import history
from analytics.sources.files import SubmissionFile

HEADER = "lau2,kpi,year,value\n"
OFFICER = Access("officer-0304", "officer", ("0304",), "Officer 0304")
OTHER_OFFICER = Access("officer-0201", "officer", ("0201",), "Officer 0201")
REVIEWER = Access("reviewer", "reviewer", (), "Reviewer")


@pytest.fixture
def inbox_settings(kpi_settings):
    return kpi_settings  # inbox.sqlite beside the test's private warehouse copy


def submissions_in(settings) -> int:
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        return int(con.execute("select max(submission_id) from submissions").fetchone()[0])
    finally:
        con.close()


def csv(name: str, *rows: str) -> SubmissionFile:
    return SubmissionFile(name, (HEADER + "".join(r + "\n" for r in rows)).encode())


def warehouse_digest(settings) -> str:
    return hashlib.sha256(settings.db_path.read_bytes()).hexdigest()


def test_a_row_for_another_commune_is_refused_with_its_row_and_code(inbox_settings, reference):
    before = warehouse_digest(inbox_settings)
    result = submit(inbox_settings, OFFICER, csv("upload.csv", "0304,women_councillors_share,2024,30",
                                                 "0201,women_councillors_share,2024,40"), reference)
    assert result.inbox_id is None
    assert [p.render() for p in result.errors] == [
        "upload.csv:3:lau2: 0201 is not a commune you submit for (you represent 0304)"
    ]
    assert pending(inbox_settings).empty and not inbox_settings.inbox_files_dir.exists()
    assert warehouse_digest(inbox_settings) == before
    [event] = audit_log(inbox_settings).to_dict("records")
    assert event["action"] == "refused" and event["actor"] == "officer-0304" and "upload.csv:3:lau2" in event["detail"]


def test_submit_review_approve_reject_with_provenance(inbox_settings, reference):
    before = warehouse_digest(inbox_settings)
    good = csv("luxembourg.csv", "0304,women_councillors_share,2024,37.5", "0304,equality_officer,2024,1")
    sent = submit(inbox_settings, OFFICER, good, reference)
    assert sent.inbox_id == 1 and sent.rows == 2 and not sent.errors
    assert file_path(inbox_settings, sent.sha256).read_bytes() == good.data  # content-addressed
    assert warehouse_digest(inbox_settings) == before  # pending values never reach the warehouse
    assert list(pending(inbox_settings)["inbox_id"]) == [1]
    assert visible_to(inbox_settings, OTHER_OFFICER).empty  # 0201 cannot see 0304's submission
    assert list(visible_to(inbox_settings, OFFICER)["inbox_id"]) == [1]
    with pytest.raises(InboxError, match="may not review"):
        approve(inbox_settings, 1, OFFICER)

    next_id = submissions_in(inbox_settings) + 1
    result = approve(inbox_settings, 1, REVIEWER)
    assert result.approved and result.warehouse_submission_id == next_id
    con = duckdb.connect(str(inbox_settings.db_path), read_only=True)
    try:
        versions = history(con, "0304", "women_councillors_share", 2024)
        [version] = versions[versions["is_current"]].to_dict("records")
    finally:
        con.close()
    assert (version["value"], version["status"], version["submitted_by"], version["approved_by"]) == (
        37.5, "official", "officer-0304", "reviewer",
    )
    assert submission(inbox_settings, 1)["status"] == "approved"
    with pytest.raises(InboxError, match="not pending"):
        approve(inbox_settings, 1, REVIEWER)

    second = submit(inbox_settings, OFFICER, csv("again.csv", "0304,women_councillors_share,2025,12"), reference)
    with pytest.raises(InboxError, match="needs a reason"):
        reject(inbox_settings, second.inbox_id, REVIEWER, "  ")
    reject(inbox_settings, second.inbox_id, REVIEWER, "2025 is not closed yet; send it in January")
    mine = visible_to(inbox_settings, OFFICER).set_index("inbox_id")
    assert mine.at[second.inbox_id, "status"] == "rejected"
    assert mine.at[second.inbox_id, "reason"] == "2025 is not closed yet; send it in January"
    actions = list(audit_log(inbox_settings)["action"])[::-1]
    assert actions == ["submit", "approve", "submit", "reject"]
    assert b"reject" in audit_csv(audit_log(inbox_settings))


def test_the_review_diff_says_new_revised_unchanged(inbox_settings, reference):
    con = duckdb.connect(str(inbox_settings.db_path), read_only=True)
    try:
        current = current_of_communes(con, ["0304"])
    finally:
        con.close()
    mayor = current[(current["kpi"] == "woman_mayor") & (current["year"] == 2023)].iloc[0]
    held = set(current.loc[current["year"] == 2024, "kpi"])
    absent = next(k for k in ("equality_training_hours", "intercultural_actions", "equality_budget_eur") if k not in held)
    incoming = csv("d.csv", f"0304,woman_mayor,2023,{1 - mayor['value']:g}", "0304,woman_mayor,2024,"
                   f"{current[(current['kpi'] == 'woman_mayor') & (current['year'] == 2024)].iloc[0]['value']:g}",
                   f"0304,{absent},2024,1")
    rows = submit(inbox_settings, OFFICER, incoming, reference)
    diff = submission_diff(submitted_rows(inbox_settings, rows.inbox_id, reference), current)
    assert diff_counts(diff) == {"new": 1, "revised": 1, "unchanged": 1}
    revised = diff[diff["change"] == "revised"].iloc[0]
    assert (revised["old_value"], revised["new_value"]) == (mayor["value"], 1 - mayor["value"])


def test_a_form_becomes_a_file_of_the_changed_values_only():
    file = form_file("0304", 2024, {"equality_officer": 1, "woman_mayor": 0, "equality_commission": None},
                     {"woman_mayor": 0.0})
    assert file.data.decode() == "lau2,kpi,year,value\n0304,equality_officer,2024,1\n"


def test_twenty_concurrent_submissions_are_all_kept(inbox_settings, reference):
    officers = [replace(OFFICER, sub=f"officer-{i}") for i in range(20)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(20)

    def send(i: int) -> None:
        try:
            barrier.wait()
            submit(inbox_settings, officers[i], csv(f"u{i}.csv", f"0304,equality_training_hours,2024,{i + 1}"), reference)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(pending(inbox_settings)) == 20
    assert sorted(pending(inbox_settings)["submitted_by"]) == sorted(o.sub for o in officers)
    assert (audit_log(inbox_settings)["action"] == "submit").sum() == 20
    con = sqlite3.connect(inbox_settings.inbox_path)
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    con.close()


def test_reconcile_marks_approved_what_the_warehouse_already_holds(inbox_settings, reference):
    sent = submit(inbox_settings, OFFICER, csv("r.csv", "0304,equality_training_hours,2024,17"), reference)
    next_id = submissions_in(inbox_settings) + 1

    def crash_after_swap(moment: str) -> None:
        if moment == "swapped":
            raise KeyboardInterrupt  # the process dies after the rename, before the inbox is told

    with pytest.raises(KeyboardInterrupt):
        approve(inbox_settings, sent.inbox_id, REVIEWER, pause=crash_after_swap)
    assert submission(inbox_settings, sent.inbox_id)["status"] == "pending"
    con = duckdb.connect(str(inbox_settings.db_path), read_only=True)
    try:
        assert reconcile(inbox_settings, con) == [sent.inbox_id]
        assert reconcile(inbox_settings, con) == []
    finally:
        con.close()
    row = submission(inbox_settings, sent.inbox_id)
    assert (row["status"], row["reviewed_by"], row["warehouse_submission_id"]) == ("approved", "reviewer", next_id)
