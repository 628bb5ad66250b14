"""The read side in one place: every query of metrics, present, pages and ui goes through `analytics.queries`,
with one runner and one parameter style."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from analytics.store.sql import SQL_DIR

ROOT = Path(__file__).resolve().parents[2]
NO_SQL_HERE = ("analytics/metrics", "analytics/present", "app_pages", "ui")
SQL_TEXT = re.compile(r"^\s*(select|with|insert|update|delete|create|drop|attach)\s", re.IGNORECASE)
RUNNERS = {"query", "execute", "sql", "run_named", "read_sql", "queries"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in RUNNERS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: calls {name}()")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.match(node.value):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: SQL text {node.value[:30]!r}")
    return found


def test_metrics_present_pages_and_ui_hold_no_sql_and_call_no_runner():
    offences = [o for folder in NO_SQL_HERE for path in sorted((ROOT / folder).rglob("*.py")) for o in _offences(path)]
    assert offences == []


def test_the_sql_files_use_one_parameter_style_positional():
    named = {p.name: re.findall(r"\$\w+", p.read_text(encoding="utf-8")) for p in sorted(SQL_DIR.glob("*.sql"))}
    assert {name: found for name, found in named.items() if found} == {}
