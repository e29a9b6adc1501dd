"""The replicas and HAProxy together: start in order, watch, stop everything on the way out."""

import os
import secrets
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.serve import haproxy
from pgdash.serve.replicas import DIRECT, HOST, ReplicaSet, replica_env, spawn, stop


@dataclass
class Cluster:
    """Running replicas behind a running HAProxy, reachable at ``url``."""

    replicas: ReplicaSet
    proxy: subprocess.Popen
    url: str  # the proxy as seen from this machine
    config: Path

    def check_proxy(self) -> None:
        """A one-line error if HAProxy has exited."""
        if self.proxy.poll() is not None:
            raise PgdashError(f"haproxy exited with status {self.proxy.returncode}")

    def watch_once(self) -> None:
        """Check HAProxy, restart dead replicas."""
        self.check_proxy()
        self.replicas.restart_dead()

    def watch(self, stop_event: threading.Event | None = None, poll_s: float = 0.5) -> None:
        """Watch until ``stop_event`` is set (forever without one)."""
        while stop_event is None or not stop_event.is_set():
            self.watch_once()
            if stop_event is None:
                time.sleep(poll_s)
            else:
                stop_event.wait(poll_s)


def port_in_use(host: str, port: int) -> bool:
    """Whether ``host:port`` cannot be bound right now."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def wait_proxy(url: str, proxy: subprocess.Popen, timeout: float = 20.0) -> None:
    """Block until the proxy answers ``/_stcore/health`` from a replica."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proxy.poll() is not None:
            raise PgdashError(f"haproxy exited with status {proxy.returncode} while starting")
        try:
            with DIRECT.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.2)
    raise PgdashError(f"HAProxy at {url} does not reach a replica after {timeout:.0f} s")


@contextmanager
def cluster(
    app: Path,
    count: int,
    port: int,
    address: str,
    data: Path,
    balance: str = "leastconn",
    haproxy_binary: str | None = None,
    log_dir: Path | None = None,
    say: Callable[[str], None] = print,
) -> Iterator[Cluster]:
    """``count`` replicas of ``app`` behind HAProxy on ``address:port`` for the ``with`` block."""
    binary = haproxy.find_haproxy(haproxy_binary)
    if not 1 <= port <= 65535:
        raise PgdashError(f"--port {port}: use a TCP port between 1 and 65535")
    if port_in_use(address, port):
        raise PgdashError(f"port {port} on {address} is in use: choose another with --port")
    env = replica_env(data, secrets.token_hex(32))  # one cookie secret for every replica
    replicas = ReplicaSet(app, count, env, log_dir=log_dir, say=say)
    backends = [haproxy.Backend(r.name, HOST, r.port) for r in replicas.replicas]
    with tempfile.TemporaryDirectory(prefix="pgdash-serve-") as folder:
        config = Path(folder) / "haproxy.cfg"
        config.write_text(haproxy.render_config(backends, address, port, balance), "utf-8")
        haproxy.check_config(binary, config)
        proxy = None
        try:
            replicas.start_all()
            replicas.wait_healthy()
            log = (log_dir / "haproxy.log").open("ab") if log_dir else None
            try:
                proxy = spawn(haproxy.command(binary, config), dict(os.environ), Path(folder), log)
            finally:
                if log is not None:
                    log.close()
            say(f"haproxy pid {proxy.pid} on {address}:{port}")
            local = "127.0.0.1" if address in ("0.0.0.0", "::", "") else address
            url = f"http://{local}:{port}"
            wait_proxy(url, proxy)
            yield Cluster(replicas, proxy, url, config)
        finally:
            stop(proxy, grace=5.0)
            replicas.stop_all()
