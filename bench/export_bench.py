"""Export benchmark: ``python -m pgdash export`` of the PPTX deck and the PDF handout.

Every export runs in a fresh subprocess, as a user's command would: its wall time and the
CPU time of the process (user + system, so a busy machine shows in wall time but not in
CPU time). Reported apart: the first export with an empty cache (it draws the chart
images and cuts the font subsets); the first export right after ``pgdash build``, whose
background warm-up fills the cache; exports of unchanged inputs (read back without
loading the tables); and exports that build their slides from the tables (a new day, a
ledger change) with the files in the cache. The two formats' runs are interleaved.
"""

import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pgdash.paths import ROOT

FORMATS = ("pptx", "pdf")
TARGETS_S = {"pptx": 3.0, "pdf": 2.0}  # the deck and the handout, wall, on a quiet machine


def export_once(fmt: str, data: Path, out: Path, cache: Path) -> dict:
    """One ``pgdash export`` in a subprocess: wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "pgdash", "export", "--format", fmt]
    command += ["--data", str(data), "--seeds", str(ROOT / "seeds")]
    subprocess.run(
        [*command, "--out", str(out / f"briefing.{fmt}")],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**_env(), "PGDASH_CACHE": str(cache)},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu}


def _env() -> dict[str, str]:
    src = str(ROOT / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([src, str(ROOT)])}


def _forget_inputs(cache: Path) -> None:
    """Drop the notes of :mod:`pgdash.export.quick`: the next export builds its slides from
    the tables (as on a new day or after a ledger change) and reads the written file from
    the cache."""
    for note in cache.glob("export-*.json"):
        note.unlink()


def settle_warm_ups(cache: Path, limit: float = 30.0) -> None:
    """Wait (at most ``limit`` seconds) for the warm-ups holding a lock in ``cache`` to end,
    then stop what is left (a large corpus's deck), so none runs beside the next measurement."""
    deadline = time.monotonic() + limit
    while list(cache.glob("warming-*.pid")) and time.monotonic() < deadline:
        time.sleep(0.1)
    for lock in cache.glob("warming-*.pid"):
        try:
            os.kill(int(lock.read_text(encoding="ascii").split()[0]), signal.SIGKILL)
        except (OSError, ValueError, IndexError):
            continue


def build_then_export(fmt: str, out: Path) -> dict:
    """``pgdash build`` of the seeds into a fresh folder with a fresh cache (which starts the
    background warm-ups as it begins), then at once the export: what a user waits for
    after a build."""
    data, cache = out / f"fresh-{fmt}", out / f"fresh-cache-{fmt}"
    command = [sys.executable, "-m", "pgdash", "build", "--seeds", str(ROOT / "seeds")]
    subprocess.run(
        [*command, "--data", str(data)],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**_env(), "PGDASH_CACHE": str(cache), "PGDASH_WARM": "1"},
    )
    timed = export_once(fmt, data, out, cache)
    settle_warm_ups(cache, limit=120)  # let the warm-ups finish before the next measurement
    return timed


def run(data: Path, repeats: int = 5) -> dict:
    """Each format, the two interleaved: the first export with an empty cache; the first
    export right after ``pgdash build`` (the warm-up running or done); the median of
    ``repeats`` exports of unchanged inputs (read back by :mod:`pgdash.export.quick`); and
    the median of ``repeats`` exports that build their slides from the tables, the files
    in the cache."""
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-export-") as tmp:
        out, cache = Path(tmp), Path(tmp) / "cache"
        first = {fmt: export_once(fmt, data, out, cache) for fmt in FORMATS}
        after_build = {fmt: build_then_export(fmt, out) for fmt in FORMATS}
        repeated: dict[str, list] = {fmt: [] for fmt in FORMATS}
        full: dict[str, list] = {fmt: [] for fmt in FORMATS}
        for _ in range(repeats):
            for fmt in FORMATS:
                repeated[fmt].append(export_once(fmt, data, out, cache))
            _forget_inputs(cache)  # once: each full export notes its own inputs again
            for fmt in FORMATS:
                full[fmt].append(export_once(fmt, data, out, cache))
        for fmt in FORMATS:
            runs = repeated[fmt]
            results[fmt] = {
                "first": first[fmt],
                "after_build": after_build[fmt],
                "runs": runs,
                "wall_s": statistics.median(r["wall_s"] for r in runs),
                "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                "full_runs": full[fmt],
                "full_wall_s": statistics.median(r["wall_s"] for r in full[fmt]),
                "full_cpu_s": statistics.median(r["cpu_s"] for r in full[fmt]),
                "load_average": os.getloadavg(),
                "target_s": TARGETS_S[fmt],
            }
    return results
