"""Helpers for end-to-end tests: a Streamlit server on a free port and a Chromium to drive it.

Waiting follows Streamlit's own e2e tests: the app is ready when ``stApp`` reports a
connected session and a finished script run, and no skeleton placeholder is left.
"""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.server import serve
from pgdash.paths import SERVER

ROOT = Path(__file__).resolve().parents[1]
READY = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)


@contextmanager
def streamlit_server(data: Path, timeout: float = 60) -> Iterator[str]:
    """The app as ``pgdash run`` serves it, on localhost against ``data``; yields the base URL.

    The server is always stopped, even when the test fails; its log is kept only while
    it runs.
    """
    env = {"PGDASH_DATA": str(data), "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory(prefix="pgdash-server-") as folder:
        log = Path(folder) / "streamlit.log"
        try:
            with serve(SERVER, log, env=env, timeout=timeout) as server:
                yield server.url
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"streamlit did not start ({exc}):\n{_tail(log)}") from None


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else ""


@contextmanager
def chromium_context(
    playwright, viewport: tuple[int, int] = (1600, 1000), timezone: str | None = None
):
    """A fresh persistent Chromium profile in a temporary folder, removed afterwards (in
    ``timezone``, an IANA name, when given)."""
    profile = tempfile.mkdtemp(prefix="pgdash-chromium-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": viewport[0], "height": viewport[1]},
            locale="zh-CN",
            timezone_id=timezone,
        )
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the script has run, the session is connected and no skeleton is left."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout,
    )
    # A rerun may start right after the first one (query-parameter binding); settle again.
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)


def full_page_screenshot(page, path: Path) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, so the
    viewport is stretched to the content's height first."""
    height = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const side = document.querySelector('[data-testid="stSidebarContent"]');
            return Math.max(main ? main.scrollHeight : 0, side ? side.scrollHeight : 0,
                            window.innerHeight);
        }"""
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(400)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
