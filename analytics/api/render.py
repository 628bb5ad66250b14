"""One table out in the format asked for, with the headers a client caches by: JSON, CSV or typed Parquet.

- JSON: `{"values": [...], "count": <rows on this page>, "total": <rows over all pages>, "next_page": url|null,
  "next_url": same, "previous_page": url|null}` (Kolada's shape; `next_url` is the name issue 14 uses).
- CSV: UTF-8 without BOM, every text cell quoted (so `lau2` stays "0304" for a reader that looks at quotes).
- Parquet: an explicit Arrow schema per table, never inferred (`lau2` string, `year` int32, `value` float64).
- `etag(stamp, path, query)`: a strong validator from the warehouse build stamp and the checked request, so a
  `If-None-Match` is answered with 304 before any query runs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from starlette.responses import Response

CACHE_CONTROL = "public, max-age=300"  # five minutes; a rebuild changes the ETag, so revalidation is cheap
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


def etag(stamp: str, path: str, query: Sequence[tuple[str, str]]) -> str:
    """Same build, same endpoint, same parameters (in any order) → same tag."""
    digest = hashlib.sha256(json.dumps([stamp, path, sorted(query)]).encode("utf-8")).hexdigest()[:32]
    return f'"{digest}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return tag in candidates or "*" in candidates


def cache_headers(tag: str) -> dict[str, str]:
    return {"ETag": tag, "Cache-Control": CACHE_CONTROL}


def not_modified(tag: str) -> Response:
    return Response(status_code=304, headers=cache_headers(tag))


def values_json(frame: pd.DataFrame) -> str:
    """Rows as a JSON array, by pandas' C encoder: NaN and NA become null, 15 significant digits (as the source)."""
    return frame.to_json(orient="records", force_ascii=False, double_precision=15) if len(frame) else "[]"


def json_body(frame: pd.DataFrame, total: int, next_page: str | None, previous_page: str | None) -> bytes:
    envelope = json.dumps({"count": len(frame), "total": total, "next_page": next_page, "next_url": next_page,
                           "previous_page": previous_page}, ensure_ascii=False, separators=(",", ":"))
    return ('{"values":' + values_json(frame) + "," + envelope[1:]).encode("utf-8")


def csv_body(frame: pd.DataFrame) -> bytes:
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, (list, dict))).any():
            flat[column] = flat[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    return flat.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").encode("utf-8")


def parquet_body(frame: pd.DataFrame, schema: pa.Schema) -> bytes:
    table = pa.Table.from_pandas(frame[list(schema.names)], schema=schema, preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def table_response(
    fmt: str,
    frame: pd.DataFrame,
    schema: pa.Schema,
    tag: str,
    total: int | None = None,
    links: Mapping[str, str | None] | None = None,
) -> Response:
    """The frame as JSON (with the paging envelope), CSV or Parquet, with ETag and Cache-Control."""
    links = links or {}
    if fmt == "csv":
        body = csv_body(frame)
    elif fmt == "parquet":
        body = parquet_body(frame, schema)
    else:
        body = json_body(frame, len(frame) if total is None else total, links.get("next"), links.get("previous"))
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=cache_headers(tag))
