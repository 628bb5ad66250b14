"""Exports carry units and status, neutralise formulas, and the Open SDG archive has the layout SDG platforms read."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from analytics.present.escape import escape_cell, escape_formulas, escaped_csv
from analytics.present.exports import (
    annotate,
    current_values_frame,
    current_values_parquet,
    full_export_zip,
    open_sdg_zip,
    svg_to_png,
    to_csv_bytes,
    to_xlsx_bytes,
)
from analytics.present.open_sdg import COLUMNS as OPEN_SDG_COLUMNS

HOSTILE = pd.DataFrame(
    {
        "commune": ["=HYPERLINK(\"http://evil\")", "+1", "-2+3", "@SUM(A1)", "Esch-sur-Alzette", "\tx"],
        "kpi": ["women_councillors_share"] * 6,
        "value": [-1.5, 2.0, 3.0, 4.0, 5.0, 6.0],
    }
)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_prefixes_are_escaped(text):
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("a\rb", '"a\rb"'),  # a bare CR inside a cell is quoted (Python's csv would not, with "\n" line ends)
        ("a\nb", '"a\nb"'),
        ("a\r\nb", '"a\r\nb"'),  # a line break inside a quoted cell stays as written
        ('say "hi"', '"say ""hi"""'),
        ("\r=1", "\"'\r=1\""),  # leading CR: escaped, and quoted since it holds a CR
        ("plain", "plain"),
    ],
)
def test_csv_cells_with_line_breaks_are_quoted_and_records_end_with_lf(cell, written):
    text = escaped_csv(pd.DataFrame({"a": [cell, "next"], "n": [1.5, -2.0]}))
    assert text == f"a,n\n{written},1.5\nnext,-2.0\n"
    assert pd.read_csv(io.StringIO(text))["a"].tolist() == [escape_cell(cell), "next"]


def test_plain_text_and_numbers_are_untouched():
    assert escape_cell("Esch-sur-Alzette") == "Esch-sur-Alzette"
    assert escape_cell(-3.5) == -3.5
    out = escape_formulas(HOSTILE)
    assert out["value"].tolist() == HOSTILE["value"].tolist()  # negative numbers stay numbers
    assert out["commune"].tolist()[:4] == ["'=HYPERLINK(\"http://evil\")", "'+1", "'-2+3", "'@SUM(A1)"]


def test_annotate_adds_unit_from_catalogue_and_status():
    out = annotate(HOSTILE, status="demo")
    assert set(out["unit"]) == {"%"}
    assert set(out["status"]) == {"demo"}
    assert "unit" in annotate(pd.DataFrame({"x": [1]}), unit="EUR").columns


def test_csv_is_escaped_and_annotated():
    data = to_csv_bytes(HOSTILE, status="official")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["commune", "kpi", "value", "unit", "status"]
    assert back["commune"].str.startswith("'").sum() == 5
    assert back.loc[4, "commune"] == "Esch-sur-Alzette"


def test_xlsx_stores_text_not_formulas():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(HOSTILE, status="demo")))
    sheet = book["data"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 8)]
    assert all(c.data_type == "s" for c in cells)
    assert cells[0].value.startswith("'=")
    assert [c.value for c in sheet[1]] == ["commune", "kpi", "value", "unit", "status"]


def test_current_values_and_parquet(reader):
    frame = current_values_frame(reader)
    assert {"lau2", "commune", "kpi", "unit", "year", "value", "status"} <= set(frame.columns)
    assert not frame.empty
    back = pd.read_parquet(io.BytesIO(current_values_parquet(reader)))
    assert len(back) == len(frame)
    assert back["lau2"].str.len().eq(4).all()


def test_full_export_has_values_catalogue_and_readme(reader):
    archive = zipfile.ZipFile(io.BytesIO(full_export_zip(reader, "de")))
    names = set(archive.namelist())
    assert {"README.txt", "kpi_values.csv", "kpi_values.parquet", "kpi_values.xlsx", "kpi_catalogue.csv"} <= names
    catalogue = pd.read_csv(archive.open("kpi_catalogue.csv"), encoding="utf-8-sig")
    assert "Bevölkerung" in set(catalogue["label"])  # German labels


def test_open_sdg_layout(reader):
    archive = zipfile.ZipFile(io.BytesIO(open_sdg_zip(reader)))
    data_files = [n for n in archive.namelist() if n.startswith("data/indicator_")]
    meta_files = [n for n in archive.namelist() if n.startswith("meta/") and n.count("/") == 1]  # + meta/fr|de/
    assert data_files and len(data_files) == len(meta_files)
    population = pd.read_csv(archive.open("data/indicator_lu-population.csv"), dtype={"GeoCode": str})
    assert list(population.columns) == OPEN_SDG_COLUMNS
    national = population[population["GeoCode"].isna()]
    assert population["GeoCode"].dropna().str.fullmatch(r"[0-9]{4}").all()  # read as text: 0101 stays 0101
    assert sorted(national["Year"]) == sorted(set(population["Year"]))  # one national (headline) row per year
    meta = archive.read("meta/lu-population.md").decode()
    assert meta.startswith("---\n") and "indicator_name:" in meta and "computation_units: persons" in meta


def test_svg_map_becomes_png_offline():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" width="20" height="10"><rect width="20" height="10" fill="#c8102e"/></svg>'
    png = svg_to_png(svg, ppi=72)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_open_sdg_metadata_flags_demo_values(reader):
    archive = zipfile.ZipFile(io.BytesIO(open_sdg_zip(reader, "fr")))
    meta = archive.read("meta/fr/5-5-1.md").decode()
    assert "data_notice_heading: Valeurs de démonstration" in meta and "indicator_name: Proportion" in meta
    assert "data_notice" not in archive.read("meta/lu-population.md").decode()  # official STATEC figures only
