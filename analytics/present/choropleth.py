"""Plotly choropleths of the communes that draw offline, with a class legend, canton borders and hover labels.

plotly's `geo` maps render faster than its MapLibre maps (0.5 s against 1.4 s per redraw here) but always fetch a
base-map topojson: the app serves an empty one itself (`static/topojson/`), so the page makes no outside request.
plotly also wants exterior rings clockwise, the opposite of RFC 7946, so shapes are re-oriented once here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import shapely

from analytics.metrics.classify import NO_DATA, Classification
from analytics.present import palettes
from analytics.queries.geometry import canton_borders, commune_geometry
from analytics.store.reader import Source

TOPOJSON_URL = "app/static/topojson/"  # relative to the app's base URL; see .streamlit/config.toml
NO_DATA_COLOUR = palettes.NO_DATA
PLOT_CONFIG: dict[str, object] = {
    "topojsonURL": TOPOJSON_URL,
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
}


@dataclass(frozen=True)
class Shapes:
    """The commune polygons (clockwise, keyed by lau2) and canton border lines as plotly-ready arrays."""

    communes: dict
    border_lon: tuple[float | None, ...]
    border_lat: tuple[float | None, ...]


def load_shapes(reader: Source) -> Shapes:
    """The warehouse's boundaries, re-oriented for plotly once (pages cache the result)."""
    geoms = commune_geometry(reader)
    features = []
    for lau2, text in zip(geoms["lau2"], geoms["geojson"]):
        shape = shapely.orient_polygons(shapely.from_geojson(text), exterior_cw=True)
        features.append({"type": "Feature", "id": lau2, "properties": {}, "geometry": json.loads(shapely.to_geojson(shape))})
    lon: list[float | None] = []
    lat: list[float | None] = []
    for text in canton_borders(reader)["geojson"]:
        lines = shapely.from_geojson(text)
        for line in getattr(lines, "geoms", [lines]):
            xs, ys = line.xy
            lon.extend(list(xs) + [None])
            lat.extend(list(ys) + [None])
    return Shapes({"type": "FeatureCollection", "features": features}, tuple(lon), tuple(lat))


@dataclass(frozen=True)
class MapLayer:
    """What one choropleth shows: per-commune rows, their classes and how to label them."""

    frame: pd.DataFrame  # lau2, name, canton, value_text (and any extra hover lines in `hover_extra`)
    classification: Classification
    class_labels: Sequence[str]  # one per class, e.g. "1 200 – 2 500"
    no_data_label: str
    legend_title: str
    colours: Sequence[str] | None = None


def choropleth_figure(shapes: Shapes, layer: MapLayer, height: int = 560, geometry_url: str | None = None) -> go.Figure:
    """One choropleth trace (the geometry is sent once) with a stepped colour bar as the class legend.

    `geometry_url`: where the browser fetches `shapes.communes` itself (plotly.js accepts a URL as `geojson`), so the
    figure does not carry the polygons; None puts them inline (exports, tests, pages drawn once)."""
    cls = layer.classification
    colours = list(layer.colours or palettes.sequential(cls.k))
    has_missing = cls.missing > 0
    categories = ([NO_DATA_COLOUR] if has_missing else []) + colours
    labels = ([f"{layer.no_data_label} ({cls.missing})"] if has_missing else []) + [
        f"{label} ({count})" for label, count in zip(layer.class_labels, cls.counts)
    ]
    offset = 1 if has_missing else 0
    z = [int(c) + offset if c != NO_DATA else 0 for c in cls.class_of]
    n = len(categories)
    scale: list[list[object]] = []
    for i, colour in enumerate(categories):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    frame = layer.frame
    fig = go.Figure(
        go.Choropleth(
            geojson=geometry_url or shapes.communes,
            locations=frame["lau2"],
            z=z,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            marker_line_color=palettes.COMMUNE_LINE,
            marker_line_width=0.5,
            customdata=frame[["name", "canton", "value_text", "lau2"]].to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            colorbar={
                "title": {"text": layer.legend_title, "side": "top", "font": {"size": 13, "color": "#262626"}},
                "tickfont": {"size": 12, "color": "#262626"},
                "tickvals": list(range(n)),
                "ticktext": labels,
                "ticks": "",
                "thickness": 18,
                "len": 0.9,
                "outlinewidth": 0,
                "x": 1.0,
                "xanchor": "left",
            },
            name="",
        )
    )
    # Canton borders: a white casing under a dark line, so the border has >= 3:1 against the palest and the darkest
    # class alike (WCAG 1.4.11); a single dark line disappeared on the dark classes.
    for width, colour in ((3.4, palettes.BORDER_CASING), (1.4, palettes.BORDER)):
        fig.add_trace(
            go.Scattergeo(
                lon=list(shapes.border_lon),
                lat=list(shapes.border_lat),
                mode="lines",
                line={"width": width, "color": colour},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_geos(
        visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)"
    )
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
        hoverlabel={"bgcolor": "white", "font_size": 13},
    )
    return fig


def locator_figure(shapes: Shapes, canton_lau2s: Sequence[str], lau2: str, height: int = 260) -> go.Figure:
    """A small map of one canton with one commune highlighted: where is it, at a glance."""
    wanted = set(canton_lau2s)
    features = [f for f in shapes.communes["features"] if f["id"] in wanted]
    codes = [f["id"] for f in features]
    fig = go.Figure(
        go.Choropleth(
            geojson={"type": "FeatureCollection", "features": features},
            locations=codes,
            z=[1 if c == lau2 else 0 for c in codes],
            zmin=0,
            zmax=1,
            colorscale=[[0, "#e3e3e3"], [0.5, "#e3e3e3"], [0.5, "#1f5f8b"], [1, "#1f5f8b"]],
            showscale=False,
            marker_line_color="#ffffff",
            marker_line_width=0.8,
            hoverinfo="skip",
        )
    )
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    fig.update_layout(height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}, paper_bgcolor="rgba(0,0,0,0)",
                      dragmode=False)
    return fig
