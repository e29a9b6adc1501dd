"""A protocol-level Streamlit client: what a browser tab sends, without the browser.

A browser opens the websocket ``/_stcore/stream`` with the subprotocol ``streamlit``,
then asks for a script run with a ``BackMsg.rerun_script`` carrying its ``ClientState``
(page, query string, widget values, browser context). The server answers with
``ForwardMsg``s: ``new_session`` (the app's pages), ``delta``s (the elements), and
finally ``script_finished``. This client does the same, so a load test measures the
server and not a browser.

Behind a load balancer the client also behaves like a browser with cookies: ``sticky=True``
fetches ``/`` first and keeps every cookie the answer sets (HAProxy's ``PGDASH`` pins the
session to one replica), sends them with the websocket handshake, and ``reconnect()`` does what
the frontend does when its websocket drops: ask ``/_stcore/health`` (with the cookies) until it
answers, then open a new websocket.

Like the frontend, the client keeps a message cache (:class:`MessageCache`, the frontend's
``ForwardMsgCache``): it remembers the hash of every message the server marks
``metadata.cacheable`` (a ``new_element`` delta of at least ``global.minCachedMessageSize``),
sends the hashes it holds in every ``rerun_script``, and the server then sends a ``ref_hash``
in place of any such element whose content is unchanged. Without it a load client would
receive (and the server would send) every large element in full on every rerun, which no
browser does.
"""

import asyncio
import contextlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOL = "streamlit"
# The run ended; anything else (compile error, stopped for a rerun) is not a clean run.
FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
MAX_MESSAGE_BYTES = 64 * 2**20
REPLICA_HEADER = "X-Pgdash-Replica"  # set by pgdash serve's HAProxy: the replica that answered


@dataclass
class HttpAnswer:
    """Status and headers of a plain HTTP GET."""

    status: int
    headers: list[tuple[str, str]]

    def get_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]


async def http_get(url: str, cookies: dict[str, str], timeout: float) -> HttpAnswer:
    """``GET url`` over a fresh HTTP/1.1 connection (loopback only, no proxy), body dropped."""
    parts = urlsplit(url)
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(parts.hostname, parts.port or 80), timeout
    )
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        request = (
            f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            + (f"Cookie: {cookie}\r\n" if cookie else "")
            + "Connection: close\r\n\r\n"
        )
        writer.write(request.encode("latin-1"))
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        await asyncio.wait_for(reader.read(), timeout)  # the body, to its end
    finally:
        writer.close()
    lines = head.decode("latin-1").split("\r\n")
    headers = [
        tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:] if ":" in line
    ]
    return HttpAnswer(int(lines[0].split()[1]), headers)


def remember_cookies(cookies: dict[str, str], set_cookie_values: Iterable[str]) -> None:
    """Keep the cookies of ``Set-Cookie`` headers, as a browser does."""
    for value in set_cookie_values:
        jar = SimpleCookie()
        jar.load(value)
        for name, morsel in jar.items():
            cookies[name] = morsel.value


DEFAULT_MAX_CACHED_MESSAGE_AGE = 2  # Streamlit's ``global.maxCachedMessageAge`` default


class MessageCache:
    """The frontend's ``ForwardMsgCache`` (``static/js/index.*.js``).

    A cacheable message is kept (its bytes) with the number of finished runs at the time; a
    message or a ``ref_hash`` to it received again refreshes that number. When a run
    finishes (any status but ``FINISHED_EARLY_FOR_RERUN``, and only after a
    ``new_session``), the count goes up and every message older than ``max_age`` runs
    (``NewSession.config.max_cached_message_age``) is dropped; after a fragment run only the
    messages of those fragments age. The cache lives as long as the websocket: a new
    connection starts empty, as the frontend's does.
    """

    def __init__(self) -> None:
        self.runs = 0  # finished script runs so far
        self.max_age = DEFAULT_MAX_CACHED_MESSAGE_AGE
        self._kept: dict[str, list] = {}  # hash → [run count, fragment id, message bytes]
        self.hits = 0  # ref_hash messages answered from the cache

    def hashes(self) -> list[str]:
        """What ``rerun_script.cached_message_hashes`` carries."""
        return list(self._kept)

    def receive(self, msg: ForwardMsg, data: bytes) -> ForwardMsg:
        """What the frontend's ``processMessagePayload`` does: keep a cacheable message;
        for a ``ref_hash``, the message it stands for (with the reference's metadata)."""
        if msg.WhichOneof("type") == "ref_hash":
            entry = self._kept.get(msg.ref_hash)
            if entry is None:
                raise KeyError(f"cached ForwardMsg miss: the server referred to {msg.ref_hash}")
            self.hits += 1
            entry[0] = self.runs
            full = ForwardMsg()
            full.ParseFromString(entry[2])
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            if msg.hash in self._kept:
                self._kept[msg.hash][0] = self.runs
            else:
                fragment = msg.delta.fragment_id if msg.WhichOneof("type") == "delta" else ""
                self._kept[msg.hash] = [self.runs, fragment, data]
        return msg

    def finished(self, fragment_ids: Iterable[str] = ()) -> None:
        """A run ended: age every message (of those fragments, after a fragment run)."""
        self.runs += 1
        fragments = set(fragment_ids)
        for key, (count, fragment, _) in list(self._kept.items()):
            if fragments and (not fragment or fragment not in fragments):
                continue
            if self.runs - count > self.max_age:
                del self._kept[key]

    def clear(self) -> None:
        """Forget everything (a new websocket)."""
        self._kept.clear()
        self.runs = 0


@dataclass
class RunResult:
    """What one script run sent back, and how long it took."""

    seconds: float
    status: int  # a ForwardMsg.ScriptFinishedStatus value
    elements: list = field(default_factory=list)  # Element protos, in arrival order
    exceptions: list[str] = field(default_factory=list)  # messages of st.exception elements
    received_bytes: int = 0
    page_script_hash: str = ""
    # Bytes by message: ForwardMsg type, or for deltas the element's type ("delta:html").
    bytes_by_kind: dict[str, int] = field(default_factory=dict)
    cache_hits: int = 0  # elements the server sent as a ref_hash to this client's cache
    cacheable: list[str] = field(default_factory=list)  # hashes of the cacheable messages

    @property
    def ok(self) -> bool:
        """Whether the script ran to its end without an exception element."""
        return self.status in FINISHED_OK and not self.exceptions

    def texts(self) -> list[str]:
        """The visible text of the text-like elements (markdown, headings, alerts, text)."""
        out = []
        for element in self.elements:
            kind = element.WhichOneof("type")
            body = getattr(element, kind, None)
            if kind in ("markdown", "heading", "text", "alert", "html") and body is not None:
                out.append(getattr(body, "body", ""))
        return out

    def widgets(self, kind: str) -> list:
        """Widget protos of one type (e.g. ``"selectbox"``), in page order."""
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]


@dataclass
class AppPage:
    """A page of the app as the server announces it in ``new_session``."""

    page_script_hash: str
    page_name: str
    url_pathname: str


class StreamlitSession:
    """One browser tab's worth of session: connect, run pages, close."""

    def __init__(
        self, base_url: str, timeout: float = 60.0, sticky: bool = False, cache: bool = True
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.url = self.base_url.replace("http", "ws", 1) + STREAM_PATH
        self.timeout = timeout
        self.sticky = sticky
        self.cookies: dict[str, str] = {}
        self.replica = ""  # the replica that holds the websocket, when a pgdash proxy says so
        self.pages: list[AppPage] = []
        self.session_id = ""
        self.cache = MessageCache() if cache else None  # None: a client without a cache
        self._ws = None

    async def __aenter__(self) -> "StreamlitSession":
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        """Open the websocket the way the frontend does (subprotocol ``streamlit``).

        With ``sticky``, the page ``/`` is fetched first, as a browser loads it before the
        websocket, and its cookies go with the handshake.
        """
        if self.sticky and not self.cookies:
            answer = await http_get(self.base_url + "/", self.cookies, self.timeout)
            remember_cookies(self.cookies, answer.get_all("Set-Cookie"))
        if self.cache is not None:
            self.cache.clear()  # the frontend's cache belongs to one websocket
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self._ws = await asyncio.wait_for(
            websockets.connect(
                self.url,
                subprotocols=[SUBPROTOCOL],
                max_size=MAX_MESSAGE_BYTES,
                compression=None,
                open_timeout=self.timeout,
                additional_headers=headers or None,
                proxy=None,
                # A browser never pings the server (it only answers the server's pings): no
                # client keepalive timeout may end a session whose server is merely busy.
                ping_interval=None,
            ),
            self.timeout,
        )
        response = self._ws.response
        if response is not None:
            remember_cookies(self.cookies, response.headers.get_all("Set-Cookie"))
            self.replica = response.headers.get(REPLICA_HEADER, "")

    async def reconnect(self, attempts: int = 20, pause: float = 0.5) -> None:
        """What the frontend does when its websocket drops: health with cookies, then connect."""
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws.close(), 2.0)
            self._ws = None
        for attempt in range(attempts):
            try:
                answer = await http_get(
                    self.base_url + "/_stcore/health", self.cookies, self.timeout
                )
                remember_cookies(self.cookies, answer.get_all("Set-Cookie"))
                if answer.status == 200:
                    await self.connect()
                    return
            except (TimeoutError, OSError, websockets.WebSocketException):
                if attempt == attempts - 1:
                    raise
            await asyncio.sleep(pause)
        raise ConnectionError(f"no healthy server behind {self.base_url} to reconnect to")

    async def close(self) -> None:
        """Close the websocket; the server then ends the session."""
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    def page_hash(self, url_pathname: str) -> str:
        """The script hash of the page served at ``url_pathname`` ("" for the default)."""
        for page in self.pages:
            if page.url_pathname == url_pathname:
                return page.page_script_hash
        raise KeyError(f"no page {url_pathname!r}; pages: {[p.url_pathname for p in self.pages]}")

    async def run(
        self,
        page_name: str = "",
        query_string: str = "",
        widgets: Iterable[WidgetState] = (),
        page_script_hash: str = "",
    ) -> RunResult:
        """Ask for a script run, as a page load or a widget change does, and wait for its end."""
        if self._ws is None:
            raise RuntimeError("not connected")
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query_string
        state.page_name = page_name
        state.page_script_hash = page_script_hash
        state.widget_states.widgets.extend(widgets)
        state.context_info.timezone = "Asia/Shanghai"
        state.context_info.timezone_offset = -480
        state.context_info.locale = "zh-CN"
        state.context_info.url = f"http://localhost/{page_name}"
        if self.cache is not None:
            state.cached_message_hashes.extend(self.cache.hashes())
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._read_until_finished(started), self.timeout)

    async def _read_until_finished(self, started: float) -> RunResult:
        result = RunResult(seconds=0.0, status=-1)
        new_session = False  # the frontend ages its cache only after a run that began with one
        hits = self.cache.hits if self.cache is not None else 0
        while True:
            data = await self._ws.recv()
            result.received_bytes += len(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            label = kind
            if fwd.metadata.cacheable or kind == "ref_hash":
                result.cacheable.append(fwd.ref_hash if kind == "ref_hash" else fwd.hash)
            if self.cache is not None:
                fwd = self.cache.receive(fwd, data)
                kind = fwd.WhichOneof("type")
            if label == "ref_hash":
                pass  # bytes counted as the reference they were on the wire
            elif kind == "delta":
                delta = fwd.delta.WhichOneof("type")
                label = f"delta:{fwd.delta.new_element.WhichOneof('type')}"
                label = label if delta == "new_element" else f"delta:{delta}"
            result.bytes_by_kind[label] = result.bytes_by_kind.get(label, 0) + len(data)
            if kind == "new_session":  # sent as every run starts: keep the last run only
                new_session = True
                if self.cache is not None:
                    self.cache.max_age = fwd.new_session.config.max_cached_message_age
                result.elements, result.exceptions = [], []
                self._remember(fwd.new_session.app_pages)
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
                result.page_script_hash = fwd.new_session.page_script_hash
            elif kind == "navigation":  # apps built with st.navigation list their pages here
                self._remember(fwd.navigation.app_pages)
                result.page_script_hash = fwd.navigation.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                result.elements.append(element)
                if element.WhichOneof("type") == "exception":
                    exc = element.exception
                    result.exceptions.append(f"{exc.type}: {exc.message}")
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app called st.rerun(): the server starts the next run itself
                result.status = fwd.script_finished
                result.seconds = time.perf_counter() - started
                if self.cache is not None:
                    if new_session:
                        self.cache.finished()
                    result.cache_hits = self.cache.hits - hits
                return result

    def _remember(self, app_pages) -> None:
        if app_pages:
            self.pages = [
                AppPage(p.page_script_hash, p.page_name, p.url_pathname) for p in app_pages
            ]


def string_widget(widget_id: str, value: str) -> WidgetState:
    """The state of a widget whose value is a string (selectbox, radio, text input)."""
    state = WidgetState(id=widget_id)
    state.string_value = value
    return state


def int_widget(widget_id: str, value: int) -> WidgetState:
    """The state of a widget whose value is an index (older selectbox and radio)."""
    state = WidgetState(id=widget_id)
    state.int_value = value
    return state
