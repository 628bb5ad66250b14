"""The table beside the KPI map: the same numbers as the colours, for those who would rather read than look."""

from __future__ import annotations

import pandas as pd

from analytics.config.catalogue import Kpi
from analytics.present.escape import escaped_csv
from analytics.present.i18n import Translator


def map_table_frame(frame: pd.DataFrame, kpi: Kpi, unit: str, tr: Translator) -> pd.DataFrame:
    """Ranked rows, best first, communes without data last; status says demo or official on every row."""
    ordered = frame.sort_values(["rank", "name"], na_position="last")
    status = {"demo": tr("status.demo"), "official": tr("status.official")}
    return pd.DataFrame(
        {
            tr("kpimap.col.rank"): ordered["rank"],
            tr("kpimap.col.commune"): ordered["name"],
            tr("kpimap.col.canton"): ordered["canton"],
            f'{tr("kpimap.col.value")} ({unit})': ordered["value"].round(2),
            tr("kpimap.col.status"): [status.get(s, "") if isinstance(s, str) else "" for s in ordered["status"]],
        }
    )


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
        }
    )
    return escaped_csv(out).encode("utf-8")
