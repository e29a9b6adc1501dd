"""The benchmark's markdown summary, from the JSON files in ``bench/results/``."""

import json
import statistics
from pathlib import Path

from bench.floor import DECK_FLOOR, FLOOR, FLOOR_PAGE, GRID_FLOOR
from bench.frame import FRAME

TARGETS = {
    "build_s": 1.0,
    "reports_s": 5.0,  # 20 reports of several districts
    "page_ratio": 1.6,
    "sector_change_s": 0.100,
    "mb_per_session": 10.0,
}
# Under load, each page's p95 run time against the hello-world page's p95 in the same run.
LOAD_RATIO_TARGETS = {"overview": 1.5, "map": 2.0, "targets": 2.0, "sources": 2.0}
# Measured beside the pages, for reference: what the page's surroundings cost alone.
REFERENCES = {
    FRAME: "the app's frame (sidebar, navigation, CSS) around the hello-world page",
    FLOOR: "a bare Streamlit app of the same shape (8 pages, 2 sidebar widgets, no data)",
}


# Measured beside the pages in the browser: the frame, Streamlit's own price for an app of
# pgdash's shape at its default page and at a page opened by its own address, and what the
# elements the map, the sources page and 督办 cannot do without cost on the hello-world page.
BROWSER_REFERENCES = {
    FRAME: REFERENCES[FRAME],
    FLOOR: f"{REFERENCES[FLOOR]}, its default page",
    FLOOR_PAGE: "the same bare app, a second page opened by its address (Streamlit first "
    "asks that path for its health, gets a 404 and waits: streamlit/streamlit#7074)",
    DECK_FLOOR: "the hello-world page with one pydeck map of one point (Streamlit's deck.gl)",
    GRID_FLOOR: "the hello-world page with one st.dataframe of ten rows (Streamlit's data grid)",
}


def _read(folder: Path, name: str) -> dict | None:
    path = folder / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f} ms"


def _export_mark(slowest: float, after_build: float, target: float) -> str:
    """Met or not, from the tables; and whether the first export right after a build (the
    export cache still filling) is within the target too."""
    if slowest > target:
        return _mark(False)
    return "yes" if after_build <= target else "yes; **not** right after a build"


def target_rows(folder: Path) -> list[str]:
    """One row per target: what was measured, the target, whether it is met."""
    rows = []
    build = _read(folder, "build")
    if build:
        one = build["scales"][0]
        rows.append(
            f"| build of the two documents (`python -m pgdash build`, wall) "
            f"| {one['cli_wall_s']:.2f} s (build itself {one['build_s']:.2f} s, "
            f"peak {one['peak_rss_mb']:.0f} MB) | < {TARGETS['build_s']:.0f} s "
            f"| {_mark(one['cli_wall_s'] < TARGETS['build_s'])} |"
        )
        for scale in build["scales"][1:]:
            rows.append(
                f"| build of {scale['scale']}× the text ({scale['chars'] // 1000}k chars) "
                f"| {scale['build_s']:.2f} s, peak {scale['peak_rss_mb']:.0f} MB | | |"
            )
        line = build["growth"]
        ratio = line["largest_vs_line"]
        rows.append(
            f"| growth: largest corpus against the line through 1× and 10× "
            f"({line['fixed_s']:.2f} s + {line['s_per_million_chars']:.1f} s per million chars) "
            f"| ×{ratio:.2f} | linear (×≈1) | {_mark(ratio < 1.5)} |"
        )
        for count in build.get("reports", []):
            met = count["cli_wall_s"] <= TARGETS["reports_s"]
            rows.append(
                f"| build of {count['documents']} documents of several districts "
                f"({count['chars'] // 1000}k chars; load average {count['load_average']:.1f}) "
                f"| {count['cli_wall_s']:.2f} s wall, {count['cli_cpu_s']:.2f} s CPU "
                f"| ≤ {TARGETS['reports_s']:.0f} s for 20 "
                f"| {_mark(met) if count['documents'] >= 20 else ''} |"
            )
        if "reports_cpu_growth" in build:
            ratio = build["reports_cpu_growth"]["largest_vs_line"]
            rows.append(
                f"| growth: 20 documents against the line through 5 and 10 (CPU) "
                f"| ×{ratio:.2f} | linear (×≈1) | {_mark(ratio < 1.5)} |"
            )
    exports = _read(folder, "export")
    for fmt, what in (("pptx", "PPTX deck"), ("pdf", "PDF handout")):
        one = (exports or {}).get(fmt)
        if one:
            full = one.get("full_wall_s", one["wall_s"])
            slowest = max(one["wall_s"], full)
            after = one.get("after_build", one["first"])["wall_s"]
            rows.append(
                f"| {what} (`python -m pgdash export`, median of {len(one['runs'])}, wall) "
                f"| {one['wall_s']:.2f} s unchanged, {full:.2f} s from the tables "
                f"(CPU {one['cpu_s']:.2f} / {one.get('full_cpu_s', one['cpu_s']):.2f} s); "
                f"right after a build {after:.2f} s, empty cache {one['first']['wall_s']:.2f} s "
                f"| ≤ {one['target_s']:.0f} s | {_export_mark(slowest, after, one['target_s'])} |"
            )
    browser = _read(folder, "pages_browser")
    if browser:
        pages = {
            k: v for k, v in browser["interleaved"]["pages"].items() if k not in BROWSER_REFERENCES
        }
        worst = max(pages, key=lambda p: pages[p]["ratio"])
        ratio = pages[worst]["ratio"]
        rows.append(
            f"| slowest page in Chromium vs hello-world (median of "
            f"{browser['interleaved']['runs']}) | {ratio:.2f}× (`{worst}`) "
            f"| ≤ {TARGETS['page_ratio']}× | {_mark(ratio <= TARGETS['page_ratio'])} |"
        )
    server = _read(folder, "pages_server")
    if server:
        pages = server["pages"]
        worst = max(pages, key=lambda p: pages[p]["sector_change_median_s"])
        seconds = pages[worst]["sector_change_median_s"]
        rows.append(
            f"| slowest sector-filter rerun, server side (AppTest, median) "
            f"| {_ms(seconds)} (`{worst}`) | < {_ms(TARGETS['sector_change_s'])} "
            f"| {_mark(seconds < TARGETS['sector_change_s'])} |"
        )
    load = _read(folder, "load")
    if load and "pages" in load:
        n = load["sessions"]
        for name, result in load["pages"].items():
            target = LOAD_RATIO_TARGETS.get(name)
            cpu = cpu_per_run(result["page"]) / cpu_per_run(result["hello"])
            against_hello = (
                f"{result['p95_ratio']:.2f}× hello-world's, server CPU per run {cpu:.1f}×"
            )
            ratio = against_floor(load["pages"], name)
            if target is None or ratio is None:
                rows.append(f"| {REFERENCES[name]}, against hello-world | {against_hello} | | |")
                continue
            rows.append(
                f"| {name}: p95 run under {n} sessions at once against the bare app's p95 "
                f"(same round, median of rounds) | {ratio:.2f}× ({against_hello}) "
                f"| ≤ {target}× | {_mark(ratio <= target)} |"
            )
        done = sum(r["page"]["completed_without_error"] for r in load["pages"].values())
        total = n * len(load["pages"])
        rows.append(
            f"| {n} concurrent sessions (protocol level) on each of {len(load['pages'])} pages, "
            f"completed without error | {done}/{total} | {total}/{total} | {_mark(done == total)} |"
        )
        mb = load["pages"]["overview"]["page"]["server"]["mb_per_session"]
        rows.append(
            f"| server memory per session (overview) | {mb:.1f} MB "
            f"| < {TARGETS['mb_per_session']:.0f} MB | {_mark(mb < TARGETS['mb_per_session'])} |"
        )
    replicas = _read(folder, "replicas")
    if replicas:
        errors = sum(r["error_count"] for r in replicas["compare"].values())
        counts = sorted({r["sessions"] for r in replicas["compare"].values()})
        rows.append(
            f"| errors through HAProxy, 1 and 2 replicas, {'/'.join(map(str, counts))} "
            f"sessions | {errors} | 0 | {_mark(errors == 0)} |"
        )
        kill = replicas["kill"]["kill"]
        ok = (
            kill["reconnected_and_completed"] == kill["sessions_on_killed_replica"]
            and kill["other_sessions_with_error"] == 0
            and kill["other_sessions_reconnected"] == 0
        )
        rows.append(
            f"| replica killed under load: its sessions reconnected and finished; "
            f"errors elsewhere | {kill['reconnected_and_completed']}/"
            f"{kill['sessions_on_killed_replica']}; {kill['other_sessions_with_error']} "
            f"| all; 0 | {_mark(ok)} |"
        )
    return rows


def page_rows(folder: Path) -> list[str]:
    """One row per page: server run times and the browser ratio."""
    server = (_read(folder, "pages_server") or {}).get("pages", {})
    browser = (_read(folder, "pages_browser") or {}).get("interleaved", {}).get("pages", {})
    rows = []
    for script, times in server.items():
        stem = Path(script).stem
        match = next((b for path, b in browser.items() if path.strip("/") == stem), None)
        if match is None and stem == "overview":
            match = browser.get("/")
        drawn = f"{match['median_s']:.2f} s ({match['ratio']:.2f}×)" if match else "–"
        rows.append(
            f"| `{script}` | {_ms(times['first_run_s'])} | {_ms(times['full_data_median_s'])} "
            f"| {_ms(times['sector_change_median_s'])} | {drawn} |"
        )
    for name, what in BROWSER_REFERENCES.items():
        if reference := browser.get(name):
            drawn = f"{reference['median_s']:.2f} s ({reference['ratio']:.2f}×)"
            rows.append(f"| {what} | | | | {drawn} |")
    return rows


def cpu_per_run(result: dict) -> float:
    """The server's CPU seconds per script run while the sessions ran (robust to a busy
    machine, unlike wall times: other processes' load stretches waits, not CPU seconds)."""
    runs = result["sessions"] * result["runs_per_session"]
    return result["server"]["during"]["cpu_percent"] / 100 * result["wall_s"] / runs


def _kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1000:.0f} KB"


def against_floor(pages: dict, name: str) -> float | None:
    """The median over rounds of the page's p95 over the bare app's p95 in the same round
    (without per-round figures, the reported rounds' p95s); ``None`` without the bare app."""
    if FLOOR not in pages:
        return None
    page, floor = pages[name], pages[FLOOR]
    pairs = list(zip(page.get("p95s_s", []), floor.get("p95s_s", []), strict=False))
    if not pairs:
        return page["page"]["all_runs_s"]["p95"] / floor["page"]["all_runs_s"]["p95"]
    return statistics.median(p / f for p, f in pairs)


def load_rows(folder: Path) -> list[str]:
    """Each page under load against the hello-world page in the same run."""
    load = _read(folder, "load")
    if not load or "pages" not in load:
        return []
    rows = []
    for name, result in load["pages"].items():
        page, hello = result["page"], result["hello"]
        sent = " / ".join(_kb(b) for b in page["bytes_per_run"].values())  # open / rerun
        alone = list(page["single_session_run_s"].values())
        against = against_floor(load["pages"], name)
        rows.append(
            f"| {name} | {_ms(page['all_runs_s']['p50'])} | {_ms(page['all_runs_s']['p95'])} "
            f"| {f'{against:.2f}×' if against else ''} "
            f"| {_ms(hello['all_runs_s']['p50'])} | {_ms(hello['all_runs_s']['p95'])} "
            f"| {result['p50_ratio']:.2f}× | {result['p95_ratio']:.2f}× "
            f"| {_ms(cpu_per_run(page))} | {_ms(cpu_per_run(hello))} "
            f"| {cpu_per_run(page) / cpu_per_run(hello):.1f}× "
            f"| {_ms(alone[0] if alone else None)} | {sent} |"
        )
    hello_sent = next(iter(load["pages"].values()))["hello"]["bytes_per_run"]
    rows.append(
        f"| hello-world page: {_kb(next(iter(hello_sent.values()), None))} per run "
        "| | | | | | | | | | | |"
    )
    return rows


def replica_rows(folder: Path) -> list[str]:
    """Through HAProxy: throughput, run times, errors and memory for 1 and 2 replicas."""
    replicas = _read(folder, "replicas")
    if not replicas:
        return []
    rows = []
    for result in replicas["compare"].values():
        runs = result["all_runs_s"]
        spread = ", ".join(f"{k} {v}" for k, v in result["sessions_by_replica"].items())
        rows.append(
            f"| {result['replicas']} | {result['sessions']} | {result['runs_per_s']:.1f} "
            f"| {_ms(runs['p50'])} | {_ms(runs['p95'])} | {result['error_count']} "
            f"| {result['server']['mb_per_session']:.1f} MB | {_ms(cpu_per_run(result))} "
            f"| {result['server']['during']['cpu_percent']:.0f}% | {spread} |"
        )
    return rows


def kill_line(folder: Path) -> str | None:
    """One sentence on the kill test."""
    replicas = _read(folder, "replicas")
    if not replicas:
        return None
    result = replicas["kill"]
    kill, during = result["kill"], result["during"]
    landed = ", ".join(f"{k} {v}" for k, v in kill["landed_on"].items())
    healthy = during.get("healthy_again_s")
    back = f" after {healthy:.1f} s" if healthy is not None else ""
    return (
        f"Kill test: {result['sessions']} sessions on 2 replicas through HAProxy, each opening "
        f"the overview and rerunning it every second; replica {during['killed']} was killed "
        f"(SIGKILL) after {during['after_runs']} runs. Its {kill['sessions_on_killed_replica']} "
        f"sessions: {kill['reconnected_and_completed']} reconnected and finished (landed on "
        f"{landed}); the other {kill['other_sessions']}: {kill['other_sessions_with_error']} "
        f"errors, {kill['other_sessions_reconnected']} reconnects; "
        f"{result['error_count']} errors in all. `pgdash serve`'s watch restarted the "
        f"replica, healthy again{back}."
    )


def summary_table(folder: Path) -> str:
    """The markdown summary of every result present in ``folder``."""
    env = _read(folder, "environment") or {}
    out = [
        f"Measured {env.get('when', '?')} at commit {env.get('commit', '?')} on "
        f"{env.get('cpus', '?')} CPUs (load average at start "
        f"{', '.join(f'{x:.1f}' for x in env.get('load_average_at_start', []))}), "
        f"Python {env.get('python', '?')}, Streamlit {env.get('streamlit', '?')}.",
        *[
            f"Parts {', '.join(e['parts'])} measured again {e['when']} at commit {e['commit']} "
            f"(load average at start {', '.join(f'{x:.1f}' for x in e['load_average_at_start'])})."
            for e in (
                json.loads(p.read_text(encoding="utf-8"))
                for p in sorted(folder.glob("environment-*.json"))
            )
        ],
        "",
        "| measure | result | target | met |",
        "|---|---|---|---|",
        *target_rows(folder),
    ]
    pages = page_rows(folder)
    if pages:
        out += [
            "",
            "| page | first run (server) | full data (server) | sector change (server) "
            "| drawn in Chromium (× hello-world) |",
            "|---|---|---|---|---|",
            *pages,
        ]
    load = load_rows(folder)
    if load:
        n = (_read(folder, "load") or {}).get("sessions")
        out += [
            "",
            f"{n} sessions at once, each opening the page and rerunning it once; the "
            "hello-world page under the same load right before each page, in the same run "
            "(protocol-level client on the same 2 cores):",
            "",
            "| page | p50 | p95 | p95 × the bare app (median of rounds) | hello p50 | hello p95 "
            "| p50 × hello | p95 × hello | server CPU per run | hello's | × hello "
            "| one session alone | sent per run (open / rerun) |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
            *load,
        ]
    replicas = replica_rows(folder)
    if replicas:
        out += [
            "",
            "Through `pgdash serve`'s HAProxy (sticky cookie kept by every session), each "
            "session opening the overview and rerunning it once:",
            "",
            "| replicas | sessions | runs/s | p50 | p95 | errors | memory per session "
            "| CPU per run | servers' CPU (% of a core) | sessions per replica |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *replicas,
        ]
    kill = kill_line(folder)
    if kill:
        out += ["", kill]
    browser = _read(folder, "pages_browser")
    if browser:
        tabs = browser["five_tabs"]
        out += [
            "",
            f"Five Chromium tabs opening `{tabs['page']}` at once: {tabs['completed']}/"
            f"{tabs['tabs']} drawn, median {tabs['median_s']:.2f} s, slowest "
            f"{tabs['max_s']:.2f} s (one tab alone {tabs['single_tab_s']:.2f} s; on two cores "
            "the browsers, not the server, dominate).",
        ]
    return "\n".join(out) + "\n"
