"""Issue 16: /map builds each figure once per view and shares it; a new language or warehouse version gets a new one.

A wrong key would show one session's figure to another (another KPI, the wrong decimal mark, stale data after an
ingest), so the key is pinned here with the real warehouse and Streamlit's real caches (no runtime: process-wide).
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import plotly.io
import pytest
import streamlit as st

from analytics.present.i18n import PLOTLY_SEPARATORS, Translator
from ui import data, shared_views
from ui.charts import plotly_chart
from ui.shared_views import FrozenFigure, kpi_map_view

VIEW = ("women_councillors_share", 2024, "absolute", "quantiles", 5)


@pytest.fixture
def served_db(tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the first-start warehouse that ui.data reads, with Streamlit's caches empty before and after
    (they are process-wide: the AppTest harness must not inherit this reader)."""
    db = tmp_path / "observatory.duckdb"
    shutil.copyfile(warehouse, db)
    monkeypatch.setenv("OBSERVATORY_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield db
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts choropleth builds (the expensive part the cache exists to skip)."""
    calls: list[str] = []
    real = shared_views.choropleth_figure

    def counting(shapes, layer, height, geometry_url=None):
        calls.append(layer.legend_title)
        return real(shapes, layer, height=height, geometry_url=geometry_url)

    monkeypatch.setattr(shared_views, "choropleth_figure", counting)
    return calls


def _in_thread(fn):
    """Run `fn` on its own thread, as each Streamlit session's script runs on its own."""
    out = []
    thread = threading.Thread(target=lambda: out.append(fn()))
    thread.start()
    thread.join(60)
    return out[0]


def test_sessions_with_the_same_view_share_one_figure_built_once(served_db, builds):
    fr = Translator("fr")
    view_a, figure_a = _in_thread(lambda: kpi_map_view(fr, *VIEW))
    view_b, figure_b = _in_thread(lambda: kpi_map_view(fr, *VIEW))
    assert figure_a is figure_b and isinstance(figure_a, FrozenFigure)
    assert len(builds) == 1
    assert figure_a.spec_json is figure_b.spec_json  # written once, handed to st.plotly_chart as it is
    assert gc.is_tracked(figure_a.spec_json) is False  # bytes: nothing for the cyclic collector to walk
    assert plotly.io.to_json(figure_a, validate=False).encode() == figure_a.spec_json  # what st.plotly_chart sends
    spec = figure_a.spec
    assert spec["layout"]["separators"] == PLOTLY_SEPARATORS["fr"]
    assert "Femmes" in spec["data"][0]["colorbar"]["title"]["text"]
    assert spec["data"][0]["geojson"].startswith("map-assets/communes.geojson?build=")  # polygons fetched, not sent
    assert "coordinates" not in json.dumps(spec)  # classes, labels and canton borders: ~90 KB, was ~270 KB
    assert view_a is view_b  # the table, CSV, coverage and alt text are shared the same way (read-only)
    assert view_a.rows.column_names == list(view_a.table.frame.columns) and view_a.rows.num_rows == 100


def test_another_choice_language_or_warehouse_version_gets_its_own_figure(served_db, builds):
    fr, de = Translator("fr"), Translator("de")
    _, first = kpi_map_view(fr, *VIEW)
    _, other_kpi = kpi_map_view(fr, "foreign_residents_share", *VIEW[1:])
    _, other_k = kpi_map_view(fr, *VIEW[:4], 4)
    german_view, german = kpi_map_view(de, *VIEW)
    assert len({id(f) for f in (first, other_kpi, other_k, german)}) == 4
    assert german.spec["layout"]["separators"] == PLOTLY_SEPARATORS["de"] != PLOTLY_SEPARATORS["fr"]
    assert "Frauen" in german.spec["data"][0]["colorbar"]["title"]["text"]
    assert german_view.alt.startswith("Frauen im Gemeinderat, 2024")  # the text alternative follows the same key
    with pytest.MonkeyPatch.context() as patch:  # `status=official` in the URL: demo values hidden, another figure
        patch.setattr(shared_views, "official_only", lambda: True)
        patch.setattr(data, "official_only", lambda: True)
        official_view, official = kpi_map_view(fr, *VIEW)
    assert official is not first and not official_view.result.any_demo

    # A writer replaces the file (build, ingest, approval): same view, new version, new figure with the new value.
    changed = served_db.with_name("next.duckdb")
    shutil.copyfile(served_db, changed)
    con = duckdb.connect(str(changed))
    lau2 = con.execute("select lau2 from communes order by lau2 limit 1").fetchone()[0]
    con.execute("update build_info set stamp = stamp || '-next'")
    con.execute("update kpi_values set value = 77.7 where is_current and lau2 = ? and kpi = ? and year = ?", [lau2, VIEW[0], VIEW[1]])
    con.close()
    os.replace(changed, served_db)
    view, after = kpi_map_view(fr, *VIEW)
    assert after is not first
    assert len(builds) == 6
    assert view.result.frame.set_index("lau2").loc[lau2, "value"] == pytest.approx(77.7)


def test_a_shared_figure_is_never_changed_when_drawn(served_db):
    _, figure = kpi_map_view(Translator("fr"), *VIEW)
    before = figure.spec_json
    plotly_chart(Translator("fr"), figure, alt="the map", key="kpi_map")
    assert figure.spec_json == before and figure.spec == json.loads(before)
    with pytest.raises(ValueError, match="frozen for language 'fr' but the page speaks 'de'"):
        plotly_chart(Translator("de"), figure, alt="die Karte", key="kpi_map_de")


def test_the_server_keeps_what_it_imported_out_of_the_cyclic_collector():
    """Under load a full collection that walked the imports paused every session for 130-230 ms (issue 16): app.py,
    which the server imports once, freezes them. In a child process: freezing is for the whole interpreter."""
    code = "import gc, app; print(gc.get_freeze_count(), len(gc.get_objects(generation=2)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], capture_output=True,
                         text=True, timeout=120, check=True).stdout.split()
    frozen, left = int(out[-2]), int(out[-1])
    assert frozen > 100_000 and left < frozen / 10
