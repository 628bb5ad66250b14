"""Named queries from `analytics/sql/*.sql`: one file per concern, each query headed by `-- name: NAME`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"
_HEADER = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


def read_sql(name: str) -> str:
    """A whole SQL file (schemas, multi-statement steps); SQL lives in `analytics/sql/*.sql`, one file per entity."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


@cache
def queries(filename: str) -> dict[str, str]:
    """All named queries of one SQL file; asking for an unknown name is a KeyError naming the file."""
    text = (SQL_DIR / filename).read_text(encoding="utf-8")
    parts = _HEADER.split(text)
    named = {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}
    if not named:
        raise ValueError(f"{filename}: no '-- name: ...' query headers")
    return named


def query(filename: str, name: str) -> str:
    found = queries(filename)
    if name not in found:
        raise KeyError(f"{filename}: no query named {name!r} (have {sorted(found)})")
    return found[name]


def quote_identifier(name: str) -> str:
    """A table or column name, quoted: identifiers cannot be bound as parameters, so every one passes through here."""
    if not name or "\x00" in name:
        raise ValueError(f"identifier was {name!r} but is expected to be a non-empty name")
    return '"' + name.replace('"', '""') + '"'


def insert_select(
    table: str, source: str | tuple[str, str], columns: Sequence[str] | None = None, order_by: Sequence[str] = ()
) -> str:
    """`insert into table (columns) select columns from source [order by ...]`, every identifier quoted.

    `source` is a table name or a (database, table) pair, e.g. an attached previous warehouse.
    """
    parts = source if isinstance(source, tuple) else (source,)
    origin = ".".join(quote_identifier(p) for p in parts)
    cols = ", ".join(quote_identifier(c) for c in columns) if columns else "*"
    target = f"{quote_identifier(table)} ({cols})" if columns else quote_identifier(table)
    order = f" order by {', '.join(quote_identifier(c) for c in order_by)}" if order_by else ""
    return f"insert into {target} select {cols} from {origin}{order}"  # noqa: S608 - identifiers quoted above
