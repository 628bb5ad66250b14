"""A browserless Streamlit 1.67 session over `/_stcore/stream`: the BackMsg / ForwardMsg protobufs the browser sends.

Used by bench/load.py (many sessions in one asyncio process, so the clients cost the server's cores next to nothing)
and by tests/e2e/test_load_client.py (so the client cannot rot unnoticed). What it does, like the browser:
GET /_stcore/health for the XSRF cookie; open the websocket with `Sec-WebSocket-Protocol: streamlit, <xsrf>` (entry 1
is the XSRF token, entry 2 would reconnect an existing session); send the first `rerun_script` for /<page>?<query>
(`page_name` = the URL path, no page hash yet); learn the page hash from `navigation` and each selectbox's id and
options (the `format_func` strings, which are what a widget state carries) from the deltas; then change a widget and
time the send until `script_finished`. Not sent: `cached_message_hashes` (the browser's ForwardMsg cache), so the
server re-sends the full figure each rerun and this client measures slightly more server work than a browser causes.
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
import urllib.request
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

T = TypeVar("T")
FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
MAX_FRAME_BYTES = 64 * 2**20


@dataclass
class Selectbox:
    id: str
    label: str
    options: list[str]
    fragment_id: str = ""  # the st.fragment it is drawn in: a change reruns that fragment only, as in the browser


@dataclass
class Run:
    """What one script run sent back: its duration, the KPI-map legend (colorbar title) and any page error."""

    seconds: float
    charts: list[str] = field(default_factory=list)  # plotly specs (JSON) drawn in this run
    errors: list[str] = field(default_factory=list)
    fragment_only: bool = False  # the server reran one st.fragment, not the whole app


class StreamlitSession:
    """One browser tab's worth of protocol: connect, load a page, change a selectbox, close."""

    def __init__(self, base: str, page: str, query: str = "") -> None:
        self.base = base.rstrip("/")
        self.page = page
        self.query = query
        self.ws = None
        self.page_hash = ""
        self.selectboxes: dict[str, Selectbox] = {}
        self.states: dict[str, WidgetState] = {}  # every state set so far, resent with each rerun as the browser does

    def _xsrf(self) -> str | None:
        with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=30) as response:
            cookie = response.headers.get("set-cookie", "")
        for part in cookie.split(";"):
            name, _, value = part.strip().partition("=")
            if name == "_streamlit_xsrf":
                return value
        return None

    async def connect(self) -> None:
        xsrf = await asyncio.to_thread(self._xsrf)
        url = urllib.parse.urlparse(self.base)
        headers = {"Origin": self.base, **({"Cookie": f"_streamlit_xsrf={xsrf}"} if xsrf else {})}
        self.ws = await websockets.connect(
            f"ws://{url.netloc}{url.path}/_stcore/stream",
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers=headers, max_size=MAX_FRAME_BYTES,
            compression=None,  # the browser negotiates permessage-deflate; off keeps the client cheap
            open_timeout=60, ping_interval=None,
        )

    def _rerun_message(self, fragment_id: str = "") -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.fragment_id = fragment_id
        state.page_script_hash = self.page_hash
        if not self.page_hash:
            state.page_name = self.page  # first load of /<page>: the browser sends the URL path and no hash
        state.context_info.timezone = "Europe/Luxembourg"
        state.context_info.locale = "fr-LU"
        state.context_info.url = f"{self.base}/{self.page}"
        state.widget_states.widgets.extend(self.states.values())
        return msg.SerializeToString()

    async def _until_finished(self, started: float, timeout: float) -> Run:
        run = Run(0.0)
        deadline = started + timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - time.monotonic()))
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = message.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.page_hash = message.navigation.page_script_hash or self.page_hash
            elif kind == "page_not_found":
                run.errors.append(f"page not found: {message.page_not_found.page_name}")
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind == "exception":
                    run.errors.append(f"exception: {element.exception.message[:300]}")
                elif element_kind == "selectbox":
                    box = element.selectbox
                    self.selectboxes[box.id] = Selectbox(box.id, box.label, list(box.options),
                                                         message.delta.fragment_id)
                elif element_kind == "plotly_chart":
                    run.charts.append(element.plotly_chart.spec)
            elif kind == "script_finished":
                if message.script_finished in FINISHED_OK:
                    run.fragment_only = message.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                    run.seconds = time.monotonic() - started
                    return run
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.errors.append("compile error")
                    run.seconds = time.monotonic() - started
                    return run
                # FINISHED_EARLY_FOR_RERUN: a newer run follows, keep reading

    async def load(self, timeout: float = 120) -> Run:
        """The first page load: what a browser does after opening the URL."""
        started = time.monotonic()
        await self.ws.send(self._rerun_message())
        return await self._until_finished(started, timeout)

    def selectbox(self, key: str) -> Selectbox:
        """The selectbox drawn with widget key `key` (Streamlit ends a keyed element's id with `-<key>`)."""
        for box in self.selectboxes.values():
            if box.id.endswith(f"-{key}"):
                return box
        raise LookupError(f"no selectbox with key {key!r} among {sorted(self.selectboxes)}")

    async def choose(self, box: Selectbox, option: str, timeout: float = 120) -> Run:
        """Select `option` (a displayed option) and wait for the script to finish: one widget change."""
        self.states[box.id] = WidgetState(id=box.id, string_value=option)
        started = time.monotonic()
        await self.ws.send(self._rerun_message(box.fragment_id))
        return await self._until_finished(started, timeout)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def run_apart(coro: Coroutine[Any, Any, T], timeout: float) -> T:
    """Run `coro` on a thread and event loop of its own: the browser tests' sync Playwright keeps a loop running in
    the test's thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=timeout)
