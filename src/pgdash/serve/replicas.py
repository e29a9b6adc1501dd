"""The app server processes: start ``streamlit run`` on the server entry (pgdash.web.asgi) on
loopback ports, watch, restart."""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pgdash.errors import PgdashError

HOST = "127.0.0.1"  # replicas listen on loopback only; HAProxy is the one public door
PR_SET_PDEATHSIG = 1
STOP_GRACE_S = 10.0
# Loopback requests never go through an HTTP proxy from the environment.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
QUICK_FAILURE_S = 30.0  # a replica that dies sooner than this after starting backs off
MAX_RESTART_GAP_S = 60.0


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def streamlit_command(app: Path, port: int) -> list[str]:
    """``streamlit run`` as a quiet, headless replica on ``127.0.0.1:port``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless=true",
        f"--server.port={port}",
        f"--server.address={HOST}",
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
        "--browser.gatherUsageStats=false",
    ]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to send SIGTERM to the child when the supervisor dies, even by SIGKILL."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(command: list[str], env: dict[str, str], cwd: Path, log: IO | None) -> subprocess.Popen:
    """Start a child in its own process group (Ctrl-C reaches only the supervisor)."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
        start_new_session=True,
        preexec_fn=_die_with_parent,  # spawn from the main thread only (fork safety)
    )


def stop(process: subprocess.Popen | None, grace: float = STOP_GRACE_S) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds; always reaps the process."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def is_healthy(port: int, timeout: float = 2.0) -> bool:
    """Whether Streamlit on ``port`` answers ``/_stcore/health`` with ``ok``."""
    try:
        with DIRECT.open(f"http://{HOST}:{port}/_stcore/health", timeout=timeout) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except OSError:
        return False


@dataclass
class Replica:
    """One app server: its name (HAProxy's server and cookie value), port and process."""

    name: str
    port: int
    process: subprocess.Popen | None = None
    restarts: int = 0
    quick_failures: int = 0  # deaths in a row within QUICK_FAILURE_S of a start
    started_at: float = 0.0
    died_at: float | None = None  # when the supervisor first saw the process gone

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class ReplicaSet:
    """N Streamlit replicas of ``app``, each restarted when it dies."""

    app: Path
    count: int
    env: dict[str, str]
    log_dir: Path | None = None  # one log file per replica; None: the supervisor's terminal
    say: Callable[[str], None] = print
    replicas: list[Replica] = field(default_factory=list)
    min_restart_gap_s: float = 1.0  # after a quick failure; doubled for each one in a row
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if self.count < 1:
            raise PgdashError(f"--replicas {self.count}: need at least 1 replica")
        self.replicas = [Replica(f"r{i + 1}", free_port()) for i in range(self.count)]

    def _log(self, replica: Replica) -> IO | None:
        if self.log_dir is None:
            return None
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return (self.log_dir / f"{replica.name}.log").open("ab")

    def start(self, replica: Replica) -> None:
        """Start (or restart) one replica on its port."""
        log = self._log(replica)
        try:
            replica.process = spawn(
                streamlit_command(self.app, replica.port), self.env, self.app.parent, log
            )
        finally:
            if log is not None:
                log.close()  # the child holds its own descriptor
        replica.started_at = self.clock()
        self.say(f"replica {replica.name} pid {replica.pid} on {HOST}:{replica.port}")

    def start_all(self) -> None:
        for replica in self.replicas:
            self.start(replica)

    def wait_healthy(self, timeout: float = 90.0) -> None:
        """Block until every replica answers its health check; a one-line error otherwise."""
        deadline = time.monotonic() + timeout
        pending = list(self.replicas)
        while pending:
            for replica in list(pending):
                if not replica.alive():
                    code = replica.process.returncode if replica.process else None
                    raise PgdashError(
                        f"replica {replica.name} exited with status {code} while starting: "
                        "run `pgdash run` to see the app's error"
                    )
                if is_healthy(replica.port):
                    pending.remove(replica)
            if pending and time.monotonic() > deadline:
                names = ", ".join(r.name for r in pending)
                raise PgdashError(f"replicas {names} not healthy after {timeout:.0f} s")
            if pending:
                time.sleep(0.25)

    def restart_gap(self, replica: Replica) -> float:
        """How long a dead replica waits before it is started again."""
        if replica.quick_failures == 0:
            return 0.0
        return min(self.min_restart_gap_s * 2 ** (replica.quick_failures - 1), MAX_RESTART_GAP_S)

    def restart_dead(self) -> list[Replica]:
        """Restart every replica whose process has ended; the ones restarted.

        A replica that keeps dying soon after it starts (a broken app, no memory) is
        restarted less and less often, so it cannot take the machine's CPU in a loop.
        """
        restarted = []
        now = self.clock()
        for replica in self.replicas:
            if replica.alive():
                continue
            if replica.died_at is None:  # first seen dead: how long did it live?
                replica.died_at = now
                quick = now - replica.started_at < QUICK_FAILURE_S
                replica.quick_failures = replica.quick_failures + 1 if quick else 0
            if now - replica.died_at < self.restart_gap(replica):
                continue
            code = replica.process.returncode if replica.process else None
            self.say(f"replica {replica.name} exited with status {code}: restarting")
            replica.restarts += 1
            replica.died_at = None
            self.start(replica)
            restarted.append(replica)
        return restarted

    def pids(self) -> list[int]:
        return [r.pid for r in self.replicas if r.alive() and r.pid is not None]

    def stop_all(self) -> None:
        """Stop every replica: SIGTERM to all at once, then wait for each."""
        for replica in self.replicas:
            if replica.alive():
                replica.process.send_signal(signal.SIGTERM)
        for replica in self.replicas:
            stop(replica.process)


def replica_env(data: Path, cookie_secret: str, base: dict[str, str] | None = None) -> dict:
    """The replicas' environment: the built data, and one cookie secret shared by all."""
    env = dict(os.environ if base is None else base)
    env["PGDASH_DATA"] = str(data.resolve())  # the replicas run in the app's folder
    env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret
    return env
