"""Export benchmark: ``python -m pgdash export`` of the PPTX deck and the PDF handout.

Every export runs in a fresh subprocess, as a user's command would: its wall time and the
CPU time of the process (user + system, so a busy machine shows in wall time but not in
CPU time). The first export of a build fills the export cache (chart images, font
subsets) and is reported apart; the median of the following runs is what a user waits
for on every later export.
"""

import os
import resource
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


def run(data: Path, repeats: int = 5) -> dict:
    """Each format: the first export (cache empty) and the median of ``repeats`` more."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-export-") as tmp:
        out, cache = Path(tmp), Path(tmp) / "cache"
        for fmt in FORMATS:
            first = export_once(fmt, data, out, cache)
            runs = [export_once(fmt, data, out, cache) for _ in range(repeats)]
            results[fmt] = {
                "first": first,
                "runs": runs,
                "wall_s": statistics.median(r["wall_s"] for r in runs),
                "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                "target_s": TARGETS_S[fmt],
            }
    return results
