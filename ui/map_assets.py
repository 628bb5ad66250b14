"""The commune polygons as one GeoJSON file the browser fetches once, instead of inside every map's figure.

Why: the polygons were ~200 KB of the /map figure's ~270 KB. Each rerun serialised, hashed and sent them again per
session (plotly's `to_json`, Streamlit's message hash and element id, the websocket): about a third of the server's
CPU per KPI change under load (issue 16). plotly.js accepts a URL as a choropleth's `geojson` and fetches it itself;
the browser caches it, so a KPI change now sends the classes and labels only.

The URL carries a tag of the build (`?build=`, `reader().build_stamp`): only a build writes the shapes, so an ingest
or an approval keeps the URL and the browser its copy. The answer is cached for a year (`immutable`) under that URL
and every rebuild makes a new URL. An outdated tag is still answered with the current shapes, uncached, so a page
open across a write keeps drawing.
"""

from __future__ import annotations

import functools
import hashlib
import json

from starlette.requests import Request
from starlette.responses import Response

from analytics.present.choropleth import load_shapes
from ui.data import reader

PATH = "/map-assets/communes.geojson"
CACHED_A_YEAR = "public, max-age=31536000, immutable"


def build_tag(stamp: str) -> str:
    """A short, URL-safe tag of a build stamp."""
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def communes_url() -> str:
    """The figure's `geojson`: relative to the page, as the base-map topojson is (works under a base URL path)."""
    return f"{PATH.lstrip('/')}?build={build_tag(reader().build_stamp)}"


@functools.lru_cache(maxsize=2)
def _geojson(stamp: str) -> bytes:
    return json.dumps(load_shapes(reader()).communes, separators=(",", ":")).encode()


def communes_geojson(request: Request) -> Response:
    """GET /map-assets/communes.geojson: the polygons plotly draws (clockwise rings, feature id = LAU2 code)."""
    stamp = reader().build_stamp
    tag = build_tag(stamp)
    etag = f'"{tag}"'
    current = request.query_params.get("build") == tag
    headers = {"ETag": etag, "Cache-Control": CACHED_A_YEAR if current else "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(_geojson(stamp), media_type="application/geo+json", headers=headers)
