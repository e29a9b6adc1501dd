"""Build benchmark: ``python -m pgdash build`` on the seeds and on 10× and 50× synthetic
corpora, and on real reports of several districts: 5, 10 and 20 documents.

A synthetic corpus holds the seed documents plus copies of them as further reports (other
districts' reports, say), each with its own file name, doc_id and title, so the build does
the work of a corpus that many times larger. The work plan is read from exactly one work
report, so the copies enter as further articles (``kind = "news_article"``).

The reports corpus is what a user builds: the seeds, then the development corpus's real
reports of other places (``../shared/corpus/`` beside the checkout, else ``tests/corpus/``)
added with ``pgdash add`` one by one, then, past its end, copies of the added reports as
further articles, up to the count.

Every build runs in a fresh subprocess: its wall time, its CPU time (user + system: what
the build costs when the machine is shared), the time of the build itself (without
interpreter start and imports) and its peak resident memory are measured there.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from bench.export_bench import settle_warm_ups
from pgdash.paths import ROOT, seeds_dir
from pgdash.pipeline.read.add import add_document

SCALES = (1, 10, 50)
REPEATS = {1: 5, 10: 3, 50: 1}
REPORT_COUNTS = (5, 10, 20)  # documents in the reports corpus
REPORT_REPEATS = 3
REPORTS_TARGET_S = 5.0  # 20 reports build in at most this (wall, on an idle 2-core machine)


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def write_copy(source_txt: Path, folder: Path, copy_no: int) -> Path:
    """Write copy ``copy_no`` of a seed document (text and metadata) into ``folder``."""
    meta = tomllib.loads(source_txt.with_suffix(".toml").read_text(encoding="utf-8"))
    meta["doc_id"] = f"{meta['doc_id']}c{copy_no:02d}"
    meta["kind"] = "news_article"
    meta["title"] = f"{meta['title']}（第{copy_no}份样本）"
    if meta.get("title_en"):
        meta["title_en"] = f"{meta['title_en']} (sample {copy_no})"
    stem = f"{source_txt.stem}-copy{copy_no:02d}"
    target = folder / f"{stem}.txt"
    shutil.copyfile(source_txt, target)
    lines = [f"{key} = {_toml_string(str(value))}" for key, value in meta.items()]
    (folder / f"{stem}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def make_corpus(scale: int, folder: Path, seeds: Path | None = None) -> Path:
    """A seeds folder holding ``scale`` times the seed text: the seeds and ``scale - 1`` copies."""
    seeds = seeds or seeds_dir()
    shutil.copytree(seeds, folder)
    for source in sorted(seeds.glob("*.txt")):
        for copy_no in range(1, scale):
            write_copy(source, folder, copy_no)
    return folder


def reports_source() -> Path:
    """The development corpus of real reports: ``../shared/corpus`` beside the checkout, or
    the copies in ``tests/corpus`` (``PGDASH_CORPUS`` names another folder)."""
    named = os.environ.get("PGDASH_CORPUS")
    shared = ROOT.parent / "shared" / "corpus"
    return Path(named) if named else shared if shared.is_dir() else ROOT / "tests" / "corpus"


def make_reports(count: int, folder: Path, corpus: Path | None = None) -> Path:
    """A seeds folder of ``count`` documents: the seeds, the corpus's reports added with
    ``pgdash add`` (name order), then copies of the added reports as further articles."""
    shutil.copytree(seeds_dir(), folder)
    own = {p.name for p in folder.glob("*.txt")}
    for path in sorted((corpus or reports_source()).glob("*.txt"))[: max(0, count - len(own))]:
        add_document(path, folder)
    added = sorted(p for p in folder.glob("*.txt") if p.name not in own)
    copy_no = 0
    while added and len(list(folder.glob("*.txt"))) < count:
        copy_no += 1
        for source in added[: count - len(list(folder.glob("*.txt")))]:
            write_copy(source, folder, copy_no)
    return folder


def corpus_chars(folder: Path) -> int:
    """Characters of text in a seeds folder."""
    return sum(len(p.read_text(encoding="utf-8-sig")) for p in folder.glob("*.txt"))


def run_cli_build(seeds: Path, data: Path, timeout: float = 600.0) -> dict:
    """Time ``python -m pgdash build`` in a subprocess, as a user runs it (the export
    warm-ups it starts beside it included); its exit status and peak memory. The warm-ups
    are let finish (or stopped) before the next measurement."""
    command = [sys.executable, "-m", "pgdash", "--seeds", str(seeds), "--data", str(data), "build"]
    cache = data.with_name(f"{data.name}-cache")
    env = {**os.environ, "PGDASH_CACHE": str(cache), "PGDASH_WARM": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            raise TimeoutError(f"build of {seeds} did not finish in {timeout:.0f} s")
        time.sleep(0.005)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"build of {seeds} failed: {stderr.strip()}")
    cpu = usage.ru_utime + usage.ru_stime
    settle_warm_ups(cache)
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": usage.ru_maxrss / 1024}


def run_inprocess_build(seeds: Path, data: Path) -> dict:
    """Time ``build()`` itself in a fresh interpreter (imports excluded)."""
    code = (
        "import json, sys, time\n"
        "t0 = time.perf_counter()\n"
        "from pathlib import Path\n"
        "from pgdash.pipeline.write.build import build\n"
        "t1, c1 = time.perf_counter(), time.process_time()\n"
        "build(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "t2, c2 = time.perf_counter(), time.process_time()\n"
        "print(json.dumps({'import_s': t1 - t0, 'build_s': t2 - t1, 'build_cpu_s': c2 - c1}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(seeds), str(data)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_seeds(seeds: Path, work: Path, name: str, repeats: int) -> dict:
    """Median timings of ``repeats`` builds of the seeds folder ``seeds``."""
    cli, inner = [], []
    for i in range(repeats):
        cli.append(run_cli_build(seeds, work / f"data-{name}-cli{i}"))
        inner.append(run_inprocess_build(seeds, work / f"data-{name}-in{i}"))
    manifest = json.loads((work / f"data-{name}-cli0" / "manifest.json").read_text())
    return {
        "documents": len(list(seeds.glob("*.txt"))),
        "chars": corpus_chars(seeds),
        "runs": repeats,
        "cli_wall_s": statistics.median(r["wall_s"] for r in cli),
        "cli_cpu_s": statistics.median(r["cpu_s"] for r in cli),
        "build_s": statistics.median(r["build_s"] for r in inner),
        "build_cpu_s": statistics.median(r["build_cpu_s"] for r in inner),
        "import_s": statistics.median(r["import_s"] for r in inner),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in cli),
        "load_average": os.getloadavg()[0],  # wall times mean little on a busy machine
        "rows": manifest.get("rows", {}),
    }


def measure_scale(scale: int, work: Path, repeats: int) -> dict:
    """Median timings of ``repeats`` builds of a corpus ``scale`` times the seeds."""
    seeds = make_corpus(scale, work / f"seeds-x{scale}")
    return {"scale": scale, **measure_seeds(seeds, work, f"x{scale}", repeats)}


def measure_reports(count: int, work: Path, repeats: int = REPORT_REPEATS) -> dict:
    """Median timings of ``repeats`` builds of ``count`` documents of several districts."""
    seeds = make_reports(count, work / f"seeds-r{count}")
    return measure_seeds(seeds, work, f"r{count}", repeats)


def growth(results: list[dict]) -> dict:
    """How build time grows with text: the line through the two smallest corpora, checked
    against the largest (``largest_vs_line`` 1.0 is exactly linear, 2.0 twice as slow).

    Needs at least two scales; with two, the largest is on the line by construction.
    """
    small, medium, large = results[0], results[1], results[-1]
    per_char = (medium["build_s"] - small["build_s"]) / (medium["chars"] - small["chars"])
    fixed = small["build_s"] - per_char * small["chars"]
    predicted = fixed + per_char * large["chars"]
    return {
        "fixed_s": fixed,
        "s_per_million_chars": per_char * 1e6,
        "largest_predicted_s": predicted,
        "largest_vs_line": large["build_s"] / predicted if predicted > 0 else None,
    }


def run_reports(counts: tuple[int, ...] = REPORT_COUNTS) -> dict:
    """Builds of real reports of several districts, and how their cost grows."""
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-reports-") as tmp:
        results = [measure_reports(n, Path(tmp)) for n in counts]
    cpu = [{**r, "build_s": r["cli_cpu_s"]} for r in results]  # the line, in CPU seconds
    return {"reports": results, "growth": growth(results), "cpu_growth": growth(cpu)}


def run(scales: tuple[int, ...] = SCALES) -> dict:
    """The whole build benchmark."""
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-build-") as tmp:
        results = [measure_scale(s, Path(tmp), REPEATS.get(s, 1)) for s in scales]
    reports = run_reports()
    return {
        "scales": results,
        "growth": growth(results),
        "reports": reports["reports"],
        "reports_growth": reports["growth"],
        "reports_cpu_growth": reports["cpu_growth"],
    }


if __name__ == "__main__":
    os.chdir(ROOT)
    only_reports = sys.argv[1:] == ["--reports"]  # the reports corpus alone
    print(json.dumps(run_reports() if only_reports else run(), indent=2, ensure_ascii=False))
