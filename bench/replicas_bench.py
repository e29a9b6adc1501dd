"""Through ``pgdash serve``'s HAProxy: 1 against 2 replicas, and a replica killed mid-load.

Every session behaves like a browser behind the proxy: it keeps HAProxy's cookie, so it
stays on one replica, and reconnects as the frontend does when its websocket drops.
"""

import asyncio
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from bench.load_bench import LoadRun, SessionRecord, Step, load
from bench.ws_client import http_get
from pgdash.serve.cluster import Cluster, cluster
from pgdash.serve.replicas import HOST, free_port

KILL_RERUNS = 4  # reruns per session in the kill test, one every KILL_PAUSE_S
KILL_PAUSE_S = 1.0


def open_and_rerun(path: str, name: str = "overview") -> list[Step]:
    """A page opened, then rerun once (as a click on it does)."""
    return [Step(f"{name} open", path), Step(f"{name} rerun", path)]


def _serving(app: Path, data: Path, replicas: int, logs: Path, log: Callable[[str], None]):
    return cluster(
        app, replicas, free_port(), "127.0.0.1", data, log_dir=logs, say=lambda m: log(f"  {m}")
    )


def compare(
    app: Path,
    data: Path,
    logs: Path,
    replica_counts: tuple[int, ...],
    session_counts: tuple[int, ...],
    log: Callable[[str], None],
) -> dict:
    """Open-and-rerun of the overview for each replica count and session count.

    Each combination gets fresh replicas, so its memory per session is not flattered by
    memory an earlier load left in the processes.
    """
    results = {}
    for replicas in replica_counts:
        for sessions in session_counts:
            logs_here = logs / f"{replicas}x{sessions}"
            with _serving(app, data, replicas, logs_here, log) as running:
                log(f"replicas: {replicas} replica(s), {sessions} sessions through HAProxy")
                result = asyncio.run(
                    load(
                        running.url,
                        running.replicas.pids,
                        open_and_rerun(""),
                        sessions,
                        sticky=True,
                        on_progress=log,
                    )
                )
            result.pop("session_records")
            result["replicas"] = replicas
            results[f"{replicas}x{sessions}"] = result
    return results


def _verdict(records: list[SessionRecord], victim: str) -> dict:
    """Who was on the killed replica, where they went, and whether anyone else noticed."""
    moved = [r for r in records if r.first_replica == victim]
    others = [r for r in records if r.first_replica != victim]
    landed: dict[str, int] = {}
    for r in moved:
        landed[r.last_replica] = landed.get(r.last_replica, 0) + 1
    return {
        "sessions_on_killed_replica": len(moved),
        "reconnected": sum(r.reconnects > 0 for r in moved),
        "reconnected_and_completed": sum(r.reconnects > 0 and r.completed for r in moved),
        "landed_on": landed,
        "other_sessions": len(others),
        "other_sessions_completed": sum(r.completed for r in others),
        "other_sessions_with_error": sum(bool(r.error) for r in others),
        "other_sessions_reconnected": sum(r.reconnects > 0 for r in others),
        "errors": [r.error for r in records if r.error][:5],
    }


async def _kill_when_open(running: Cluster, out: LoadRun, sessions: int) -> dict:
    """Once every session has its page, SIGKILL replica r1; then restart it as serve does."""
    deadline = time.monotonic() + 120
    while out.runs < sessions and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    victim = running.replicas.replicas[0]
    pid = victim.pid
    os.kill(pid, signal.SIGKILL)
    killed, runs_before = time.monotonic(), out.runs
    back = None
    while out.completed + len(out.errors) < sessions and time.monotonic() < deadline:
        running.watch_once()  # restarts the dead replica
        if back is None and victim.pid != pid and await _healthy(victim.port):
            back = time.monotonic() - killed
        await asyncio.sleep(0.25)
    return {"killed": victim.name, "pid": pid, "after_runs": runs_before, "healthy_again_s": back}


async def _healthy(port: int) -> bool:
    try:
        answer = await http_get(f"http://{HOST}:{port}/_stcore/health", {}, 2.0)
    except (OSError, TimeoutError):
        return False
    return answer.status == 200


def kill_test(app: Path, data: Path, logs: Path, sessions: int, log: Callable[[str], None]) -> dict:
    """2 replicas; each session opens the overview and reruns it every second; r1 is killed."""
    steps = [
        Step("overview open", ""),
        *[Step(f"overview rerun {i + 1}", "", pause=KILL_PAUSE_S) for i in range(KILL_RERUNS)],
    ]
    with _serving(app, data, 2, logs / "kill", log) as running:
        log(f"kill: 2 replicas, {sessions} sessions, r1 killed once every session has its page")
        result = asyncio.run(
            load(
                running.url,
                running.replicas.pids,
                steps,
                sessions,
                sticky=True,
                reconnect=True,
                on_progress=log,
                during=lambda out: _kill_when_open(running, out, sessions),
            )
        )
    records = result.pop("session_records")
    result["kill"] = _verdict(records, result["during"]["killed"])
    return result
