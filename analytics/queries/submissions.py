"""The submissions log: what was ingested, from which file, by whom and when (newest first)."""

from __future__ import annotations

import pandas as pd

from analytics.store.reader import Source, run_named


def submission_log(source: Source) -> pd.DataFrame:
    """submission_id, file_name, sha256, submitted_by, received_at, rows, status, new_rows, revised_rows, source,
    approved_by."""
    return run_named(source, "submissions.sql", "submission_log")
