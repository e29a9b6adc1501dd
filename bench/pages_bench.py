"""Pages, server side: each page's script run time under ``AppTest``.

For every page: the first run (it loads the tables into the cache), warm runs on the full
data, and reruns after a change of the sidebar's sector filter, as a click does. Times are
wall times of ``AppTest.run()``, which executes the page script in-process.
"""

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.apptest import APP, app_test, run
from pgdash.schema import REBUILD

SECTOR_KEY = "sector"
# Sectors the filter is switched through; each rerun goes to the next one.
FILTER_SECTORS = ("logistics", "agritech", "leisure", "economy", "ecology")


def page_scripts(app: Path = APP) -> list[str]:
    """The page scripts, relative to the app's folder (``pages/*.py``)."""
    return sorted(str(p.relative_to(app.parent)) for p in (app.parent / "pages").glob("*.py"))


def _timed_run(at: AppTest) -> float:
    started = time.perf_counter()
    run(at)
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].message}")
    if any(code.value == REBUILD for code in at.code):
        raise RuntimeError("the page shows the rebuild page: the data does not load")
    return elapsed


def measure_page(page: str, runs: int, data: Path) -> dict:
    """First, warm and sector-filter run times of one page."""
    at = app_test(data, page)
    first = _timed_run(at)
    warm = [_timed_run(at) for _ in range(runs)]
    filtered = []
    for i in range(runs):
        at.pills(key=SECTOR_KEY).set_value(FILTER_SECTORS[i % len(FILTER_SECTORS)])
        filtered.append(_timed_run(at))
    return {
        "first_run_s": first,
        "full_data_median_s": statistics.median(warm),
        "sector_change_median_s": statistics.median(filtered),
        "sector_change_max_s": max(filtered),
        "runs": runs,
    }


def measure(data: Path, runs: int = 5, on_progress: Callable[[str], None] = lambda _: None) -> dict:
    """Every page's run times."""
    pages = {}
    for page in page_scripts():
        on_progress(f"pages (AppTest): {page}")
        pages[page] = measure_page(page, runs, data)
    return {"pages": pages}
