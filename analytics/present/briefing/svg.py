"""Static SVG for briefings, drawn from the warehouse boundaries with no browser, no plotting library and no network.

Why hand-built SVG: the PDF (typst) and the HTML version both embed SVG natively; the 100 commune outlines and a
few trend lines are a few hundred lines of path data, drawn here in ~30 ms. kaleido needs Chrome, matplotlib is not
installed in the app's environment, and either would be slower for this little.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import shapely

# Luxembourg sits at ~49.8°N: one degree of longitude is cos(49.8°) of a degree of latitude.
LON_SCALE = math.cos(math.radians(49.8))
SIMPLIFY_DEG = 0.0008
NAVY = "#1f3a5f"
ACCENT = "#c8102e"
CANTON_FILL = "#c5d3e3"
OTHER_FILL = "#eceff3"
NO_DATA_FILL = "#d4d4d4"


@dataclass(frozen=True)
class MapShapes:
    """Commune outlines as SVG path data in a shared pixel frame, plus canton borders and label points."""

    width: float
    height: float
    paths: Mapping[str, str]  # lau2 -> path data
    cantons: Mapping[str, str]  # lau2 -> canton code
    centres: Mapping[str, tuple[float, float]]  # lau2 -> a point inside the commune
    spans: Mapping[str, tuple[float, float]]  # lau2 -> (west, east) edge in pixels, to put a label beside it
    borders: str  # path data of canton borders


def _ring(coords: Sequence[tuple[float, float]], project) -> str:
    points = [project(x, y) for x, y in coords]
    return "M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in points) + "Z"


def map_shapes(geometry: Sequence[tuple[str, str, str]], borders: Sequence[str], width: float = 400.0) -> MapShapes:
    """Project (lau2, canton_code, GeoJSON) rows to pixels; simplified as one coverage so neighbours still touch."""
    lau2s = [row[0] for row in geometry]
    geoms = shapely.from_geojson([row[2] for row in geometry])
    geoms = shapely.coverage_simplify(geoms, SIMPLIFY_DEG)
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    scale = width / ((xmax - xmin) * LON_SCALE)
    height = (ymax - ymin) * scale

    def project(x: float, y: float) -> tuple[float, float]:
        return (x - xmin) * LON_SCALE * scale, (ymax - y) * scale

    paths, centres, spans = {}, {}, {}
    for lau2, geom in zip(lau2s, geoms, strict=True):
        parts = []
        for polygon in getattr(geom, "geoms", [geom]):
            parts.append(_ring(polygon.exterior.coords, project))
            parts.extend(_ring(ring.coords, project) for ring in polygon.interiors)
        paths[lau2] = "".join(parts)
        point = shapely.point_on_surface(geom)
        centres[lau2] = project(point.x, point.y)
        west, _, east, _ = geom.bounds
        spans[lau2] = (project(west, 0)[0], project(east, 0)[0])
    border_parts = []
    for text in borders:
        lines = shapely.from_geojson(text)
        for line in getattr(lines, "geoms", [lines]):
            xs, ys = line.xy
            border_parts.append("M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in map(project, xs, ys)))
    return MapShapes(width, height, paths, {r[0]: r[1] for r in geometry}, centres, spans, "".join(border_parts))


def _svg(width: float, height: float, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif">'
        f"{body}</svg>"
    )


def commune_map_svg(shapes: MapShapes, lau2: str, label: str) -> str:
    """Luxembourg with the commune in accent red, its canton shaded (its peers here) and canton borders drawn."""
    canton = shapes.cantons.get(lau2)
    body = []
    for code, path in shapes.paths.items():
        fill = ACCENT if code == lau2 else CANTON_FILL if shapes.cantons[code] == canton else OTHER_FILL
        body.append(f'<path d="{path}" fill="{fill}" stroke="#ffffff" stroke-width="0.6" fill-rule="evenodd"/>')
    body.append(f'<path d="{shapes.borders}" fill="none" stroke="{NAVY}" stroke-width="1.1"/>')
    if lau2 in shapes.centres:
        _, y = shapes.centres[lau2]
        west, east = shapes.spans[lau2]
        anchor = "start" if east < shapes.width * 0.6 else "end"
        x = east + 5 if anchor == "start" else west - 5
        dx = 0
        circle = f'<circle cx="{shapes.centres[lau2][0]:.1f}" cy="{y:.1f}" r="2.5" fill="#ffffff"/>'
        body.append(circle)
        text = escape(label)
        body.append(
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" font-size="13" font-weight="bold" text-anchor="{anchor}" '
            f'fill="{NAVY}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{text}</text>'
        )
    return _svg(shapes.width, shapes.height, "".join(body))


def choropleth_svg(shapes: MapShapes, classes: Mapping[str, int], colours: Sequence[str]) -> str:
    """The national map: each commune in the colour of its class, grey without data; the legend is drawn by the page."""
    body = []
    for code, path in shapes.paths.items():
        k = classes.get(code, -1)
        fill = colours[k] if 0 <= k < len(colours) else NO_DATA_FILL
        body.append(f'<path d="{path}" fill="{fill}" stroke="#ffffff" stroke-width="0.6" fill-rule="evenodd"/>')
    body.append(f'<path d="{shapes.borders}" fill="none" stroke="{NAVY}" stroke-width="1.1"/>')
    return _svg(shapes.width, shapes.height, "".join(body))


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[int, float]]
    colour: str
    dashed: bool = False


def nice_bounds(lo: float, hi: float) -> tuple[float, float]:
    """Round the axis out to a readable step (21–28 %, 480 000–710 000), never below zero for positive data."""
    span = hi - lo
    magnitude = 10 ** math.floor(math.log10(span))
    step = magnitude / 2 if span / magnitude < 3 else magnitude
    low = math.floor(lo / step) * step
    return (max(low, 0.0) if lo >= 0 else low), math.ceil(hi / step) * step


def _label(text: str) -> str:
    """SVG text for an axis label; the narrow no-break space CLDR uses in French (137 678) is missing from common
    fonts' SVG rendering, so it becomes a plain no-break space."""
    return escape(text.replace("\u202f", "\u00a0"))


def trend_svg(series: Sequence[Series], y_text, width: float = 260.0, height: float = 120.0) -> str:
    """A small line chart (years on x); `y_text(value)` formats the two axis labels in the briefing's locale."""
    drawn = [s for s in series if s.points]
    if not drawn:
        return _svg(width, height, "")
    years = [y for s in drawn for y, _ in s.points]
    values = [v for s in drawn for _, v in s.points]
    x0, x1 = min(years), max(years)
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    lo, hi = nice_bounds(lo, hi)
    left, right, top, bottom = 46.0, 8.0, 8.0, 20.0

    def px(year: int) -> float:
        return left + (width - left - right) * ((year - x0) / (x1 - x0) if x1 > x0 else 0.5)

    def py(value: float) -> float:
        return top + (height - top - bottom) * (1 - (value - lo) / (hi - lo))

    body = [
        f'<line x1="{left}" y1="{py(lo):.1f}" x2="{width - right}" y2="{py(lo):.1f}" stroke="#9aa5b1" stroke-width="0.8"/>',
        f'<line x1="{left}" y1="{py(hi):.1f}" x2="{width - right}" y2="{py(hi):.1f}" stroke="#e1e5ea" stroke-width="0.8"/>',
        f'<text x="{left - 4}" y="{py(hi) + 4:.1f}" font-size="9" text-anchor="end" fill="#52606d">{_label(y_text(hi))}</text>',
        f'<text x="{left - 4}" y="{py(lo):.1f}" font-size="9" text-anchor="end" fill="#52606d">{_label(y_text(lo))}</text>',
        f'<text x="{left}" y="{height - 5}" font-size="9" fill="#52606d">{x0}</text>',
        f'<text x="{width - right}" y="{height - 5}" font-size="9" text-anchor="end" fill="#52606d">{x1}</text>',
    ]
    for s in drawn:
        points = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in s.points)
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        body.append(f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="1.8"{dash}/>')
        y_last, v_last = s.points[-1]
        body.append(f'<circle cx="{px(y_last):.1f}" cy="{py(v_last):.1f}" r="2.4" fill="{s.colour}"/>')
    return _svg(width, height, "".join(body))
