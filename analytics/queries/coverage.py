"""How much is known: for each KPI and year, communes with an official value, a demo value, or none.

- `kpi_year_coverage(source) -> DataFrame[kpi, year, official, demo, none, communes]`
"""

from __future__ import annotations

import pandas as pd

from analytics.store.reader import Source, run_named


def kpi_year_coverage(source: Source) -> pd.DataFrame:
    """Communes per status for every KPI and year that has a value (the true counts, even in official-only mode)."""
    return run_named(source, "coverage.sql", "kpi_year_coverage", [])
