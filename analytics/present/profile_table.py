"""The commune profile's table as a user reads it: values in their unit and locale, status in words."""

from __future__ import annotations

import pandas as pd

from analytics.config.catalogue import Catalogue
from analytics.metrics.coverage import coverage_of
from analytics.present.coverage_text import coverage_cell
from analytics.present.format import format_value, status_text
from analytics.present.i18n import Translator


def profile_table(
    rows: pd.DataFrame, catalogue: Catalogue, tr: Translator, peer_label: str, coverage: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The profile rows as a user reads them: values in their unit and locale, status in words (with the source's
    certainty where it is below high).

    `peer_label` names the peer group in the column header, so two pages with different groups cannot be confused.
    `coverage` (kpi_year_coverage) adds how many communes have an official / demo value in each row's year.
    """
    def peer_text(value: float | None, kpi_id: str) -> str:
        """The peers' summary; for a yes/no KPI `profile_rows` gives the share answering yes in per cent."""
        kpi = catalogue[kpi_id]
        share = value / 100 if kpi.type == "boolean" and value is not None else value
        return format_value(share, kpi, tr, style="summary")

    return pd.DataFrame(
        {
            tr("profile.col.kpi"): [f"{tr(f'kpimap.programme.{p}')} · {label}" for p, label in
                                    zip(rows["programme"], rows["label"])],
            tr("profile.col.year"): pd.array([None if y is None or y != y else int(y) for y in rows["year"]], "Int64"),
            tr("profile.col.value"): [
                format_value(v, catalogue[k], tr) for v, k in zip(rows["value"], rows["kpi"])
            ],
            # beside the value it qualifies: at 1440 px the last columns of this table are out of sight
            tr("profile.col.status"): [status_text(s, c, tr) for s, c in zip(rows["status"], rows["certainty"])],
            peer_label: [peer_text(v, k) for v, k in zip(rows["peer_median"], rows["kpi"])],
            tr("profile.col.rank"): rows["percentile_rank"],
            tr("profile.col.trend"): rows["trend"],
            **({tr("data.col.coverage_year"): coverage_cells(rows, coverage, tr)} if coverage is not None else {}),
        }
    )


def coverage_cells(rows: pd.DataFrame, coverage: pd.DataFrame, tr: Translator) -> list[str]:
    """For each KPI row: communes with an official / demo / no value nationally, in the row's year (or latest)."""
    cells = []
    for kpi_id, year in zip(rows["kpi"], rows["year"], strict=True):
        cov = coverage_of(coverage, kpi_id, None if year is None or year != year else int(year))
        cells.append(coverage_cell(cov.official, cov.demo, cov.none, cov.year, tr) if cov.year else "–")
    return cells
