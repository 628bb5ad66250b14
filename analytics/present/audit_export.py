"""The audit log as a CSV download, through the one formula escaper every CSV writer uses."""

from __future__ import annotations

import pandas as pd

from analytics.present.escape import escaped_csv


def audit_csv(events: pd.DataFrame) -> bytes:
    """The log as CSV (UTF-8): a detail or actor that a spreadsheet would run as a formula is shown as text."""
    return escaped_csv(events).encode("utf-8")
