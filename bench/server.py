"""Start a Streamlit server in a subprocess, wait until it is healthy, stop it; read its load."""

import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pgdash.paths import ROOT
from pgdash.serve.replicas import free_port
from pgdash.serve.replicas import streamlit_command as replica_command

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def streamlit_command(script: Path, port: int) -> list[str]:
    """The replicas' quiet, headless ``streamlit run`` command, logging warnings only."""
    return [*replica_command(script, port), "--logger.level=warning"]


@dataclass
class Server:
    """A running Streamlit server."""

    process: subprocess.Popen
    url: str
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


def wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    """Block until ``/_stcore/health`` answers ``ok``, or fail with the server's exit."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"server at {url} not healthy after {timeout:.0f} s")


@contextmanager
def serve(
    script: Path,
    log: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    cwd: Path = ROOT,
) -> Iterator[Server]:
    """Run ``script`` with ``streamlit run`` for the duration of the ``with`` block.

    The server starts in ``cwd`` (the project root by default), so every app is served
    with the project's ``.streamlit/config.toml``.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            streamlit_command(script, port),
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            cwd=cwd,
        )
        try:
            wait_healthy(url, process, timeout)
            yield Server(process, url, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass(frozen=True)
class ProcessSample:
    """CPU time and resident memory of one process at one moment."""

    at: float  # time.monotonic()
    cpu_seconds: float  # user + system
    rss_bytes: int


def sample(pid: int) -> ProcessSample:
    """Read a process's CPU time and RSS from /proc."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(stat[11]) + int(stat[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)
    rss_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return ProcessSample(time.monotonic(), cpu, rss_pages * PAGE_BYTES)


def cpu_percent(before: ProcessSample, after: ProcessSample) -> float:
    """Average CPU use between two samples, in percent of one core."""
    wall = after.at - before.at
    return 100.0 * (after.cpu_seconds - before.cpu_seconds) / wall if wall > 0 else 0.0
