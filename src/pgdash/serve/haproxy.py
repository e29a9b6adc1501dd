"""HAProxy in front of the replicas: find the binary, render and check its configuration."""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from string import Template

from pgdash.errors import PgdashError

TEMPLATE = Path(__file__).resolve().parent / "haproxy.cfg.tmpl"
BALANCES = ("leastconn", "roundrobin")
COOKIE = "PGDASH"  # the stickiness cookie HAProxy inserts
REPLICA_HEADER = "X-Pgdash-Replica"  # the response header naming the replica that answered


@dataclass(frozen=True)
class Backend:
    """One app server behind the proxy; ``name`` is also its cookie value."""

    name: str
    host: str
    port: int


def find_haproxy(candidate: str | None = None) -> Path:
    """The haproxy binary: ``candidate``, else on PATH, else /usr/sbin; one-line error if none."""
    for name in (candidate,) if candidate else ("haproxy", "/usr/sbin/haproxy"):
        found = shutil.which(name)
        if found:
            return Path(found)
    raise PgdashError(
        f"haproxy not found ({candidate or 'haproxy'}): install Debian's haproxy "
        "(apt-get install haproxy)"
    )


def render_config(
    backends: list[Backend],
    bind_host: str,
    bind_port: int,
    balance: str = "leastconn",
    check_interval: str = "2s",
) -> str:
    """The HAProxy configuration for ``backends`` behind ``bind_host:bind_port``."""
    if not backends:
        raise PgdashError("no replicas to put behind HAProxy: --replicas must be at least 1")
    if balance not in BALANCES:
        raise PgdashError(f"unknown balance {balance!r}: use one of {', '.join(BALANCES)}")
    servers = "\n".join(f"    server {b.name} {b.host}:{b.port} cookie {b.name}" for b in backends)
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        replica_count=len(backends),
        bind_host=bind_host,
        bind_port=bind_port,
        balance=balance,
        check_interval=check_interval,
        servers=servers,
    )


def check_config(binary: Path, config: Path) -> None:
    """Run ``haproxy -c``; a one-line error with HAProxy's first complaint if it fails."""
    done = subprocess.run(
        [str(binary), "-c", "-f", str(config)], capture_output=True, text=True, timeout=30
    )
    if done.returncode != 0:
        lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        first = next((line for line in lines if "[ALERT]" in line), lines[0] if lines else "")
        first = re.sub(r"^\[ALERT\]\s*\(\d+\)\s*:\s*", "", first.strip())
        raise PgdashError(f"{config}: HAProxy rejects the configuration: {first}")


def command(binary: Path, config: Path) -> list[str]:
    """HAProxy in the foreground (``-db``), so the supervisor owns the process."""
    return [str(binary), "-db", "-f", str(config)]
