"""Imported only by the file-check fork server (ui.limited_check.PRELOAD): one tiny check at import, so the lazy
parts of the checking code (the catalogue and rules files, pandas' and pyarrow's first-use imports, ~0.4 s) are
loaded once in the fork server and every forked check starts with them, instead of paying for them per upload."""

from analytics.checks.validate import ReferenceCodes
from analytics.ingest.kpis import validate_upload

validate_upload(b"lau2,kpi,year,value\n0304,women_councillors_share,2025,45.6\n", "warm-up.csv",
                ReferenceCodes({"0304": "warm-up"}, {}))
