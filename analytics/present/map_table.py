"""The table beside the KPI map: the same numbers as the colours, for those who would rather read than look."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.config.catalogue import Kpi
from analytics.present.escape import escaped_csv
from analytics.present.format import missing_text, status_text
from analytics.present.i18n import Translator


@dataclass(frozen=True)
class MapTable:
    """The table's rows under stable column keys (rank, commune, value, status) and each key's heading."""

    frame: pd.DataFrame
    labels: dict[str, str]  # column key -> heading in the reader's language (the value heading carries the unit)


def map_table_frame(frame: pd.DataFrame, kpi: Kpi, unit: str, tr: Translator) -> MapTable:
    """Ranked rows, best first, communes without data last; status says demo or official on every row, marked ⚠
    where the source's certainty is below high (the hover says which, the column's help what the mark means). Four
    short columns fit the ~370 px beside the map on a 1440 px screen (a fifth was cut off); the canton is in the
    hover and the CSV."""
    ordered = frame.sort_values(["rank", "name"], na_position="last")
    rows = pd.DataFrame(
        {
            "rank": ordered["rank"],
            "commune": ordered["name"],
            "value": ordered["value"].round(2),
            "status": [status_text(s, c, tr, short=True) or missing_text(tr)
                       for s, c in zip(ordered["status"], ordered["certainty"])],
        }
    )
    labels = {key: tr(f"kpimap.col.{key}") for key in rows.columns}
    labels["value"] = f'{labels["value"]} ({unit})'
    return MapTable(rows, labels)


def map_table_csv(frame: pd.DataFrame, kpi: Kpi, year: int, norm: str, tr: Translator) -> bytes:
    """Machine-readable export: stable column names, the KPI id, unit, normalisation and status on every row."""
    out = pd.DataFrame(
        {
            "lau2": frame["lau2"],
            "commune": frame["name"],
            "canton": frame["canton"],
            "kpi": kpi.id,
            "year": year,
            "value": frame["value"],
            "unit": kpi.unit if norm == "absolute" else f"{kpi.unit} per 1000 residents",
            "normalisation": norm,
            "rank": frame["rank"],
            "status": frame["status"].fillna("no data"),
            "certainty": frame["certainty"],  # high | medium | low as the source states it; empty: none stated
        }
    )
    return escaped_csv(out).encode("utf-8")
