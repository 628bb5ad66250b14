"""Named queries from `analytics/sql/*.sql`: one file per concern, each query headed by `-- name: NAME`."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"
_HEADER = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


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
