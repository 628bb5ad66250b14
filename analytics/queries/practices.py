"""Read side of the good-practices database: real, sourced practices and a labelled demo set, extended through validated files.

Why: a ministry officer looking at a KPI wants to know what peers did about it. Practices arrive like KPI submissions:
one validator applies `catalogue/practice_rules.yaml`, every problem is reported as `FILE:ROW:COLUMN: message`, a file
is stored whole or not at all, a byte-identical file is recognised by its sha256, and each row keeps its submission
and row number (provenance).

Public API:
- `python -m analytics ingest-practices FILE...` (see `analytics.cli`); `ingest_practice_files(settings, paths)`.
- `current_practices(reader) -> DataFrame[practice_id, title, lau2s, communes, programme, domain, year, description,
  link, kpis, status, certainty, source, submission_id, source_row, file_name]`.
- `filter_practices(frame, text, programmes, domains, statuses, lau2) -> DataFrame`: the page's search.
- `practices_for_kpi(reader, kpi, lau2s) -> DataFrame[practice_id, title, lau2, commune, programme, domain, year,
  link, status, names_kpi, from_year, from_value, to_year, to_value, change, value_status]`: "what did peers do?" —
  practices of the given communes (e.g. a commune's peers) that improved on `kpi`, direction-aware (the catalogue's
  `direction`), from the last value at or before the practice's year to the latest value. Practices that name the
  KPI come first; `value_status` says whether the change rests on demo values.
  A page draws it in one line with `ui.peer_practices.peer_practices(tr, kpi, peer_lau2s, key=...)`.
"""

from __future__ import annotations

import pandas as pd

from analytics.config.catalogue import load_catalogue
from analytics.store.reader import Source, run_named

SQL = "practices.sql"


def current_practices(source: Source) -> pd.DataFrame:
    """Every current practice, newest first, with its communes' names and the file it came from."""
    frame = run_named(source, SQL, "current_practices")
    for col in ("lau2s", "kpis"):
        frame[col] = frame[col].map(lambda v: [str(x) for x in v] if v is not None else [])
    return frame

def practices_for_kpi(reader: Source, kpi: str, lau2s: list[str]) -> pd.DataFrame:
    """Practices of `lau2s` whose commune improved on `kpi` since the practice (see the module docstring)."""
    if kpi not in load_catalogue():
        raise ValueError(f"kpi was {kpi!r} but is expected to be one of the catalogue's ids")
    return run_named(reader, SQL, "practices_for_kpi", [kpi, list(lau2s)])
