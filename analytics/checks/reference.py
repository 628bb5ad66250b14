"""The commune codes a submission may use, and the merged ones it may not (with their successor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class ReferenceCodes:
    """Current communes by code, and merged codes with (old name, new code, new name, effective date).

    Built from the warehouse's reference layer by `analytics.store.reference_codes` (checks never open the warehouse).
    """

    communes: dict[str, str]
    merged: dict[str, tuple[str, str, str, date]]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> ReferenceCodes:
        """From rows of (kind 'commune' | 'merged', code, name, new_lau2, new_name, effective_date)."""
        communes = {r.code: r.name for r in frame[frame["kind"] == "commune"].itertuples()}
        merged = {
            r.code: (r.name, r.new_lau2, r.new_name, pd.Timestamp(r.effective_date).date())
            for r in frame[frame["kind"] == "merged"].itertuples()
        }
        return cls(communes, merged)
