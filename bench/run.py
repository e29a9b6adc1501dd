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
from pathlib import Path

import streamlit

from bench import browser_bench, build_bench, load_bench, pages_bench
from bench.frame import FRAME, frame_app
from bench.load_bench import Step
from bench.server import serve
from bench.summary import summary_table
from bench.ws_client import StreamlitSession
from pgdash.display.i18n import sector_name, t
from pgdash.paths import ROOT, seeds_dir
from pgdash.pipeline.write.build import build

RESULTS = Path(__file__).resolve().parent / "results"
HELLO = Path(__file__).resolve().parent / "hello.py"
APP = ROOT / "app.py"
PARTS = ("build", "pages", "browser", "load")
LOAD_PAGES = ("overview", "map")


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


def load_steps(paths: list[str]) -> list[Step]:
    """Each load page opened, then rerun after a click on another sector."""
    label = t("sector_filter", "zh")
    steps = []
    for i, name in enumerate(LOAD_PAGES):
        path = next(p for p in paths if name in p) if name != "overview" else paths[0]
        sector = sector_name(pages_bench.FILTER_SECTORS[i], "zh")
        steps.append(Step(f"{name} open", path))
        steps.append(Step(f"{name} sector change", path, widget=(label, sector)))
    return steps


def run_browser(data: Path, runs: int, log: Callable[[str], None]) -> dict:
    env = {"PGDASH_DATA": str(data)}
    logs = Path(tempfile.gettempdir())
    with (
        tempfile.TemporaryDirectory(prefix="pgdash-bench-frame-") as folder,
        serve(APP, logs / "pgdash-bench-app.log", env) as app,
        serve(HELLO, logs / "pgdash-bench-hello.log") as hello,
        serve(frame_app(Path(folder), APP, HELLO), logs / "pgdash-bench-frame.log", env) as frame,
    ):
        paths = asyncio.run(app_paths(app.url))
        urls = {path or "/": f"{app.url}/{path}" for path in paths} | {FRAME: f"{frame.url}/"}
        pages = asyncio.run(browser_bench.interleaved(urls, hello.url, runs, log))
        log("browser: five tabs at once")
        tabs = asyncio.run(browser_bench.concurrent(app.url, paths[0], 5))
    return {"interleaved": pages, "five_tabs": tabs}


def run_load(data: Path, sessions: int, log: Callable[[str], None]) -> dict:
    env = {"PGDASH_DATA": str(data)}
    with serve(APP, Path(tempfile.gettempdir()) / "pgdash-bench-load.log", env) as app:
        steps = load_steps(asyncio.run(app_paths(app.url)))
        return asyncio.run(load_bench.load(app.url, app.pid, steps, sessions, on_progress=log))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts: {', '.join(PARTS)}")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (median)")
    parser.add_argument("--sessions", type=int, default=50, help="concurrent load sessions")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    if set(PARTS) <= set(parts):  # a full run: no figure of an earlier run may remain
        for stale in RESULTS.glob("*.json"):
            stale.unlink()
    write("environment", environment())
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-") as tmp:
        data = Path(tmp) / "data"
        build(seeds_dir(), data)
        if "build" in parts:
            log("build: 1×, 10×, 50× the seed text")
            write("build", build_bench.run())
        if "pages" in parts:
            write("pages_server", pages_bench.measure(data, args.runs, log))
        if "browser" in parts:
            if browser_bench.chromium_available():
                write("pages_browser", run_browser(data, args.runs, log))
            else:
                log(f"browser: skipped, {browser_bench.CHROMIUM} is not installed")
        if "load" in parts:
            write("load", run_load(data, args.sessions, log))
    table = summary_table(RESULTS)
    (RESULTS / "summary.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
