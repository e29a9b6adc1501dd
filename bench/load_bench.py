"""Load benchmark: many concurrent sessions at the protocol level against app servers.

Each session opens the websocket as a browser tab does, loads a page, reruns it, and so on
through its steps; all sessions start together and stay connected until the last one is
done, so the servers hold every session at once. The servers' CPU time and resident memory
are sampled from /proc before, during and after. Behind ``pgdash serve``'s HAProxy the
sessions keep their cookies (``sticky``) and, when their replica dies, reconnect as the
frontend does (``reconnect``); which replica each session was on is recorded.
"""

import asyncio
import contextlib
import gc
import math
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field

import websockets

from bench.server import ProcessSample, cpu_percent, sample
from bench.ws_client import RunResult, StreamlitSession, string_widget

MB = 2**20
# What a dropped websocket looks like to the client: the frontend reconnects on these.
DROPPED = (websockets.ConnectionClosed, ConnectionError, OSError)


@dataclass(frozen=True)
class Step:
    """One script run of a session: a page load, or a rerun after a change.

    ``widget`` is ``(label, option)``: pick ``option`` in the selectbox or radio labelled
    ``label`` on the page the previous step loaded, as a click would. ``pause`` is the time
    the person looks at the page before this step.
    """

    name: str
    page: str
    query: str = ""
    widget: tuple[str, str] | None = None
    pause: float = 0.0


@dataclass
class SessionRecord:
    """One session's story: where it started and ended, reconnects, its error if any."""

    first_replica: str = ""
    last_replica: str = ""
    reconnects: int = 0
    completed: bool = False
    error: str = ""


@dataclass
class LoadRun:
    """Everything the sessions measured."""

    times: dict[str, list[float]] = field(default_factory=dict)
    bytes: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    completed: int = 0
    runs: int = 0
    sessions: list[SessionRecord] = field(default_factory=list)


def percentile(values: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile with linear interpolation (``None`` for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def widget_state(previous: RunResult, label: str, option: str):
    """The state of the selectbox or radio labelled ``label`` set to ``option``."""
    for kind in ("selectbox", "radio"):
        for widget in previous.widgets(kind):
            if widget.label == label:
                if option not in widget.options:
                    raise ValueError(f"{label!r} has no option {option!r}: {list(widget.options)}")
                return string_widget(widget.id, option)
    raise ValueError(f"no selectbox or radio labelled {label!r} on the page")


async def _run_step(
    session: StreamlitSession,
    step: Step,
    previous: RunResult | None,
    record: SessionRecord,
    reconnect: bool,
) -> RunResult:
    widgets = []
    if step.widget:
        if previous is None:
            raise ValueError(f"step {step.name} changes a widget before any page loaded")
        widgets = [widget_state(previous, *step.widget)]
    try:
        return await session.run(page_name=step.page, query_string=step.query, widgets=widgets)
    except DROPPED:
        if not reconnect:
            raise
    # The websocket dropped (its replica died): reconnect as the frontend does, run again.
    record.reconnects += 1
    await session.reconnect()
    record.last_replica = session.replica
    return await session.run(page_name=step.page, query_string=step.query, widgets=widgets)


async def run_steps(
    session: StreamlitSession,
    steps: Sequence[Step],
    out: LoadRun,
    record: SessionRecord | None = None,
    reconnect: bool = False,
) -> bool:
    """Run a session's steps in order; record times; ``False`` at the first failure."""
    record = record or SessionRecord()
    previous: RunResult | None = None
    for step in steps:
        if step.pause:
            await asyncio.sleep(step.pause)
        result = await _run_step(session, step, previous, record, reconnect)
        if not result.ok:
            record.error = f"{step.name}: status {result.status} {result.exceptions[:1]}"
            out.errors.append(record.error)
            return False
        out.times.setdefault(step.name, []).append(result.seconds)
        out.bytes.setdefault(step.name, []).append(result.received_bytes)
        out.runs += 1
        previous = result
    return True


async def one_session(
    url: str,
    steps: Sequence[Step],
    out: LoadRun,
    release: asyncio.Event,
    timeout: float,
    sticky: bool = False,
    reconnect: bool = False,
) -> None:
    """A browser tab: connect, run the steps, stay connected until released."""
    record = SessionRecord()
    out.sessions.append(record)
    try:
        async with StreamlitSession(url, timeout=timeout, sticky=sticky) as session:
            record.first_replica = record.last_replica = session.replica
            if await run_steps(session, steps, out, record, reconnect):
                out.completed += 1
                record.completed = True
            await release.wait()
    except Exception as exc:  # every failure of a session is a finding, not a crash
        record.error = f"{type(exc).__name__}: {str(exc)[:200]}"
        out.errors.append(record.error)


def sample_all(pids: Sequence[int]) -> ProcessSample:
    """CPU time and RSS of several processes, summed (processes that vanished count 0)."""
    cpu, rss = 0.0, 0
    for pid in pids:
        try:
            one = sample(pid)
        except (OSError, IndexError):
            continue
        cpu, rss = cpu + one.cpu_seconds, rss + one.rss_bytes
    return ProcessSample(time.monotonic(), cpu, rss)


async def _sampler(
    pids: Callable[[], Sequence[int]], samples: list[ProcessSample], stop: asyncio.Event
) -> None:
    while not stop.is_set():
        samples.append(sample_all(pids()))
        await asyncio.sleep(0.25)


def _stats(values: Sequence[float]) -> dict:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else None,
    }


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No full collection of the client's own objects while the sessions run: it would
    stop every session the client holds at once (50–60 ms each, a few a wave); it runs
    before the wave instead."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def warm_up(url: str, steps: Sequence[Step], timeout: float, sticky: bool) -> LoadRun:
    """Two sessions alone, one after the other: the first fills the caches, the second counts."""
    alone = LoadRun()
    for _ in range(2):
        alone = LoadRun()
        async with StreamlitSession(url, timeout=timeout, sticky=sticky) as session:
            await run_steps(session, steps, alone)
        if alone.errors:
            raise RuntimeError(f"a single session fails already: {alone.errors[0]}")
    return alone


async def load(
    url: str,
    pids: int | Callable[[], Sequence[int]],
    steps: Sequence[Step],
    sessions: int,
    timeout: float = 300.0,
    on_progress: Callable[[str], None] = lambda _: None,
    sticky: bool = False,
    reconnect: bool = False,
    during: Callable[[LoadRun], Awaitable[dict]] | None = None,
) -> dict:
    """Run ``sessions`` concurrent sessions through ``steps``; the measurements as a dict.

    ``pids`` are the server processes whose CPU and memory are sampled (one pid, or a
    function that lists them now). ``during`` runs beside the sessions (e.g. kills a
    replica) and its dict lands under ``"during"``.
    """
    list_pids = (lambda: [pids]) if isinstance(pids, int) else pids
    alone = await warm_up(url, steps, timeout, sticky)
    await asyncio.sleep(0.5)
    idle_start = sample_all(list_pids())
    await asyncio.sleep(1.0)
    idle_end = sample_all(list_pids())
    on_progress(f"load: {sessions} sessions × {len(steps)} runs")

    with collector_paused():
        client_cpu = time.process_time()
        out, release, stop = LoadRun(), asyncio.Event(), asyncio.Event()
        samples: list[ProcessSample] = [idle_end]
        sampler = asyncio.create_task(_sampler(list_pids, samples, stop))
        side = asyncio.create_task(during(out)) if during else None
        started = time.monotonic()
        tasks = [
            asyncio.create_task(one_session(url, steps, out, release, timeout, sticky, reconnect))
            for _ in range(sessions)
        ]
        while out.completed + len(out.errors) < sessions:
            if all(t.done() for t in tasks) or time.monotonic() - started > timeout:
                break
            await asyncio.sleep(0.05)
        busy_end = sample_all(list_pids())
        wall = time.monotonic() - started
        client_cpu = time.process_time() - client_cpu
        release.set()
        await asyncio.gather(*tasks)
        side_result = await side if side else None
        stop.set()
        await sampler
        await asyncio.sleep(2.0)  # let the servers drop the sessions
        after = sample_all(list_pids())

        peak = max(s.rss_bytes for s in samples)
        all_times = [t for v in out.times.values() for t in v]
        result = {
            "sessions": sessions,
            "runs_per_session": len(steps),
            "steps": [step.__dict__ for step in steps],
            "completed_without_error": out.completed,
            "errors": out.errors[:10],
            "error_count": len(out.errors),
            "wall_s": wall,
            "runs_per_s": out.runs / wall if wall > 0 else None,
            "run_s": {name: _stats(v) for name, v in out.times.items()},
            "all_runs_s": {
                **_stats(all_times),
                "mean": statistics.fmean(all_times) if all_times else None,
            },
            "single_session_run_s": {k: v[0] for k, v in alone.times.items()},
            "bytes_per_run": {k: v[0] for k, v in alone.bytes.items()},
            "servers": len(list_pids()),
            "server": {
                "before": {
                    "rss_mb": idle_end.rss_bytes / MB,
                    "cpu_percent": cpu_percent(idle_start, idle_end),
                },
                "during": {
                    "peak_rss_mb": peak / MB,
                    "cpu_percent": cpu_percent(idle_end, busy_end),
                },
                "after": {"rss_mb": after.rss_bytes / MB},
                "mb_per_session": (peak - idle_end.rss_bytes) / MB / sessions,
            },
            # The client shares the machine: its CPU time while the sessions ran.
            "client_cpu_percent": 100.0 * client_cpu / wall if wall > 0 else None,
        }
        if sticky:
            result["sessions_by_replica"] = _count(r.first_replica for r in out.sessions)
        if side_result is not None:
            result["during"] = side_result
        result["session_records"] = out.sessions
        return result


def _count(names) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))
