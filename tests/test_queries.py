"""The read side in one place: every query of metrics, present, pages and ui goes through `analytics.queries`,
with one runner and one parameter style."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics.config.settings import Settings
from analytics.queries.communes import communes
from analytics.queries.programmes import signing_years
from analytics.store.reader import run_named
from analytics.store.sql import SQL_DIR

ROOT = Path(__file__).resolve().parents[1]
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


def test_the_runner_refuses_named_parameters(reader):
    with pytest.raises(TypeError, match=r"kpis.sql:kpi_years were dict but are expected to be a list"):
        run_named(reader, "kpis.sql", "kpi_years", {"kpi": "women_councillors_share"})
    assert len(run_named(reader, "kpis.sql", "kpi_years", ["women_councillors_share"]))


def test_one_commune_list_by_name_with_canton_and_district(reader, warehouse):
    frame = communes(reader)
    assert list(frame.columns) == ["lau2", "name", "canton", "canton_code", "district"]
    assert len(frame) == 100 and frame["lau2"].is_unique
    assert list(frame["name"]) == sorted(frame["name"])
    assert frame.set_index("lau2").loc["0304"].tolist() == ["Luxembourg", "Luxembourg", "C03", "Luxembourg"]
    con = duckdb.connect(str(warehouse), read_only=True)  # the same function on a plain connection (CLI, build)
    try:
        pd.testing.assert_frame_equal(communes(con), frame)
    finally:
        con.close()


def test_signing_years_come_from_the_warehouse_as_the_programme_files_state_them(reader):
    programmes = Settings().programmes_dir
    expected = {
        programme: pd.read_csv(programmes / csv, dtype={"lau2": str}).groupby("lau2")["signing_year"].min().to_dict()
        for programme, csv in (("gemengepakt", "gemengepakt_signatories.csv"),
                               ("pilot", "pakt_vum_zesummeliewen_pilot.csv"))
    }
    years = signing_years(reader)
    found = {p: dict(zip(g["lau2"], g["signing_year"].astype(int), strict=True)) for p, g in years.groupby("programme")}
    assert found == expected
    assert found["pilot"]["0711"] == 2021  # Grosbous and Wahl signed apart, Groussbus-Wal counts once, first year
