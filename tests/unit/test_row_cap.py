"""The row cap (`file.max_data_rows`): never below what a valid file can hold, one number for CSV and XLSX, and a
file past it stopped at the first row over with one message (issue 16: memory of a rejected file stays bounded)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from analytics.checks.reader import UnreadableFile, read_table
from analytics.checks.xlsx_guard import XlsxLimits
from analytics.config.catalogue import load_catalogue, load_practice_rules, load_rules
from analytics.config.settings import Settings
from analytics.sources.files import SubmissionFile
from tests import hostile_files as hostile

HEADER = b"lau2,kpi,year,value\n"
LINE = b"9999,women_councillors_share,1999,250\n"
WHY = ("a file holds each commune, KPI and year at most once, and all communes × KPIs × years make fewer rows than "
       "that: split it into several files or remove repeated rows")


def stopped_at(name: str, data: bytes, rules: dict) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_table(SubmissionFile(name, data), rules)
    return caught.value.problem(name).render()


def test_the_cap_holds_every_commune_kpi_and_year_of_the_real_catalogue():
    """A valid file holds each (lau2, kpi, year) at most once: a cap below their number would refuse a valid file."""
    rules = load_rules()
    communes = len(pd.read_csv(Settings().reference_dir / "communes.csv", dtype={"lau2": str}))
    years = datetime.now(UTC).year - int(rules["fields"]["year"]["min"]) + 1
    keys = communes * len(load_catalogue()) * years
    assert rules["file"]["max_data_rows"] >= keys, (
        f"{communes} communes x {len(load_catalogue())} KPIs x {years} years = {keys:,} rows; raise max_data_rows")


@pytest.mark.parametrize("rules", [load_rules(), load_practice_rules()], ids=["kpi", "practices"])
def test_the_xlsx_guard_takes_the_same_cap_plus_the_header(rules):
    assert XlsxLimits.from_rules(rules).max_rows == rules["file"]["max_data_rows"] + 1
    assert "max_rows" not in rules["file"].get("xlsx", {})  # one limit, not two that can drift apart


def test_a_csv_at_the_cap_is_read_and_one_row_more_stops_at_that_row():
    rules = load_rules()
    cap = rules["file"]["max_data_rows"]
    assert read_table(SubmissionFile("f.csv", HEADER + LINE * cap), rules).cells.num_rows == cap
    assert stopped_at("f.csv", HEADER + LINE * (cap + 1), rules) == (
        f"f.csv:{cap + 2:d}: more than {cap:,} data rows, reading stopped here; {WHY}")


def test_the_slow_path_counts_rows_as_a_spreadsheet_shows_them():
    """A blank line and a cell over two lines send a file to the csv module; the row named is still exact."""
    rules = {**load_rules(), "file": {**load_rules()["file"], "max_data_rows": 5}}
    data = HEADER + LINE + b"\n" + b'0304,women_councillors_share,2020,"1\n2"\n' + LINE * 3
    assert stopped_at("f.csv", data, rules).startswith("f.csv:7: more than 5 data rows, reading stopped here; ")
    assert read_table(SubmissionFile("f.csv", data[: -len(LINE)]), rules).cells.column("row").to_pylist() == [
        2, 4, 5, 6]


def test_an_xlsx_over_the_cap_is_refused_by_the_guard_at_the_same_row():
    rules = load_rules()
    cap = rules["file"]["max_data_rows"]
    assert stopped_at("f.xlsx", hostile.many_rows(cap + 1), rules) == (
        f"f.xlsx: sheet 1 has a row {cap + 2:,}; the limits are {cap:,} data rows, 16 columns and 250,005 cells; "
        "split the data into several files")
    assert read_table(SubmissionFile("f.xlsx", hostile.many_rows(cap)), rules).cells.num_rows == cap


def test_a_practices_file_has_its_own_cap():
    rules = load_practice_rules()
    header = ",".join(rules["columns"]["required"]).encode() + b"\n"
    row = b"p-1,t,0304,pilot,other,2020,d,,,demo,,s\n"
    cap = rules["file"]["max_data_rows"]
    assert stopped_at("p.csv", header + row * (cap + 1), rules) == (
        f"p.csv:{cap + 2}: more than {cap:,} data rows, reading stopped here; a file holds each practice once, and "
        "all communes together run far fewer practices: split it into several files")
