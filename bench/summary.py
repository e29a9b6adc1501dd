"""The benchmark's markdown summary, from the JSON files in ``bench/results/``."""

import json
from pathlib import Path

from bench.frame import FRAME

TARGETS = {
    "build_s": 1.0,
    "page_ratio": 1.5,
    "sector_change_s": 0.100,
    "mb_per_session": 10.0,
}


def _read(folder: Path, name: str) -> dict | None:
    path = folder / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f} ms"


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
    browser = _read(folder, "pages_browser")
    if browser:
        pages = {k: v for k, v in browser["interleaved"]["pages"].items() if k != FRAME}
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
    if load:
        n = load["sessions"]
        done = load["completed_without_error"]
        mb = load["server"]["mb_per_session"]
        rows.append(
            f"| {n} concurrent sessions (protocol level), completed without error "
            f"| {done}/{n} | {n}/{n} | {_mark(done == n)} |"
        )
        rows.append(
            f"| server memory per session | {mb:.1f} MB | < {TARGETS['mb_per_session']:.0f} MB "
            f"| {_mark(mb < TARGETS['mb_per_session'])} |"
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
    frame = browser.get(FRAME)
    if frame:
        rows.append(
            "| the app's frame alone (sidebar, navigation, CSS) around the hello-world page "
            f"| | | | {frame['median_s']:.2f} s ({frame['ratio']:.2f}×) |"
        )
    return rows


def load_rows(folder: Path) -> list[str]:
    """The load test's run times and server load."""
    load = _read(folder, "load")
    if not load:
        return []
    server = load["server"]
    alone = load["single_session_run_s"]
    rows = [
        f"| {name} | {_ms(v['p50'])} | {_ms(v['p95'])} | {_ms(alone.get(name))} |"
        for name, v in load["run_s"].items()
    ]
    rows.append(
        f"| server: CPU {server['before']['cpu_percent']:.0f}% → "
        f"{server['during']['cpu_percent']:.0f}% of a core; RSS "
        f"{server['before']['rss_mb']:.0f} MB → peak {server['during']['peak_rss_mb']:.0f} MB "
        f"→ {server['after']['rss_mb']:.0f} MB after; the load client itself "
        f"{load.get('client_cpu_percent') or 0:.0f}% of a core | | | |"
    )
    return rows


def summary_table(folder: Path) -> str:
    """The markdown summary of every result present in ``folder``."""
    env = _read(folder, "environment") or {}
    out = [
        f"Measured {env.get('when', '?')} at commit {env.get('commit', '?')} on "
        f"{env.get('cpus', '?')} CPUs (load average at start "
        f"{', '.join(f'{x:.1f}' for x in env.get('load_average_at_start', []))}), "
        f"Python {env.get('python', '?')}, Streamlit {env.get('streamlit', '?')}.",
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
        out += [
            "",
            "| load step (all sessions at once) | p50 | p95 | one session alone |",
            "|---|---|---|---|",
            *load,
        ]
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
