"""The full export as the standards' own tools read it: Frictionless validates the package, rdflib + pyshacl the
DCAT-AP catalogue, the Open SDG archive follows sdg-build's rules, spreadsheets are usable, archives unpack 0644.

The export is built from a small slice of the session warehouse (five communes, every KPI) because `frictionless
validate` checks row by row in Python: the whole demo warehouse would take minutes on two cores.
"""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
import yaml
from pyshacl import validate
from rdflib import Graph, URIRef

from analytics.config.catalogue import load_catalogue
from analytics.present.exports import commune_values_frame, full_export_zip, to_xlsx_bytes
from analytics.present.open_sdg import open_sdg_zip

COMMUNES = ("0101", "0304", "0105", "1002", "0512")
SHAPES = Path(__file__).parent / "shapes" / "dcat_ap_minimal.ttl"
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


@pytest.fixture(scope="module")
def small(warehouse):
    """The session warehouse seen through views that keep five communes' current values (demo ones included)."""
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as w (read_only)")
    for table in ("kpi_catalogue", "kpi_stages", "communes", "submissions", "population"):
        con.execute(f"create view {table} as select * from w.{table}")
    codes = ", ".join(f"'{c}'" for c in COMMUNES)  # fixed codes: a view cannot take bound parameters
    con.execute(f"create view kpi_current as select * from w.kpi_current where lau2 in ({codes})")
    yield con
    con.close()


@pytest.fixture(scope="module")
def export(small, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    data = full_export_zip(small, "de")
    (folder / "export.zip").write_bytes(data)
    zipfile.ZipFile(io.BytesIO(data)).extractall(folder)
    return folder


def test_frictionless_validates_the_package_with_default_settings(export):
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=export,
                            capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout)
    problems = [e["message"] for task in report["tasks"] for e in task["errors"]][:5]
    assert result.returncode == 0 and report["valid"], problems
    assert {t["name"] for t in report["tasks"]} == {"kpi-values-csv", "kpi-values-xlsx", "kpi-values-parquet",
                                                    "kpi-catalogue", "kpi-stages"}
    assert all(t["stats"]["rows"] > 0 for t in report["tasks"])


def test_the_package_types_codes_as_text_and_keys_the_values(export):
    package = json.loads((export / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["sources"]
    values = next(r for r in package["resources"] if r["name"] == "kpi-values-parquet")["schema"]
    fields = {f["name"]: f for f in values["fields"]}
    assert fields["lau2"]["type"] == "string" and fields["lau2"]["constraints"]["pattern"] == "^[0-9]{4}$"
    assert fields["year"]["type"] == "integer" and fields["value"]["type"] == "number"
    assert fields["status"]["constraints"]["enum"] == ["official", "demo"]
    assert values["primaryKey"] == ["lau2", "kpi", "year"]
    assert values["foreignKeys"][0]["reference"] == {"resource": "kpi-catalogue", "fields": ["id"]}


def test_a_broken_export_fails_the_validator(export, tmp_path):
    """The validator test can fail: a code that lost its leading zero is caught."""
    for name in ("datapackage.json", "kpi_catalogue.csv", "kpi_stages.csv"):
        (tmp_path / name).write_bytes((export / name).read_bytes())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["format"] == "csv"]
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    csv = (export / "kpi_values.csv").read_text(encoding="utf-8-sig").replace("\n0101,", "\n101,", 1)
    (tmp_path / "kpi_values.csv").write_text(csv, encoding="utf-8-sig")
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "constraint-error" in result.stdout


def test_dcat_catalogue_parses_and_conforms_to_the_shapes(export):
    data = Graph().parse(export / "catalog.jsonld", format="json-ld")
    conforms, _, text = validate(data, shacl_graph=Graph().parse(SHAPES, format="turtle"), inference="none")
    assert conforms, text
    formats = {str(o).rsplit("/", 1)[-1] for o in data.objects(predicate=_dct("format"))}
    assert formats == {"CSV", "XLSX", "PARQUET", "ZIP"}
    catalog = json.loads((export / "catalog.jsonld").read_text(encoding="utf-8"))
    temporal = catalog["dcat:dataset"]["dct:temporal"]
    with duckdb.connect() as con:
        first, last = con.execute("select min(year), max(year) from read_parquet(?)",
                                  [str(export / "kpi_values.parquet")]).fetchone()
    assert (temporal["dcat:startDate"], temporal["dcat:endDate"]) == (f"{first}-01-01", f"{last}-12-31")
    broken = Graph().parse(data=(export / "catalog.jsonld").read_text().replace('"dct:license"', '"dct:rights"'),
                           format="json-ld")
    assert not validate(broken, shacl_graph=Graph().parse(SHAPES, format="turtle"), inference="none")[0]


def _dct(term: str) -> URIRef:
    return URIRef("http://purl.org/dc/terms/" + term)


def test_every_archive_member_unpacks_readable_by_everyone(export, small):
    for data in ((export / "export.zip").read_bytes(), open_sdg_zip(small)):
        for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
            assert stat.S_IMODE(info.external_attr >> 16) == 0o644, info.filename


def test_xlsx_header_is_bold_frozen_and_filtered_with_widths_and_units(export):
    book = openpyxl.load_workbook(export / "kpi_values.xlsx")
    assert book.sheetnames[0] == "data"
    for sheet in book.worksheets:
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert all(sheet.column_dimensions[c.column_letter].width >= len(str(c.value)) for c in sheet[1])
    stages = [c.value for c in book["stages"][1]]
    assert "unit" in stages
    data = book["data"]
    lau2 = [c.value for c in data["A"][1:]]
    assert all(isinstance(v, str) and len(v) == 4 for v in lau2) and data["A2"].number_format == "@"


def test_a_commune_download_names_the_commune_on_every_row(small):
    values = commune_values_frame(small, "0304")
    assert list(values.columns[:2]) == ["lau2", "commune"]
    assert set(values["lau2"]) == {"0304"} and set(values["commune"]) == {"Luxembourg"}
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(values)))["data"]
    assert [c.value for c in sheet[1]][:2] == ["lau2", "commune"] and sheet["A2"].value == "0304"


def test_open_sdg_archive_follows_sdg_builds_rules(small):
    """The checks of the prototype's check_archive.py, which repeats what sdg-build does with the archive."""
    archive = zipfile.ZipFile(io.BytesIO(open_sdg_zip(small, "fr")))
    names = set(archive.namelist())
    config = yaml.safe_load(archive.read("config_data.yml"))
    inputs = {i["class"]: i for i in config["inputs"]}
    assert inputs["InputCsvData"]["dtype"] == {"GeoCode": "str"} and inputs["InputYamlMdMeta"]["git"] is False
    assert config["languages"] == ["fr", "de", "en"] and "_prose.yml" in names
    data_ids = {n.removeprefix("data/indicator_").removesuffix(".csv") for n in names if n.startswith("data/")}
    meta_ids = {n.removeprefix("meta/").removesuffix(".md") for n in names if n.count("/") == 1 and
                n.startswith("meta/")}
    assert data_ids == meta_ids and len(data_ids) == len(load_catalogue())  # every KPI, each id matching '*-*'
    assert all("-" in i for i in data_ids) and "lu-population" in data_ids and "5-5-1" in data_ids
    non_standalone = 0
    for inid in sorted(data_ids):
        frame = pd.read_csv(archive.open(f"data/indicator_{inid}.csv"), dtype={"GeoCode": str})
        assert list(frame.columns) == ["Year", "Units", "Commune", "GeoCode", "Value"]
        assert frame["GeoCode"].dropna().str.fullmatch(r"[0-9]{4}").all()
        headline = frame[frame[["Commune", "GeoCode"]].isna().all(axis=1)]
        assert set(headline["Year"]) == set(frame["Year"]), f"{inid}: a national row per year"
        meta = _front(archive, f"meta/{inid}.md")
        for key in ("indicator_number", "indicator_name", "reporting_status", "graph_type", "graph_title",
                    "data_non_statistical", "national_geographical_coverage"):
            assert key in meta, (inid, key)
        for key in ("goal_number", "target_number", "goal", "indicator", "name", "number", "url", "language"):
            assert key not in meta, (inid, key)
        if meta.get("standalone"):
            assert not inid.split("-")[0].isdigit() and meta["indicator_name"] != inid
        else:
            non_standalone += 1
            assert str(meta["indicator_number"]).replace(".", "-") == inid
        for lang in ("fr", "de"):
            assert _front(archive, f"meta/{lang}/{inid}.md")["indicator_name"], (inid, lang)
        assert "data_notice" not in meta or meta["data_notice_class"] == "warning"
    assert non_standalone >= 1  # sdg-build's reporting statistics fail when every indicator is standalone
    sdg = _front(archive, "meta/5-5-1.md")
    assert sdg["indicator_number"] == "5.5.1" and sdg["sdg_goal"] == "5" and "5.5.1b" in sdg["indicator_name"]
    demo = _front(archive, "meta/de/5-5-1.md")
    assert demo["data_notice_heading"] == "Demonstrationswerte" and "Demonstrationswerte" in demo["data_notice_text"]
    assert "Gemeinde" in yaml.safe_load(archive.read("translations/de/data.yml")).values()


def _front(archive: zipfile.ZipFile, name: str) -> dict:
    text = archive.read(name).decode("utf-8")
    assert text.startswith("---\n"), name
    return yaml.safe_load(text.split("---\n")[1])
