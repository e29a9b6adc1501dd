"""A real ``pgdash serve --replicas 2`` on loopback: health, stickiness, a replica killed.

Bounded loops only, and every server is always stopped (SIGTERM, then SIGKILL).
"""

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import websockets
from test_serve import haproxy_or_skip

from bench.ws_client import StreamlitSession, http_get
from pgdash.serve.haproxy import COOKIE, REPLICA_HEADER
from pgdash.serve.replicas import free_port

PID_LINE = re.compile(r"^(?:replica )?(r\d+|haproxy) pid (\d+) on ")


@dataclass
class Serving:
    """The ``pgdash serve`` process, its output so far, and the replicas it announced."""

    process: subprocess.Popen
    url: str
    lines: list[str] = field(default_factory=list)

    def pids(self) -> dict[str, int]:
        """The latest pid announced for each replica and for HAProxy."""
        found: dict[str, int] = {}
        for line in list(self.lines):
            if match := PID_LINE.search(line):
                found[match[1]] = int(match[2])
        return found

    def wait_line(self, needle: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(needle in line for line in list(self.lines)):
                return
            if self.process.poll() is not None:
                raise AssertionError(f"pgdash serve exited: {self.lines[-5:]}")
            time.sleep(0.2)
        raise AssertionError(f"no line with {needle!r} after {timeout} s: {self.lines[-5:]}")


def _read(process: subprocess.Popen, lines: list[str]) -> None:
    for line in process.stdout:
        lines.append(line.rstrip())


@contextmanager
def pgdash_serve(data: Path, replicas: int) -> Iterator[Serving]:
    """``pgdash serve`` on a free loopback port; always stopped (SIGTERM, then SIGKILL)."""
    haproxy_or_skip()
    port = free_port()
    options = ["--replicas", str(replicas), "--port", str(port), "--address", "127.0.0.1"]
    process = subprocess.Popen(
        [sys.executable, "-m", "pgdash", "--data", str(data), "serve", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Serving(process, f"http://127.0.0.1:{port}")
    threading.Thread(target=_read, args=(process, running.lines), daemon=True).start()
    try:
        running.wait_line("serving http://127.0.0.1", timeout=90)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for pid in running.pids().values():  # nothing may outlive pgdash serve
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def serving(built_data: Path) -> Iterator[Serving]:
    with pgdash_serve(built_data, 2) as running:
        yield running


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _get(url: str, cookie: str | None = None) -> tuple[int, str, str]:
    """Status, the replica that answered, and the PGDASH cookie set (or "")."""
    request = urllib.request.Request(
        url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        set_cookie = response.headers.get_all("Set-Cookie") or []
        sticky = next(
            (c.split(";")[0].split("=", 1)[1] for c in set_cookie if c.startswith(COOKIE)), ""
        )
        return response.status, response.headers.get(REPLICA_HEADER, ""), sticky


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"{what} not within {timeout} s")


def test_proxy_answers_health_from_both_replicas(serving: Serving) -> None:
    answers = [_get(f"{serving.url}/_stcore/health") for _ in range(6)]
    assert all(status == 200 for status, _, _ in answers)
    assert {replica for _, replica, _ in answers} == {"r1", "r2"}  # no cookie: balanced
    assert all(cookie == replica for _, replica, cookie in answers)  # and a cookie to stay


def test_cookie_keeps_a_browser_on_one_replica(serving: Serving) -> None:
    for name in ("r1", "r2"):
        answers = [_get(f"{serving.url}/", cookie=name) for _ in range(5)]
        assert answers == [(200, name, "")] * 5  # same replica, no new cookie (indirect)


def test_killed_replica_is_replaced_and_its_browsers_move(serving: Serving) -> None:
    old_pid = serving.pids()["r1"]

    async def scenario() -> None:
        survivor = StreamlitSession(serving.url, timeout=60, sticky=True)
        victim = StreamlitSession(serving.url, timeout=60, sticky=True)
        survivor.cookies, victim.cookies = {COOKIE: "r2"}, {COOKIE: "r1"}
        async with survivor, victim:
            assert (survivor.replica, victim.replica) == ("r2", "r1")
            assert (await survivor.run()).ok and (await victim.run()).ok
            os.kill(old_pid, signal.SIGKILL)
            # At once (before r1 is restarted): r1's cookie is redispatched to r2, re-pinned.
            moved = await http_get(f"{serving.url}/_stcore/health", {COOKIE: "r1"}, 10)
            assert moved.status == 200 and moved.get_all(REPLICA_HEADER) == ["r2"]
            assert any(c.startswith(f"{COOKIE}=r2") for c in moved.get_all("Set-Cookie"))
            # The survivor's session on r2 is untouched.
            assert (await survivor.run()).ok and survivor.replica == "r2"
            # The victim's websocket drops; it reconnects as the frontend does and runs again.
            with pytest.raises((websockets.ConnectionClosed, OSError)):
                await victim.run()
            await victim.reconnect()
            assert (await victim.run()).ok
            assert victim.cookies[COOKIE] == victim.replica  # pinned to where it landed

    asyncio.run(scenario())
    serving.wait_line("replica r1 exited", timeout=15)
    _wait(lambda: serving.pids()["r1"] != old_pid and _alive(serving.pids()["r1"]), 15, "restart")
    # Once healthy again, HAProxy sends r1's cookie to r1 again.
    _wait(lambda: _get(f"{serving.url}/", cookie="r1")[1] == "r1", 30, "r1 back in the proxy")
    answer = asyncio.run(http_get(f"{serving.url}/_stcore/health", {COOKIE: "r1"}, 10))
    assert answer.status == 200 and answer.get_all(REPLICA_HEADER) == ["r1"]


def test_ctrl_c_stops_every_process(serving: Serving) -> None:
    pids = serving.pids()
    assert set(pids) == {"r1", "r2", "haproxy"}
    assert all(_alive(pid) for pid in pids.values())
    serving.process.send_signal(signal.SIGINT)
    assert serving.process.wait(timeout=20) == 0
    assert [name for name, pid in pids.items() if _alive(pid)] == []
    assert "stopped" in serving.lines


def test_sigterm_stops_every_process(built_data: Path) -> None:
    with pgdash_serve(built_data, 1) as running:
        pids = running.pids()
        assert set(pids) == {"r1", "haproxy"}
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=20) == 0
        assert [name for name, pid in pids.items() if _alive(pid)] == []
