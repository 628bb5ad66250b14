"""Where a value came from: every version of one (lau2, kpi, year), oldest first, with its submission."""

from __future__ import annotations

import pandas as pd

from analytics.checks.codes import normalise_lau2
from analytics.store.reader import Source, run_named


def history(source: Source, lau2: str, kpi: str, year: int) -> pd.DataFrame:
    """value, status, is_current, submission_id, file_name, sha256, submitted_by, received_at, source_row, approved_by."""
    return run_named(source, "submissions.sql", "history", [normalise_lau2(lau2) or lau2.strip(), kpi, int(year)])


def render_history(frame: pd.DataFrame, lau2: str, kpi: str, year: int) -> list[str]:
    """Plain-text lines for the CLI: one per version, the current one marked."""
    lines = [f"{normalise_lau2(lau2) or lau2.strip()} {kpi} {year}: {len(frame)} version{'s' if len(frame) != 1 else ''}"]
    for r in frame.itertuples():
        mark = "current" if r.is_current else "superseded"
        lines.append(
            f"  {mark:<10} value {r.value:g} ({r.status}) from submission {r.submission_id} {r.file_name} row "
            f"{r.source_row}; sha256 {r.sha256}; submitted by {r.submitted_by} at {r.received_at:%Y-%m-%d %H:%M:%S} UTC"
        )
    return lines
