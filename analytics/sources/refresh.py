"""Download the reference data again from the official publishers (STATEC LUSTAT, ACT on data.public.lu).

The repository ships derived files so that the app runs offline; this is the way to bring them up to date when a
machine is online. Downloads go to a staging folder that mirrors `../shared/data`, and `prepare` derives `data/` from
it, so a failed download changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from analytics.config.settings import Settings
from analytics.sources.prepare import SHARED_COMMUNES, SHARED_POPULATION, prepare

LUSTAT_DF_X021 = "https://lustat.statec.lu/rest/data/LU1,DF_X021,1.1/A.?startPeriod=2010&endPeriod={year}"
ACT_DATASET_API = "https://data.public.lu/api/1/datasets/limites-administratives-du-grand-duche-de-luxembourg/"
ACT_COMMUNES_RESOURCE = "communes4326.geojson"
USER_AGENT = "gemengen-kpi-observatory (reference data refresh)"


class RefreshError(RuntimeError):
    pass


def _fetch(url: str, timeout_s: float, accept: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        host = urllib.parse.urlparse(url).netloc
        raise RefreshError(
            f"cannot reach {host} ({getattr(exc, 'reason', exc)}): refreshing needs internet access; "
            "the embedded data in data/ is unchanged"
        ) from exc


def act_communes_url(dataset_json: bytes) -> str:
    """The download address of the current commune layer in ACT's dataset description."""
    for resource in json.loads(dataset_json).get("resources", []):
        if ACT_COMMUNES_RESOURCE in (resource.get("title", "") + resource.get("url", "")):
            return resource["url"]
    raise RefreshError(f"ACT dataset has no resource named {ACT_COMMUNES_RESOURCE}; the publisher changed its layout")


def refresh(settings: Settings, timeout_s: float = 20.0) -> Iterator[str]:
    """Download, check, then derive; yields progress lines for the CLI."""
    if not (settings.shared_dir / SHARED_COMMUNES).exists():
        raise RefreshError(f"the other upstream files are read from {settings.shared_dir}, which is missing")
    year = dt.date.today().year
    population = _fetch(LUSTAT_DF_X021.format(year=year), timeout_s, "application/vnd.sdmx.data+csv;version=1.0.0")
    if not population.startswith(b"DATAFLOW"):
        raise RefreshError(f"STATEC answered, but not with SDMX-CSV (first bytes: {population[:40]!r})")
    yield f"downloaded STATEC DF_X021: {len(population):,} bytes"
    dataset = _fetch(ACT_DATASET_API, timeout_s, "application/json")
    communes = _fetch(act_communes_url(dataset), timeout_s, "application/geo+json")
    if len(json.loads(communes).get("features", [])) != 100:
        raise RefreshError("ACT commune layer does not have 100 features; not replacing the embedded boundaries")
    yield f"downloaded ACT communes: {len(communes):,} bytes"
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "data"
        shutil.copytree(settings.shared_dir, staging)
        (staging / SHARED_POPULATION).write_bytes(population)
        (staging / SHARED_COMMUNES).write_bytes(communes)
        report = prepare(Settings(settings.data_dir, settings.db_path, staging))
    yield f"derived {len(report.written)} files under {settings.data_dir}; run `python -m analytics build` next"
