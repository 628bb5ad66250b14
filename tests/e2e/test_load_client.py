"""The websocket client bench/load.py drives the server with, against the served app: it must keep speaking Streamlit's
protocol (an upgrade that changes it fails here, not silently in a bench), and two sessions see the same shared map.
No browser: the client is the browser's protobuf messages over /_stcore/stream."""

from __future__ import annotations

import asyncio
import json

from tests.e2e.st_client import StreamlitSession, run_apart

QUERY = "kpi=women_councillors_share&year=2024"
CHANGES = ("Égalité · Femmes parmi les conseillers communaux", "Interculturel · Résidents étrangers")


async def _session(base: str) -> list[dict]:
    session = StreamlitSession(base, "map", QUERY)
    await session.connect()
    try:
        first = await session.load()
        assert not first.errors and len(first.charts) == 1 and not first.fragment_only, first.errors
        box = session.selectbox("url_kpi")
        assert set(CHANGES) <= set(box.options), box.options[:5]
        specs = []
        for option in (CHANGES[1], CHANGES[0], CHANGES[1]):
            run = await session.choose(box, option)
            assert not run.errors, run.errors
            assert run.fragment_only  # the controls, map and table rerun; the sidebar and the page around them not
            assert len(run.charts) == 1, f"{option}: {len(run.charts)} maps drawn"
            specs.append(json.loads(run.charts[0]))
        return specs
    finally:
        await session.close()


async def _two_sessions(base: str) -> list[list[dict]]:
    return await asyncio.gather(_session(base), _session(base))


def test_two_websocket_sessions_change_the_kpi_and_see_the_same_map(app_url):
    one, two = run_apart(_two_sessions(app_url), timeout=300)
    legends = [spec["data"][0]["colorbar"]["title"]["text"].replace("<br>", " ") for spec in one]
    assert "Résidents étrangers" in legends[0] and "Femmes parmi" in legends[1], legends
    assert one[0] == one[2]  # back to the same KPI: the same figure
    assert one == two  # both sessions are served the same (shared) figure
