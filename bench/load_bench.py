"""Load benchmark: many concurrent sessions at the protocol level against one app server.

Each session opens the websocket as a browser tab does, loads a page, reruns it with a sector
change, and so on through its steps; all sessions start together and stay connected until the
last one is done, so the server holds every session at once. The server's CPU time and
resident memory are sampled from /proc before, during and after.
"""

import asyncio
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bench.server import ProcessSample, cpu_percent, sample
from bench.ws_client import RunResult, StreamlitSession, string_widget

MB = 2**20


@dataclass(frozen=True)
class Step:
    """One script run of a session: a page load, or a rerun after a change.

    ``widget`` is ``(label, option)``: pick ``option`` in the selectbox or radio labelled
    ``label`` on the page the previous step loaded, as a click would.
    """

    name: str
    page: str
    query: str = ""
    widget: tuple[str, str] | None = None


@dataclass
class LoadRun:
    """Everything the sessions measured."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    completed: int = 0


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


async def run_steps(session: StreamlitSession, steps: Sequence[Step], out: LoadRun) -> bool:
    """Run a session's steps in order; record times; ``False`` at the first failure."""
    previous: RunResult | None = None
    for step in steps:
        widgets = []
        if step.widget:
            if previous is None:
                raise ValueError(f"step {step.name} changes a widget before any page loaded")
            widgets = [widget_state(previous, *step.widget)]
        result = await session.run(page_name=step.page, query_string=step.query, widgets=widgets)
        if not result.ok:
            out.errors.append(f"{step.name}: status {result.status} {result.exceptions[:1]}")
            return False
        out.times.setdefault(step.name, []).append(result.seconds)
        previous = result
    return True


async def one_session(
    url: str, steps: Sequence[Step], out: LoadRun, release: asyncio.Event, timeout: float
) -> None:
    """A browser tab: connect, run the steps, stay connected until released."""
    try:
        async with StreamlitSession(url, timeout=timeout) as session:
            if await run_steps(session, steps, out):
                out.completed += 1
            await release.wait()
    except Exception as exc:  # every failure of a session is a finding, not a crash
        out.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")


async def _sampler(pid: int, samples: list[ProcessSample], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(sample(pid))
        await asyncio.sleep(0.25)


async def _idle(pid: int, seconds: float) -> tuple[ProcessSample, ProcessSample]:
    first = sample(pid)
    await asyncio.sleep(seconds)
    return first, sample(pid)


async def load(
    url: str,
    pid: int,
    steps: Sequence[Step],
    sessions: int,
    timeout: float = 300.0,
    on_progress: Callable[[str], None] = lambda _: None,
) -> dict:
    """Run ``sessions`` concurrent sessions through ``steps``; the measurements as a dict."""
    alone = LoadRun()
    for _ in range(2):  # the first fills the server's caches; the second is a session alone
        alone = LoadRun()
        async with StreamlitSession(url, timeout=timeout) as session:
            await run_steps(session, steps, alone)
        if alone.errors:
            raise RuntimeError(f"a single session fails already: {alone.errors[0]}")
    await asyncio.sleep(1.0)
    idle_start, idle_end = await _idle(pid, 2.0)
    on_progress(f"load: {sessions} sessions × {len(steps)} runs")

    client_cpu = time.process_time()
    out, release, stop = LoadRun(), asyncio.Event(), asyncio.Event()
    samples: list[ProcessSample] = [idle_end]
    sampler = asyncio.create_task(_sampler(pid, samples, stop))
    started = time.monotonic()
    tasks = [
        asyncio.create_task(one_session(url, steps, out, release, timeout)) for _ in range(sessions)
    ]
    while sum(len(v) for v in out.times.values()) + len(out.errors) < sessions * len(steps):
        if all(t.done() for t in tasks) or time.monotonic() - started > timeout:
            break
        if out.completed + len(out.errors) >= sessions:
            break
        await asyncio.sleep(0.1)
    busy_end = sample(pid)
    wall = time.monotonic() - started
    client_cpu = time.process_time() - client_cpu
    release.set()
    await asyncio.gather(*tasks)
    stop.set()
    await sampler
    await asyncio.sleep(3.0)  # let the server drop the sessions
    after = sample(pid)

    peak = max(s.rss_bytes for s in samples)
    all_times = [t for v in out.times.values() for t in v]
    return {
        "sessions": sessions,
        "runs_per_session": len(steps),
        "steps": [step.__dict__ for step in steps],
        "completed_without_error": out.completed,
        "errors": out.errors[:10],
        "error_count": len(out.errors),
        "wall_s": wall,
        "run_s": {
            name: {
                "n": len(v),
                "p50": percentile(v, 50),
                "p95": percentile(v, 95),
                "max": max(v),
            }
            for name, v in out.times.items()
        },
        "all_runs_s": {
            "n": len(all_times),
            "p50": percentile(all_times, 50),
            "p95": percentile(all_times, 95),
            "mean": statistics.fmean(all_times) if all_times else None,
        },
        "single_session_run_s": {k: v[0] for k, v in alone.times.items()},
        "server": {
            "before": {
                "rss_mb": idle_end.rss_bytes / MB,
                "cpu_percent": cpu_percent(idle_start, idle_end),
            },
            "during": {"peak_rss_mb": peak / MB, "cpu_percent": cpu_percent(idle_end, busy_end)},
            "after": {"rss_mb": after.rss_bytes / MB},
            "mb_per_session": (peak - idle_end.rss_bytes) / MB / sessions,
        },
        # The client shares the machine: its CPU time while the sessions ran.
        "client_cpu_percent": 100.0 * client_cpu / wall if wall > 0 else None,
    }
