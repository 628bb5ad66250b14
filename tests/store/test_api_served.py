"""The API through real clients against `streamlit run app.py` on a free port: pandas, pyarrow, paging, errors.

The same server serves the pages, so these tests also pin that app.py's `st.App` mounts /api/v1 beside them.
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message

import duckdb
import pandas as pd
import pytest

from analytics.config.catalogue import load_catalogue
from analytics.metrics.peers import percentile_rank
from analytics.metrics.standing import ranks
from tests.e2e.helpers import running_app

KPI = "women_councillors_share"


@pytest.fixture(scope="module")
def base(warehouse):
    with running_app(warehouse) as url:
        yield url + "/api/v1"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive) and body; an HTTP error is an answer like any other."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def warehouse_rows(warehouse, where: str = "true") -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(f"select count(*) from kpi_current where {where}").fetchone()[0]


def test_the_pages_and_the_api_are_served_by_one_server(base):
    page = base.removesuffix("/api/v1") + "/map?kpi=women_councillors_share&lang=en"
    status, headers, body = get(page)
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<div id=\"root\"" in body
    status, headers, body = get(base + "/openapi.json")
    assert status == 200 and set(json.loads(body)["paths"]) == {"/kpi", "/municipality", "/data", "/openapi.json"}
    assert get(page, {"Origin": "https://example.org"})[1].get("Access-Control-Allow-Origin") is None  # CORS is the API's, not the pages'


def test_pandas_reads_the_csv_with_codes_as_text(base, warehouse):
    frame = pd.read_csv(f"{base}/data?kpi={KPI}&format=csv", dtype={"lau2": str})
    assert len(frame) == warehouse_rows(warehouse, f"kpi = '{KPI}'") > 0
    assert frame["lau2"].str.fullmatch(r"[0-9]{4}").all() and "0101" in set(frame["lau2"])
    assert list(frame.columns[:5]) == ["lau2", "kpi", "year", "value", "status"]
    assert set(frame["status"]) <= {"official", "demo"}
    raw = get(f"{base}/data?kpi={KPI}&format=csv")[2].decode("utf-8")
    assert raw.splitlines()[1].startswith('"0')  # quoted as text for readers that look at quotes


def test_each_official_fact_carries_the_certainty_and_source_it_was_published_with(base, warehouse):
    frame = pd.read_csv(f"{base}/data?kpi={KPI}&format=csv", dtype={"lau2": str}).set_index(["lau2", "year"])
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sourced = con.execute("select lau2, year::integer as year, certainty, source from kpi_current_sourced "
                              "where kpi = ? and certainty is not null", [KPI]).df().set_index(["lau2", "year"])
    assert len(sourced) > 0
    assert frame.loc[sourced.index, "certainty"].tolist() == sourced["certainty"].tolist()
    assert frame.loc[sourced.index, "source"].tolist() == sourced["source"].tolist()  # the value's own URL
    others = frame.drop(index=sourced.index)
    assert len(others) > 0 and others["certainty"].isna().all()  # demo and uploads state none: unknown, not "high"


def test_pandas_reads_the_parquet_typed(base, warehouse):
    status, headers, body = get(f"{base}/data?kpi=population&format=parquet")
    assert status == 200 and headers["Content-Type"] == "application/vnd.apache.parquet"
    frame = pd.read_parquet(io.BytesIO(body))
    assert len(frame) == warehouse_rows(warehouse, "kpi = 'population'")
    assert str(frame["lau2"].dtype) in ("object", "str", "string") and frame["lau2"].str.len().eq(4).all()
    assert frame["year"].dtype == "int32" and frame["value"].dtype == "float64"
    municipalities = pd.read_parquet(io.BytesIO(get(f"{base}/municipality?format=parquet")[2]))
    assert pd.read_parquet(f"{base}/data?kpi=population&format=parquet").equals(frame)  # pandas opens the URL itself
    assert len(municipalities) == 100 and municipalities.loc[municipalities["lau2"] == "0304", "name"].item()


def test_json_paging_to_the_end_returns_every_warehouse_row_once(base, warehouse):
    url, seen, pages = f"{base}/data?per_page=997", [], 0
    while url:
        status, _, body = get(url)
        assert status == 200
        page = json.loads(body)
        assert page["count"] == len(page["values"]) <= 997 and page["next_url"] == page["next_page"]
        seen += [(v["lau2"], v["kpi"], v["year"]) for v in page["values"]]
        url, pages = page["next_page"], pages + 1
    assert len(seen) == len(set(seen)) == warehouse_rows(warehouse) == page["total"]
    assert pages == -(-len(seen) // 997)
    first = json.loads(get(f"{base}/data")[2])
    assert first["count"] == min(5000, first["total"])  # Kolada's default and largest page


def test_one_kpi_year_has_the_pages_rank_and_percentile(base, reader):
    year = 2024
    rows = pd.DataFrame(json.loads(get(f"{base}/data?kpi={KPI}&year={year}")[2])["values"])
    values = reader.query("select lau2, value from kpi_current where kpi = ? and year = ?", [KPI, year])
    direction = load_catalogue()[KPI].judging  # the distance to parity for a share of women
    expected = dict(zip(values["lau2"], ranks(values["value"], direction)))
    assert dict(zip(rows["lau2"], rows["rank"])) == expected and rows["rank"].min() == 1
    one = values.iloc[7]
    own = rows.loc[rows["lau2"] == one["lau2"], "percentile"].item()
    assert own == pytest.approx(percentile_rank(one["value"], values.drop(index=7)["value"], direction))
    only = json.loads(get(f"{base}/data?kpi={KPI}&year={year}&municipality=304")[2])["values"]
    assert [r["lau2"] for r in only] == ["0304"] and only[0]["rank"] == expected["0304"]  # national rank
    assert "rank" not in json.loads(get(f"{base}/data?kpi={KPI}")[2])["values"][0]


def test_catalogue_lists_every_kpi_with_texts_and_coverage(base, warehouse):
    kpis = json.loads(get(f"{base}/kpi")[2])["values"]
    assert [k["id"] for k in kpis] == load_catalogue().ids
    share = next(k for k in kpis if k["id"] == KPI)
    assert share["label_de"] and share["definition_fr"] and share["direction"] in ("higher", "lower", "neutral", "target")
    if share["direction"] == "target":
        assert share["target"] == 50.0
    covered = sum(c["official"] + c["demo"] for k in kpis for c in k["coverage"])
    assert covered == warehouse_rows(warehouse)
    assert pd.read_csv(f"{base}/kpi?format=csv")["id"].tolist() == load_catalogue().ids


def test_etag_and_cors(base):
    status, headers, _ = get(f"{base}/data?kpi={KPI}&year=2024", {"Origin": "https://example.org"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert headers["ETag"].startswith('"') and "max-age" in headers["Cache-Control"]
    again = get(f"{base}/data?year=2024&kpi={KPI}", {"If-None-Match": headers["ETag"]})
    assert again[0] == 304 and again[2] == b""


HOSTILE = [
    ("kpi=women_councilors_share", "kpi", "did you mean 'women_councillors_share'?"),
    ("kpi=population'%3B%20drop%20table%20kpi_values%3B--", "kpi", "unknown kpi"),
    ("municipality=0304%20or%201%3D1", "municipality", "unknown municipality"),
    ("year=2024)%20union%20select%20*%20from%20submissions--", "year", "four-digit year"),
    ("kpi=population&kpi=woman_mayor", "kpi", "more than once"),
    ("year=2023&year=2024", "year", "more than once"),
    ("kpi=" + urllib.parse.quote("Bürgermeisterin_🙂\u202e"), "kpi", "unknown kpi"),
    ("municipality=%00%ff", "municipality", "unknown municipality"),
    ("kpi=" + "x" * 15_000, "kpi", "too long"),
    ("status=pending", "status", "unknown status"),
    ("page=-1", "page", "whole number"),
    ("per_page=5001", "per_page", "at most 5,000"),
    ("format=xlsx", "format", "unknown format"),
    ("kpis=population", "kpis", "did you mean 'kpi'?"),
]


@pytest.mark.parametrize(("query", "parameter", "message"), HOSTILE)
def test_a_hostile_parameter_is_a_json_400(base, query, parameter, message):
    status, headers, body = get(f"{base}/data?{query}")
    assert status == 400, body[:200]
    assert headers["Content-Type"] == "application/json"
    error = json.loads(body)
    assert error["parameter"] == parameter and message in error["error"]
    assert "Traceback" not in error["error"] and len(error["error"]) < 300


def test_a_100_kb_value_is_refused_and_the_server_keeps_serving(base):
    """An address over 16 KiB is refused before any page or endpoint runs (ui.http_guard), in the API's JSON shape."""
    status, _, body = get(f"{base}/data?kpi={'x' * 100_000}&year=2024")
    assert status == 400 and b"Traceback" not in body
    error = json.loads(body)
    assert error["parameter"] == "kpi" and "over 16 KiB" in error["error"]
    assert get(f"{base}/data?kpi={KPI}&year=2024")[0] == 200


def test_unknown_path_and_method_are_json(base):
    status, headers, body = get(f"{base}/dta")
    assert status == 404 and json.loads(body)["error"].endswith("did you mean /api/v1/data?")
    request = urllib.request.Request(f"{base}/data", method="POST", data=b"")
    try:
        urllib.request.urlopen(request, timeout=30)
        raise AssertionError("POST was accepted")
    except urllib.error.HTTPError as err:
        assert err.code == 405 and json.loads(err.read())["parameter"] is None
