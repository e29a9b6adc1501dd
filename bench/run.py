"""Run the whole benchmark: ``.venv/bin/python -m bench.run`` (a few minutes on 2 cores).

Writes ``bench/results/<part>.json`` for each part and ``bench/results/summary.md``, the
table the README shows, which is also printed. ``--only build,pages`` runs some parts.
"""

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import streamlit

from bench import (
    browser_bench,
    build_bench,
    export_bench,
    load_bench,
    pages_bench,
    replicas_bench,
)
from bench.floor import FLOOR, FLOOR_PAGE, element_floors, floor_app
from bench.frame import FRAME, frame_app
from bench.server import serve
from bench.summary import summary_table
from bench.ws_client import StreamlitSession
from pgdash.paths import ROOT, SERVER, seeds_dir
from pgdash.pipeline.write.build import build
from pgdash.supervision import ledger

RESULTS = Path(__file__).resolve().parent / "results"
HELLO = Path(__file__).resolve().parent / "hello.py"
APP = ROOT / "app.py"
PARTS = ("build", "export", "pages", "browser", "load", "replicas")
# Pages opened and rerun by every session at once, each right after the hello-world page.
LOAD_PAGES = ("overview", "map", "targets", "sources")


def environment() -> dict:
    """Where and when the figures were taken."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "commit": commit,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
    }


def write(name: str, result: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


async def app_paths(url: str) -> list[str]:
    """The URL paths of the app's pages, as its navigation announces them."""
    async with StreamlitSession(url) as session:
        result = await session.run()
        if not result.ok:
            raise RuntimeError(f"the app's first page fails: {result.exceptions}")
        return [p.url_pathname for p in session.pages]


def page_path(paths: list[str], name: str) -> str:
    """The URL path of a page ("" for the overview, the default page at the root)."""
    return paths[0] if name == "overview" else next(p for p in paths if name in p)


def run_browser(data: Path, runs: int, log: Callable[[str], None]) -> dict:
    env = {"PGDASH_DATA": str(data)}
    logs = Path(tempfile.gettempdir())
    with (
        tempfile.TemporaryDirectory(prefix="pgdash-bench-frame-") as folder,
        tempfile.TemporaryDirectory(prefix="pgdash-bench-floor-") as floor_dir,
        serve(SERVER, logs / "pgdash-bench-app.log", env) as app,
        serve(HELLO, logs / "pgdash-bench-hello.log") as hello,
        serve(frame_app(Path(folder), APP, HELLO), logs / "pgdash-bench-frame.log", env) as frame,
    ):
        paths = asyncio.run(app_paths(app.url))
        floor_path = floor_app(Path(floor_dir), HELLO, len(paths))
        with ExitStack() as elements:
            floor = elements.enter_context(serve(floor_path, logs / "pgdash-bench-floor.log"))
            urls = {path or "/": f"{app.url}/{path}" for path in paths} | {
                FRAME: f"{frame.url}/",
                FLOOR: f"{floor.url}/",
                FLOOR_PAGE: f"{floor.url}/p1",
            }
            for name, script in element_floors(Path(floor_dir), HELLO).items():
                server = elements.enter_context(serve(script, logs / f"{script.stem}.log"))
                urls[name] = f"{server.url}/"
            pages = asyncio.run(browser_bench.interleaved(urls, hello.url, runs, log))
        log("browser: five tabs at once")
        tabs = asyncio.run(browser_bench.concurrent(app.url, paths[0], 5))
    return {"interleaved": pages, "five_tabs": tabs}


def run_load(data: Path, sessions: int, rounds: int, log: Callable[[str], None]) -> dict:
    """Each load page against the hello-world page, both under ``sessions`` at once.

    Servers run side by side: the app, the hello-world page, the app's frame around the
    hello-world page (``frame``) and a bare Streamlit app of the same shape (``floor``, see
    ``bench/floor.py``). Before each page the same number of sessions opens and reruns the
    hello-world page, so every page has its own baseline seconds apart, on the same machine
    state. This goes ``rounds`` times; the round with the median p95 ratio is reported.
    """
    env = {"PGDASH_DATA": str(data)}
    logs = Path(tempfile.gettempdir())
    measured: dict[str, list[dict]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="pgdash-bench-frame-") as frame_dir,
        tempfile.TemporaryDirectory(prefix="pgdash-bench-floor-") as floor_dir,
        serve(SERVER, logs / "pgdash-bench-load.log", env) as app,
        serve(HELLO, logs / "pgdash-bench-load-hello.log") as hello,
    ):
        paths = asyncio.run(app_paths(app.url))
        frame_path = frame_app(Path(frame_dir), APP, HELLO)
        floor_path = floor_app(Path(floor_dir), HELLO, len(paths))
        with (
            serve(frame_path, logs / "pgdash-bench-frame.log", env) as frame,
            serve(floor_path, logs / "pgdash-bench-floor.log") as floor,
        ):
            targets = {name: (app, page_path(paths, name)) for name in LOAD_PAGES}
            targets |= {FRAME: (frame, ""), FLOOR: (floor, "")}
            for round_ in range(rounds):
                for name, (server, path) in targets.items():
                    log(f"load, round {round_ + 1}/{rounds}: hello-world, then {name}")
                    pair = _against_hello(hello, server, path, name, sessions)
                    measured.setdefault(name, []).append(pair)
    return {
        "sessions": sessions,
        "rounds": rounds,
        "pages": {name: _median_round(pairs) for name, pairs in measured.items()},
    }


def _against_hello(hello, server, path: str, name: str, sessions: int) -> dict:
    """The hello-world page under ``sessions`` at once, then the page ``path`` of ``server``."""
    base = asyncio.run(
        load_bench.load(hello.url, hello.pid, replicas_bench.open_and_rerun("", "hello"), sessions)
    )
    steps = replicas_bench.open_and_rerun(path, name)
    page = asyncio.run(load_bench.load(server.url, server.pid, steps, sessions))
    for result in (base, page):
        result.pop("session_records")
    return {"hello": base, "page": page}


def _ratio(pair: dict, stat: str) -> float:
    return pair["page"]["all_runs_s"][stat] / pair["hello"]["all_runs_s"][stat]


def _median_round(pairs: list[dict]) -> dict:
    """The round with the median p95 ratio, with every round's ratio beside it."""
    ordered = sorted(pairs, key=lambda pair: _ratio(pair, "p95"))
    median = ordered[(len(ordered) - 1) // 2]
    return {
        **median,
        "p95_ratio": _ratio(median, "p95"),
        "p50_ratio": _ratio(median, "p50"),
        "p95_ratios": [_ratio(pair, "p95") for pair in pairs],
        "p95s_s": [pair["page"]["all_runs_s"]["p95"] for pair in pairs],  # in round order
    }


def run_replicas(data: Path, sessions: tuple[int, ...], log: Callable[[str], None]) -> dict:
    """Through HAProxy: 1 against 2 replicas, then a replica killed under load."""
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-serve-") as folder:
        logs = Path(folder)
        return {
            "compare": replicas_bench.compare(SERVER, data, logs, (1, 2), sessions, log),
            "kill": replicas_bench.kill_test(SERVER, data, logs, min(sessions), log),
        }


def office_ledger(state: Path, data: Path) -> None:
    """Every server and export of the run uses a 督办 ledger of its own, as an office has one:
    the plan of ``data`` synced into ``state`` (``PGDASH_STATE``), whatever the checkout's
    own state folder holds (the overview then draws its 督办 strip, an export reads it)."""
    os.environ["PGDASH_STATE"] = str(state)
    os.environ.pop("PGDASH_DB_URL", None)
    ledger.sync(ledger.load_plan(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts: {', '.join(PARTS)}")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (median)")
    parser.add_argument("--sessions", type=int, default=50, help="concurrent load sessions")
    parser.add_argument(
        "--load-rounds", type=int, default=5, help="load rounds per page (median ratio)"
    )
    parser.add_argument(
        "--replica-sessions", default="50,200", help="concurrent sessions through HAProxy"
    )
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    if set(PARTS) <= set(parts):  # a full run: no figure of an earlier run may remain
        for stale in RESULTS.glob("*.json"):
            stale.unlink()
    env = environment()
    if set(PARTS) <= set(parts) or not (RESULTS / "environment.json").is_file():
        write("environment", env)
    else:  # a partial run: the other parts' figures keep their own date and commit
        write(f"environment-{'-'.join(parts)}", {**env, "parts": parts})
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-") as tmp:
        data = Path(tmp) / "data"
        build(seeds_dir(), data)
        office_ledger(Path(tmp) / "state", data)
        if "build" in parts:
            log("build: 1×, 10×, 50× the seed text")
            write("build", build_bench.run())
        if "export" in parts:
            log("export: the PPTX deck and the PDF handout, each in a fresh process")
            write("export", export_bench.run(data))
        if "pages" in parts:
            write("pages_server", pages_bench.measure(data, args.runs, log))
        if "browser" in parts:
            if browser_bench.chromium_available():
                write("pages_browser", run_browser(data, args.runs, log))
            else:
                log(f"browser: skipped, {browser_bench.CHROMIUM} is not installed")
        if "load" in parts:
            write("load", run_load(data, args.sessions, args.load_rounds, log))
        if "replicas" in parts:
            counts = tuple(int(n) for n in args.replica_sessions.split(","))
            write("replicas", run_replicas(data, counts, log))
    table = summary_table(RESULTS)
    (RESULTS / "summary.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
