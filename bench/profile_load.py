"""Profile the app server under load: py-spy on the server while many sessions open a page.

``python -m bench.profile_load --page overview --sessions 50 --rounds 3`` starts the app
server, warms it, then records it with py-spy (``--gil``: only the thread holding the GIL,
i.e. where the one core of CPU goes) while ``rounds`` waves of ``sessions`` sessions open
the page and rerun it once. Writes the folded stacks and a flame graph to
``bench/results/tmp/`` (not committed) and prints where the time went, by category and by
function, in milliseconds of server CPU per script run.
"""

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.load_bench import load
from bench.replicas_bench import open_and_rerun
from bench.run import app_paths, page_path
from bench.server import sample, serve
from pgdash.paths import SERVER, seeds_dir
from pgdash.pipeline.write.build import build

OUT = Path(__file__).resolve().parent / "results" / "tmp"
# Categories in priority order: a stack counts for the first one with a matching frame
# anywhere in it, so the shares add up to 100 % and nested costs land where they are caused.
CATEGORIES = (
    ("post-script gc.collect(2) (runner.postScriptGC)", r"ScriptRunner\._on_script_finished"),
    ("st.cache_data copies: load_dataset (unpickled per call)", r"load_dataset.*read_result"),
    ("st.cache_data copies: per_build views (unpickled per call)", r"_memo|per_build.*read_result"),
    ("st.cache_data copies: other", r"read_result"),
    ("st.cache_data: hashing the arguments", r"hashing\.py"),
    ("protobuf: ForwardMsg serialisation", r"SerializeToString|serialize_forward_msg"),
    ("pydeck / map JSON", r"pydeck|deck_gl"),
    ("dataframe elements (arrow serialisation)", r"elements[/\\]arrow|dataframe_util"),
    ("st.html / markdown elements (marshalling)", r"elements[/\\](html|markdown)\.py"),
    (
        "page code: HTML building (pgdash.display fragments and cards)",
        r"pgdash[/\\]display[/\\](fragments|cards|scorecard)",
    ),
    ("page code: queries and views (pandas per run)", r"pgdash[/\\]"),
    ("sidebar widgets", r"widgets[/\\]|register_widget"),
    ("navigation (st.navigation, st.Page)", r"navigation[/\\]"),
    ("app and page scripts (other)", r"\(app\.py|\((overview|map|targets|sources)\.py"),
    ("Streamlit script runner", r"script_runner|exec_code"),
    ("event loop: websocket, sessions, message queue", r"asyncio|uvicorn|starlette|app_session"),
)


def categorize(stack: str) -> str:
    """The category of one folded stack (frames joined by ``;``)."""
    for name, pattern in CATEGORIES:
        if re.search(pattern, stack):
            return name
    return "other"


def read_folded(path: Path) -> Counter:
    """Folded stacks (``frame;frame count`` per line) as a counter."""
    stacks: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[stack] += int(count)
    return stacks


def self_time(stacks: Counter) -> Counter:
    """Samples by innermost frame (function and file)."""
    leaves: Counter = Counter()
    for stack, n in stacks.items():
        leaves[re.sub(r":\d+\)$", ")", stack.split(";")[-1])] += n
    return leaves


def inclusive(stacks: Counter, pattern: str) -> int:
    """Samples with a frame matching ``pattern`` anywhere in the stack."""
    rx = re.compile(pattern)
    return sum(n for stack, n in stacks.items() if rx.search(stack))


APP_FRAME = re.compile(r"pgdash[/\\]|\(app\.py|\((overview|map|targets|sources)\.py")


def by_app_call(stacks: Counter) -> Counter:
    """Samples by the deepest frame of the app's own code and the call it made there
    (``page_header (components.py:35) -> st.title``): which line of pgdash pays."""
    calls: Counter = Counter()
    for stack, n in stacks.items():
        frames = stack.split(";")
        mine = [i for i, frame in enumerate(frames) if APP_FRAME.search(frame)]
        if not mine:
            continue
        here = re.sub(r" \(.*[/\\]", " (", frames[mine[-1]])
        callee = frames[mine[-1] + 1].split(" (")[0] if mine[-1] + 1 < len(frames) else "self"
        calls[f"{here} -> {callee}"] += n
    return calls


def report(stacks: Counter, ms_per_run: float, top: int = 25) -> str:
    """Where the CPU went, in % of samples and ms of server CPU per script run."""
    total = sum(stacks.values())
    by_category: Counter = Counter()
    for stack, n in stacks.items():
        by_category[categorize(stack)] += n
    lines = [f"{total} samples; server CPU {ms_per_run:.0f} ms per script run", ""]
    lines.append("| category (deepest match) | share | ms per run |")
    lines.append("|---|---|---|")
    for name, n in by_category.most_common():
        lines.append(f"| {name} | {100 * n / total:.1f}% | {ms_per_run * n / total:.1f} |")
    lines += ["", "| the app's line, and what it called | share | ms per run |", "|---|---|---|"]
    for name, n in by_app_call(stacks).most_common(top):
        lines.append(f"| `{name}` | {100 * n / total:.1f}% | {ms_per_run * n / total:.1f} |")
    lines += ["", "| function (self time) | share | ms per run |", "|---|---|---|"]
    for name, n in self_time(stacks).most_common(top):
        lines.append(f"| `{name}` | {100 * n / total:.1f}% | {ms_per_run * n / total:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_load", description=__doc__)
    parser.add_argument("--page", default="overview")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second")
    parser.add_argument(
        "--no-post-script-gc",
        action="store_true",
        help="serve with runner.postScriptGC=false (no full gc.collect() after every run)",
    )
    args = parser.parse_args(argv)
    env = {"PGDASH_DATA": ""}
    if args.no_post_script_gc:
        env["STREAMLIT_RUNNER_POST_SCRIPT_GC"] = "false"
    label = args.page + ("-no-gc" if args.no_post_script_gc else "")
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pgdash-profile-") as tmp:
        data = Path(tmp) / "data"
        build(seeds_dir(), data)
        env["PGDASH_DATA"] = str(data)
        with serve(SERVER, Path(tmp) / "server.log", env) as app:
            path = page_path(asyncio.run(app_paths(app.url)), args.page)
            steps = open_and_rerun(path, args.page)
            asyncio.run(load(app.url, app.pid, steps, 5))  # warm: caches filled
            folded = OUT / f"profile-{label}.folded"
            options = ["--gil", "--rate", str(args.rate), "--format", "raw", "--nonblocking"]
            recorder = subprocess.Popen(
                [py_spy, "record", "--pid", str(app.pid), *options, "--output", str(folded)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)
            before, runs = sample(app.pid), 0
            for i in range(args.rounds):
                print(f"round {i + 1}: {args.sessions} sessions", file=sys.stderr, flush=True)
                result = asyncio.run(load(app.url, app.pid, steps, args.sessions))
                runs += sum(v["n"] for v in result["run_s"].values()) + 2 * len(steps)
            after = sample(app.pid)
            recorder.send_signal(2)  # SIGINT: py-spy writes its output and exits
            recorder.wait(timeout=60)
    ms_per_run = 1000 * (after.cpu_seconds - before.cpu_seconds) / runs
    text = report(read_folded(folded), ms_per_run)
    (OUT / f"profile-{label}.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
