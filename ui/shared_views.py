"""Views built once per distinct choice of the widgets, figures serialised once and shared by every session.

Under load the server's work per rerun was the figure: building the plotly objects, `to_dict()` (a deep copy with
the commune polygons) and `to_json` cost ~190 ms of CPU per session and KPI change (issue 16). A `FrozenFigure` is
made once per view and warehouse version, kept in `st.cache_resource` (one object for all sessions, never copied)
and hands `st.plotly_chart` its prepared plain-JSON spec, so orjson writes it in a few milliseconds with nothing to
clean. The view key holds every value that changes the figure (each is an argument of the builder, so nothing the
figure shows can be left out of it), the language (separators, labels), whether demo values are hidden ("official
data only") and the warehouse version (any write).
A shared figure is read-only: everything that would mutate it (the locale's separators) happens in `freeze`.
The map's table (as Arrow, what `st.dataframe` sends), CSV, coverage and text alternative are built once per view
too and shared the same way: read-only, like the figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson
import plotly.graph_objects as go
import plotly.io
import pyarrow as pa
import streamlit as st

from analytics.config.catalogue import Kpi, load_catalogue
from analytics.metrics.coverage import Coverage, coverage_of
from analytics.present.alt_text import categories_alt, ranking_alt
from analytics.present.choropleth import choropleth_figure, load_shapes
from analytics.present.coverage_text import coverage_legend
from analytics.present.format import format_value, missing_text, unit_label
from analytics.present.i18n import PLOTLY_SEPARATORS, Translator
from analytics.present.kpi_map import KpiMap, build_kpi_map, is_categorical
from analytics.present.map_table import MapTable, map_table_csv, map_table_frame
from analytics.queries.coverage import kpi_year_coverage
from analytics.queries.kpis import map_values
from ui.data import cached, official_only, reader
from ui.map_assets import communes_url

KPI_MAP_HEIGHT = 520
# One /map spec is ~0.3 MiB of Python objects (canton borders, labels; the polygons come by URL): 64 views bound the
# figure cache at ~20 MiB.
MAX_SHARED_FIGURES = 64


class _SerialisedSpec(dict):
    """What `FrozenFigure.to_dict()` hands `st.plotly_chart`: the layout's size (which Streamlit reads for its own
    layout) and the whole spec as JSON already written, which plotly's orjson engine embeds as it is."""

    def __init__(self, spec_json: bytes, size: dict) -> None:
        super().__init__(layout=size)
        self._fragment = orjson.Fragment(spec_json)

    def to_plotly_json(self) -> orjson.Fragment:
        return self._fragment


class FrozenFigure(go.Figure):
    """A plotly figure serialised once and kept as JSON bytes; shared by every session, so read-only.

    `st.plotly_chart` turns a figure into a dict with `to_dict()` (a deep copy for a plain `go.Figure`; a plain
    `dict` would even be validated again through `go.Figure(**d)`) and then calls `plotly.io.to_json`, whose orjson
    engine asks the object for `to_plotly_json()` first. Here that is the JSON written in `freeze`: nothing is copied
    or dumped on a rerun. Kept as bytes, the ~60 shared specs are also invisible to Python's cyclic garbage collector:
    as lists of floats they were ~230,000 references it walked on every full collection, a pause of 100–200 ms for
    every session at once under load (issue 16). `lang` says which language's separators it carries.
    """

    def __init__(self, spec_json: bytes, lang: str) -> None:
        super().__init__()
        layout = orjson.loads(spec_json).get("layout", {})
        self._frozen_json = spec_json
        self._frozen_size = {key: layout[key] for key in ("width", "height") if key in layout}
        self._frozen_lang = lang

    @property
    def lang(self) -> str:
        return self._frozen_lang

    @property
    def spec_json(self) -> bytes:
        """The spec as st.plotly_chart sends it, written once."""
        return self._frozen_json

    @property
    def spec(self) -> dict:
        """The spec as plain JSON types, parsed anew (for reading: the page sends the bytes)."""
        return orjson.loads(self._frozen_json)

    def to_dict(self) -> dict:
        return _SerialisedSpec(self._frozen_json, self._frozen_size)


def freeze(figure: go.Figure, lang: str) -> FrozenFigure:
    """Set the locale's number separators and serialise the figure once."""
    figure.update_layout(separators=PLOTLY_SEPARATORS[lang])
    return FrozenFigure(plotly.io.to_json(figure, validate=False, engine="orjson").encode(), lang)


@dataclass(frozen=True)
class KpiMapView:
    """Everything /map shows for one view besides the figure; shared by every session, so never modified."""

    result: KpiMap
    table: MapTable  # stable column keys and their headings
    rows: pa.Table  # table.frame as Arrow: st.dataframe sends it without converting pandas on every rerun
    csv: bytes
    alt: str  # the map's text alternative, from the same values as its figure
    coverage: Coverage  # official / demo / no value in that year


@st.cache_resource(show_spinner=False, max_entries=256)
def _kpi_map(kpi_id: str, year: int, norm: str, scheme: str, k: int, lang: str, official: bool,
             version: str) -> KpiMapView:
    """One classified KPI map with its table, CSV and text alternative; the legend ends with the coverage (official /
    demo / none) of the KPI in that year. Shared (no copy per session: unpickling it cost ~5 % of a rerun)."""
    tr, kpi = Translator(lang), load_catalogue()[kpi_id]
    coverage = coverage_of(cached(kpi_year_coverage), kpi_id, year)
    result = build_kpi_map(cached(map_values, kpi_id, year), kpi, norm, scheme, k, tr,
                           legend_note=coverage_legend(coverage, tr, official))
    table = map_table_frame(result.frame, kpi, unit_label(kpi, norm, tr), tr)
    rows = pa.Table.from_pandas(table.frame, preserve_index=False)
    return KpiMapView(result, table, rows, map_table_csv(result.frame, kpi, year, norm, tr),
                      _map_alt(result, kpi, year, norm, tr), coverage)


def _map_alt(result: KpiMap, kpi: Kpi, year: int, norm: str, tr: Translator) -> str:
    """Categories and their counts, or coverage, highest, lowest and median (formatting 100 values: once per view)."""
    subject = f"{kpi.label(tr.lang)}, {year}"
    if is_categorical(kpi):  # the table beside the map is its table view
        cls = result.layer.classification
        return categories_alt(tr, subject, {**dict(zip(result.layer.class_labels, cls.counts, strict=True)),
                                            missing_text(tr): cls.missing}).alt
    return ranking_alt(tr, subject, result.frame.set_index("name")["value"],
                       lambda v: format_value(v, kpi, tr, norm=norm), tr("a11y.of.communes"),
                       direction=kpi.judging).alt


@st.cache_resource(show_spinner=False, max_entries=MAX_SHARED_FIGURES)
def _kpi_map_figure(kpi_id: str, year: int, norm: str, scheme: str, k: int, lang: str, official: bool,
                    version: str) -> FrozenFigure:
    layer = _kpi_map(kpi_id=kpi_id, year=year, norm=norm, scheme=scheme, k=k, lang=lang, official=official,
                     version=version).result.layer
    shapes = cached(load_shapes)  # the canton borders; the polygons come from their URL, fetched once per browser
    return freeze(choropleth_figure(shapes, layer, height=KPI_MAP_HEIGHT, geometry_url=communes_url()), lang)


def kpi_map_view(
    tr: Translator, kpi_id: str, year: int, norm: str, scheme: str, k: int
) -> tuple[KpiMapView, FrozenFigure]:
    """The /map view: the map, table and CSV (cached per view) and the choropleth every session shares."""
    # Keywords, not positions: Streamlit looks up a positional argument's name with inspect.signature on every call.
    view = {"kpi_id": kpi_id, "year": int(year), "norm": norm, "scheme": scheme, "k": int(k), "lang": tr.lang,
            "official": official_only(), "version": reader().version}
    return _kpi_map(**view), _kpi_map_figure(**view)
