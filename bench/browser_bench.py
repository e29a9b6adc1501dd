"""Browser benchmark: every page against a hello-world page, interleaved, in real Chromium.

A page counts as shown when the app has finished its run and drawn its content: the
``stApp`` element reports script state ``notRunning`` and connection ``CONNECTED``, no
skeleton placeholder is left, and every chart and map holds its canvas or SVG. The
hello-world page is served the same way (its own ``streamlit run``) and measured in the
same loop, A B A B …, so each page's figure is a ratio to hello-world that survives a
noisy machine.
"""

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable

from playwright.async_api import BrowserContext, async_playwright

from bench.chromium import CHROMIUM, CHROMIUM_ARGS

VIEWPORT = {"width": 1440, "height": 900}

# True once the run has ended and everything it sent is drawn.
APP_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
  for (const chart of document.querySelectorAll(
      '[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]')) {
    if (!chart.querySelector('canvas, svg')) return false;
  }
  for (const map of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
    if (!map.querySelector('canvas')) return false;
  }
  return true;
}"""


async def time_page(context: BrowserContext, url: str, timeout_s: float = 60.0) -> float:
    """Seconds from navigation until the app has run and drawn its content, in a new tab."""
    page = await context.new_page()
    try:
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        await page.wait_for_function(APP_DRAWN, polling="raf", timeout=timeout_s * 1000)
        return time.perf_counter() - started
    finally:
        await page.close()


async def _launch(playwright, profile: str) -> BrowserContext:
    return await playwright.chromium.launch_persistent_context(
        profile,
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport=VIEWPORT,
        locale="zh-CN",
    )


async def interleaved(
    urls: dict[str, str],
    hello_url: str,
    runs: int,
    on_progress: Callable[[str], None] = lambda _: None,
) -> dict:
    """Time every page (name → URL) and hello-world alternately, ``runs`` times; medians
    and ratios, keyed by name."""
    times: dict[str, list[float]] = {name: [] for name in urls}
    hello: dict[str, list[float]] = {name: [] for name in urls}
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-chromium-") as profile:
        async with async_playwright() as playwright:
            context = await _launch(playwright, profile)
            try:
                # Warm the servers' HTTP cache first, as for a returning reader.
                for url in urls.values():
                    await time_page(context, url)
                await time_page(context, hello_url)
                for run in range(runs):
                    on_progress(f"browser: run {run + 1}/{runs}")
                    for name, url in urls.items():
                        hello[name].append(await time_page(context, hello_url))
                        times[name].append(await time_page(context, url))
            finally:
                await context.close()
    pages = {}
    for name in urls:
        page_median = statistics.median(times[name])
        hello_median = statistics.median(hello[name])
        pages[name] = {
            "median_s": page_median,
            "hello_median_s": hello_median,
            "ratio": page_median / hello_median,
            "runs_s": times[name],
            "hello_runs_s": hello[name],
        }
    return {"runs": runs, "pages": pages}


async def concurrent(app_url: str, path: str, tabs: int) -> dict:
    """``tabs`` browser tabs load the same page at once (a sanity check, browser-bound)."""
    with tempfile.TemporaryDirectory(prefix="pgdash-bench-chromium-") as profile:
        async with async_playwright() as playwright:
            context = await _launch(playwright, profile)
            try:
                single = await time_page(context, f"{app_url}/{path}")
                results = await asyncio.gather(
                    *(time_page(context, f"{app_url}/{path}") for _ in range(tabs)),
                    return_exceptions=True,
                )
            finally:
                await context.close()
    ok = [r for r in results if isinstance(r, float)]
    return {
        "tabs": tabs,
        "page": path or "/",
        "completed": len(ok),
        "errors": [f"{type(r).__name__}: {r}" for r in results if not isinstance(r, float)],
        "single_tab_s": single,
        "median_s": statistics.median(ok) if ok else None,
        "max_s": max(ok) if ok else None,
    }


def chromium_available() -> bool:
    """Whether the Debian Chromium the benchmark drives is installed."""
    return CHROMIUM.is_file()
